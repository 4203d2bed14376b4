/**
 * The dashboard's data answer (issue 25): GET /admin/api/dashboard as an admin (the user's letters due, the team's
 * overdue, the lead's figures), on the bench registry (100k organizations, 300k letters, 20k resources), at
 * concurrency 1 and 8, each request a different period so that nothing repeats; the server keeps no cache of its own,
 * so every answer is computed afresh. Prints p50/p95/max in ms. Also «Выгрузить отчёт» (the XLSX).
 *
 *   npm run bench:dashboard [-- --organizations 100000 --requests 40]
 */
import { startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const ORGANIZATIONS = argument('--organizations', 100_000);
const REQUESTS = argument('--requests', 40);

const server = await startBenchServer(`cert_bench_dashboard_${ORGANIZATIONS}`, 3922, {}, (url) => seedRegistry(url, ORGANIZATIONS));

/** The n-th request's period: the default, this month, quarter, year, and custom years back, in turn. */
function periodQuery(n: number): string {
  const kinds = ['', 'period=month', 'period=quarter', 'period=year'];
  if (n % 5 < 4) return kinds[n % 5]!;
  const year = 2019 + (n % 7);
  return `period=custom&from=${year}-01-01&to=${year}-12-31`;
}

async function timedGet(path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${server.base}${path}`, { headers: { cookie: server.cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.toString('utf8').slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function run(concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        const n = next++;
        times.push((await timedGet(`/admin/api/dashboard?${periodQuery(n)}`)).ms);
      }
    }),
  );
  return times;
}

try {
  const first = await timedGet('/admin/api/dashboard');
  const rows: [string, number[]][] = [
    ['первый запрос после запуска сервера', [first.ms]],
    ['параллельность 1', await run(1)],
    ['параллельность 8', await run(8)],
  ];
  const report: number[] = [];
  for (let i = 0; i < 5; i++) report.push((await timedGet(`/admin/data/dashboard/report.xlsx?${periodQuery(i)}`)).ms);
  rows.push(['«Выгрузить отчёт» (XLSX), по одному', report]);
  process.stdout.write(
    `\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${(ORGANIZATIONS * 3).toLocaleString('ru-RU')} писем, ${(ORGANIZATIONS / 5).toLocaleString('ru-RU')} ресурсов; ` +
      `ответ сводки ${first.bytes.toLocaleString('ru-RU')} байт; ${REQUESTS} запросов на строку, каждый со своим периодом; мс\n\n`,
  );
  process.stdout.write('| замер | запросов | p50 | p95 | максимум |\n|---|---|---|---|---|\n');
  for (const [name, values] of rows) {
    process.stdout.write(
      `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} | ${Math.max(...values).toFixed(0)} |\n`,
    );
  }
} finally {
  await server.stop();
}
