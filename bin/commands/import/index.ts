import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand, runCommandJson } from '../../../src/cli/exit.js';
import { cliIo } from '../../../src/cli/io.js';
import { todayIn } from '../../../src/domain/organization.js';
import { progressFor, silentProgress } from '../../../src/engine/progress.js';
import { UserInputError } from '../../../src/errors.js';
import { setExitCode } from '../exit-code.js';

interface LegacyArgs {
  from: string;
  files: string;
  'dry-run': boolean;
  report?: string;
  json: boolean;
}

const legacy: CommandModule<object, LegacyArgs> = {
  command: 'legacy',
  describe:
    'Перенести данные и сканы старой системы (cert_ecosystem): организации, письма с цепочками, ресурсы, аутсорсинг, документы. ' +
    'Старая база только читается; повторный запуск переносит лишь новое; отчёт XLSX — по листу на таблицу',
  builder: (y) =>
    y
      .option('from', { type: 'string', demandOption: true, describe: 'адрес базы старой системы: postgresql://пользователь@сервер:5432/база' })
      .option('files', { type: 'string', demandOption: true, describe: 'папка сканов старой системы (organizations/static/organizations)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'всё прочитать и проверить, записать только отчёт' })
      .option('report', { type: 'string', describe: 'файл отчёта XLSX (по умолчанию legacy-import-<дата и время>.xlsx в текущей папке)' })
      .option('json', { type: 'boolean', default: false, describe: 'итог одним объектом JSON' }),
  handler: async (args) =>
    setExitCode(
      await (args.json ? runCommandJson : runCommand)(async () => {
        const context = createCommandContext();
        const filesRoot = path.resolve(String(args.files));
        if (!(await stat(filesRoot).catch(() => null))?.isDirectory()) {
          throw new UserInputError(`--files: папка сканов старой системы не найдена: ${filesRoot}`);
        }
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
        const reportFile = path.resolve(args.report ?? `legacy-import-${stamp}.xlsx`);
        if (!reportFile.endsWith('.xlsx')) throw new UserInputError(`--report: файл отчёта с расширением .xlsx, получено «${reportFile}»`);
        if (await stat(reportFile).catch(() => null)) throw new UserInputError(`--report: файл ${reportFile} уже есть — укажите другой`);

        const { openOldDatabase } = await import('../../../src/legacy/old-database.js');
        const { runLegacyImport } = await import('../../../src/legacy/legacy-import.service.js');
        const { oneLine, summaryLines, writeReportXlsx } = await import('../../../src/legacy/legacy-report.js');
        const { createScanStorage } = await import('../../../src/documents/scan-storage.js');
        const old = await openOldDatabase(String(args.from), context.config.cliStatementTimeoutMs);
        try {
          const storage = createScanStorage(context.config.files.dir, context.config.files.maxUploadBytes);
          const stderr = cliIo().stderr as NodeJS.WritableStream & { isTTY?: boolean };
          const report = await withDatabase(context, ({ dataSource }) =>
            runLegacyImport(dataSource, {
              old,
              filesRoot,
              storage,
              dryRun: args['dry-run'],
              today: todayIn(context.config.timeZone),
              progress: args.json ? silentProgress : progressFor(stderr),
            }),
          );
          await writeReportXlsx(report, reportFile);
          if (args.json) {
            processOutput.out(JSON.stringify({ report: reportFile, ...report, lines: report.lines.length }));
          } else if (stderr.isTTY) {
            for (const line of summaryLines(report)) processOutput.out(line);
            processOutput.out(`Отчёт: ${reportFile}`);
          } else {
            processOutput.out(`${oneLine(report)}; отчёт: ${reportFile}`);
          }
          return report.tables.every((t) => t.oldCount === t.accounted) ? ExitCode.Ok : ExitCode.InternalError;
        } finally {
          await old.close();
        }
      }),
    ),
};

export const importCommand: CommandModule = {
  command: 'import <command>',
  describe: 'Перенос данных из других систем',
  builder: (y) => y.command(legacy as unknown as CommandModule).demandCommand(1, 'Укажите команду: legacy'),
  handler: () => undefined,
};
