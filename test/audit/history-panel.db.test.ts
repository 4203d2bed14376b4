import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, TEST_PASSWORD, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { makePdf } from '../support/pdf.js';

/**
 * The change history through the panel: each write names its user, a card's «История» reads as Russian, the
 * journal is the admins', logins and logouts are in it, and a deleted letter comes back with its organizations.
 */
describe('change history in the panel', () => {
  const db = useTestDatabase('history_panel');
  let filesDir: string;
  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'cert-history-files-'));
  });
  afterAll(() => rm(filesDir, { recursive: true, force: true }));
  const app = useTestApp(db, () => ({ FILES_DIR: filesDir }));

  let organizationId: number;
  let adminId: number;
  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id: adminId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'admin@cert.test'`);
    [{ id: organizationId }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, region_id, date_agreement) VALUES ('ПАО "СБЕРБАНК"', 'ПАО Сбербанк', '7707083893', 77, '2024-02-01') RETURNING id`,
    );
  });
  const post = (agent: Awaited<ReturnType<typeof loginAs>>, url: string, fields: Record<string, string>) => {
    let call = agent.post(url);
    for (const [key, value] of Object.entries(fields)) call = call.field(key, value);
    return call;
  };
  const entries = () => db.dataSource.query(`SELECT * FROM audit_log ORDER BY id`);

  it('lists a card’s history newest first by number, also across 9 → 10 → 100', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const [{ id }] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('ООО "ПОРЯДОК"', '7736050003') RETURNING id`);
    for (let i = 1; i <= 12; i += 1) await db.dataSource.query(`UPDATE organizations SET contacts = $2 WHERE id = $1`, [id, `тел. ${i}`]);
    const items: { id: string }[] = (await clerk.get(`/admin/data/history/organizations/${id}`)).body.items;
    const numbers = items.map((item) => Number(item.id));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(numbers.length).toBe(13);
  });

  it('an edit in the panel is the clerk’s, with the address, and the card’s history reads in Russian: values, references by title, dates', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const edited = await post(clerk, `/admin/api/resources/Organization/records/${organizationId}/edit`, {
      fullName: 'ПАО "СБЕРБАНК"',
      inn: '7736050003',
      regionId: '50',
      dateAgreement: '2025-03-15',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.notice?.type).toBe('success');
    const [entry] = (await entries()).filter((e: { action: string; table_name: string }) => e.action === 'update' && e.table_name === 'organizations');
    expect(entry).toMatchObject({ source: 'panel', actor_name: 'clerk@cert.test (clerk@cert.test)' });
    expect(entry.actor_id).toEqual(expect.any(Number));
    expect(entry.details.address).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);

    const history = await clerk.get(`/admin/data/history/organizations/${organizationId}`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(2); // the insert (psql) and the edit
    const [latest] = history.body.items;
    expect(latest).toMatchObject({ actionText: 'Изменение', actor: 'clerk@cert.test (clerk@cert.test)', source: 'панель' });
    expect(latest.atText).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        { field: 'ИНН', old: '7707083893', new: '7736050003' },
        { field: 'Регион', old: 'Москва', new: 'Московская область' },
        { field: 'Дата подписания соглашения', old: '01.02.2024', new: '15.03.2025' },
      ]),
    );
    expect(history.body.items[1]).toMatchObject({ actionText: 'Создание', source: 'SQL' });
  });

  it('a letter’s organizations show on the letter’s and the organization’s history; a scan replacement shows both checksums and sizes', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const created = await post(clerk, '/admin/api/resources/Message/actions/new', {
      direction: 'incoming',
      information: 'Запрос сведений',
      'organizations.0': String(organizationId),
      ourNumber: 'ВХ-1',
      ourDate: '2025-03-05',
    });
    expect(created.body.notice?.type).toBe('success');
    const letterId = created.body.record.id;
    const letterHistory = (await clerk.get(`/admin/data/history/messages/${letterId}`)).body;
    const link = letterHistory.items.find((i: { actionText: string }) => i.actionText === 'Связь добавлена');
    expect(link.changes).toEqual(expect.arrayContaining([{ field: 'Организации', old: null, new: 'ПАО Сбербанк' }]));
    const organizationHistory = (await clerk.get(`/admin/data/history/organizations/${organizationId}`)).body;
    expect(organizationHistory.items.map((i: { actionText: string }) => i.actionText)).toContain('Связь добавлена');
    // the journal names the records: its list by title (a link by both ends), an entry's page by its record
    const admin = await loginAs(app.app, 'admin@cert.test');
    const journal = (await admin.get('/admin/api/resources/AuditEntry/actions/list?filters.tableName=messages')).body.records[0];
    expect(journal.params.recordTitle).toBe('Вх. № ВХ-1 от 05.03.2025');
    const links = (await admin.get('/admin/api/resources/AuditEntry/actions/list?filters.tableName=organizations_messages')).body.records[0];
    expect(links.params.recordTitle).toBe('Вх. № ВХ-1 от 05.03.2025 — ПАО Сбербанк');
    const entryPage = (await admin.get(`/admin/api/resources/AuditEntry/records/${journal.id}/show`)).body.record;
    expect(entryPage.title).toBe('Письмо Вх. № ВХ-1 от 05.03.2025');

    const [{ id: typeId }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    const attach = (bytes: Buffer) =>
      clerk
        .post(`/admin/data/organizations/${organizationId}/documents`)
        .field('orgAdmDocId', String(typeId))
        .field('dateApproved', '2025-03-01')
        .field('props', '№ 12-С')
        .attach('scan', bytes, { filename: 'scan.pdf', contentType: 'application/pdf' });
    const first = makePdf(2000, 'first');
    const second = makePdf(5000, 'second');
    expect((await attach(first)).status).toBe(201);
    expect((await attach(second)).status).toBe(200);
    const [doc] = await db.dataSource.query(`SELECT id, file_sha256 FROM organization_documents`);
    const firstSha = (
      await db.dataSource.query(`SELECT changes->'file_sha256'->>1 AS sha FROM audit_log WHERE table_name = 'organization_documents' AND action = 'insert'`)
    )[0].sha;
    const documentHistory = (await clerk.get(`/admin/data/history/organization_documents/${doc.id}`)).body;
    const replaced = documentHistory.items[0];
    expect(replaced.actionText).toBe('Изменение');
    const fields = Object.fromEntries(replaced.changes.map((c: { field: string; old: string; new: string }) => [c.field, [c.old, c.new]]));
    expect(fields['Размер файла']).toEqual([String(first.length), String(second.length)]);
    expect(fields['SHA-256']).toEqual([firstSha, doc.file_sha256]);
    expect(firstSha).not.toBe(doc.file_sha256);
  });

  it('the journal is the admins’: clerks get 403 on its list, entries, exports and users’ histories', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    // AdminJS answers a forbidden action with 200, an error notice and no records
    const clerkList = await clerk.get('/admin/api/resources/AuditEntry/actions/list');
    expect(clerkList.body.notice?.type).toBe('error');
    expect(clerkList.body.records).toEqual([]);
    expect((await clerk.get('/admin/data/journal/1')).status).toBe(403);
    expect((await clerk.get('/admin/data/export/AuditEntry.csv')).status).toBe(403);
    expect((await clerk.get(`/admin/data/history/users/${adminId}`)).status).toBe(403);
    expect((await clerk.post('/admin/data/journal/1/restore')).status).toBe(403);
    expect((await request(app.app).get(`/admin/data/history/organizations/${organizationId}`)).status).toBe(401);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const list = await admin.get('/admin/api/resources/AuditEntry/actions/list?filters.tableName=organizations');
    expect(list.status).toBe(200);
    expect(list.body.records.length).toBeGreaterThan(0);
    expect(list.body.records[0].params.summary).toContain('Полное наименование: ПАО "СБЕРБАНК"; Сокращенное наименование: ПАО Сбербанк; ИНН: 7707083893');
    expect(Object.keys(list.body.records[0].params).some((k) => k.startsWith('changes.'))).toBe(false);
  });

  it('logins, failed logins (with the email typed) and logouts are in the journal with the address', async () => {
    await request(app.app).post('/admin/login').field('email', 'admin@cert.test').field('password', 'wrong password!');
    const admin = await loginAs(app.app, 'admin@cert.test');
    await admin.post('/admin/logout');
    const sessions = (await entries()).filter((e: { action: string }) => ['login', 'login_failed', 'logout'].includes(e.action));
    expect(sessions.map((e: { action: string }) => e.action)).toEqual(['login_failed', 'login', 'logout']);
    expect(sessions[0]).toMatchObject({ actor_id: null, details: { email: 'admin@cert.test' } });
    expect(sessions[1]).toMatchObject({ actor_id: adminId, record_id: String(adminId) });
    for (const entry of sessions) expect(entry.details.address).toMatch(/127\.0\.0\.1|::1/);
    expect(TEST_PASSWORD).not.toBe('wrong password!');
    expect(JSON.stringify(sessions)).not.toContain('wrong password');
  });

  it('a deleted letter is restored from the journal with its organizations and its replies’ «Основание»; the state after any change can be seen', async () => {
    const [{ id: second }] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('АО "ВТОРАЯ"', '7736050003') RETURNING id`);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const created = await post(clerk, '/admin/api/resources/Message/actions/new', {
      direction: 'incoming',
      information: 'Запрос о категорировании',
      'organizations.0': String(organizationId),
      'organizations.1': String(second),
      ourNumber: 'ВХ-77',
      ourDate: '2025-04-01',
    });
    const letterId = Number(created.body.record.id);
    const [{ id: replyId }] = await db.dataSource.query(
      `INSERT INTO messages (direction, information, parent_id) VALUES ('outgoing', 'Ответ', $1) RETURNING id`,
      [letterId],
    );
    await post(clerk, `/admin/api/resources/Message/records/${letterId}/edit`, {
      information: 'Запрос о категорировании объектов',
      direction: 'incoming',
      'organizations.0': String(organizationId),
      'organizations.1': String(second),
      ourNumber: 'ВХ-77',
      ourDate: '2025-04-01',
    });

    const admin = await loginAs(app.app, 'admin@cert.test');
    const deleted = await admin.post(`/admin/api/resources/Message/records/${letterId}/delete`);
    expect(deleted.body.notice?.type).toBe('success');
    expect(await db.dataSource.query(`SELECT id FROM messages WHERE id = $1`, [letterId])).toEqual([]);
    expect((await db.dataSource.query(`SELECT parent_id FROM messages WHERE id = $1`, [replyId]))[0].parent_id).toBeNull();

    const [deletion] = await db.dataSource.query(`SELECT id FROM audit_log WHERE table_name = 'messages' AND action = 'delete' AND record_id = $1`, [
      String(letterId),
    ]);
    const described = await admin.get(`/admin/data/journal/${deletion.id}`);
    expect(described.body).toMatchObject({ canRestore: true, recordTitle: 'ВХ-77', entry: { actionText: 'Удаление', tableText: 'Письма' } });

    const restored = await admin.post(`/admin/data/journal/${deletion.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ table: 'messages', id: letterId, links: 3, skipped: 0 });
    expect(restored.body.message).toContain('Письмо восстановлено');
    const [letter] = await db.dataSource.query(`SELECT information, our_number, our_date FROM messages WHERE id = $1`, [letterId]);
    expect(letter).toEqual({ information: 'Запрос о категорировании объектов', our_number: 'ВХ-77', our_date: '2025-04-01' });
    const links = await db.dataSource.query(`SELECT organization_id FROM organizations_messages WHERE message_id = $1 ORDER BY 1`, [letterId]);
    expect(links.map((l: { organization_id: number }) => l.organization_id)).toEqual([organizationId, second].sort((a, b) => a - b));
    expect((await db.dataSource.query(`SELECT parent_id FROM messages WHERE id = $1`, [replyId]))[0].parent_id).toBe(letterId);
    // the restore is itself recorded as the admin's
    const restoreEntry = (await entries()).find((e: { action: string; table_name: string }) => e.action === 'restore' && e.table_name === 'messages');
    expect(restoreEntry).toMatchObject({ actor_id: adminId, details: { restoredFrom: String(deletion.id) } });
    // restoring twice is refused, in Russian
    const again = await admin.post(`/admin/data/journal/${deletion.id}/restore`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('уже есть');

    // the letter right after it was created: the first text, both organizations
    const [creation] = await db.dataSource.query(`SELECT id FROM audit_log WHERE table_name = 'messages' AND action = 'insert' AND record_id = $1`, [
      String(letterId),
    ]);
    const state = await admin.get(`/admin/data/journal/${creation.id}/state`);
    expect(state.status).toBe(200);
    expect(state.body.exists).toBe(true);
    expect(state.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'О чем', value: 'Запрос о категорировании' },
        { field: 'Наш номер', value: 'ВХ-77' },
      ]),
    );
    expect(state.body.links).toEqual([{ field: 'Организации', values: expect.arrayContaining(['ПАО Сбербанк', 'АО "ВТОРАЯ"']) }]);
  });

  it('a soft-deleted resource is restored from the journal; an organization cannot come back over its active twin', async () => {
    const [{ id: resourceId }] = await db.dataSource.query(`INSERT INTO resources (name, owner_id) VALUES ('Портал', $1) RETURNING id`, [organizationId]);
    const admin = await loginAs(app.app, 'admin@cert.test');
    expect((await admin.post(`/admin/api/resources/Resource/records/${resourceId}/delete`)).body.notice?.type).toBe('success');
    const [softDeletion] = await db.dataSource.query(
      `SELECT id, action FROM audit_log WHERE table_name = 'resources' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(resourceId)],
    );
    expect(softDeletion.action).toBe('soft_delete');
    expect((await admin.post(`/admin/data/journal/${softDeletion.id}/restore`)).body.message).toContain('Ресурс восстановлен');
    expect((await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [resourceId]))[0].deleted_at).toBeNull();

    await db.dataSource.query(`UPDATE organizations SET is_active = false WHERE id = $1`, [organizationId]);
    await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('ПАО "СБЕРБАНК" (новая карточка)', '7707083893')`);
    const [deactivation] = await db.dataSource.query(`SELECT id FROM audit_log WHERE table_name = 'organizations' AND action = 'soft_delete'`);
    const refused = await admin.post(`/admin/data/journal/${deactivation.id}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('ИНН и КПП');
    expect((await db.dataSource.query(`SELECT is_active FROM organizations WHERE id = $1`, [organizationId]))[0].is_active).toBe(false);
  });

  it('the POST routes added for the history and the EGRUL check refuse another origin, changing nothing', async () => {
    await db.dataSource.query(`DELETE FROM organizations WHERE id = $1`, [organizationId]);
    const [deletion] = await db.dataSource.query(`SELECT id FROM audit_log WHERE table_name = 'organizations' AND action = 'delete'`);
    const admin = await loginAs(app.app, 'admin@cert.test');
    for (const url of [
      `/admin/data/journal/${deletion.id}/restore`,
      `/admin/data/organizations/${organizationId}/egrul-check`,
      `/admin/data/organizations/${organizationId}/egrul-apply`,
      '/admin/data/egrul-bulk/preview',
      `/admin/data/egrul-bulk/${'0'.repeat(32)}/import`,
    ]) {
      const answer = await admin
        .post(url)
        .set('Origin', 'https://evil.example')
        .send({ fields: ['fullName'] });
      expect(answer.status, url).toBe(403);
    }
    expect(await db.dataSource.query(`SELECT id FROM organizations WHERE id = $1`, [organizationId])).toEqual([]);
    // from the panel's own origin the restore goes through
    expect((await admin.post(`/admin/data/journal/${deletion.id}/restore`)).status).toBe(200);
  });

  it('exports the journal for admins as CSV with Russian labels', async () => {
    await db.dataSource.query(`UPDATE organizations SET inn = '7736050003' WHERE id = $1`, [organizationId]);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const csv = await admin
      .get('/admin/data/export/AuditEntry.csv?filters.tableName=organizations')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Когда;Кто;Откуда;Действие;Раздел');
    expect(csv.body).toContain('ИНН: 7707083893 → 7736050003');
    expect(csv.body).toContain('SQL (в обход панели)');
    expect(csv.body).toContain('Организации');
  });
});
