import { beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** The organization form through AdminJS's API: rules before writes, messages on the field, nothing half-written. */
describe('organization form validation', () => {
  const db = useTestDatabase('org_validation');
  const app = useTestApp(db);
  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });
  const count = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM organizations'))[0].n);
  const create = async (fields: Record<string, string>) => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    let request = clerk.post('/admin/api/resources/Organization/actions/new');
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return (await request).body;
  };

  it('refuses a wrong INN with a Russian message on the field and writes nothing', async () => {
    const body = await create({ fullName: 'ООО "ОШИБКА"', inn: '7707083894', kpp: '773601001' });
    expect(body.record.errors.inn.message).toBe('ИНН 7707083894: неверная контрольная сумма');
    expect(body.notice.type).toBe('error');
    expect(await count()).toBe(0);
  });

  it('creates with a right INN, storing empty optional fields as NULL', async () => {
    const body = await create({ fullName: 'ООО "ВЕРНО"', inn: '7707083893', kpp: '773601001', ogrn: '', shortName: '', contacts: '' });
    expect(body.notice.type).toBe('success');
    const [row] = await db.dataSource.query('SELECT inn, kpp, ogrn, short_name, contacts FROM organizations');
    expect(row).toEqual({ inn: '7707083893', kpp: '773601001', ogrn: null, short_name: null, contacts: null });
  });

  it('refuses a second active organization with the same INN+KPP, naming the existing one; a branch is fine', async () => {
    await create({ fullName: 'ПАО "ГОЛОВНАЯ"', inn: '7707083893', kpp: '773601001' });
    const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
    const twin = await create({ fullName: 'Дубль', inn: '7707083893', kpp: '773601001' });
    expect(twin.record.errors.inn).toEqual({
      message: 'Организация с ИНН 7707083893 и КПП 773601001 уже есть в реестре: «ПАО "ГОЛОВНАЯ"»',
      type: `duplicate:${id}`, // the form's link to the existing card
    });
    const branch = await create({ fullName: 'Филиал', inn: '7707083893', kpp: '773602001' });
    expect(branch.notice.type).toBe('success');
    expect(await count()).toBe(2);
  });

  it('lets an organization be saved again without finding itself a twin', async () => {
    await create({ fullName: 'ПАО "САМО"', inn: '7707083893', kpp: '773601001' });
    const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const edited = await clerk
      .post(`/admin/api/resources/Organization/records/${id}/edit`)
      .field('fullName', 'ПАО "САМО" (новое имя)')
      .field('inn', '7707083893')
      .field('kpp', '773601001');
    expect(edited.body.notice.type).toBe('success');
    expect((await db.dataSource.query('SELECT full_name FROM organizations'))[0].full_name).toBe('ПАО "САМО" (новое имя)');
  });

  it('refuses an agreement date in the future', async () => {
    const body = await create({ fullName: 'ООО "ЗАВТРА"', dateAgreement: '2999-01-01' });
    expect(body.record.errors.dateAgreement.message).toMatch(/^Дата подписания соглашения не может быть позже сегодняшнего дня/);
    expect(await count()).toBe(0);
  });

  describe('contacts edited on their own (from the list or the card)', () => {
    const editContacts = async (id: number, contacts: string) =>
      (await (await loginAs(app.app, 'clerk@cert.test')).post(`/admin/api/resources/Organization/records/${id}/editContacts`).field('contacts', contacts)).body;

    it('writes the contacts only, trimmed, and refreshes the change date', async () => {
      await create({ fullName: 'ООО "КОНТАКТ"', inn: '7707083893', kpp: '773601001' });
      // someone else renames it after the clerk's list was loaded: the contacts edit must not undo that
      await db.dataSource.query(`UPDATE organizations SET full_name = 'ООО "КОНТАКТ" (переименовано)', updated_at = now() - interval '1 day'`);
      const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
      const body = await editContacts(id, '  Иванов И. И.\r\nтел. 8-800-000-00-00  ');
      expect(body.notice).toEqual({ message: 'Контакты сохранены', type: 'success' });
      const [row] = await db.dataSource.query(`SELECT full_name, contacts, inn, kpp, updated_at > now() - interval '1 minute' AS fresh FROM organizations`);
      expect(row).toEqual({
        full_name: 'ООО "КОНТАКТ" (переименовано)',
        contacts: 'Иванов И. И.\nтел. 8-800-000-00-00',
        inn: '7707083893',
        kpp: '773601001',
        fresh: true,
      });
      expect((await editContacts(id, '   ')).notice.type).toBe('success');
      expect((await db.dataSource.query('SELECT contacts FROM organizations'))[0].contacts).toBeNull();
    });

    it('refuses over-long contacts with a message on the field, keeping the old ones', async () => {
      await create({ fullName: 'ООО "ДЛИННО"', contacts: 'старые' });
      const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
      const body = await editContacts(id, 'x'.repeat(4001));
      expect(body.record.errors.contacts.message).toBe('Контакты: не длиннее 4000 знаков (сейчас 4001)');
      expect(body.notice.type).toBe('error');
      expect((await db.dataSource.query('SELECT contacts FROM organizations'))[0].contacts).toBe('старые');
    });

    it('is closed to anonymous requests', async () => {
      await create({ fullName: 'ООО "ЗАКРЫТО"' });
      const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
      const { default: request } = await import('supertest');
      const response = await request(app.app).post(`/admin/api/resources/Organization/records/${id}/editContacts`).field('contacts', 'взлом');
      expect(response.status).not.toBe(200);
      expect((await db.dataSource.query('SELECT contacts FROM organizations'))[0].contacts).toBeNull();
    });
  });
});
