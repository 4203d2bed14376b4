/**
 * The server's memory under a bounded hostile load (issue 11), as `npm run bench:load`: the compiled server with
 * 2,000 organizations, 2,000 list requests at concurrency 16 while a clerk edits one organization in a loop,
 * plus oversized bodies (a 150 MB login declared, a 20 MB field streamed). Prints RSS before, peak and after,
 * the statuses seen and the list latency; not a test.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { sql, startBenchServer } from './bench-server.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const seed = async (url: string) => {
  await sql(
    url,
    `INSERT INTO organizations (full_name, short_name, inn, contacts, region_id)
    SELECT 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ОРГАНИЗАЦИЯ ' || g || '"', 'ООО "ОРГ ' || g || '"', NULL, repeat('тел. 8-800-555-35-35 ', 20), 77
    FROM generate_series(1, 2000) g`,
  );
};

const { base, cookie, stop, pid } = await startBenchServer('cert_bench_load', 3921, {}, seed);
const port = Number(new URL(base).port);
try {
  const headers = { Cookie: cookie, Accept: 'application/json', Origin: base };
  // warm up, then the baseline
  for (let i = 0; i < 50; i++) await (await fetch(`${base}/admin/api/resources/Organization/actions/list`, { headers })).arrayBuffer();
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      /* the server is gone */
    }
  }, 20);
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const [{ id }] = (
    await sql(
      new URL('/cert_bench_load', process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres').toString(),
      'SELECT min(id) AS id FROM organizations',
    )
  ).rows;
  let editing = true;
  let edits = 0;
  const clerk = (async () => {
    while (editing) {
      const form = new FormData();
      form.set('fullName', `ООО "ПРАВКА ${edits}"`);
      form.set('contacts', `Иванов И. И., правка ${edits}`);
      const response = await fetch(`${base}/admin/api/resources/Organization/records/${id}/edit`, { method: 'POST', body: form, headers }).catch(() => null);
      count(response?.status ?? -1);
      await response?.arrayBuffer();
      edits++;
      if (!response) await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const oversized = (async () => {
    // a 150 MB login declared: refused from its head; a 20 MB name streamed: cut at the limit
    const declared = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/admin/login',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(150 * 1048576) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(-1));
      req.setTimeout(10_000, () => {
        req.destroy();
        resolve(0); // no answer within 10 s
      });
      req.flushHeaders();
    });
    count(declared);
    const streamed = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/admin/api/resources/Organization/records/${id}/edit`,
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(-1));
      req.setTimeout(10_000, () => {
        req.destroy();
        resolve(0);
      });
      req.write('fullName=');
      const piece = Buffer.alloc(1048576, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 20) {
          sent++;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    count(streamed);
  })();

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const response = await fetch(`${base}/admin/api/resources/Organization/actions/list?page=${1 + (next % 50)}`, { headers }).catch(() => null);
        await response?.arrayBuffer();
        latencies.push(performance.now() - t);
        count(response?.status ?? -1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  editing = false;
  await clerk;
  await oversized;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 1000));
  const after = alive() ? rssOf(pid) : 0;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  process.stdout.write(
    [
      `Нагрузка: ${REQUESTS} запросов списка при ${CONCURRENCY} одновременных, ${edits} правок организации, запрос 150 МБ и поле 20 МБ`,
      alive()
        ? `RSS сервера: до ${before.toFixed(0)} МБ, пик ${peak.toFixed(0)} МБ, после ${after.toFixed(0)} МБ`
        : `Сервер завершился под нагрузкой (RSS до ${before.toFixed(0)} МБ, пик ${peak.toFixed(0)} МБ)`,
      `Список: p50 ${q(0.5)} мс, p95 ${q(0.95)} мс, ${(REQUESTS / seconds).toFixed(0)} запросов/с`,
      `Ответы (-1: нет соединения, 0: нет ответа за 10 с): ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s} × ${n}`)
        .join(', ')}`,
      '',
    ].join('\n'),
  );
} finally {
  await stop();
}
