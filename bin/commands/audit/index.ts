import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { processOutput, runCommand } from '../../../src/cli/exit.js';
import { UserInputError } from '../../../src/errors.js';
import { isIsoDate, ruDate } from '../../../src/domain/form-values.js';
import { todayIn } from '../../../src/domain/organization.js';
import { withJobLock } from '../../../src/cli/job-lock.js';
import { setExitCode } from '../exit-code.js';

interface PruneArgs {
  before: string;
  yes: boolean;
}

/** 'ДД.ММ.ГГГГ' or 'ГГГГ-ММ-ДД' → 'YYYY-MM-DD', or null. */
const isoOf = (text: string): string | null => {
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  const iso = ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : text.trim();
  return isIsoDate(iso) ? iso : null;
};

const prune: CommandModule<object, PruneArgs> = {
  command: 'prune',
  describe: 'Удалить из журнала изменений записи до даты (сама чистка остаётся в журнале)',
  builder: (yargs) =>
    yargs
      .option('before', {
        type: 'string',
        demandOption: 'Укажите --before ДД.ММ.ГГГГ: записи раньше этой даты будут удалены',
        describe: 'дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД): удаляются записи раньше её начала',
      })
      .option('yes', { type: 'boolean', default: false, describe: 'удалить; без него команда только считает, сколько записей будет удалено' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const before = isoOf(String(args.before));
        if (!before) throw new UserInputError(`--before: нужна дата вида ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, получено «${String(args.before).slice(0, 40)}»`);
        const today = todayIn(context.config.timeZone);
        if (before > today) {
          throw new UserInputError(`--before: дата ${ruDate(before)} позже сегодняшней (${ruDate(today)}) — так удалился бы весь журнал. Ничего не удалено.`);
        }
        await withDatabase(context, async ({ dataSource, url }) => {
          const boundary = `(($1::date)::timestamp AT TIME ZONE $2)`;
          if (!args.yes) {
            const [row] = await dataSource.query(`SELECT count(*)::bigint AS n FROM audit_log WHERE at < ${boundary}`, [before, context.config.timeZone]);
            processOutput.out(`Записей журнала до ${ruDate(before)}: ${row.n}. Ничего не удалено; чтобы удалить, повторите с --yes.`);
            return;
          }
          const removed = await withJobLock(url, 'audit-prune', () =>
            dataSource.transaction(async (manager) => {
              const [row] = await manager.query(`SELECT audit_prune(${boundary}) AS n`, [before, context.config.timeZone]);
              return row.n as string;
            }),
          );
          processOutput.out(`Удалено записей журнала до ${ruDate(before)}: ${removed}. Чистка записана в журнал.`);
        });
      }),
    ),
};

export const audit: CommandModule = {
  command: 'audit <command>',
  describe: 'Журнал изменений',
  builder: (yargs) => yargs.command([prune as unknown as CommandModule]).demandCommand(1, 'Укажите команду: prune'),
  handler: () => undefined,
};
