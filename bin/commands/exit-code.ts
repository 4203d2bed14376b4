import type { ExitCode } from '../../src/cli/exit.js';
import { cliIo } from '../../src/cli/io.js';

/** Handlers set the invocation's exit code; runCli returns it once yargs is done. */
export function setExitCode(code: ExitCode): void {
  cliIo().exitCode = code;
}
