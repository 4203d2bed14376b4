import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 26 through the panel's routes: the preview, the merge and its undo are the admins'; refusals are said. */
describe('merging organizations through the panel', () => {
  const db = useTestDatabase('merge_routes');
  const app = useTestApp(db);

  it('previews (differing fields first, what moves), merges with the admin’s choices, and undoes; clerks are refused', async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    const [{ id: kept }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, contacts) VALUES ('АО "ДУБЛЬ"', 'АО "ДУБЛЬ"', '7707083893', '773601001', 'тел. 1') RETURNING id`,
    );
    const [{ id: merged }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, ogrn, contacts) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ДУБЛЬ"', '7707083893', '1027700132195', 'тел. 2') RETURNING id`,
    );
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'Д-' || g, DATE '2025-01-01', 'письмо' FROM generate_series(1, 4) g`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages`, [merged]);
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE our_number = 'Д-1'`, [kept]);

    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get(`/admin/data/organizations/${kept}/merge-preview`).query({ with: merged })).status).toBe(403);
    expect((await clerk.post(`/admin/data/organizations/${kept}/merge`).send({ with: merged })).status).toBe(403);

    const admin = await loginAs(app.app, 'admin@cert.test');
    const preview = (await admin.get(`/admin/data/organizations/${kept}/merge-preview`).query({ with: merged })).body;
    expect(preview.fields.slice(0, 5).map((f: { label: string }) => f.label)).toEqual([
      'Полное наименование',
      'Сокращённое наименование',
      'КПП',
      'ОГРН',
      'Контакты',
    ]);
    expect(preview.fields.find((f: { field: string }) => f.field === 'ogrn').choice).toBe('merged'); // empty on the kept card
    expect(preview.counts).toMatchObject({ letters: 3, lettersLinkedToBoth: 1, egrulCheck: 'none' });
    expect(preview.refusals).toEqual([]);
    expect((await admin.get(`/admin/data/organizations/${kept}/merge-preview`).query({ with: kept })).status).toBe(404);

    const wrong = await admin.post(`/admin/data/organizations/${kept}/merge`).send({ with: merged, choices: { kpp: 'joined' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('Поле «КПП»: объединить можно только контакты и адрес, здесь выберите одно значение.');

    const done = await admin.post(`/admin/data/organizations/${kept}/merge`).send({ with: merged, choices: { contacts: 'joined' } });
    expect(done.status).toBe(200);
    expect(done.body.moved.letters).toHaveLength(3);
    expect(await db.dataSource.query(`SELECT contacts, ogrn FROM organizations WHERE id = $1`, [kept])).toEqual([
      { contacts: 'тел. 1\nтел. 2', ogrn: '1027700132195' },
    ]);
    const [entry] = await db.dataSource.query(`SELECT actor_id AS "actorId", action FROM audit_log WHERE action = 'merge'`);
    const [{ id: adminId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'admin@cert.test'`);
    expect(entry).toEqual({ actorId: adminId, action: 'merge' });
    const again = await admin.post(`/admin/data/organizations/${kept}/merge`).send({ with: merged });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('уже объединена с другой');

    expect((await clerk.post(`/admin/data/merges/${done.body.mergeId}/undo`)).status).toBe(403);
    const undone = await admin.post(`/admin/data/merges/${done.body.mergeId}/undo`);
    expect(undone.status).toBe(200);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [merged])).toEqual([{ n: 4 }]);
    const twice = await admin.post(`/admin/data/merges/${done.body.mergeId}/undo`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Это объединение уже отменено.');
  });

  it('«Возможные дубли»: the admins’ list with its reasons, a page and a filter; «не дубль» through the panel’s own origin; wrong input named', async () => {
    await db.truncate();
    await createTestUser(db, 'admin2@cert.test', 'admin');
    await createTestUser(db, 'clerk2@cert.test', 'clerk');
    const [{ id: first }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, kpp, region_id) VALUES ('АО "ПАРА"', '7707083893', '773601001', 77) RETURNING id`,
    );
    const [{ id: second }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, region_id) VALUES ('АО "ПАРА"', '7707083893', 77) RETURNING id`,
    );

    const clerk = await loginAs(app.app, 'clerk2@cert.test');
    expect((await clerk.get('/admin/data/duplicates')).status).toBe(403);
    expect((await clerk.post('/admin/data/duplicates/dismissals').send({ first, second })).status).toBe(403);
    expect((await request(app.app).get('/admin/data/duplicates')).status).toBe(401);

    const admin = await loginAs(app.app, 'admin2@cert.test');
    const list = await admin.get('/admin/data/duplicates');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, perPage: 50 });
    expect(list.body.pairs[0]).toMatchObject({ kept: { id: first, kpp: '773601001', letters: 0 }, other: { id: second, kpp: null }, reasons: ['inn', 'name'] });
    expect((await admin.get('/admin/data/duplicates').query({ reason: 'ogrn' })).body.total).toBe(0);
    const wrongReason = await admin.get('/admin/data/duplicates').query({ reason: 'nonsense' });
    expect(wrongReason.status).toBe(400);
    expect(wrongReason.body.message).toBe('Причина: выберите одну из списка.');
    expect((await admin.get('/admin/data/duplicates').query({ page: '0' })).body.message).toBe('Страница: целое число от 1 до 9999.');

    // a state change from another origin is refused before anything is read
    const foreign = await admin.post('/admin/data/duplicates/dismissals').set('Origin', 'https://evil.example').send({ first, second });
    expect(foreign.status).toBe(403);
    expect((await admin.post('/admin/data/duplicates/dismissals').send({ first, second: first })).body.message).toBe('Нужны две разные организации.');
    expect((await admin.post('/admin/data/duplicates/dismissals').send({ first, second: 999999 })).status).toBe(404);
    const dismissed = await admin.post('/admin/data/duplicates/dismissals').send({ first: String(second), second: first });
    expect(dismissed.status).toBe(200);
    expect((await admin.get('/admin/data/duplicates')).body.total).toBe(0);
    const [{ id: adminId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'admin2@cert.test'`);
    expect(await db.dataSource.query(`SELECT actor_id AS "actorId", anchors FROM audit_log WHERE table_name = 'duplicate_dismissals'`)).toEqual([
      { actorId: adminId, anchors: [`organizations:${first}`, `organizations:${second}`] },
    ]);
    // the merge form shows a region by its name
    const preview = (await admin.get(`/admin/data/organizations/${first}/merge-preview`).query({ with: second })).body;
    expect(preview.fields.find((f: { field: string }) => f.field === 'region_id')).toMatchObject({ keptText: 'Москва', mergedText: 'Москва', differs: false });
    expect((await admin.post('/admin/data/duplicates/dismissals/remove').send({ first, second })).status).toBe(200);
    expect((await admin.get('/admin/data/duplicates')).body.total).toBe(1);
  });
});
