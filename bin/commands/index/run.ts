import { createCommandContext } from '../../../src/cli/context.js';
import { openDatabasePool } from '../../../src/engine/db/pool.js';
import { ExitCode, processOutput, runCommand, runCommandJson } from '../../../src/cli/exit.js';
import { cliIo } from '../../../src/cli/io.js';
import { progressFor, silentProgress } from '../../../src/engine/progress.js';
import { UserInputError } from '../../../src/errors.js';
import { formatPostalIndexSummary, runPostalIndex } from '../../../src/postal-index/postal-index.importer.js';
import { withJobLock } from '../../../src/cli/job-lock.js';
import { setExitCode } from '../exit-code.js';

export interface IndexArgs {
  file?: string;
  f?: string;
  json: boolean;
  prune: boolean;
  strict: boolean;
  'dry-run': boolean;
  encoding?: 'cp866' | 'cp1251';
  force: boolean;
  'max-change': number;
}

/** Shared body of `cert index check` and `cert index update`. */
export async function runIndexCommand(args: IndexArgs, apply: boolean): Promise<void> {
  const run = args.json ? runCommandJson : runCommand;
  setExitCode(
    await run(async () => {
      const file = args.file ?? args.f;
      if (!file) throw new UserInputError('Укажите файл справочника: cert index check ФАЙЛ (или -f ФАЙЛ)');
      const maxChange = args['max-change'];
      if (!Number.isFinite(maxChange) || maxChange < 0 || maxChange > 100) {
        throw new UserInputError(`--max-change: доля в процентах от 0 до 100, получено «${maxChange}»`);
      }
      const context = createCommandContext();
      const database = await openDatabasePool(context.config, context.logger, 'cert-index');
      const options = {
        file,
        apply: apply && !args['dry-run'],
        prune: args.prune,
        strict: args.strict,
        encoding: args.encoding,
        force: args.force,
        maxChangeShare: maxChange / 100,
        progress: args.json ? silentProgress : progressFor(cliIo().stderr),
      };
      // an update is cron's job: a second one at the same time exits at once; a check changes nothing and never waits
      const summary = await (
        options.apply ? withJobLock(database.url, 'index-update', () => runPostalIndex(database.pool, options)) : runPostalIndex(database.pool, options)
      ).finally(() => database.close());
      if (args.json) processOutput.out(JSON.stringify(summary));
      else for (const line of formatPostalIndexSummary(summary)) processOutput.out(line);
      return ExitCode.Ok;
    }),
  );
}
