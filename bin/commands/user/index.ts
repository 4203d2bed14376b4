import type { CommandModule } from 'yargs';
import { create } from './create.js';

export const user: CommandModule = {
  command: 'user <command>',
  describe: 'Пользователи панели',
  builder: (yargs) => yargs.command([create as unknown as CommandModule]).demandCommand(1, 'Укажите команду: create'),
  handler: () => undefined,
};
