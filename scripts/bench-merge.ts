/**
 * Merging two organizations (issue 26): the merge of a card with 10,000 letters (500 of them linked to both cards),
 * documents, resources and outsourcing into another, and its undo, each one transaction, on the bench registry; then
 * the moved letters' search words made again after the commit (a thousand letters a statement). Three rounds of
 * merge + undo; prints each in ms.
 *
 *   npm run bench:merge [-- --organizations 20000 --letters 10000]
 */
import { runAs } from '../src/engine/db/actor.js';
import { createDataSource } from '../src/engine/db/data-source.js';
import { mergeOrganizations, undoMerge } from '../src/duplicates/organization-merge.service.js';
import { startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const ORGANIZATIONS = argument('--organizations', 20_000);
const LETTERS = argument('--letters', 10_000);

const server = await startBenchServer(`cert_bench_merge_${ORGANIZATIONS}`, 3924, {}, (url) => seedRegistry(url, ORGANIZATIONS));
const dataSource = createDataSource(server.databaseUrl, { applicationName: 'bench-merge' });
await dataSource.initialize();
const actor = { name: 'bench', source: 'cli' as const };
try {
  const [kept, merged] = [2, 3];
  // the merged card: LETTERS letters, the first 500 of them linked to the kept card too
  await dataSource.query(`DELETE FROM organizations_messages WHERE organization_id = ANY($1)`, [[kept, merged]]);
  await dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE id > 300 ORDER BY id LIMIT $2`, [
    merged,
    LETTERS,
  ]);
  await dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE id > 300 ORDER BY id LIMIT 500`, [
    kept,
  ]);
  await dataSource.query(`UPDATE resources SET owner_id = $1 WHERE id <= 20`, [merged]);
  await dataSource.query(`VACUUM ANALYZE organizations_messages`);
  const rows: string[] = [];
  for (let round = 1; round <= 3; round++) {
    let started = performance.now();
    const result = await runAs(actor, () => mergeOrganizations(dataSource, { keptId: kept, mergedId: merged, choices: { contacts: 'joined' } }));
    const mergeMs = performance.now() - started;
    await result.searchRefreshed;
    const mergeSearchMs = performance.now() - started - mergeMs;
    started = performance.now();
    const undone = await runAs(actor, () => undoMerge(dataSource, { mergeId: result.mergeId }));
    const undoMs = performance.now() - started;
    await undone.searchRefreshed;
    const undoSearchMs = performance.now() - started - undoMs;
    rows.push(
      `| ${round} | ${result.moved.letters.length.toLocaleString('ru-RU')} + ${result.moved.lettersLinkedToBoth.length} | ${result.moved.resources.length} | ${mergeMs.toFixed(0)} | ${mergeSearchMs.toFixed(0)} | ${undoMs.toFixed(0)} | ${undoSearchMs.toFixed(0)} |`,
    );
  }
  process.stdout.write(`\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${(ORGANIZATIONS * 3).toLocaleString('ru-RU')} писем; мс\n\n`);
  process.stdout.write(
    '| круг | писем перенесено + уже связанных с обеими | ресурсов | объединение (транзакция) | затем слова поиска писем | отмена (транзакция) | затем слова поиска |\n|---|---|---|---|---|---|---|\n',
  );
  for (const row of rows) process.stdout.write(`${row}\n`);
} finally {
  await dataSource.destroy();
  await server.stop();
}
