import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 21 item 7, lost updates: two clerks open one card; the second save is refused with who changed what, the
 * other's values put into the form, and goes through when saved again. The version is PostgreSQL's (raised on every
 * update of the row); the save compares it under a lock of the row, so parallel saves cannot both pass.
 */
describe('two clerks on one card', () => {
  const db = useTestDatabase('concurrent_edit');
  const app = useTestApp(db);
  let id: number;
  beforeAll(async () => {
    await createTestUser(db, 'ivanova@cert.test', 'clerk');
    await createTestUser(db, 'petrov@cert.test', 'clerk');
  });
  beforeEach(async () => {
    await db.truncate();
    const [org] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, contacts, boss_fio) VALUES ('ООО "ОСНОВА"', '7707083893', 'тел. 100', 'Сидоров С. С.') RETURNING id`,
    );
    id = org.id;
  });

  const stored = async () => (await db.dataSource.query(`SELECT contacts, boss_fio AS "bossFio", version FROM organizations WHERE id = $1`, [id]))[0];
  const open = async (agent: Awaited<ReturnType<typeof loginAs>>) =>
    (await agent.get(`/admin/api/resources/Organization/records/${id}/show`)).body.record.params;
  const save = (agent: Awaited<ReturnType<typeof loginAs>>, params: Record<string, unknown>) => {
    let request = agent.post(`/admin/api/resources/Organization/records/${id}/edit`);
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') request = request.field(key, String(value));
    }
    return request;
  };

  it('refuses the second save, names who changed what, puts their value into the form, and saves when sent again', async () => {
    const ivanova = await loginAs(app.app, 'ivanova@cert.test');
    const petrov = await loginAs(app.app, 'petrov@cert.test');
    const formA = await open(ivanova);
    const formB = await open(petrov);
    expect(formA.version).toBe(1);

    const first = await save(ivanova, { ...formA, contacts: 'тел. 200' });
    expect(first.body.notice.type).toBe('success');
    expect(first.body.record.params.version).toBe(2);

    const second = await save(petrov, { ...formB, bossFio: 'Петрова П. П.' });
    expect(second.body.notice.type).toBe('error');
    expect(second.body.notice.message).toMatch(
      /^Запись изменена другим пользователем \(ivanova@cert\.test[^,]*, \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\): Контакты\. Ничего не сохранено\./,
    );
    expect(await stored()).toEqual({ contacts: 'тел. 200', bossFio: 'Сидоров С. С.', version: 2 });
    // the form now holds her contacts and his head, at the current version
    const form = second.body.record.params;
    expect(form).toMatchObject({ contacts: 'тел. 200', bossFio: 'Петрова П. П.', version: 2 });

    const again = await save(petrov, form);
    expect(again.body.notice.type).toBe('success');
    expect(await stored()).toEqual({ contacts: 'тел. 200', bossFio: 'Петрова П. П.', version: 3 });
  });

  it('keeps the clerk’s value where both changed one field, showing the other’s under it', async () => {
    const ivanova = await loginAs(app.app, 'ivanova@cert.test');
    const petrov = await loginAs(app.app, 'petrov@cert.test');
    const formA = await open(ivanova);
    const formB = await open(petrov);
    expect((await save(ivanova, { ...formA, contacts: 'тел. 200' })).body.notice.type).toBe('success');
    const clash = await save(petrov, { ...formB, contacts: 'тел. 300' });
    expect(clash.body.notice.message).toContain('В полях, которые вы тоже меняли (Контакты), оставлено ваше значение');
    expect(clash.body.record.errors.contacts.message).toContain('Другой пользователь сохранил здесь «тел. 200»');
    expect(clash.body.record.params).toMatchObject({ contacts: 'тел. 300', version: 2 });
    expect((await stored()).contacts).toBe('тел. 200');
    expect((await save(petrov, clash.body.record.params)).body.notice.type).toBe('success');
    expect((await stored()).contacts).toBe('тел. 300');
  });

  it('lets exactly one of 8 parallel saves of one version through', async () => {
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => loginAs(app.app, i % 2 === 0 ? 'ivanova@cert.test' : 'petrov@cert.test')));
    const form = await open(agents[0]!);
    const answers = await Promise.all(agents.map((agent, i) => save(agent, { ...form, contacts: `тел. ${i}`, bossFio: `Руководитель ${i}` })));
    const saved = answers.filter((a) => a.body.notice.type === 'success');
    expect(saved).toHaveLength(1);
    expect(answers.filter((a) => a.body.notice.message?.startsWith('Запись изменена другим пользователем'))).toHaveLength(7);
    const winner = answers.indexOf(saved[0]!);
    expect(await stored()).toEqual({ contacts: `тел. ${winner}`, bossFio: `Руководитель ${winner}`, version: 2 });
  });

  it('does not call a change nobody sees a conflict, and checks nothing for a client that sends no version', async () => {
    const ivanova = await loginAs(app.app, 'ivanova@cert.test');
    const form = await open(ivanova);
    // a write that changes nothing a person reads raises the version: not a reason to refuse
    await db.dataSource.query(`UPDATE organizations SET updated_at = now() WHERE id = $1`, [id]);
    expect((await stored()).version).toBe(2);
    expect((await save(ivanova, { ...form, contacts: 'тел. 200' })).body.notice.type).toBe('success');
    const { version: _ignored, ...withoutVersion } = await open(ivanova);
    expect((await save(ivanova, { ...withoutVersion, bossFio: 'Петрова П. П.' })).body.notice.type).toBe('success');
    // a version in the form cannot be written: PostgreSQL raises it by one per save
    const current = await open(ivanova);
    expect((await save(ivanova, { ...current, version: 1000, contacts: 'тел. 300' })).body.notice.type).toBe('success');
    expect(await stored()).toMatchObject({ contacts: 'тел. 300', version: current.version + 1 });
  });
});
