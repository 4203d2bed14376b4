/**
 * `cert egrul check --all` as cron runs it (the compiled CLI, a whole process) against the repo's EGRUL stub holding
 * 100,000 generated organizations and answering each request after 20–50 ms, at concurrency 4. The registry holds
 * the same 100,000 organizations, imported a month ago (their service ids known): 2% renamed since, 1% gone from
 * the register. Then the cold case: 5,000 of them as if added by hand (no service id: list, then detail).
 * Then the bulk import's preview of 1,000 INNs (and the import of those found) through the compiled server.
 * Prints the time, the statuses and the process's RSS over the run (flat or not). Not a test.
 *   npm run bench:egrul                       # BENCH_DATABASE_URL, default the machine's PostgreSQL
 *   BENCH_EGRUL_ORGANIZATIONS=20000 npm run bench:egrul
 *   BENCH_EGRUL_ONLY=bulk npx tsx scripts/bench-egrul-check.ts   # the bulk import only (after npm run build)
 *   BENCH_EGRUL_URL=http://127.0.0.1:28961/ …   # a real egrul_fts_api holding the same generated units instead of the stub
 *   BENCH_EGRUL_LINES=2100 …                     # the bulk list's length (every 11th unit's branches added as INN;KPP lines)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { generatedUnit, startEgrulStub } from '../test/support/egrul-stub.js';
import { sql, startBenchServer } from './bench-server.js';

const ORGANIZATIONS = Number(process.env.BENCH_EGRUL_ORGANIZATIONS ?? 100_000);
const COLD = Math.min(ORGANIZATIONS, Number(process.env.BENCH_EGRUL_COLD ?? 5_000));
const ROW = (label: string, checked: number, requests: number, run: { seconds: number; rss: number[] }) => {
  const at = (share: number) => run.rss[Math.min(run.rss.length - 1, Math.floor(run.rss.length * share))]?.toFixed(0);
  return `| ${label} | ${checked} | ${requests} | ${(run.seconds / 60).toFixed(1)} мин (${run.seconds.toFixed(0)} с) | ${((run.seconds * 4 * 1000) / requests).toFixed(1)} | ${at(0.1)} / ${at(0.5)} / ${at(0.9)} / ${Math.max(...run.rss).toFixed(0)} |`;
};
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = '/cert_bench_egrul_check';

const stub = await startEgrulStub(0, { generated: process.env.BENCH_EGRUL_URL ? 0 : ORGANIZATIONS, latencyMs: [20, 50] });
const serviceUrl = process.env.BENCH_EGRUL_URL ?? stub.url;
const LINES = Number(process.env.BENCH_EGRUL_LINES ?? 1000);
const env = { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl.toString(), EGRUL_SERVICE_URL: serviceUrl, LOG_LEVEL: 'warn' };

const cert = (args: string[]) =>
  new Promise<{ seconds: number; stdout: string; stderr: string; rss: number[] }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['dist/bin/cert.js', ...args], { env });
    let stdout = '';
    let stderr = '';
    const rss: number[] = [];
    const sampler = setInterval(() => {
      try {
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
      } catch {
        /* exited */
      }
    }, 1000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`cert ${args.join(' ')}: exit ${code}\n${stderr}${stdout}`));
      else resolve({ seconds: (performance.now() - started) / 1000, stdout, stderr, rss });
    });
  });

