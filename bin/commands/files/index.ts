import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand } from '../../../src/cli/exit.js';
import { setExitCode } from '../exit-code.js';

interface CheckArgs {
  json: boolean;
}

const check: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'Сверить сканы в FILES_DIR с документами в базе: файлы без документа и документы без файла (код 1, если есть)',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'вывести отчёт одним JSON-объектом' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const { checkFiles } = await import('../../../src/documents/document.service.js');
        const { createScanStorage } = await import('../../../src/documents/scan-storage.js');
        const storage = createScanStorage(context.config.files.dir, context.config.files.maxUploadBytes);
        const report = await withDatabase(context, ({ dataSource }) => checkFiles(dataSource.manager, storage));
        const problems = report.orphanFiles.length + report.missingFiles.length;
        if (args.json) {
          processOutput.out(JSON.stringify({ filesDir: storage.root, ...report }));
        } else {
          processOutput.out(`Каталог сканов: ${storage.root}`);
          processOutput.out(`Сканов на диске: ${report.scansOnDisk}; документов со сканом: ${report.documentsWithScan}`);
          processOutput.out(`Файлов без документа: ${report.orphanFiles.length}`);
          for (const file of report.orphanFiles) processOutput.out(`  ${file}`);
          processOutput.out(`Документов без файла (или с другим размером): ${report.missingFiles.length}`);
          for (const m of report.missingFiles) {
            processOutput.out(
              `  документ ${m.documentId} (организация ${m.organizationId}): ${m.filePath} — ${m.problem === 'missing' ? 'файла нет' : 'размер не совпадает'}`,
            );
          }
          processOutput.out(problems === 0 ? 'Расхождений нет.' : 'Есть расхождения.');
        }
        return problems === 0 ? ExitCode.Ok : ExitCode.UserError;
      }),
    ),
};

export const files: CommandModule = {
  command: 'files <command>',
  describe: 'Сканы документов организаций',
  builder: (y) => y.command(check).demandCommand(1),
  handler: () => undefined,
};
