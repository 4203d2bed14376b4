import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../bin/cli.js';
import { xlsxSheetRows } from '../../src/engine/export/xlsx-read.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { dropDatabase, recreateDatabase, withDatabaseName } from '../support/database-urls.js';
import { tableDigest, useTestDatabase } from '../support/db.js';
import { createOldSchema, fillQuirkyOldDatabase, validInn, type OldScans } from '../support/legacy-fixture.js';
import { generateOldDatabase } from '../../scripts/legacy-old-db.js';

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, relative, with its bytes' digest. */
async function filesUnder(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (relative: string) => {
    for (const entry of await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => [])) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else {
        const bytes = await readFile(path.join(root, child)).catch(() => null); // a temporary file may go while we look
        if (bytes) out[child] = sha256(bytes);
      }
    }
  };
  await walk('');
  return out;
}

/** The old database as it is: a digest of every table (the move-in must never write there). */
async function oldDigest(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename as string);
    const parts: string[] = [];
    for (const t of tables) {
      parts.push((await client.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "${t}" x`)).rows[0].d);
    }
    return parts.join(',');
  } finally {
    await client.end();
  }
}

/**
 * The registry's content in old ids (new ids come from sequences: a killed attempt consumes numbers PostgreSQL never
 * gives out again), so that a clean run and a killed-then-rerun one can be compared row for row.
 */
async function canonicalRegistry(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, unknown[]>> {
  const old = (table: string, column: string) => `(SELECT l.old_id FROM legacy_ids l WHERE l.table_name = '${table}' AND l.new_id = ${column} LIMIT 1)`;
  const q = async (sql: string) => (await query(sql)).map((r) => JSON.stringify(r)).sort();
  return {
    organizations: await q(`SELECT ${old('organizations', 'o.id')} AS id, to_jsonb(o) - 'id' - 'search_text' AS row FROM organizations o`),
    messages: await q(
      `SELECT ${old('messages', 'm.id')} AS id, ${old('messages', 'm.parent_id')} AS parent, to_jsonb(m) - 'id' - 'parent_id' - 'search_text' AS row FROM messages m`,
    ),
    links: await q(`SELECT ${old('messages', 'message_id')} AS m, ${old('organizations', 'organization_id')} AS o FROM organizations_messages`),
    resources: await q(
      `SELECT ${old('resources', 'r.id')} AS id, ${old('organizations', 'r.owner_id')} AS owner, to_jsonb(r) - 'id' - 'owner_id' - 'search_text' AS row FROM resources r`,
    ),
    resourceRegions: await q(`SELECT ${old('resources', 'resource_id')} AS r, region_id FROM resources_regions`),
    resourceIndustries: await q(`SELECT ${old('resources', 'resource_id')} AS r, industry_id FROM resources_industries`),
    // the old tables of outsourcing and documents have no dates of their own: a row's created_at is the moment it moved in
    responsibilities: await q(
      `SELECT ${old('responsibilities', 'x.id')} AS id, to_jsonb(x) - 'id' - 'organization_id' - 'resource_id' - 'created_at' - 'updated_at' AS row FROM responsibilities x`,
    ),
    documents: await q(
      `SELECT ${old('organization_documents', 'd.id')} AS id, ${old('org_adm_docs', 'd.org_adm_doc_id')} AS type, to_jsonb(d) - 'id' - 'organization_id' - 'org_adm_doc_id' - 'created_at' - 'updated_at' AS row FROM organization_documents d`,
    ),
    mapping: await q(`SELECT table_name, old_id, outcome, old_created, old_updated, notes FROM legacy_ids`),
  };
}

describe('cert import legacy: the old service moves in', () => {
  const db = useTestDatabase('legacy');
  const serverUrl = inject('databaseServerUrl');
  const oldName = `cert_test_legacy_old_${process.env.VITEST_POOL_ID ?? '0'}`;
  // with a password (the test server trusts the address and ignores it): it must never be written down
  const oldUrl = withDatabaseName(serverUrl, oldName).replace(/^(postgres(?:ql)?:\/\/)([^:@/]+)@/, '$1$2:secret@');
  let oldFiles: string;
  let work: string;
  let filesDir: string;
  let scans: OldScans;
  const app = useTestApp(db, () => ({ FILES_DIR: filesDir }));

  const cert = async (args: string[], env: Record<string, string> = {}) => {
    const stdout = new Collected();
    const stderr = new Collected();
    const code = await runCli({
      argv: args,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, FILES_DIR: filesDir, TIME_ZONE: 'Europe/Moscow', ...env },
      stdin: Readable.from([Buffer.from('')]),
      stdout,
      stderr,
      exitCode: 0,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  let reports = 0;
  const importLegacy = (extra: string[] = [], env: Record<string, string> = {}) =>
    cert(['import', 'legacy', '--from', oldUrl, '--files', oldFiles, '--report', path.join(work, `report-${++reports}.xlsx`), ...extra], env);
  const sql = (text: string, params: unknown[] = []) => db.dataSource.query(text, params) as Promise<Record<string, unknown>[]>;
  const newId = async (table: string, oldId: string) =>
    (await sql(`SELECT new_id FROM legacy_ids WHERE table_name = $1 AND old_id = $2`, [table, oldId]))[0]?.new_id as number;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cert-legacy-'));
    oldFiles = path.join(work, 'old-files');
    filesDir = path.join(work, 'files');
    await recreateDatabase(serverUrl, oldName);
    const client = new pg.Client({ connectionString: oldUrl });
    await client.connect();
    await createOldSchema(client);
    scans = await fillQuirkyOldDatabase(client, oldFiles);
    await client.end();
  });
  afterAll(async () => {
    await dropDatabase(serverUrl, oldName);
    await rm(work, { recursive: true, force: true });
  });

  let oldBefore: string;
  it('--dry-run reads everything and writes only the report', async () => {
    await db.truncate();
    oldBefore = await oldDigest(oldUrl);
    const before = await tableDigest(db.dataSource);
    const dry = await importLegacy(['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const summary = JSON.parse(dry.stdout);
    expect(summary).toMatchObject({ dryRun: true, scans: { stored: 1, missing: 2, refused: 2 } });
    expect(summary.tables.find((t: { table: string }) => t.table === 'organizations')).toMatchObject({ read: 10, imported: 10, oldCount: 10, accounted: 10 });
    expect(await tableDigest(db.dataSource)).toBe(before);
    expect(await sql(`SELECT * FROM legacy_runs`)).toEqual([]);
    expect(await filesUnder(filesDir)).toEqual({});
    expect(xlsxSheetRows(await readFile(summary.report), 1)[0]).toEqual([
      'Таблица',
      'Прочитано',
      'Перенесено',
      'Объединено',
      'Пропущено',
      'Уже были',
      'Отмечено',
      'В старой базе',
      'Учтено',
      'Счёт',
    ]);
  });

  it('brings every table across, keeps the quirks and reports each one with its old id', async () => {
    const run = await importLegacy();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^перенос: перенесено \d+, объединено \d+, пропущено 3, уже были 0, строк в отчёте 31, сканов 1 \(не найдено 2\); счёт по всем таблицам сходится; отчёт: /,
    );

    // organizations: the quirks kept, or set aside with the value in the notes
    const organizations = await sql(
      `SELECT l.old_id, o.full_name, o.inn, o.kpp, o.ogrn, o.is_active, o.region_id, o.date_agreement::text, o.uuid::text, o.created_at, l.notes
         FROM organizations o JOIN legacy_ids l ON l.table_name = 'organizations' AND l.new_id = o.id ORDER BY l.old_id::int`,
    );
    expect(organizations).toHaveLength(10);
    const byOld = Object.fromEntries(organizations.map((o) => [o.old_id, o]));
    expect(byOld['1']).toMatchObject({
      full_name: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "РОМАШКА"',
      kpp: '770101001',
      is_active: true,
      region_id: 77,
      date_agreement: '2022-02-01',
      uuid: 'a3f1c2de-0000-4000-8000-000000000001',
      notes: null,
    });
    expect((byOld['1']!.created_at as Date).toISOString()).toBe('2021-03-11T21:00:00.000Z'); // the old date_added, Moscow's midnight
    expect(byOld['2']!.inn).toMatch(/^\d{10}$/); // a bad checksum is kept
    expect(byOld['3']).toMatchObject({ kpp: null, notes: { КПП: '12345' } });
    expect(byOld['4']).toMatchObject({ is_active: false, inn: byOld['1']!.inn, kpp: '770101001' });
    expect(byOld['5']).toMatchObject({ date_agreement: '2999-01-01' });
    expect(byOld['6']).toMatchObject({ is_active: true });
    expect(byOld['6']!.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/); // made from the old id: the same in every run
    expect(byOld['7']).toMatchObject({ is_active: false });
    expect(byOld['8']).toMatchObject({ inn: null, notes: { ИНН: '77O1000O8' } });
    expect(byOld['9']).toMatchObject({ region_id: null, notes: { Регион: '98' } });
    expect(byOld['10']).toMatchObject({ ogrn: '1027700000999' });
    expect((await sql(`SELECT count(*)::int AS n FROM organizations WHERE inn = $1 AND kpp = '770101001' AND is_active`, [validInn('770100001')]))[0]!.n).toBe(
      1,
    );

    // letters and their threads
    const letters = await sql(
      `SELECT l.old_id, m.direction, m.our_number, m.our_date::text, m.their_number, m.their_date::text, m.information, p.old_id AS parent, l.notes
         FROM messages m JOIN legacy_ids l ON l.table_name = 'messages' AND l.new_id = m.id
         LEFT JOIN legacy_ids p ON p.table_name = 'messages' AND p.new_id = m.parent_id ORDER BY l.old_id::int`,
    );
    const letter = Object.fromEntries(letters.map((m) => [m.old_id, m]));
    expect(letters).toHaveLength(12);
    expect(letter['1']).toMatchObject({
      direction: 'incoming',
      our_number: 'ВХ-1',
      our_date: '2023-01-10',
      their_number: 'ЛПУ-16',
      their_date: '2023-01-05',
      parent: null,
    });
    expect(letter['2']).toMatchObject({ direction: 'outgoing', our_number: 'ИСХ-1', our_date: '2023-01-20', parent: '1' });
    expect(letter['3']).toMatchObject({ direction: 'outgoing', parent: '4' }); // a reply to a letter of a larger old id
    expect(letter['5']).toMatchObject({ parent: null, notes: { Основание: '5' } });
    expect(letter['6']).toMatchObject({ parent: null, notes: { Основание: '7' } }); // the loop broken at its smallest id
    expect(letter['7']).toMatchObject({ parent: '6' });
    expect(letter['8']).toMatchObject({ our_number: null, notes: { 'Наш номер': 'вх 1' } });
    expect(letter['9']).toMatchObject({
      direction: 'outgoing',
      our_number: 'ИСХ-9',
      their_number: null,
      notes: { 'Наш входящий номер': 'ВХ-99', 'Номер отправителя': 'Б/Н' },
    });
    expect(letter['10']).toMatchObject({ their_date: null, notes: { 'Дата подписи отправителем': '2023-03-09' } });
    expect(letter['11']).toMatchObject({ our_date: '2999-12-31' });
    expect(letter['12']).toMatchObject({ our_number: null, our_date: null, information: '' });

    const links = await sql(
      `SELECT m.old_id AS m, o.old_id AS o FROM organizations_messages x
         JOIN legacy_ids m ON m.table_name = 'messages' AND m.new_id = x.message_id JOIN legacy_ids o ON o.table_name = 'organizations' AND o.new_id = x.organization_id
        ORDER BY m.old_id::int, o.old_id::int`,
    );
    expect(links.map((l) => `${l.m}:${l.o}`)).toEqual(['1:1', '1:2', '2:1', '2:4', '3:2', '4:2', '5:3']);
    // a letter's search finds it by its organization's name (the search text is rebuilt by this registry's rules)
    expect((await sql(`SELECT search_text FROM messages WHERE id = $1`, [await newId('messages', '1')]))[0]!.search_text).toContain('ромашка');
    expect((await sql(`SELECT search_text FROM organizations WHERE id = $1`, [await newId('organizations', '1')]))[0]!.search_text).not.toContain('db-name');

    // resources, their regions and industries, outsourcing
    const resources = await sql(
      `SELECT l.old_id, r.name, r.category, r.deleted_at IS NOT NULL AS deleted, o.old_id AS owner FROM resources r
         JOIN legacy_ids l ON l.table_name = 'resources' AND l.new_id = r.id JOIN legacy_ids o ON o.table_name = 'organizations' AND o.new_id = r.owner_id ORDER BY 1`,
    );
    expect(resources).toEqual([
      { old_id: '1', name: 'Сайт', category: 2, deleted: false, owner: '1' },
      { old_id: '2', name: 'Почта', category: 1, deleted: true, owner: '2' },
      { old_id: '3', name: 'АСУ ТП', category: null, deleted: false, owner: '1' },
    ]);
    const r1 = await newId('resources', '1');
    expect((await sql(`SELECT region_id FROM resources_regions WHERE resource_id = $1 ORDER BY 1`, [r1])).map((r) => r.region_id)).toEqual([50, 77]);
    expect(
      (await sql(`SELECT i.name FROM resources_industries x JOIN industries i ON i.id = x.industry_id WHERE resource_id = $1 ORDER BY 1`, [r1])).map(
        (r) => r.name,
      ),
    ).toHaveLength(2);
    expect(await sql(`SELECT date_start::text, date_end::text, props, comment FROM responsibilities ORDER BY date_start`)).toEqual([
      { date_start: '2023-01-01', date_end: '2024-01-01', props: 'Договор 1', comment: null },
      { date_start: '2024-05-01', date_end: null, props: 'Договор 2', comment: 'конец раньше начала' },
    ]);

    // document types by name, documents with their requisites, the one scan found: its bytes, size and SHA-256
    expect((await sql(`SELECT name FROM org_adm_docs ORDER BY name`)).map((r) => r.name)).toEqual(['Соглашение о сотрудничестве', 'Устав организации']);
    const documents = await sql(
      `SELECT l.old_id, t.name, d.date_approved::text, d.props, d.comment, d.file_path, d.file_size::int, d.file_sha256 FROM organization_documents d
         JOIN legacy_ids l ON l.table_name = 'organization_documents' AND l.new_id = d.id JOIN org_adm_docs t ON t.id = d.org_adm_doc_id ORDER BY l.old_id`,
    );
    expect(documents.map((d) => [d.old_id, d.name, Boolean(d.file_path)])).toEqual([
      ['1:1', 'Устав организации', true],
      ['1:2', 'Соглашение о сотрудничестве', false],
      ['2:1', 'Устав организации', false],
      ['4:1', 'Устав организации', false],
      ['6:1', 'Устав организации', false],
    ]);
    expect(documents[0]).toMatchObject({
      date_approved: '2021-05-01',
      props: '№ 15',
      comment: 'главный',
      file_size: scans.charterOfFirst.length,
      file_sha256: sha256(scans.charterOfFirst),
    });
    expect(documents[2]).toMatchObject({ props: null, comment: null });
    expect(await readFile(path.join(filesDir, documents[0]!.file_path as string))).toEqual(scans.charterOfFirst);
    expect(Object.keys(await filesUnder(filesDir))).toEqual([documents[0]!.file_path]);

    // the report: every line with the old id, what was done and why
    const report = await readFile(path.join(work, `report-${reports}.xlsx`));
    const summary = xlsxSheetRows(report, 1);
    expect(summary.slice(1, 12).map((r) => [r[0], r[1], r[7], r[8], r[9]])).toEqual([
      ['Организации', '10', '10', '10', 'сходится'],
      ['Письма', '12', '12', '12', 'сходится'],
      ['Письма — организации', '9', '9', '9', 'сходится'],
      ['Ресурсы', '3', '3', '3', 'сходится'],
      ['Ресурсы — регионы', '4', '4', '4', 'сходится'],
      ['Ресурсы — сферы', '3', '3', '3', 'сходится'],
      ['Аутсорсинг', '2', '2', '2', 'сходится'],
      ['Виды документов', '3', '3', '3', 'сходится'],
      ['Документы организаций', '5', '5', '5', 'сходится'],
      ['Сферы КИИ', '13', '13', '13', 'сходится'],
      ['Методические документы', '1', '1', '1', 'сходится'],
    ]);
    const lines = (sheet: number) =>
      xlsxSheetRows(report, sheet)
        .slice(1)
        .map((r) => `${r[0]} ${r[2]} ${r[3]}: ${r[5]}`);
    expect(lines(2)).toEqual([
      expect.stringMatching(/^2 перенесена, отмечена ИНН: ИНН \d{10}: неверная контрольная сумма: перенесён как есть$/),
      expect.stringMatching(/^3 перенесена, отмечена КПП: КПП должен состоять из 9 символов .* получено «12345»: КПП не перенесён$/),
      expect.stringMatching(
        /^4 перенесена, отмечена Действующая: дубль действующей организации старой системы № 1 \(ИНН\/КПП \d{10}\/770101001\): перенесена как недействующая$/,
      ),
      '5 перенесена, отмечена Дата соглашения: дата в будущем: перенесена как есть',
      '6 перенесена, отмечена Действующая: признак не задан (строка вставлена в обход приложения): считается действующей',
      expect.stringMatching(/^8 перенесена, отмечена ИНН: ИНН должен состоять только из цифр, получено «77O1000O8»: ИНН не перенесён/),
      '9 перенесена, отмечена Регион: региона с кодом 98 нет в справочнике: регион не указан',
      '10 перенесена, отмечена ОГРН: ОГРН 1027700000999: неверное контрольное число: перенесён как есть',
    ]);
    expect(lines(3)).toEqual([
      '5 перенесена, отмечена Основание: письмо указано основанием самого себя: связь с основанием не перенесена',
      '6 перенесена, отмечена Основание: основания писем образуют круг (6 → 7): связь с основанием не перенесена',
      '8 перенесена, отмечена Наш номер: номер уже занят в этом году письмом № 1 старой системы: перенесено без номера',
      '9 перенесена, отмечена Наш входящий номер: у исходящего письма заполнены реквизиты входящего: не перенесены',
      '9 перенесена, отмечена Номер отправителя: у исходящего письма заполнены реквизиты входящего: не перенесены',
      '10 перенесена, отмечена Дата подписи отправителем: зарегистрировано (2023-03-01) раньше, чем подписано отправителем: дата отправителя не перенесена',
      '11 перенесена, отмечена Дата: дата в будущем: перенесена как есть',
      '12 перенесена, отмечена Содержание: содержание пустое',
    ]);
    expect(lines(4)).toEqual([
      '1:1 объединена : связь повторялась 2 раза: перенесена одна',
      '12:— не перенесена : связь с несуществующей записью (организация (пусто)): не перенесена',
    ]);
    expect(lines(5)).toEqual(['3 перенесена, отмечена Категория: категория значимости вне 0–3: не перенесена']);
    expect(lines(6)).toEqual([
      '1:77 объединена : связь повторялась 2 раза: перенесена одна',
      '3:98 не перенесена : связь с несуществующей записью (регион с кодом 98): не перенесена',
    ]);
    expect(lines(7)).toEqual(['1:2 объединена : связь повторялась 2 раза: перенесена одна']);
    expect(lines(8)).toEqual(['3:1:2024-01-01 перенесена, отмечена Дата окончания: окончание раньше начала (2024-05-01): дата окончания не перенесена']);
    expect(lines(9)).toEqual([
      '3 объединена Название: «Соглашение о сотрудничестве!» совпадает с «Соглашение о сотрудничестве» без учёта регистра и знаков: объединены в один',
    ]);
    expect(lines(10)).toEqual([
      '1:2 перенесена, отмечена Скан: у вида «Соглашение о сотрудничестве» то же имя файла, что у другого вида: скан мог быть перезаписан другим документом',
      '1:2 перенесена, отмечена Скан: скан не найден: документ перенесён без скана',
      '2:1 перенесена, отмечена Скан: Файл скана пустой: документ перенесён без скана',
      '4:1 перенесена, отмечена Скан: Файл скана не является документом PDF (проверяется содержимое, а не расширение): документ перенесён без скана',
      '6:1 перенесена, отмечена Дата подписи: дата подписи в будущем: перенесена как есть',
      '6:1 перенесена, отмечена Скан: скан не найден: документ перенесён без скана',
    ]);
    expect(lines(12)).toEqual(['1 не перенесена Название: в реестре нет раздела методических документов: «Методичка по КИИ» не перенесён (писем с ним: 1)']);
  });

  it('writes one history entry per table, not one per row; each record’s history opens with its move-in; the card shows its old number', async () => {
    const entries = await sql(`SELECT action, table_name, details FROM audit_log ORDER BY id`);
    expect(entries.filter((e) => e.action !== 'bulk')).toEqual([]);
    expect(entries.map((e) => e.table_name)).toEqual([
      'organizations',
      'messages',
      'organizations_messages',
      'resources',
      'resources_regions',
      'resources_industries',
      'responsibilities',
      'org_adm_docs',
      'organization_documents',
    ]);
    expect(entries[0]!.details).toMatchObject({ inserted: 10, legacySource: oldUrl.replace(/^(postgres(ql)?:\/\/)[^@]*@/, '$1') });
    expect(JSON.stringify(entries)).not.toContain('secret');
    expect(JSON.stringify(entries)).toContain(':***@');

    // the CLI ran in this process: the entities' data source (TypeORM's BaseEntity) is the panel's again
    for (const metadata of db.dataSource.entityMetadatas) (metadata.target as { useDataSource?: (d: unknown) => void }).useDataSource?.(db.dataSource);
    await createTestUser(db, 'admin@cert.test', 'admin');
    const admin = await loginAs(app.app, 'admin@cert.test');
    const organization = await newId('organizations', '3');
    const history = await admin.get(`/admin/data/history/organizations/${organization}`);
    expect(history.status).toBe(200);
    const last = history.body.items.at(-1);
    expect(last).toMatchObject({ actionText: 'Перенесено из старой системы', atText: '12.03.2021 00:00', source: 'старая система' });
    expect(last.note).toBe(
      '№ в старой системе: 3; добавлена там 12.03.2021; изменена там 01.05.2022; перенесена ' +
        last.note.match(/перенесена (\d\d\.\d\d\.\d{4})/)[1] +
        '; не перенесено: КПП «12345»',
    );
    const card = await admin.get(`/admin/api/resources/Organization/records/${organization}/show`);
    expect(card.body.record.params.legacyNumber).toBe('3; не перенесено: КПП «12345»');
    const letter = await admin.get(`/admin/api/resources/Message/records/${await newId('messages', '8')}/show`);
    expect(letter.body.record.params.legacyNumber).toBe('8; не перенесено: Наш номер «вх 1»');
    const journal = await admin.get(`/admin/data/history/organizations/${await newId('organizations', '1')}`);
    expect(journal.body.items.map((i: { actionText: string }) => i.actionText)).toEqual(['Перенесено из старой системы']);
  });

  it('a second run changes nothing and says so; the old database was never written', async () => {
    const before = await tableDigest(db.dataSource);
    const history = await sql(`SELECT count(*)::int AS n FROM audit_log`);
    const files = await filesUnder(filesDir);
    const again = await importLegacy();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^перенос: перенесено 0, объединено 0, пропущено 0, уже были \d+, строк в отчёте 0, /);
    expect(await tableDigest(db.dataSource)).toBe(before);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(history);
    expect((await sql(`SELECT count(*)::int AS n FROM legacy_runs`))[0]!.n).toBe(1);
    expect(await filesUnder(filesDir)).toEqual(files);
    expect(await oldDigest(oldUrl)).toBe(oldBefore);
  });

  it('into a registry that already has the organization: merges by INN/KPP, creates no twin, links the old letters to it', async () => {
    await db.truncate();
    await rm(filesDir, { recursive: true, force: true });
    const [{ id: existing }] = (await sql(
      `INSERT INTO organizations (full_name, inn, kpp) VALUES ('РОМАШКА (введена вручную)', $1, '770101001') RETURNING id`,
      [validInn('770100001')],
    )) as [{ id: number }];
    const run = await importLegacy(['--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.tables[0]).toMatchObject({ table: 'organizations', imported: 8, merged: 2, accounted: 10 });
    expect(await newId('organizations', '1')).toBe(existing);
    expect(await newId('organizations', '4')).toBe(existing);
    expect((await sql(`SELECT full_name FROM organizations WHERE id = $1`, [existing]))[0]!.full_name).toBe('РОМАШКА (введена вручную)');
    expect((await sql(`SELECT count(*)::int AS n FROM organizations WHERE inn = $1`, [validInn('770100001')]))[0]!.n).toBe(1);
    // letters 1 and 2 were linked to old 1 (and 2 also to old 4): each is linked to the registry's organization once
    expect((await sql(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [existing]))[0]!.n).toBe(2);
    const report = xlsxSheetRows(await readFile(summary.report), 2).slice(1);
    expect(report.filter((r) => r[2] === 'объединена').map((r) => [r[0], r[1]])).toEqual([
      ['1', String(existing)],
      ['4', String(existing)],
    ]);
  });

  it('refuses what is not the old database, a missing scans folder and an address that is not PostgreSQL, in Russian', async () => {
    const notUrl = await cert(['import', 'legacy', '--from', 'mysql://x', '--files', work]);
    expect(notUrl).toMatchObject({ code: 1 });
    expect(notUrl.stderr).toContain('--from: адрес базы старой системы вида postgresql://');
    const notOld = await cert(['import', 'legacy', '--from', db.url.replace(/\/\/([^@/]*)@/, '//$1:secret@'), '--files', work]);
    expect(notOld.code).toBe(1);
    expect(notOld.stderr).toContain('не похожа на базу старой системы cert_ecosystem');
    expect(notOld.stderr).not.toContain('secret');
    const noFiles = await cert(['import', 'legacy', '--from', oldUrl, '--files', path.join(work, 'nowhere')]);
    expect(noFiles).toMatchObject({ code: 1 });
    expect(noFiles.stderr).toContain('--files: папка сканов старой системы не найдена');
  });

  it('a run killed half-way leaves nothing; the rerun ends as a clean run does, row for row and file for file', async () => {
    // a larger old database, so that the run is still going when it is killed
    const bigName = `${oldName}_big`;
    const bigUrl = withDatabaseName(serverUrl, bigName);
    const bigFiles = path.join(work, 'big-files');
    await recreateDatabase(serverUrl, bigName);
    const client = new pg.Client({ connectionString: bigUrl });
    await client.connect();
    await createOldSchema(client);
    await generateOldDatabase(client, bigFiles, { organizations: 5000, letters: 20_000, resources: 500, scans: 100 });
    await client.end();

    const cleanName = `cert_test_legacy_clean_${process.env.VITEST_POOL_ID ?? '0'}`;
    const cleanUrl = withDatabaseName(serverUrl, cleanName);
    const cleanFiles = path.join(work, 'clean-files');
    await recreateDatabase(serverUrl, cleanName, inject('templateDatabase'));
    try {
      const clean = await cert(['import', 'legacy', '--from', bigUrl, '--files', bigFiles, '--report', path.join(work, 'clean.xlsx')], {
        DATABASE_URL: cleanUrl,
        FILES_DIR: cleanFiles,
      });
      expect(clean.code).toBe(0);

      await db.truncate();
      await rm(filesDir, { recursive: true, force: true });
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'bin/cert.ts', 'import', 'legacy', '--from', bigUrl, '--files', bigFiles, '--report', path.join(work, 'killed.xlsx')],
        { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, FILES_DIR: filesDir, TIME_ZONE: 'Europe/Moscow' }, stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // killed once it has written some of its scans (the documents come last): the transaction is open, files are placed
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && Object.keys(await filesUnder(filesDir)).filter((f) => f.endsWith('.pdf') && !f.startsWith('.incoming')).length < 5) {
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await exited;
      expect(Object.keys(await filesUnder(filesDir)).length).toBeGreaterThan(0);
      expect(await sql(`SELECT count(*)::int AS n FROM legacy_ids`)).toEqual([{ n: 0 }]);
      expect(await sql(`SELECT count(*)::int AS n FROM organizations`)).toEqual([{ n: 0 }]);

      const rerun = await cert(['import', 'legacy', '--from', bigUrl, '--files', bigFiles, '--report', path.join(work, 'rerun.xlsx')]);
      expect(rerun.code).toBe(0);
      const cleanPool = new pg.Pool({ connectionString: cleanUrl, max: 1 });
      try {
        const cleanQuery = async (text: string) => (await cleanPool.query(text)).rows as Record<string, unknown>[];
        const ours = await canonicalRegistry(sql);
        const theirs = await canonicalRegistry(cleanQuery);
        expect(ours.organizations).toHaveLength(5000);
        for (const key of Object.keys(theirs)) expect(ours[key], key).toEqual(theirs[key]);
      } finally {
        await cleanPool.end();
      }
      expect(await filesUnder(filesDir)).toEqual(await filesUnder(cleanFiles)); // no scan left over from the killed run
      // new ids aside (a killed attempt consumed some of the sequences' numbers)
      const strip = (rows: string[][]) => rows.filter((r) => r[0] !== 'Начало').map((r, i) => (i > 0 && r.length === 6 ? [r[0], ...r.slice(2)] : r));
      for (const sheet of [1, 2, 3, 10]) {
        expect(strip(xlsxSheetRows(await readFile(path.join(work, 'rerun.xlsx')), sheet)), `sheet ${sheet}`).toEqual(
          strip(xlsxSheetRows(await readFile(path.join(work, 'clean.xlsx')), sheet)),
        );
      }
    } finally {
      await dropDatabase(serverUrl, cleanName);
      await dropDatabase(serverUrl, bigName);
    }
  }, 240_000);
});
