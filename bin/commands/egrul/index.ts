import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { ExitCode, processOutput, runCommand, runCommandJson } from '../../../src/cli/exit.js';
import { cliIo } from '../../../src/cli/io.js';
import { progressFor, silentProgress } from '../../../src/engine/progress.js';
import { formatCheckSummary } from '../../../src/egrul/egrul-check.format.js';
import { createEgrulClient } from '../../../src/egrul/egrul-client.js';
import { runEgrulCheck, type CheckScope } from '../../../src/egrul/egrul-check.service.js';
import { UserInputError } from '../../../src/errors.js';
import { setExitCode } from '../exit-code.js';

interface CheckArgs {
  all?: boolean;
  stale?: number;
  concurrency: number;
  json: boolean;
}

const check: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'Сверить организации реестра с ЕГРЮЛ (для cron): статус и различия сохраняются на каждой организации',
  builder: (yargs) =>
    yargs
      .option('all', { type: 'boolean', describe: 'все действующие организации с ИНН (по умолчанию); прерванный запуск продолжается' })
      .option('stale', { type: 'number', describe: 'только не сверявшиеся DAYS дней' })
      .option('concurrency', { type: 'number', default: 4, describe: 'одновременных запросов к сервису ЕГРЮЛ (1–16)' })
      .option('json', { type: 'boolean', default: false, describe: 'итог одним объектом JSON' })
      .conflicts('all', 'stale'),
  handler: async (args) =>
    setExitCode(
      await (args.json ? runCommandJson : runCommand)(async () => {
        const concurrency = args.concurrency;
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
          throw new UserInputError(`--concurrency: целое число от 1 до 16, получено «${concurrency}»`);
        }
        if (args.stale !== undefined && (!Number.isInteger(args.stale) || args.stale < 0 || args.stale > 36500)) {
          throw new UserInputError(`--stale: число дней от 0, получено «${args.stale}»`);
        }
        const scope: CheckScope = args.stale !== undefined ? { kind: 'stale', days: args.stale } : { kind: 'all' };
        const context = createCommandContext();
        const client = createEgrulClient(context.config.egrul);
        if (!client.configured) {
          throw new UserInputError('Сервис ЕГРЮЛ не настроен: укажите его адрес в EGRUL_SERVICE_URL (например, http://127.0.0.1:28961/).');
        }
        const summary = await withDatabase(context, ({ dataSource }) =>
          runEgrulCheck(dataSource, client, { scope, concurrency, progress: args.json ? silentProgress : progressFor(cliIo().stderr) }),
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
