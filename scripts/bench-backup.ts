/**
 * `cert backup`, `cert backup verify` and `cert restore` (issue 27) on the bench registry (100k organizations, 300k
 * letters) with 1,000 scans of 200 KB on disk: each command's time and peak RSS, the archive's size; and the panel's
 * list answer (p50/p95 of `--requests` requests at concurrency 4) without a backup and while one runs.
 *
 *   npm run bench:backup [-- --organizations 100000 --scans 1000 --requests 200]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql, startBenchServer, timedCert } from './bench-server.js';
import { seedRegistry, seedScans } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const ORGANIZATIONS = argument('--organizations', 100_000);
const SCANS = argument('--scans', 1_000);
const REQUESTS = argument('--requests', 200);
const WORK = path.resolve('.bench-backup');
const FILES = path.join(WORK, 'files');

rmSync(WORK, { recursive: true, force: true });
mkdirSync(FILES, { recursive: true });
const server = await startBenchServer(`cert_bench_backup_${ORGANIZATIONS}`, 3926, { FILES_DIR: FILES }, (url) => seedRegistry(url, ORGANIZATIONS));
const restoredName = `cert_bench_restored_${ORGANIZATIONS}`;
const serverUrl = new URL(server.databaseUrl);
const restoredUrl = new URL(server.databaseUrl);
restoredUrl.pathname = `/${restoredName}`;
serverUrl.pathname = '/postgres';

async function listLoad(requests: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < requests) {
        const page = 1 + (next++ % 50);
        const started = performance.now();
        const response = await fetch(`${server.base}/admin/api/resources/Organization/actions/list?page=${page}`, { headers: { cookie: server.cookie } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`list: ${response.status}`);
        times.push(performance.now() - started);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  // the scans: one per document, 200 KB each, as the panel stores them
  await seedScans(server.databaseUrl, FILES, SCANS);
  const env = { DATABASE_URL: server.databaseUrl, FILES_DIR: FILES };
  const archive = path.join(WORK, 'registry.certbackup');

  await listLoad(40); // warm
  const quiet = await listLoad(REQUESTS);
  const backupRun = timedCert(['backup', archive], env);
  const loaded: number[] = [];
  let backingUp = true;
  void backupRun.finally(() => (backingUp = false));
  while (backingUp) loaded.push(...(await listLoad(20)));
  loaded.sort((a, b) => a - b);
  const backup = await backupRun;
  const size = statSync(archive).size;
  const verify = await timedCert(['backup', 'verify', archive], env);

  await sql(serverUrl.toString(), `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  await sql(serverUrl.toString(), `CREATE DATABASE ${restoredName}`);
  const restore = await timedCert(['restore', archive], { DATABASE_URL: restoredUrl.toString(), FILES_DIR: path.join(WORK, 'restored-files') });
  const counts = await sql(
    restoredUrl.toString(),
    `SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM messages)::int AS letters`,
  );

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${SCANS} сканов по 200 КБ; восстановлено: ${JSON.stringify(counts.rows[0])}\n\n`,
  );
  process.stdout.write('| команда | время, с | пик RSS, МБ |\n|---|---|---|\n');
  process.stdout.write(`| cert backup (архив ${mb(size)} МБ) | ${(backup.ms / 1000).toFixed(1)} | ${backup.rssMb.toFixed(0)} |\n`);
  process.stdout.write(`| cert backup verify | ${(verify.ms / 1000).toFixed(1)} | ${verify.rssMb.toFixed(0)} |\n`);
  process.stdout.write(`| cert restore | ${(restore.ms / 1000).toFixed(1)} | ${restore.rssMb.toFixed(0)} |\n`);
  process.stdout.write(`\nсписок организаций, параллельность 4, мс:\n\n| | запросов | p50 | p95 |\n|---|---|---|---|\n`);
  process.stdout.write(`| без копии | ${quiet.length} | ${percentile(quiet, 50).toFixed(0)} | ${percentile(quiet, 95).toFixed(0)} |\n`);
  process.stdout.write(`| во время cert backup | ${loaded.length} | ${percentile(loaded, 50).toFixed(0)} | ${percentile(loaded, 95).toFixed(0)} |\n`);
  process.stdout.write(`\n${backup.out}\n${restore.out}\n`);
} finally {
  await server.stop();
  if (!process.env.BENCH_KEEP) {
    await sql(serverUrl.toString(), `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    rmSync(WORK, { recursive: true, force: true });
  }
}
