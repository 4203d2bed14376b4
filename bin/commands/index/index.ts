import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_MAX_CHANGE_SHARE } from '../../../src/postal-index/postal-index.importer.js';
import { runIndexCommand, type IndexArgs } from './run.js';

const withFile = (yargs: Argv) =>
  yargs
    .positional('file', { type: 'string', describe: 'файл PIndx*.dbf' })
    .option('json', { type: 'boolean', default: false, describe: 'вывести итог одним объектом JSON' })
    .option('strict', { type: 'boolean', default: false, describe: 'несопоставленный регион — ошибка (ничего не записывается)' })
    .option('encoding', { type: 'string', choices: ['cp866', 'cp1251'], describe: 'кодировка файла, если он сознательно не в cp866' })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'применить, даже если изменится больше допустимой доли или регионы в основном не сопоставлены',
    })
    .option('max-change', {
      type: 'number',
      default: DEFAULT_MAX_CHANGE_SHARE * 100,
      describe: 'наибольшая доля справочника в процентах, которую обновление меняет или удаляет без --force',
    });

const check: CommandModule<object, IndexArgs> = {
  command: 'check [file]',
  describe: 'Сравнить файл с базой, ничего не меняя',
  builder: (yargs) => withFile(yargs) as unknown as Argv<IndexArgs>,
  handler: (args) => runIndexCommand(args, false),
};

const update: CommandModule<object, IndexArgs> = {
  command: 'update [file]',
  describe: 'Добавить новые и обновить изменившиеся индексы (одной транзакцией)',
  builder: (yargs) =>
    withFile(yargs)
      .option('prune', { type: 'boolean', default: false, describe: 'удалить индексы, которых нет в файле' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'то же, что check' }) as unknown as Argv<IndexArgs>,
  handler: (args) => runIndexCommand(args, true),
};

export const postalIndex: CommandModule = {
  command: 'index <command>',
  describe: 'Почтовые индексы: справочник Почты России PIndx*.dbf',
  builder: (yargs) =>
    yargs
      .option('f', { alias: 'file-name', type: 'string', describe: 'файл PIndx*.dbf (как в старой команде: cert index -f ФАЙЛ check)' })
      .command([check as unknown as CommandModule, update as unknown as CommandModule])
      .demandCommand(1, 'Укажите команду: check или update'),
  handler: () => undefined,
};
