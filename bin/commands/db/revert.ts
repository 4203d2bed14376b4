import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { processOutput, runCommand } from '../../../src/cli/exit.js';
import { setExitCode } from '../exit-code.js';

interface RevertArgs {
  steps: number;
}

export const revert: CommandModule<object, RevertArgs> = {
  command: 'revert',
  describe: 'Откатить последнюю миграцию (или --steps N последних)',
  builder: (yargs) => yargs.option('steps', { type: 'number', default: 1, describe: 'сколько миграций откатить' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        await withDatabase(context, async ({ dataSource }) => {
          for (let i = 0; i < args.steps; i += 1) {
            const [last] = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
            if (!last) {
              processOutput.out('Откатывать нечего: миграции не выполнялись.');
              return;
            }
            await dataSource.undoLastMigration({ transaction: 'each' });
            processOutput.out(`Откачена миграция ${last.name}`);
          }
        });
      }),
    ),
};
