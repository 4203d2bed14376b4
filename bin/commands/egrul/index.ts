import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand, runCommandJson } from '../../../src/cli/exit.js';
import { cliIo } from '../../../src/cli/io.js';
import { progressFor, silentProgress } from '../../../src/engine/progress.js';
import { formatCheckSummary } from '../../../src/egrul/egrul-check.format.js';
import { createEgrulClient } from '../../../src/egrul/egrul-client.js';
import { runEgrulCheck, type CheckScope } from '../../../src/egrul/egrul-check.service.js';
import { UserInputError } from '../../../src/errors.js';
import { withJobLock } from '../../../src/cli/job-lock.js';
import { setExitCode } from '../exit-code.js';

interface CheckArgs {
  all?: boolean;
  stale?: string;
  concurrency: string;
  json: boolean;
}

/** A whole number from min to max as typed (yargs would turn «abc» into NaN and print that), or null. */
const wholeNumber = (text: string | undefined, min: number, max: number): number | null =>
  text !== undefined && /^\d{1,6}$/.test(String(text).trim()) && Number(text) >= min && Number(text) <= max ? Number(text) : null;

const check: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'Сверить организации реестра с ЕГРЮЛ (для cron): статус и различия сохраняются на каждой организации',
  builder: (yargs) =>
    yargs
      .option('all', { type: 'boolean', describe: 'все действующие организации с ИНН (по умолчанию); прерванный запуск продолжается' })
      .option('stale', { type: 'string', describe: 'только не сверявшиеся DAYS дней' })
      .option('concurrency', { type: 'string', default: '4', describe: 'одновременных запросов к сервису ЕГРЮЛ (1–16)' })
      .option('json', { type: 'boolean', default: false, describe: 'итог одним объектом JSON' })
      .conflicts('all', 'stale'),
  handler: async (args) =>
    setExitCode(
      await (args.json ? runCommandJson : runCommand)(async () => {
        const concurrency = wholeNumber(args.concurrency, 1, 16);
        if (concurrency === null) throw new UserInputError(`--concurrency: целое число от 1 до 16, получено «${String(args.concurrency).slice(0, 40)}»`);
        const stale = args.stale === undefined ? undefined : wholeNumber(args.stale, 0, 36500);
        if (stale === null) throw new UserInputError(`--stale: число дней от 0 до 36500, получено «${String(args.stale).slice(0, 40)}»`);
        const scope: CheckScope = stale !== undefined ? { kind: 'stale', days: stale } : { kind: 'all' };
        const context = createCommandContext();
        const client = createEgrulClient(context.config.egrul);
        if (!client.configured) {
          throw new UserInputError('Сервис ЕГРЮЛ не настроен: укажите его адрес в EGRUL_SERVICE_URL (например, http://127.0.0.1:28961/).');
        }
        const summary = await withDatabase(context, ({ dataSource, url }) =>
          withJobLock(url, 'egrul-check', () =>
            runEgrulCheck(dataSource, client, { scope, concurrency, progress: args.json ? silentProgress : progressFor(cliIo().stderr) }),
          ),
        );
        // a stopped run is kept unfinished: the next run of the same scope goes on with those not yet checked
        const code = summary.guarded ? ExitCode.Guarded : summary.stoppedBecause ? ExitCode.InternalError : ExitCode.Ok;
        if (code !== ExitCode.Ok) {
          for (const line of formatCheckSummary(summary)) processOutput.err(line); // --json: as its error object
          return code;
        }
        if (args.json) processOutput.out(JSON.stringify(summary));
        else for (const line of formatCheckSummary(summary)) processOutput.out(line);
        return ExitCode.Ok;
      }),
    ),
};

export const egrul: CommandModule = {
  command: 'egrul <command>',
  describe: 'Сверка реестра с ЕГРЮЛ',
  builder: (yargs) => yargs.command([check as unknown as CommandModule]).demandCommand(1, 'Укажите команду: check'),
  handler: () => undefined,
};
