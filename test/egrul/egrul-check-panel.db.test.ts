import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

/** «Сверка с ЕГРЮЛ» in the panel: the card's check now, the admin's applying of chosen fields, the list's column and filter. */
describe('the EGRUL check in the panel', () => {
  const db = useTestDatabase('egrul_check_panel');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: 10 });
  });
  afterAll(() => stub?.close());
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: stub.url }));
  const unit = generatedUnit(7);
  beforeEach(async () => {
    await db.truncate();
    stub.reset();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await db.dataSource.query(
      `INSERT INTO organizations (id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id) VALUES (7, 'ООО "ПРЕЖНЕЕ ИМЯ"', $1, $2, $3, $4, 'г. Москва', 77)`,
      [unit.short_name, unit.inn, unit.kpp, unit.ogrn],
    );
  });

  it('a clerk checks a card now and sees the differences in words; only an admin may apply them', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin/data/organizations/7/egrul-check')).body).toMatchObject({ status: null, configured: true });
    const checked = await clerk.post('/admin/data/organizations/7/egrul-check');
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: 'changed', statusText: 'Есть изменения', canApply: false });
    expect(checked.body.checkedAt).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    const regionName = (await db.dataSource.query(`SELECT name FROM regions WHERE id = $1`, [Number(unit.region_code)]))[0].name;
    expect(checked.body.differences).toEqual([
      { field: 'fullName', label: 'Полное наименование', registry: 'ООО "ПРЕЖНЕЕ ИМЯ"', egrul: unit.full_name },
      { field: 'factualAddress', label: 'Адрес местонахождения', registry: 'г. Москва', egrul: unit.factual_address },
      { field: 'regionId', label: 'Регион', registry: 'Москва', egrul: regionName },
    ]);
    const refused = await clerk.post('/admin/data/organizations/7/egrul-apply').send({ fields: ['fullName'] });
    expect(refused.status).toBe(403);
    expect((await db.dataSource.query(`SELECT full_name FROM organizations WHERE id = 7`))[0].full_name).toBe('ООО "ПРЕЖНЕЕ ИМЯ"');
  });

  it('an admin applies the chosen fields: EGRUL’s values from the stored check, saved through the write path and into the history', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    await admin.post('/admin/data/organizations/7/egrul-check');
    // the browser sends field names only: a value it sends is not used
    const applied = await admin.post('/admin/data/organizations/7/egrul-apply').send({ fields: ['fullName', 'regionId', 'nonsense'], fullName: 'ВЗЛОМ' });
    expect(applied.status).toBe(200);
    expect(applied.body.message).toBe('Из ЕГРЮЛ взято: Полное наименование, Регион. Запись сохранена.');
    expect(applied.body.differences.map((d: { field: string }) => d.field)).toEqual(['factualAddress']);
    const [row] = await db.dataSource.query(`SELECT full_name, region_id, factual_address FROM organizations WHERE id = 7`);
    expect(row).toEqual({ full_name: unit.full_name, region_id: Number(unit.region_code), factual_address: 'г. Москва' });
    const [entry] = await db.dataSource.query(
      `SELECT actor_name, source, changes, details FROM audit_log WHERE table_name = 'organizations' AND action = 'update'`,
    );
    expect(entry.source).toBe('egrul'); // taken from EGRUL, by this admin, from this check
    expect(entry.details.egrulCheck).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entry.actor_name).toContain('admin@cert.test');
    expect(Object.keys(entry.changes).sort()).toEqual(['full_name', 'region_id', 'version']);
    // the rest, then nothing left: the card is «актуальна»
    const rest = await admin.post('/admin/data/organizations/7/egrul-apply').send({ fields: ['factualAddress'] });
    expect(rest.body.status).toBe('actual');
    const nothing = await admin.post('/admin/data/organizations/7/egrul-apply').send({ fields: ['fullName'] });
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toContain('Различий для применения нет');
  });

  it('a value the registry refuses is not applied, with the reason in Russian', async () => {
    // EGRUL gives a region code our reference does not have
    stub.respond(`/api/organizations/${unit.id}/`, {
      full_name: unit.full_name,
      short_name: unit.short_name,
      inn: unit.inn,
      kpp: unit.kpp,
      ogrn: unit.ogrn,
      factual_address: unit.factual_address,
      region_code: '88',
    });
    const admin = await loginAs(app.app, 'admin@cert.test');
    const checked = await admin.post('/admin/data/organizations/7/egrul-check');
    expect(checked.body.differences.find((d: { field: string }) => d.field === 'regionId')).toMatchObject({ egrul: 'код 88 (нет в справочнике)' });
    const refused = await admin.post('/admin/data/organizations/7/egrul-apply').send({ fields: ['regionId'] });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^Изменения не применены: Регион: .+[^.]\.$/);
    expect(refused.body.message).not.toMatch(/\b[a-z]+Id\b|\.\./); // a label, not a property name; one period
    expect((await db.dataSource.query(`SELECT region_id FROM organizations WHERE id = 7`))[0].region_id).toBe(77);
  });

  it('the service down: the check says so in Russian and keeps the previous result', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await clerk.post('/admin/data/organizations/7/egrul-check');
    stub.fail({ kind: 'server-error' });
    const down = await clerk.post('/admin/data/organizations/7/egrul-check');
    expect(down.status).toBe(503);
    expect(down.body.message).toContain('Сервис ЕГРЮЛ сообщил о внутренней ошибке (500)');
    expect(down.body.message).toContain('прежний результат сохранён');
    expect((await clerk.get('/admin/data/organizations/7/egrul-check')).body.status).toBe('changed');
  });

  it('the list shows each organization’s status and filters by it: changes, missing, never checked, not checked for N days', async () => {
    await db.dataSource.query(`INSERT INTO organizations (id, full_name, inn) VALUES (8, 'БЕЗ ПРОВЕРКИ', '7707083893'), (9, 'СТАРАЯ ПРОВЕРКА', '7736050003')`);
    await db.dataSource.query(
      `INSERT INTO egrul_checks (organization_id, checked_at, status) VALUES (7, now(), 'changed'), (9, now() - interval '100 days', 'missing')`,
    );
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const ids = async (filter: string) =>
      (
        (await clerk.get(`/admin/api/resources/Organization/actions/list?filters.egrulStatus=${filter}`)).body.records as {
          params: { id: number; egrulStatus: string };
        }[]
      )
        .map((r) => [r.params.id, r.params.egrulStatus])
        .sort();
    expect(await ids('changed')).toEqual([[7, 'changed']]);
    expect(await ids('missing')).toEqual([[9, 'missing']]);
    expect(await ids('never')).toEqual([[8, '']]);
    expect(await ids('stale90')).toEqual([
      [8, ''],
      [9, 'missing'],
    ]);
  });
});
