#!/usr/bin/env node
import 'dotenv/config';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commandLineActor, runAs } from '../src/audit/actor.js';
import { commands } from './commands/index.js';

/**
 * `cert <group> <command>`: loads .env, builds yargs, nothing else. Exit codes: 0 ok, 1 user error, 2 internal.
 * Every write of a command is recorded in the change history as the OS user's, with the command line.
 */
await runAs(commandLineActor(), () => yargs(hideBin(process.argv))
  .scriptName('cert')
  .locale('ru')
  .command(commands)
  .demandCommand(1, 'Укажите команду (см. cert --help)')
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`${message}\n\nСправка: cert --help\n`);
    process.exit(1);
  })
  .help()
  .parseAsync(),
);
