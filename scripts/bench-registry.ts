/**
 * The panel's speed over HTTP, as a logged-in user: seeds a fresh database with generated but realistic data
 * (100,000 organizations and 300,000 letters by default; `-- --scale 1m` for 1,000,000 / 3,000,000), starts the
 * compiled server as its own process and measures p50/p95 at concurrency 1 and 8 for the clerk's main
 * requests, the throughput at 8, and the server's peak RSS. Prints one table; not a test.
 *   npm run bench                      # BENCH_DATABASE_URL, default the machine's PostgreSQL
 *   npm run bench -- --scale 1m
 */
import { readFileSync } from 'node:fs';
import { sql, startBenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : '100k';
const ORGANIZATIONS = scale === '1m' ? 1_000_000 : 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const { base, cookie, databaseUrl, stop, pid } = await startBenchServer(`cert_bench_registry_${scale}`, 3919, {}, (url) => seedRegistry(url, ORGANIZATIONS));
let peakRss = rssOf(pid);
const sampler = setInterval(() => {
  try {
    peakRss = Math.max(peakRss, rssOf(pid));
  } catch {
    /* the server is gone */
  }
}, 50);

try {
  const api = (path: string) => `${base}/admin/api/resources/${path}`;
  const get = async (url: string) => {
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const body = await response.text();
    if (body.includes('"notice"') && body.includes('"error"')) throw new Error(`${url}: ${body.slice(0, 200)}`);
  };
  const {
    rows: [card],
  } = await sql(databaseUrl, `SELECT count(*)::int AS letters FROM organizations_messages WHERE organization_id = 1`);
  const requests: [string, () => Promise<unknown>][] = [
    ['организации, страница 1', () => get(api('Organization/actions/list?page=1'))],
    ['поиск по слову наименования («ромашка»)', () => get(api(`Organization/actions/list?filters.q=${encodeURIComponent('ромашка')}`))],
    ['поиск по началу ИНН («7707»)', () => get(api('Organization/actions/list?filters.q=7707'))],
    ['фильтр по региону (77)', () => get(api('Organization/actions/list?filters.regionId=77'))],
    ['округ + виды документов (1; 1 и 2)', () => get(api(`Organization/actions/list?filters.okrugId=1&filters.documentTypes=${encodeURIComponent('1,2')}`))],
    [
      `карточка организации (${card.letters} писем)`,
      () =>
        Promise.all([
          get(api('Organization/records/1/show')),
          get(`${base}/admin/data/organizations/1/letters`),
          get(`${base}/admin/data/organizations/1/documents`),
          get(`${base}/admin/data/organizations/1/resources`),
        ]),
    ],
    ['письма, страница 1', () => get(api('Message/actions/list?page=1'))],
    ['поиск писем по слову («беркут»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('беркут')}`))],
    ['поиск письма по номеру («ИСХ-123456»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('ИСХ-123456')}`))],
    ['поиск писем по началу номера («исх 12345»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('исх 12345')}`))],
    // digits alone: a letter's number, or the INN of one of its organizations
    ['поиск писем по цифрам номера или ИНН («12345»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('12345')}`))],
    ['поиск писем по цифрам номера или ИНН («7701234»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('7701234')}`))],
    ['поиск писем по наименованию организации («ромашка»)', () => get(api(`Message/actions/list?filters.q=${encodeURIComponent('ромашка')}`))],
    ['просроченные письма (статус)', () => get(api('Message/actions/list?filters.status=overdue'))],
    ['ресурсы, страница 1', () => get(api('Resource/actions/list?page=1'))],
  ];

  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] as number;
  const measure = async (run: () => Promise<unknown>, concurrency: number, total: number) => {
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          const t = performance.now();
          await run();
          times.push(performance.now() - t);
        }
      }),
    );
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), perSecond: total / ((performance.now() - started) / 1000) };
  };

  const rows: string[] = [];
  for (const [label, run] of requests) {
    for (let i = 0; i < 20; i++) await run(); // warm-up
    const one = await measure(run, 1, ROUNDS);
    const eight = await measure(run, 8, ROUNDS * 2);
    rows.push(
      `| ${label} | ${one.p50.toFixed(1)} | ${one.p95.toFixed(1)} | ${eight.p50.toFixed(1)} | ${eight.p95.toFixed(1)} | ${eight.perSecond.toFixed(0)} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  const listPeakRss = peakRss;
  const exports: string[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    peakRss = rssOf(pid);
    const started = performance.now();
    const response = await fetch(`${base}/admin/data/export/Organization.${format}`, { headers: { cookie } });
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    exports.push(
      `| выгрузка всех организаций, ${format.toUpperCase()} | ${((performance.now() - started) / 1000).toFixed(1)} с | ${(bytes / 1048576).toFixed(0)} МБ | пик RSS ${peakRss.toFixed(0)} МБ |`,
    );
    process.stderr.write(`${exports.at(-1)}\n`);
  }
  // the change history (issue 13): one save through the panel with the recording trigger on and off, in
  // alternating blocks on the same machine; and a card's «История» of 1,000 changes
  const {
    rows: [target],
  } = await sql(databaseUrl, `SELECT full_name, inn FROM organizations WHERE id = 3`);
  let revision = 0;
  const save = async () => {
    const form = new FormData();
    form.set('fullName', target.full_name);
    form.set('inn', target.inn);
    form.set('contacts', `Контакт, замер ${(revision += 1)}`);
    const response = await fetch(api('Organization/records/3/edit'), { method: 'POST', headers: { cookie }, body: form });
    const body = (await response.json()) as { notice?: { type?: string; message?: string } };
    if (body.notice?.type !== 'success') throw new Error(`save: ${JSON.stringify(body.notice)}`);
  };
  const recording = (on: boolean) => sql(databaseUrl, `ALTER TABLE organizations ${on ? 'ENABLE' : 'DISABLE'} TRIGGER tr_organizations_audit`);
  for (let i = 0; i < 30; i++) await save();
  const saves: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let block = 0; block < 6; block++) {
    const mode = block % 2 === 0 ? 'on' : 'off';
    await recording(mode === 'on');
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await save();
      saves[mode].push(performance.now() - t);
    }
  }
  await recording(true);
  const saveOn = percentile(saves.on, 0.5);
  const saveOff = percentile(saves.off, 0.5);
  const {
    rows: [changes],
  } = await sql(databaseUrl, `SELECT count(*)::int AS n FROM audit_log WHERE anchors @> ARRAY['organizations:5']`);
  const {
    rows: [journal],
  } = await sql(databaseUrl, `SELECT count(*)::int AS n FROM audit_log`);
  const typical = Math.floor(ORGANIZATIONS / 2);
  const {
    rows: [typicalChanges],
  } = await sql(databaseUrl, `SELECT count(*)::int AS n FROM audit_log WHERE anchors @> ARRAY['organizations:${typical}']`);
  const historyRows: string[] = [];
  for (const [label, url] of [
    [`«История» организации с ${changes.n} изменениями, страница 1`, `${base}/admin/data/history/organizations/5?page=1`],
    ['то же, страница 50 (самые старые)', `${base}/admin/data/history/organizations/5?page=50`],
    [`«История» обычной организации (${typicalChanges.n} записи, все давние)`, `${base}/admin/data/history/organizations/${typical}?page=1`],
  ] as const) {
    const run = () => get(url);
    for (let i = 0; i < 20; i++) await run();
    const one = await measure(run, 1, ROUNDS);
    historyRows.push(`| ${label} | ${one.p50.toFixed(1)} | ${one.p95.toFixed(1)} |`);
    process.stderr.write(`${historyRows.at(-1)}\n`);
  }

  process.stdout.write(
    `\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${(ORGANIZATIONS * 3).toLocaleString('ru-RU')} писем; HTTP к скомпилированному серверу; мс\n\n`,
  );
  process.stdout.write('| запрос | c=1 p50 | c=1 p95 | c=8 p50 | c=8 p95 | c=8 запросов/с |\n|---|---|---|---|---|---|\n');
  process.stdout.write(
    `${rows.join('\n')}\n\nПик RSS сервера за замеры запросов: ${listPeakRss.toFixed(0)} МБ\n\n| выгрузка | время | размер | память |\n|---|---|---|---|\n${exports.join('\n')}\n`,
  );
  process.stdout.write(
    `\nЖурнал изменений: ${journal.n.toLocaleString('ru-RU')} записей\n\n| запрос | c=1 p50 | c=1 p95 |\n|---|---|---|\n${historyRows.join('\n')}\n\n` +
      `Сохранение карточки организации через панель (p50 из ${saves.on.length} и ${saves.off.length}, чередующимися блоками по 100): ` +
      `с записью истории ${saveOn.toFixed(1)} мс, без неё ${saveOff.toFixed(1)} мс — ${((saveOn / saveOff - 1) * 100).toFixed(1)}%\n`,
  );
} finally {
  clearInterval(sampler);
  await stop();
}
