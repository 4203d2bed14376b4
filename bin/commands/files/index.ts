import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand } from '../../../src/cli/exit.js';
import { UserInputError } from '../../../src/errors.js';
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
          processOutput.out(
            `Сканов на диске: ${report.scansOnDisk}; в базе данных: ${report.scansInDatabase}; документов со сканом: ${report.documentsWithScan}`,
          );
          processOutput.out(`Файлов без документа: ${report.orphanFiles.length}`);
          for (const file of report.orphanFiles) processOutput.out(`  ${file}`);
          processOutput.out(`Документов без файла (или с другим размером): ${report.missingFiles.length}`);
          for (const m of report.missingFiles) {
            processOutput.out(
              `  документ ${m.documentId} (организация ${m.organizationId}): ${m.filePath} — ${m.problem === 'missing' ? 'скана нет ни на диске, ни в базе' : 'размер не совпадает'}`,
            );
          }
          processOutput.out(problems === 0 ? 'Расхождений нет.' : 'Есть расхождения.');
        }
        return problems === 0 ? ExitCode.Ok : ExitCode.UserError;
      }),
    ),
};

interface MoveArgs {
  to: string;
}

const move: CommandModule<object, MoveArgs> = {
  command: 'move',
  describe: 'Перенести все сканы в базу данных или на диск (по одному, со сверкой SHA-256; можно прервать и продолжить, панель работает)',
  builder: (y) => y.option('to', { type: 'string', demandOption: 'Укажите, куда: --to database или --to disk', describe: 'database или disk' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        if (args.to !== 'database' && args.to !== 'disk') throw new UserInputError(`--to: database или disk, получено «${String(args.to).slice(0, 40)}»`);
        const to = args.to;
        const context = createCommandContext();
        const { moveScans } = await import('../../../src/documents/scan-move.service.js');
        const { createScanStorage } = await import('../../../src/documents/scan-storage.js');
        const storage = createScanStorage(context.config.files.dir, context.config.files.maxUploadBytes, context.config.files.storage);
        const summary = await withDatabase(context, ({ dataSource }) => moveScans(dataSource, storage, to));
        processOutput.out(
          `${to === 'database' ? 'В базу данных' : `На диск (${storage.root})`} перенесено сканов: ${summary.moved}; уже были там: ${summary.alreadyThere}; не перенесено: ${summary.failed.length}.`,
        );
        for (const failure of summary.failed) processOutput.out(`  ${failure.filePath}: ${failure.reason}`);
        if (to !== context.config.files.storage) {
          processOutput.out(
            `Новые сканы сохраняются туда, куда указывает FILES_STORAGE (сейчас ${context.config.files.storage}): поменяйте его на ${to} и перезапустите узлы.`,
          );
        }
        return summary.failed.length === 0 ? ExitCode.Ok : ExitCode.UserError;
      }),
    ),
};

export const files: CommandModule = {
  command: 'files <command>',
  describe: 'Сканы документов организаций',
  builder: (y) => y.command([check as unknown as CommandModule, move as unknown as CommandModule]).demandCommand(1),
  handler: () => undefined,
};
