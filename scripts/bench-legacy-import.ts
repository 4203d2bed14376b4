/**
 * Benchmark of `cert import legacy` as an operator runs it once: the compiled CLI, a whole process, over an old
 * database of 100,000 organizations, 300,000 letters (a third of them replies), 10,000 resources and 1,000 scans
 * (60–150 KB each) in the old layout. Prints the time, the process's peak RSS, the registry's size after, the number
 * of history entries the run wrote, and the second run (nothing to do). Not a test.
 *   npm run bench:legacy
 *   BENCH_LEGACY_ORGANIZATIONS=20000 BENCH_LEGACY_LETTERS=60000 npm run bench:legacy
 *   BENCH_DATABASE_URL=postgresql://… npm run bench:legacy
 * Databases cert_bench_legacy_old and cert_bench_legacy on BENCH_DATABASE_URL's server (default: the machine's
 * PostgreSQL at 127.0.0.1:5432, user postgres); the scans in data/bench/legacy-*.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createOldSchema } from '../test/support/legacy-fixture.js';
import { generateOldDatabase } from './legacy-old-db.js';

const size = {
  organizations: Number(process.env.BENCH_LEGACY_ORGANIZATIONS ?? 100_000),
  letters: Number(process.env.BENCH_LEGACY_LETTERS ?? 300_000),
  resources: Number(process.env.BENCH_LEGACY_RESOURCES ?? 10_000),
  scans: Number(process.env.BENCH_LEGACY_SCANS ?? 1_000),
};
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const urlOf = (database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
const oldUrl = urlOf('cert_bench_legacy_old');
const registryUrl = urlOf('cert_bench_legacy');
const oldFiles = path.resolve('data/bench/legacy-old-files');
const filesDir = path.resolve('data/bench/legacy-files');

async function query<T = Record<string, unknown>>(statement: string, on = serverUrl): Promise<T[]> {
  const client = new pg.Client({ connectionString: on });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

function cert(args: string[]): { seconds: number; peakMb: number; output: string } {
  const started = performance.now();
  // as bin/cert runs it: the old generation capped at 192 MB
  const result = spawnSync(process.execPath, ['--max-old-space-size=192', '--import', './scripts/report-peak-rss.mjs', 'dist/bin/cert.js', ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: registryUrl, FILES_DIR: filesDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`cert ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { seconds, peakMb: Number(/@@peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024, output: result.stdout.trim() };
}

if (!existsSync('dist/bin/cert.js')) {
  process.stderr.write('Сначала соберите проект: npm run build\n');
  process.exit(1);
}

// the old database, made by PostgreSQL itself (not a measure of the old service's own load)
for (const name of ['cert_bench_legacy_old', 'cert_bench_legacy']) {
  await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(`CREATE DATABASE ${name}`);
}
rmSync(oldFiles, { recursive: true, force: true });
rmSync(filesDir, { recursive: true, force: true });
let started = performance.now();
const client = new pg.Client({ connectionString: oldUrl });
await client.connect();
await createOldSchema(client);
await generateOldDatabase(client, oldFiles, size);
await client.end();
const oldSize = (await query<{ mb: number }>(`SELECT pg_database_size('cert_bench_legacy_old') / 1048576.0 AS mb`))[0]!.mb;
process.stdout.write(`старая база создана за ${((performance.now() - started) / 1000).toFixed(1)} с, ${Number(oldSize).toFixed(0)} МБ\n`);

cert(['db', 'migrate']);
const emptySize = (await query<{ mb: number }>(`SELECT pg_database_size('cert_bench_legacy') / 1048576.0 AS mb`))[0]!.mb;
const report = (n: number) => path.resolve(`data/bench/legacy-report-${n}.xlsx`);
rmSync(report(1), { force: true });
rmSync(report(2), { force: true });
started = performance.now();
const first = cert(['import', 'legacy', '--from', oldUrl, '--files', oldFiles, '--report', report(1)]);
const second = cert(['import', 'legacy', '--from', oldUrl, '--files', oldFiles, '--report', report(2)]);
const [after] = await query<{ mb: number; history: number; organizations: number; letters: number; links: number; resources: number; scans: number }>(
  `SELECT pg_database_size(current_database()) / 1048576.0 AS mb, (SELECT count(*) FROM audit_log WHERE action = 'bulk')::int AS history,
          (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM messages)::int AS letters,
          (SELECT count(*) FROM organizations_messages)::int AS links, (SELECT count(*) FROM resources)::int AS resources,
          (SELECT count(*) FROM organization_documents WHERE file_path IS NOT NULL)::int AS scans`,
  registryUrl,
);

process.stdout.write(
  [
    '',
    `| перенос (${size.organizations} организаций, ${size.letters} писем, ${size.resources} ресурсов, ${size.scans} сканов) | время | пик RSS |`,
    '|---|---|---|',
    `| первый запуск | ${first.seconds.toFixed(1)} с | ${first.peakMb.toFixed(0)} МБ |`,
    `| второй запуск (ничего нового) | ${second.seconds.toFixed(1)} с | ${second.peakMb.toFixed(0)} МБ |`,
    '',
    `реестр после переноса: ${Number(after!.mb).toFixed(0)} МБ (пустой — ${Number(emptySize).toFixed(0)} МБ; старая база — ${Number(oldSize).toFixed(0)} МБ)`,
    `записей в истории изменений: ${after!.history}`,
    `перенесено: организаций ${after!.organizations}, писем ${after!.letters}, связей письмо—организация ${after!.links}, ресурсов ${after!.resources}, сканов ${after!.scans}`,
    `первый запуск: ${first.output}`,
    `второй запуск: ${second.output}`,
    '',
  ].join('\n'),
);
