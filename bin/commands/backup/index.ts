import { constants, setPriority } from 'node:os';
import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { processOutput, runCommand } from '../../../src/cli/exit.js';
import { UserInputError } from '../../../src/errors.js';
import { setExitCode } from '../exit-code.js';

interface BackupArgs {
  target: string;
  file?: string;
}

interface RestoreArgs {
  file: string;
  force: boolean;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;

/** `cert backup FILE` and `cert backup verify FILE` (src/backup/backup.service.ts). */
export const backup: CommandModule<object, BackupArgs> = {
  command: 'backup <target> [file]',
  describe: 'Резервная копия реестра одним архивом (база и сканы на один момент): cert backup ФАЙЛ; проверить архив: cert backup verify ФАЙЛ',
  builder: (yargs) =>
    yargs
      .positional('target', { type: 'string', demandOption: true, describe: 'файл архива или verify' })
      .positional('file', { type: 'string', describe: 'для verify: файл архива' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const { createBackup, verifyBackup } = await import('../../../src/backup/backup.service.js');
        if (args.target === 'verify') {
          if (!args.file) throw new UserInputError('Укажите архив: cert backup verify ФАЙЛ');
          const manifest = await verifyBackup(args.file);
          const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
          processOutput.out(
            `Архив цел: копия от ${manifest.createdAt}, схема ${manifest.migrations.at(-1) ?? '—'}, таблиц ${Object.keys(manifest.tables).length}, строк ${rows.toLocaleString('ru-RU')}, сканов ${Object.keys(manifest.scans).length}; каждая часть сходится с описью.`,
          );
          return;
        }
        if (args.file) throw new UserInputError(`Лишний аргумент «${args.file}»: cert backup ФАЙЛ или cert backup verify ФАЙЛ`);
        const context = createCommandContext();
        // the panel first: the copy's own work (compression) runs at the lowest CPU priority
        try {
          setPriority(constants.priority.PRIORITY_LOW);
        } catch {
          // not allowed here: the copy runs at the usual priority
        }
        const { createScanStorage } = await import('../../../src/documents/scan-storage.js');
        const storage = createScanStorage(context.config.files.dir, context.config.files.maxUploadBytes);
        const summary = await withDatabase(context, async ({ dataSource, url }) => {
          const made = await createBackup(url, storage, args.target);
          // the scans whose deletion waited for this backup
          const { removeWaitingScans } = await import('../../../src/documents/document.service.js');
          await removeWaitingScans(dataSource, (file) => storage.remove(file));
          return made;
        });
        processOutput.out(
          `Копия записана: ${summary.file} (${megabytes(summary.bytes)}): таблиц ${summary.tables}, строк ${summary.rows.toLocaleString('ru-RU')}, сканов ${summary.scans} (${megabytes(summary.scanBytes)}).`,
        );
      }),
    ),
};

/** `cert restore FILE [--force]`. */
export const restore: CommandModule<object, RestoreArgs> = {
  command: 'restore <file>',
  describe: 'Восстановить реестр из архива cert backup в пустую базу и пустой каталог сканов',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'файл архива' })
      .option('force', { type: 'boolean', default: false, describe: 'заменить непустую базу и каталог сканов' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const { restoreBackup } = await import('../../../src/backup/backup.service.js');
        const { createScanStorage } = await import('../../../src/documents/scan-storage.js');
        const { createMigrationDataSource } = await import('../../../src/engine/db/data-source.js');
        const { connectDatabaseServer } = await import('../../../src/engine/db/database-server.js');
        const { migrations } = await import('../../../migrations/index.js');
        const server = await connectDatabaseServer(context.config, context.logger);
        try {
          const migrate = async (count?: number) => {
            const dataSource = createMigrationDataSource(server.url, { count, statementTimeoutMs: context.config.cliStatementTimeoutMs });
            await dataSource.initialize();
            try {
              await dataSource.runMigrations({ transaction: 'each' });
            } finally {
              await dataSource.destroy();
            }
          };
          const summary = await restoreBackup(args.file, {
            databaseUrl: server.url,
            // the archive's scans are the registry's own: no upload limit for them
            scanFiles: createScanStorage(context.config.files.dir, Number.MAX_SAFE_INTEGER),
            force: args.force,
            knownMigrations: migrations.map((Migration) => new Migration().name ?? Migration.name),
            migrate,
          });
          processOutput.out(
            `Восстановлено из копии от ${summary.manifest.createdAt}: строк ${summary.rows.toLocaleString('ru-RU')} в ${Object.keys(summary.manifest.tables).length} таблицах, сканов ${summary.scans}; число строк каждой таблицы сходится с описью.${summary.newerMigrations ? ` Применено миграций новее копии: ${summary.newerMigrations}.` : ''}`,
          );
        } finally {
          await server.release();
        }
      }),
    ),
};
