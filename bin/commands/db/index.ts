import type { CommandModule } from 'yargs';
import { migrate } from './migrate.js';
import { revert } from './revert.js';

export const db: CommandModule = {
  command: 'db <command>',
  describe: 'База данных: миграции',
  builder: (yargs) => yargs.command([migrate, revert as unknown as CommandModule]).demandCommand(1, 'Укажите команду: migrate или revert'),
  handler: () => undefined,
};
