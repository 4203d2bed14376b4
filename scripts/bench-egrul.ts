/**
 * What our server adds to the EGRUL service's own time: a search and an import through the panel's action
 * (HTTP, session, AdminJS, the "already in the registry" query, the transaction) against the direct call to
 * the same stub service (test/support/egrul-stub.ts) that the import needs.
 *   npm run bench:egrul                        # BENCH_DATABASE_URL, default the machine's PostgreSQL
 * The compiled server runs as its own process on a fresh database `cert_bench_egrul`; prints one table.
 */
import { startEgrulStub } from '../test/support/egrul-stub.js';
import { sql, startBenchServer } from './bench-server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const stub = await startEgrulStub();
const { base, cookie, databaseUrl, stop } = await startBenchServer('cert_bench_egrul', 3917, { EGRUL_SERVICE_URL: stub.url });
try {
  const action = async (data: Record<string, string>) => {
    const response = await fetch(`${base}/admin/api/resources/Organization/actions/egrulImport`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(data),
    });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body;
  };
  const direct = async (path: string) => {
    const response = await fetch(new URL(path, stub.url), { headers: { Accept: 'application/json' } });
    await response.text();
  };

  const time = async (fn: () => Promise<unknown>, after?: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS + 20; i++) {
      const started = performance.now();
      await fn();
      const elapsed = performance.now() - started;
      if (i >= 20) samples.push(elapsed); // the first 20 warm up
      if (after) await after();
    }
    samples.sort((a, b) => a - b);
    return { p50: samples[Math.floor(samples.length * 0.5)] as number, p95: samples[Math.floor(samples.length * 0.95)] as number };
  };
  const removeImported = () => sql(databaseUrl, `DELETE FROM organizations WHERE inn = '3333333333'`);

  const rows: [string, { p50: number; p95: number }, { p50: number; p95: number }][] = [
    [
      'поиск по словам «ромашка»',
      await time(() => direct('api/organizations/fts-search/?q=%D1%80%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0')),
      await time(() => action({ operation: 'search', query: 'ромашка', page: '1' })),
    ],
    [
      'поиск по ИНН 3333333333',
      await time(() => direct('api/organizations/?inn=3333333333')),
      await time(() => action({ operation: 'search', query: '3333333333', page: '1' })),
    ],
    [
      'импорт (сведения об организации)',
      await time(() => direct('api/organizations/3/')),
      await time(() => action({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' }), removeImported),
    ],
  ];
  const ms = (n: number) => n.toFixed(1);
  process.stdout.write(`\nEGRUL через наш сервер и напрямую к заглушке, ${ROUNDS} запросов подряд, мс\n\n`);
  process.stdout.write('| запрос | напрямую p50 / p95 | через сервер p50 / p95 | накладные p50 |\n|---|---|---|---|\n');
  for (const [label, d, o] of rows) {
    process.stdout.write(`| ${label} | ${ms(d.p50)} / ${ms(d.p95)} | ${ms(o.p50)} / ${ms(o.p95)} | ${ms(o.p50 - d.p50)} |\n`);
  }
} finally {
  await stop();
  await stub.close();
}
