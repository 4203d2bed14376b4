import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand } from '../../../src/cli/exit.js';
import { setExitCode } from '../exit-code.js';

export const demo: CommandModule = {
  command: 'demo',
  describe: 'Загрузить демонстрационные данные (только в пустую базу)',
  handler: async () =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const { seedDemoDataIfEmpty } = await import('../../../src/app/bootstrap.js');
        const summary = await withDatabase(context, ({ dataSource }) => seedDemoDataIfEmpty(dataSource));
        if (!summary.created) {
          processOutput.err('Демонстрационные данные не загружены: в базе уже есть организации.');
          return ExitCode.UserError;
        }
        processOutput.out(
          `Загружено: организаций ${summary.organizations}, писем ${summary.messages}, ресурсов ${summary.resources}, документов ${summary.documents}`,
        );
        return ExitCode.Ok;
      }),
    ),
};
