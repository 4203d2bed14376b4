import yargs from 'yargs';
import { commandLineActor, runAs } from '../src/engine/db/actor.js';
import { runWithIo, type CliIo } from '../src/cli/io.js';
import { commands } from './commands/index.js';

/**
 * One `cert` invocation on the given io (arguments, environment, streams): builds yargs, runs the command and
 * returns the exit code it set. Exit codes: 0 ok, 1 user error, 2 internal. Never exits the process, so the tests
 * run commands in-process; bin/cert.ts runs it on the process's own io.
 * Every write of a command is recorded in the change history as the OS user's, with the command line.
 */
export async function runCli(io: CliIo): Promise<number> {
  return runWithIo(io, () =>
    runAs(commandLineActor(io.argv, io.env), async () => {
      let failed = false;
      await yargs(io.argv)
        .scriptName('cert')
        .locale('ru')
        .command(commands)
        .demandCommand(1, 'Укажите команду (см. cert --help)')
        .strict()
        .exitProcess(false)
        .fail((message, error) => {
          if (error) throw error;
          failed = true;
          io.stderr.write(`${message}\n\nСправка: cert --help\n`);
        })
        .help()
        .parseAsync()
        .catch((error: unknown) => {
          if (!failed) throw error;
        });
      return failed ? 1 : io.exitCode;
    }),
  );
}
