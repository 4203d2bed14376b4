/**
 * «Возможные дубли» (issue 26): GET /admin/data/duplicates as an admin on the bench registry (100k organizations,
 * 300k letters) with 1,000 twins without a KPP and 1,000 inactive twins added. The bench names repeat heavily (the
 * same few dozen words in every region), so the name rule finds a quarter of a million pairs: far more than a real
 * registry, which makes it the hard case. Each request is computed afresh (no cache); prints the median and the
 * maximum of `--runs` requests per query, in ms.
 *
 *   npm run bench:duplicates [-- --organizations 100000 --runs 7]
 */
import { sql, startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const ORGANIZATIONS = argument('--organizations', 100_000);
const RUNS = argument('--runs', 7);

const server = await startBenchServer(`cert_bench_duplicates_${ORGANIZATIONS}`, 3925, {}, (url) => seedRegistry(url, ORGANIZATIONS));
try {
  // the twins (once: a reused database has them already)
  const [{ n }] = (await sql(server.databaseUrl, `SELECT count(*)::int AS n FROM organizations WHERE full_name LIKE '%(двойник)'`)).rows;
  if (n === 0) {
    await sql(
      server.databaseUrl,
      `INSERT INTO organizations (full_name, inn, region_id) SELECT full_name || ' (двойник)', inn, region_id FROM organizations WHERE id <= 1000`,
    );
    await sql(
      server.databaseUrl,
      `INSERT INTO organizations (full_name, inn, kpp, region_id, is_active)
       SELECT full_name || ' (двойник)', inn, kpp, region_id, false FROM organizations WHERE id BETWEEN 1001 AND 2000`,
    );
    await sql(server.databaseUrl, `VACUUM ANALYZE organizations`);
  }
  const [{ organizations }] = (await sql(server.databaseUrl, `SELECT count(*)::int AS organizations FROM organizations`)).rows;

  const timedGet = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${server.base}${path}`, { headers: { cookie: server.cookie } });
    const body = (await response.json()) as { total?: number; message?: string };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.message ?? ''}`);
    return { ms: performance.now() - started, total: body.total ?? 0 };
  };
  const queries: [label: string, path: string][] = [
    ['все причины, страница 1', '/admin/data/duplicates'],
    ['все причины, страница 2000', '/admin/data/duplicates?page=2000'],
    ['тот же ИНН', '/admin/data/duplicates?reason=inn'],
    ['недействующая с теми же ИНН и КПП', '/admin/data/duplicates?reason=inactiveTwin'],
    ['похожее наименование', '/admin/data/duplicates?reason=name'],
  ];
  process.stdout.write(`\n${organizations.toLocaleString('ru-RU')} организаций; ${RUNS} запросов каждого вида, мс\n\n`);
  process.stdout.write('| запрос | пар | медиана | максимум |\n|---|---|---|---|\n');
  for (const [label, path] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const answer = await timedGet(path);
      times.push(answer.ms);
      total = answer.total;
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `| ${label} | ${total.toLocaleString('ru-RU')} | ${times[Math.floor(times.length / 2)]!.toFixed(0)} | ${times.at(-1)!.toFixed(0)} |\n`,
    );
  }
} finally {
  await server.stop();
}
