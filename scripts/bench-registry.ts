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

const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : '100k';
const ORGANIZATIONS = scale === '1m' ? 1_000_000 : 100_000;
const LETTERS = ORGANIZATIONS * 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

/** Names like the register's: a legal form and one or two words, with quotes. */
const FORMS = [
  'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ',
  'АКЦИОНЕРНОЕ ОБЩЕСТВО',
  'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО',
  'ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ',
  'МУНИЦИПАЛЬНОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ',
  'ФЕДЕРАЛЬНОЕ ГОСУДАРСТВЕННОЕ УНИТАРНОЕ ПРЕДПРИЯТИЕ',
];
const SHORT = ['ООО', 'АО', 'ПАО', 'ГБУ', 'МУП', 'ФГУП'];
const WORDS = [
  'РОМАШКА',
  'ВАСИЛЁК',
  'ЛЮТИК',
  'ТЕПЛОСЕТЬ',
  'ВОДОКАНАЛ',
  'ЭНЕРГО',
  'СТРОЙ',
  'ИНВЕСТ',
  'ТЕХНО',
  'СЕРВИС',
  'АГРО',
  'ТРАНС',
  'МЕДИКА',
  'ПРОМ',
  'СВЯЗЬ',
  'ЛОГИСТИК',
  'ГАЗ',
  'НЕФТЬ',
  'ХИМ',
  'МАШ',
  'СОФТ',
  'ДАТА',
  'ЦЕНТР',
  'СЕВЕР',
  'ЮГ',
  'ВОСТОК',
  'ЗАПАД',
  'СИБИРЬ',
  'УРАЛ',
  'ВОЛГА',
  'ДОН',
  'НЕВА',
  'КАМА',
  'ОКА',
  'БАЙКАЛ',
  'АЛТАЙ',
  'ТАЙГА',
  'СТЕПЬ',
  'ПОЛЮС',
  'ГОРИЗОНТ',
  'ВЕКТОР',
  'АЛЬФА',
  'БЕТА',
  'ГАММА',
  'ДЕЛЬТА',
  'ОМЕГА',
  'ЗВЕЗДА',
  'СОКОЛ',
  'БЕРКУТ',
  'ЛЕБЕДЬ',
  'ЖУРАВЛЬ',
  'КЕДР',
  'ДУБ',
  'ЛИПА',
  'ЁЛКА',
  'БЕРЁЗА',
  'РУБИН',
  'ИЗУМРУД',
  'АЛМАЗ',
  'ГРАНИТ',
  'КРИСТАЛЛ',
  'ПРОГРЕСС',
  'РАССВЕТ',
  'ЗАРЯ',
  'ВОСХОД',
  'ИСКРА',
  'ПЛАМЯ',
  'ВОЛНА',
  'ПРИБОЙ',
  'МАЯК',
  'ПАРУС',
  'ЯКОРЬ',
  'ФАРВАТЕР',
  'ОРБИТА',
  'КОСМОС',
  'ЛУЧ',
  'СПЕКТР',
  'ИМПУЛЬС',
  'ГАРАНТ',
  'ЭКСПЕРТ',
  'КОНСАЛТ',
  'АУДИТ',
  'ФИНАНС',
  'КАПИТАЛ',
  'РЕСУРС',
  'ПОТЕНЦИАЛ',
  'ЛИДЕР',
  'ПАРТНЁР',
  'СОЮЗ',
  'ЕДИНСТВО',
  'НАДЕЖДА',
  'ВЕРА',
  'ЛЮБОВЬ',
  'МИР',
  'ДРУЖБА',
  'ОТЕЧЕСТВО',
  'РОДИНА',
  'ДОМ',
  'ГОРОД',
  'КРАЙ',
  'ОБЛАСТЬ',
  'РЕГИОН',
  'ПОРТ',
  'ТЕРМИНАЛ',
];
const TOPICS = [
  'Запрос сведений о значимых объектах КИИ',
  'О направлении документа',
  'Ответ на запрос о категорировании',
  'Уведомление о компьютерном инциденте',
  'О предоставлении контактов ответственных лиц',
  'О проведении учений',
  'Сведения о результатах категорирования',
  'О заключении соглашения о сотрудничестве',
];

const array = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
const pick = (values: string[], seed: string) => `(${array(values)})[1 + mod(abs(hashint4(${seed})), ${values.length})]`;

