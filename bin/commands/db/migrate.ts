import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { processOutput, runCommand } from '../../../src/cli/exit.js';
import { setExitCode } from '../exit-code.js';

export const migrate: CommandModule = {
  command: 'migrate',
  describe: 'Выполнить невыполненные миграции базы данных',
  handler: async () =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const { runMigrations } = await import('../../../src/app/bootstrap.js');
        const applied = await withDatabase(context, (db) => runMigrations(db.dataSource, context.logger));
        processOutput.out(
          applied.length === 0 ? 'Схема актуальна: миграций к выполнению нет.' : `Выполнено миграций: ${applied.length}\n  ${applied.join('\n  ')}`,
        );
      }),
    ),
};
