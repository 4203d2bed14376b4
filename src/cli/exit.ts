import { describeDatabaseFailure } from '../engine/db/database-failure.js';
import { cliIo } from './io.js';
import { JobBusyError } from './job-lock.js';
import { AppError, ConfigError, DomainValidationError, UserInputError } from '../errors.js';

/** CLI exit codes: 0 done, 1 user or input error, 2 internal error. */
/** 3: the EGRUL check's guard stopped the run (the service answered as a reloading or broken one), statuses kept. */
/** 4: another run of the same scheduled job is going (src/cli/job-lock.ts); this one did nothing. */
export const ExitCode = { Ok: 0, UserError: 1, InternalError: 2, Guarded: 3, Busy: 4 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The running invocation's standard output and error (the process's own under bin/cert.ts). */
export const processOutput: CliOutput = {
  out: (line) => cliIo().stdout.write(`${line}\n`),
  err: (line) => cliIo().stderr.write(`${line}\n`),
};

/** Runs a command body and maps what it throws to a Russian message and an exit code (never exits itself). */
export async function runCommand(body: () => Promise<ExitCode | void>, output: CliOutput = processOutput): Promise<ExitCode> {
  try {
    return (await body()) ?? ExitCode.Ok;
  } catch (error) {
    if (error instanceof DomainValidationError) {
      for (const message of Object.values(error.fieldErrors)) output.err(`Ошибка: ${message}`);
      return ExitCode.UserError;
    }
    if (error instanceof UserInputError || error instanceof ConfigError) {
      output.err(error.userMessage);
      return ExitCode.UserError;
    }
    if (error instanceof JobBusyError) {
      output.err(error.userMessage);
      return ExitCode.Busy;
    }
    if (error instanceof AppError) {
      output.err(error.userMessage);
      output.err(`(${error.message})`);
      return ExitCode.InternalError;
    }
    const databaseFailure = describeDatabaseFailure(error);
    if (databaseFailure) {
      output.err(databaseFailure);
      return ExitCode.InternalError;
    }
    output.err('Внутренняя ошибка: команда не выполнена.');
    output.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return ExitCode.InternalError;
  }
}

/**
 * runCommand for `--json`: a failure is one JSON object on stdout, `{"error": {"exitCode", "message", "details"}}`
 * (the lines runCommand would print), with the same exit code; nothing in plain text.
 */
export async function runCommandJson(body: () => Promise<ExitCode | void>, output: CliOutput = processOutput): Promise<ExitCode> {
  const lines: string[] = [];
  const code = await runCommand(body, { out: output.out, err: (line) => lines.push(line) });
  if (code !== ExitCode.Ok || lines.length > 0) {
    const [message = '', ...details] = lines;
    output.out(JSON.stringify({ error: { exitCode: code, message: message.replace(/^Ошибка: /, ''), details } }));
  }
  return code;
}