async function seed(url: string): Promise<void> {
  const started = performance.now();
  const step = async (label: string, statement: string) => {
    const t = performance.now();
    await sql(url, statement);
    process.stderr.write(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };
  await step(
    'организации',
    `
    INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn, region_id, factual_address, date_agreement, is_gov, is_military, contacts, created_at, updated_at)
    SELECT f.form || ' "' || w.word1 || CASE WHEN i % 3 = 0 THEN ' ' || w.word2 ELSE '' END || '"',
           s.short || ' "' || w.word1 || CASE WHEN i % 3 = 0 THEN ' ' || w.word2 ELSE '' END || '"',
           lpad(((i::bigint * 7919) % 9000000000 + 1000000000)::text, 10, '0'),
           lpad(((i * 31) % 9000 + 1000)::text, 4, '0') || '01001',
           '1' || lpad(((i::bigint * 104729) % 900000000000 + 100000000000)::text, 12, '0'),
           r.id,
           'г. Город-' || (i % 1000) || ', ул. Улица, д. ' || (i % 200),
           CASE WHEN i % 7 = 0 THEN date '2018-01-01' + (i % 2500) END,
           i % 20 = 0, i % 50 = 0, 'Контакт ' || i,
           now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
    FROM generate_series(1, ${ORGANIZATIONS}) AS i
    CROSS JOIN LATERAL (SELECT ${pick(WORDS, 'i')} AS word1, ${pick(WORDS, 'i * 13 + 5')} AS word2) w
    CROSS JOIN LATERAL (SELECT mod(abs(hashint4(i * 3)), ${FORMS.length}) AS k) fk
    CROSS JOIN LATERAL (SELECT (${array(FORMS)})[1 + fk.k] AS form) f
    CROSS JOIN LATERAL (SELECT (${array(SHORT)})[1 + fk.k] AS short) s
    CROSS JOIN LATERAL (SELECT (SELECT array_agg(id ORDER BY id) FROM regions)[1 + mod(abs(hashint4(i * 7)), 86)] AS id) r`,
  );
  await step('виды документов', `INSERT INTO org_adm_docs (name) SELECT 'Документ вида ' || i FROM generate_series(1, 12) i`);
  await step(
    'документы',
    `
    INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved)
    SELECT o.id, t.id, date '2020-01-01' + (o.id % 1500)
    FROM organizations o CROSS JOIN (SELECT id FROM org_adm_docs ORDER BY id LIMIT 3) t
    WHERE o.id % 10 = 0 AND (t.id = 1 OR (t.id = 2 AND o.id % 20 = 0) OR (t.id = 3 AND o.id % 40 = 0))`,
  );
  await step(
    'письма',
    `
    INSERT INTO messages (direction, our_number, our_date, their_number, their_date, information, created_at, updated_at)
    SELECT CASE WHEN i % 3 = 0 THEN 'outgoing' ELSE 'incoming' END,
           (100 + i % 900) || '-' || (i % 100) || '/' || i,
           date '2019-01-01' + (i % 2500),
           CASE WHEN i % 3 = 0 THEN NULL ELSE 'ИСХ-' || i END,
           CASE WHEN i % 3 = 0 THEN NULL ELSE date '2019-01-01' + (i % 2500) - 2 END,
           ${pick(TOPICS, 'i')} || ', исполнитель ' || ${pick(WORDS, 'i * 17')},
           now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
    FROM generate_series(1, ${LETTERS}) AS i`,
  );
  // the letters register: every fifth incoming letter has an answer date, a third of those already past
  await step('сроки ответа', `UPDATE messages SET due_date = our_date + 10 + (id % 3) * 5000 WHERE direction = 'incoming' AND id % 5 = 0`);
  // each letter to one organization, every tenth to a second; the organization with id 1 gets 300 letters
  await step(
    'связи писем',
    `
    INSERT INTO organizations_messages (message_id, organization_id)
    SELECT m.id, CASE WHEN m.id <= 300 THEN 1 ELSE 2 + mod(abs(hashint4(m.id)), ${ORGANIZATIONS - 1}) END FROM messages m
    UNION
    SELECT m.id, 2 + mod(abs(hashint4(m.id * 7)), ${ORGANIZATIONS - 1}) FROM messages m WHERE m.id % 10 = 0 AND m.id > 300`,
  );
  await step(
    'ресурсы',
    `
    INSERT INTO resources (name, is_okii, category, owner_id, fstec_reg_number, created_at, updated_at)
    SELECT 'ГИС ' || ${pick(WORDS, 'i * 5')} || ' ' || i, i % 4 = 0, CASE WHEN i % 4 = 0 THEN 1 + i % 3 END, 1 + mod(abs(hashint4(i * 11)), ${ORGANIZATIONS}),
           CASE WHEN i % 4 = 0 THEN 'КИИ-' || i END, now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
    FROM generate_series(1, ${ORGANIZATIONS / 5}) AS i`,
  );
  await step(
    'регионы ресурсов',
    `INSERT INTO resources_regions (resource_id, region_id) SELECT r.id, g.id FROM resources r JOIN regions g ON g.id = (SELECT array_agg(id ORDER BY id) FROM regions)[1 + r.id % 86]`,
  );
  // the change history: the organization with id 5 changed 1,000 times (its «История» is measured below)
  await step(
    '1000 изменений организации 5',
    `DO $$ BEGIN FOR i IN 1..1000 LOOP UPDATE organizations SET contacts = 'Контакт, редакция ' || i WHERE id = 5; END LOOP; END $$`,
  );
  await step('ANALYZE', `VACUUM ANALYZE`);
  process.stderr.write(`Данные созданы за ${((performance.now() - started) / 1000).toFixed(0)} с\n`);
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const { base, cookie, databaseUrl, stop, pid } = await startBenchServer(`cert_bench_registry_${scale}`, 3919, {}, seed);
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
    `\n${ORGANIZATIONS.toLocaleString('ru-RU')} организаций, ${LETTERS.toLocaleString('ru-RU')} писем; HTTP к скомпилированному серверу; мс\n\n`,
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