try {
  await sql(serverUrl, `DROP DATABASE IF EXISTS cert_bench_egrul_check WITH (FORCE)`);
  await sql(serverUrl, `CREATE DATABASE cert_bench_egrul_check`);
  await cert(['db', 'migrate']);
  const seeding = performance.now();
  // the registry as imported from the same units (test/support/egrul-stub.ts): 2% renamed since, 1% gone from EGRUL
  for (let from = 1; from <= ORGANIZATIONS; from += 10_000) {
    const units = Array.from({ length: Math.min(10_000, ORGANIZATIONS - from + 1) }, (_, k) => generatedUnit(from + k));
    await sql(
      databaseUrl.toString(),
      `INSERT INTO organizations (id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
      [
        units.map((_, k) => from + k),
        units.map((u, k) => ((from + k) % 50 === 0 ? `ООО "ПРЕЖНЕЕ НАЗВАНИЕ ${from + k}"` : u.full_name)),
        units.map((u) => u.short_name),
        units.map((u, k) => ((from + k) % 100 === 1 ? `6${u.inn!.slice(1)}` : u.inn)),
        units.map((u) => u.kpp),
        units.map((u) => u.ogrn),
        units.map((u) => u.factual_address),
        units.map((u) => Number(u.region_code)),
      ],
    );
  }
  // imported a month ago: the check knows each one's unit in the service
  await sql(
    databaseUrl.toString(),
    `INSERT INTO egrul_checks (organization_id, checked_at, status, differences, service_id)
     SELECT i, now() - interval '30 days', 'actual', '[]', 100000 + i FROM generate_series(1, ${ORGANIZATIONS}) AS i`,
  );
  await sql(databaseUrl.toString(), `SELECT setval('organizations_id_seq', ${ORGANIZATIONS})`);
  await sql(databaseUrl.toString(), `VACUUM ANALYZE`);
  process.stderr.write(`Реестр: ${ORGANIZATIONS} организаций за ${((performance.now() - seeding) / 1000).toFixed(0)} с; сверка идёт…\n`);

  if (process.env.BENCH_EGRUL_ONLY !== 'bulk') await checkRuns();
  await bulkImport();
} finally {
  await stub.close();
  if (!process.env.BENCH_KEEP) await sql(serverUrl, `DROP DATABASE IF EXISTS cert_bench_egrul_check WITH (FORCE)`);
}

async function checkRuns() {
  const all = await cert(['egrul', 'check', '--all', '--concurrency', '4', '--json']);
  const summary = JSON.parse(all.stdout);
  const routineRequests = stub.requests.length;
  // the cold case: organizations the check has never matched (added by hand)
  await sql(databaseUrl.toString(), `DELETE FROM egrul_checks WHERE organization_id <= ${COLD}`);
  stub.requests.length = 0;
  const cold = await cert(['egrul', 'check', '--stale', '3650', '--concurrency', '4', '--json']);
  const coldSummary = JSON.parse(cold.stdout);
  process.stdout.write(
    `\n| прогон (параллельно 4, задержка ответа 20–50 мс) | организаций | запросов к ЕГРЮЛ | время | мс на запрос и канал | RSS процесса: 10% / 50% / 90% / пик, МБ |\n|---|---|---|---|---|---|\n` +
      `${ROW('cert egrul check --all: id в сервисе известны (импортированы)', summary.checked, routineRequests, all)}\n` +
      `${ROW('cert egrul check --stale: добавлены вручную, id неизвестны', coldSummary.checked, stub.requests.length, cold)}\n` +
      `\nСтатусы первого прогона: актуальны ${summary.byStatus.actual}, есть изменения ${summary.byStatus.changed}, нет в ЕГРЮЛ ${summary.byStatus.missing}, не удалось проверить ${summary.byStatus.failed}\n`,
  );
}

async function bulkImport() {
  // the bulk import: a list of 1,000 INNs (900 in the register, 100 unknown), through the panel's server
  const server = await startBenchServer('cert_bench_egrul_bulk', 3916, { EGRUL_SERVICE_URL: serviceUrl });
  try {
    const lines: string[] = [];
    for (let k = 0; lines.length < LINES; k += 1) {
      const unit = generatedUnit(1 + k);
      // with a longer list, a head with branches in the real service's data (every 11th unit) comes as two
      // INN;KPP lines, the head's and its first branch's, so both are imported
      if (LINES > 1000 && (1 + k) % 11 === 0) lines.push(`${unit.inn};${unit.kpp}`, `${unit.inn};${unit.inn!.slice(0, 4)}02001`);
      else lines.push(k % 10 === 9 ? `77${String(10_000_000 + k)}` : unit.inn!);
    }
    const list = lines.slice(0, LINES).join('\n');
    stub.requests.length = 0;
    let started = performance.now();
    const preview = await fetch(`${server.base}/admin/data/egrul-bulk/preview`, {
      method: 'POST',
      headers: { cookie: server.cookie, 'Content-Type': 'text/plain' },
      body: list,
    });
    const body = (await preview.json()) as { token: string; rows: { line: number; state: string; unit: { serviceId: number } | null }[]; message?: string };
    if (!preview.ok) throw new Error(`preview: ${body.message}`);
    const previewSeconds = (performance.now() - started) / 1000;
    const previewRequests = process.env.BENCH_EGRUL_URL ? '—' : stub.requests.length;
    const found = body.rows.filter((r) => r.state === 'found');
    started = performance.now();
    const imported = await fetch(`${server.base}/admin/data/egrul-bulk/${body.token}/import`, {
      method: 'POST',
      headers: { cookie: server.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows: found.map((r) => ({ line: r.line, serviceId: r.unit!.serviceId })) }),
    });
    const importBody = (await imported.json()) as { message: string };
    if (!imported.ok) throw new Error(`import: ${importBody.message}`);
    const importSeconds = (performance.now() - started) / 1000;
    const states = Object.entries(body.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {}))
      .map(([state, n]) => `${state} ${n}`)
      .join(', ');
    process.stdout.write(
      `\n| массовый импорт (HTTP к серверу, параллельно 4, ${process.env.BENCH_EGRUL_URL ? `сервис ${serviceUrl}` : 'заглушка, задержка 20–50 мс'}) | строк | время |\n|---|---|---|\n` +
        `| проверка списка (предпросмотр), запросов к ЕГРЮЛ: ${previewRequests} | ${LINES} (${states}) | ${previewSeconds.toFixed(1)} с |\n` +
        `| импорт найденных одной транзакцией | ${found.length} — «${importBody.message}» | ${importSeconds.toFixed(1)} с |\n`,
    );
  } finally {
    await server.stop();
  }
}
