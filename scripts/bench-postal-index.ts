/**
 * Benchmark of `cert index update|check` as cron runs it: whole processes (start to exit), compiled CLI.
 *   npm run bench:index                       # 61,000 rows, and 500,000 for the memory check
 *   BENCH_DATABASE_URL=postgresql://… npm run bench:index
 * Uses a fresh database `cert_bench` on BENCH_DATABASE_URL's server (default: the machine's PostgreSQL at
 * 127.0.0.1:5432, user postgres). Synthetic files are cached in data/bench/. Prints one table; not a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { REGIONS } from '../migrations/reference-data.js';
import { generatePindx } from '../src/postal-index/pindx-generator.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = 'cert_bench';
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const env = { PATH: process.env.PATH ?? '', DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' };

async function sql(statement: string, on = serverUrl): Promise<void> {
  const client = new pg.Client({ connectionString: on });
  await client.connect();
  await client.query(statement);
  await client.end();
}

function run(args: string[]): { seconds: number; peakMb: number; output: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', './scripts/report-peak-rss.mjs', 'dist/bin/cert.js', ...args], { env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`cert ${args.join(' ')} failed:\n${result.stderr}`);
  const peak = Number(/@@peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { seconds, peakMb: peak / 1024, output: result.stdout };
}

async function file(rows: number): Promise<string> {
  mkdirSync('data/bench', { recursive: true });
  const name = path.resolve(`data/bench/PIndx-${rows}.dbf`);
  if (!existsSync(name)) await generatePindx(name, { rows, regions: REGIONS, withOddRows: true });
  return name;
}

if (!existsSync('dist/bin/cert.js')) {
  process.stderr.write('Сначала соберите проект: npm run build\n');
  process.exit(1);
}
const small = await file(61_000);
const large = await file(500_000);
const table: string[][] = [];
const measure = (label: string, args: string[], repeat = 3) => {
  const runs = Array.from({ length: repeat }, () => run(args));
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)] as number;
  table.push([label, median.toFixed(2), Math.max(...runs.map((r) => r.peakMb)).toFixed(0), seconds.map((s) => s.toFixed(2)).join(' ')]);
};

const freshDatabase = async () => {
  await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await sql(`CREATE DATABASE ${database}`);
  run(['db', 'migrate']);
};

/** The change history's statement triggers on addresses, switched for the A/B of its cost. */
const historyRecording = (on: boolean) =>
  sql(
    ['insert', 'update', 'delete', 'truncate'].map((op) => `ALTER TABLE addresses ${on ? 'ENABLE' : 'DISABLE'} TRIGGER tr_addresses_audit_${op}`).join('; '),
    url.toString(),
  );

// update into an empty table: a fresh database each time; each run paired with the same run without the change
// history's triggers, so that both see the same machine (ratio of the medians of 5 pairs)
const firstRuns: { seconds: number; peakMb: number }[] = [];
const unrecordedSeconds: number[] = [];
for (let i = 0; i < 5; i += 1) {
  await freshDatabase();
  firstRuns.push(run(['index', 'update', small]));
  await freshDatabase();
  await historyRecording(false);
  unrecordedSeconds.push(run(['index', 'update', small]).seconds);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const firstSeconds = firstRuns.map((r) => r.seconds).sort((a, b) => a - b);
table.push([
  'update 61k into an empty table',
  median(firstSeconds).toFixed(2),
  Math.max(...firstRuns.map((r) => r.peakMb)).toFixed(0),
  firstSeconds.map((s) => s.toFixed(2)).join(' '),
]);
table.push([
  'the same without the change history (triggers off)',
  median(unrecordedSeconds).toFixed(2),
  '',
  [...unrecordedSeconds]
    .sort((a, b) => a - b)
    .map((s) => s.toFixed(2))
    .join(' '),
]);
const historyCost = median(firstSeconds) / median(unrecordedSeconds) - 1;
measure('the same update again (no changes)', ['index', 'update', small]);
measure('check 61k', ['index', 'check', small]);
await freshDatabase();
measure('update 500k into an empty table (memory)', ['index', 'update', large], 1);

process.stdout.write(`\n| run (whole process, median of 3; of 5 for the first two) | seconds | peak RSS, MB | all runs, s |\n|---|---|---|---|\n`);
for (const row of table) process.stdout.write(`| ${row.join(' | ')} |\n`);
process.stdout.write(
  `\nThe change history's cost on an update of 61k rows (one summary entry): ${(historyCost * 100).toFixed(1)}% (median with / median without)\n`,
);
await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
