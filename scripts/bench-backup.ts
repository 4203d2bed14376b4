/**
 * `cert backup`, `cert backup verify` and `cert restore` (issue 27) on the bench registry (100k organizations, 300k
 * letters) with 1,000 scans of 200 KB on disk: each command's time and peak RSS, the archive's size; and the panel's
 * list answer (p50/p95 of `--requests` requests at concurrency 4) without a backup and while one runs.
 *
 *   npm run bench:backup [-- --organizations 100000 --scans 1000 --requests 200]
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

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

/** A command of the compiled CLI as its own process: its time, peak RSS and output. */
function cert(args: string[], env: Record<string, string>): Promise<{ ms: number; rssMb: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './scripts/report-peak-rss.mjs', 'dist/bin/cert.js', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      const rss = /@@peak-rss-kb (\d+)/.exec(err);
      if (code !== 0) return reject(new Error(`cert ${args.join(' ')}: ${code} ${err}`));
      resolve({ ms: performance.now() - started, rssMb: rss ? Number(rss[1]) / 1024 : 0, out: out.trim() });
    });
  });
}

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
  const documents = (
    await sql(server.databaseUrl, `SELECT d.id, o.uuid FROM organization_documents d JOIN organizations o ON o.id = d.organization_id ORDER BY d.id LIMIT $1`, [
      SCANS,
    ])
  ).rows as { id: number; uuid: string }[];
  for (const document of documents) {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200 * 1024), Buffer.from('\n%%EOF\n')]);
    const relative = `${document.uuid.slice(0, 2).toUpperCase()}/${document.uuid}/${document.id}.pdf`;
    mkdirSync(path.dirname(path.join(FILES, relative)), { recursive: true });
    writeFileSync(path.join(FILES, relative), bytes);
    await sql(server.databaseUrl, `UPDATE organization_documents SET file_path = $2, file_sha256 = $3, file_size = $4 WHERE id = $1`, [
      document.id,
      relative,
      createHash('sha256').update(bytes).digest('hex'),
      bytes.length,
    ]);
  }
  const env = { DATABASE_URL: server.databaseUrl, FILES_DIR: FILES };
  const archive = path.join(WORK, 'registry.certbackup');

  await listLoad(40); // warm
  const quiet = await listLoad(REQUESTS);
  const backupRun = cert(['backup', archive], env);
  const loaded: number[] = [];
  let backingUp = true;
  void backupRun.finally(() => (backingUp = false));
  while (backingUp) loaded.push(...(await listLoad(20)));
  loaded.sort((a, b) => a - b);
  const backup = await backupRun;
  const size = statSync(archive).size;
  const verify = await cert(['backup', 'verify', archive], env);

  await sql(serverUrl.toString(), `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  await sql(serverUrl.toString(), `CREATE DATABASE ${restoredName}`);
  const restore = await cert(['restore', archive], { DATABASE_URL: restoredUrl.toString(), FILES_DIR: path.join(WORK, 'restored-files') });
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
