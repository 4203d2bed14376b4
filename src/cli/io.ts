import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one `cert` invocation reads and writes: its arguments, environment and standard streams, and the exit code
 * it sets. bin/cert.ts runs with the process's own; a test runs a command in-process with its own streams.
 * Every CLI helper (output, password input, progress, the command context, the history's actor) reads the
 * invocation's io from here, so a command never touches `process` directly.
 */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  exitCode: number;
}

const current = new AsyncLocalStorage<CliIo>();

export const processIo = (): CliIo => ({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  exitCode: 0,
});

let fallback: CliIo | undefined;

/** The running invocation's io (the process's own outside `runWithIo`). */
export function cliIo(): CliIo {
  return current.getStore() ?? (fallback ??= processIo());
}

export const runWithIo = <T>(io: CliIo, body: () => T): T => current.run(io, body);
