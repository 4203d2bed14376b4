import type { ExitCode } from '../../src/cli/exit.js';

/** Handlers set the exit code; bin/cert.ts exits with it once yargs is done. */
export function setExitCode(code: ExitCode): void {
  process.exitCode = code;
}
