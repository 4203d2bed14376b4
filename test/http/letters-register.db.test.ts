import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/letter-status.js';
import { todayIn } from '../../src/domain/organization.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

interface ListAnswer {
  records: { id: string; title: string; params: Record<string, unknown> }[];
  meta: { total: number };
}

/**
 * Issue 15 over HTTP: the letters register (whole-number search, organizations in the search, executor, due date,
 * status, numbers from a pattern, duplicates refused), record titles, the card's counts, the other lists' search,
 * a deleted resource's card and its restore.
 */
describe('the letters register and the lists’ search', () => {
  const db = useTestDatabase('letters_register');
  const app = useTestApp(db);
  const today = todayIn('Europe/Moscow');
  const year = today.slice(0, 4);
  const ids: Record<string, number> = {};
  let clerkId = 0;

  const insertLetter = async (
    key: string,
    values: {
      direction?: string;
      our?: string | null;
      their?: string | null;
      date?: string;
      due?: string | null;
      executor?: number | null;
      parent?: number | null;
      orgs: number[];
      text?: string;
    },
  ) => {
    [{ id: ids[key] }] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, their_number, due_date, executor_id, parent_id, information) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        values.direction ?? 'incoming',
        values.our ?? null,
        values.date ?? today,
        values.their ?? null,
        values.due ?? null,
        values.executor ?? null,
        values.parent ?? null,
        values.text ?? 'Текст письма о деле',
      ],
    );
    for (const org of values.orgs) {
      await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [ids[key], org]);
    }
  };

  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'admin@cert.test', 'admin');
    [{ id: clerkId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'clerk@cert.test'`);
    [{ id: ids.sber }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp) VALUES ('ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"', 'ПАО Сбербанк', '7707083893', '773601001') RETURNING id`,
    );
    [{ id: ids.romashka }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('ООО "РОМАШКА"', NULL, '5001000009') RETURNING id`,
    );
    await insertLetter('exact', { our: 'ВХ-1', their: 'ИСХ-1234', orgs: [ids.sber], due: addDays(today, -1), executor: clerkId });
    await insertLetter('longer', { our: 'ВХ-2', their: 'исх 12345', orgs: [ids.romashka], due: addDays(today, 5), executor: clerkId });
    await insertLetter('middle', { our: 'ВХ-3', their: 'ИСХ-631234', orgs: [ids.romashka] });
    await insertLetter('ours', { our: '1234', their: 'ИСХ-188873', orgs: [ids.romashka] });
    await insertLetter('reply', { direction: 'outgoing', our: 'ИСХ-7', orgs: [ids.sber], parent: null });
  });

  const list = async (resource: string, query: Record<string, string>) =>
    (await (await loginAs(app.app, 'clerk@cert.test')).get(`/admin/api/resources/${resource}/actions/list`).query({ perPage: '100', ...query }))
      .body as ListAnswer;
  const idsOf = (answer: ListAnswer) => answer.records.map((r) => Number(r.id));

  it('matches a registration number as a whole, ours or theirs, exact first; never in the middle of a longer number', async () => {
    expect(idsOf(await list('Message', { 'filters.q': 'ИСХ-1234' }))).toEqual([ids.exact, ids.longer]);
    expect(idsOf(await list('Message', { 'filters.q': 'исх 12345' }))).toEqual([ids.longer]);
    expect(idsOf(await list('Message', { 'filters.q': 'вх1' }))).toEqual([ids.exact]);
    // «1234»: our number 1234 first, then letters of organizations whose INN starts so: none here
    expect(idsOf(await list('Message', { 'filters.q': '1234' }))).toEqual([ids.ours]);
  });

  it('finds letters by their organizations’ names and INNs', async () => {
    expect(idsOf(await list('Message', { 'filters.q': 'ромашка' })).sort()).toEqual([ids.longer, ids.middle, ids.ours].sort());
    // words may sit in the letter or in its organizations: «сбербанк» in the name, «вх» in the number
    expect(idsOf(await list('Message', { 'filters.q': 'сбербанк вх' }))).toEqual([ids.exact]);
    expect(idsOf(await list('Message', { 'filters.q': '7707083893' })).sort()).toEqual([ids.exact, ids.reply].sort());
  });

  it('keeps the letters’ search in step with their organizations (rename, link, unlink), writing no history for it', async () => {
    const letterEntries = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE table_name = 'messages'`))[0].n);
    const before = await letterEntries();
    await db.dataSource.query(`UPDATE organizations SET short_name = 'ПАО Зелёный' WHERE id = $1`, [ids.sber]);
    expect(idsOf(await list('Message', { 'filters.q': 'зеленый' })).sort()).toEqual([ids.exact, ids.reply].sort());
    await db.dataSource.query(`DELETE FROM organizations_messages WHERE message_id = $1`, [ids.reply]);
    expect(idsOf(await list('Message', { 'filters.q': 'зеленый' }))).toEqual([ids.exact]);
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [ids.middle, ids.sber]);
    expect(idsOf(await list('Message', { 'filters.q': 'зеленый' })).sort()).toEqual([ids.exact, ids.middle].sort());
    expect(await letterEntries()).toBe(before); // the search text is not a change anyone made
  });

  it('names records by their own rule: a letter by number and date, an organization by its short name', async () => {
    const letters = await list('Message', { 'filters.q': 'ВХ-1' });
    expect(letters.records[0]!.title).toBe(`Вх. № ВХ-1 от ${today.slice(8, 10)}.${today.slice(5, 7)}.${year}`);
    const organizations = await list('Organization', { 'filters.q': '7707 083 893' });
    expect(organizations.records.map((r) => r.title)).toEqual(['ПАО Сбербанк']);
  });

  it('derives the answer status and filters by it; the status follows a reply', async () => {
    const statusOf = async () => Object.fromEntries((await list('Message', {})).records.map((r) => [Number(r.id), r.params.status]));
    expect(await statusOf()).toMatchObject({ [ids.exact!]: 'overdue', [ids.longer!]: 'waiting', [ids.middle!]: '', [ids.reply!]: '' });
    expect(idsOf(await list('Message', { 'filters.status': 'overdue' }))).toEqual([ids.exact]);
    expect(idsOf(await list('Message', { 'filters.status': 'waiting' }))).toEqual([ids.longer]);
    expect(idsOf(await list('Message', { 'filters.executorId': String(clerkId), 'filters.status': 'overdue' }))).toEqual([ids.exact]);
    await db.dataSource.query(`UPDATE messages SET parent_id = $1 WHERE id = $2`, [ids.exact, ids.reply]);
    expect((await statusOf())[ids.exact!]).toBe('answered');
    expect(idsOf(await list('Message', { 'filters.status': 'overdue' }))).toEqual([]);
    expect(idsOf(await list('Message', { 'filters.status': 'answered' }))).toEqual([ids.exact]);
  });

  it('suggests the next number by direction and year, refuses a repeated one naming the letter, accepts it in another year', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin/data/letters/next-number').query({ direction: 'incoming', date: today })).body).toEqual({ number: 'ВХ-4' });
    expect((await clerk.get('/admin/data/letters/next-number').query({ direction: 'outgoing', date: today })).body).toEqual({ number: 'ИСХ-8' });
    expect((await clerk.get('/admin/data/letters/next-number').query({ direction: 'incoming', date: `${Number(year) - 1}-06-01` })).body).toEqual({
      number: 'ВХ-1',
    });
    expect((await clerk.get('/admin/data/letters/next-number').query({ direction: 'sideways' })).status).toBe(400);

    const create = (fields: Record<string, string>) =>
      clerk
        .post('/admin/api/resources/Message/actions/new')
        .send({ direction: 'incoming', ourDate: today, information: 'Запрос сведений об объектах', 'organizations.0': String(ids.sber), ...fields });
    const repeated = await create({ ourNumber: 'вх 1' });
    expect(repeated.body.record.errors.ourNumber).toEqual({
      message: `Номер ВХ-1 уже есть у другого письма (входящее, от ${today.slice(8, 10)}.${today.slice(5, 7)}.${year}): «наш номер» не повторяется в течение года`,
      type: `duplicate:${ids.exact}`,
    });
    expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM messages`))[0].n)).toBe(5);
    const lastYear = await create({ ourNumber: 'ВХ-1', ourDate: `${Number(year) - 1}-12-30` });
    expect(lastYear.body.notice.type).toBe('success');
    expect(lastYear.body.redirectUrl).toMatch(/^\/admin\/resources\/Message\/records\/\d+\/show$/); // the new letter's card
    const outgoing = await create({ direction: 'outgoing', ourNumber: 'ВХ-1' });
    expect(outgoing.body.notice.type).toBe('success');
  });

  it('keeps the executor and due date of an incoming letter; refuses a due date on an outgoing one or before registration', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const base = { ourDate: today, information: 'Запрос сведений об объектах', 'organizations.0': String(ids.sber) };
    const saved = await clerk
      .post('/admin/api/resources/Message/actions/new')
      .send({ ...base, direction: 'incoming', ourNumber: 'ВХ-50', executorId: String(clerkId), dueDate: addDays(today, 10) });
    expect(saved.body.notice.type).toBe('success');
    expect(await db.dataSource.query(`SELECT executor_id, to_char(due_date, 'YYYY-MM-DD') AS due FROM messages WHERE our_number = 'ВХ-50'`)).toEqual([
      { executor_id: clerkId, due: addDays(today, 10) },
    ]);
    const outgoing = await clerk
      .post('/admin/api/resources/Message/actions/new')
      .send({ ...base, direction: 'outgoing', ourNumber: 'ИСХ-50', dueDate: addDays(today, 10) });
    expect(outgoing.body.record.errors.dueDate.message).toBe('У исходящего письма нет срока ответа: оставьте поле пустым');
    const early = await clerk
      .post('/admin/api/resources/Message/actions/new')
      .send({ ...base, direction: 'incoming', ourNumber: 'ВХ-51', dueDate: addDays(today, -3) });
    expect(early.body.record.errors.dueDate.message).toMatch(/^Срок ответа \(\d\d\.\d\d\.\d{4}\) не может быть раньше даты регистрации письма/);
  });

  it('lists executors by name and «Основание» options as «№ · дата · организация · тема», searchable', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await db.dataSource.query(`UPDATE users SET display_name = 'Иванова Анна' WHERE id = $1`, [clerkId]);
    const executors = (await clerk.get('/admin/data/letters/executors')).body.options as { value: number; label: string }[];
    expect(executors).toContainEqual({ value: clerkId, label: 'Иванова Анна' });
    const options = (await clerk.get('/admin/data/letters/options').query({ q: 'ИСХ-1234' })).body.options as { value: number; label: string }[];
    expect(options.map((o) => o.value)).toEqual([ids.longer, ids.exact]); // newest first among the matches
    expect(options.find((o) => o.value === ids.exact)!.label).toBe(
      `№ ВХ-1 · ${today.slice(8, 10)}.${today.slice(5, 7)}.${year} · ПАО Сбербанк · Текст письма о деле`,
    );
    expect((await clerk.get('/admin/data/letters/options').query({ ids: String(ids.reply) })).body.options).toHaveLength(1);
    expect((await loginAs(app.app, 'clerk@cert.test')).get('/admin/data/letters/executors')).toBeDefined();
  });

  it('opens «Ответить» and «Зарегистрировать письмо» as prefilled new-letter forms', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const reply = await clerk.get(`/admin/api/resources/Message/records/${ids.exact}/reply`);
    expect(reply.body.redirectUrl).toBe(`/admin/resources/Message/actions/new?direction=outgoing&parentId=${ids.exact}&organizations%5B0%5D=${ids.sber}`);
    const register = await clerk.get(`/admin/api/resources/Organization/records/${ids.romashka}/registerLetter`);
    expect(register.body.redirectUrl).toBe(`/admin/resources/Message/actions/new?direction=incoming&organizations%5B0%5D=${ids.romashka}`);
  });

  it('counts the sections of an organization’s card', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const counts = (await clerk.get(`/admin/data/organizations/${ids.romashka}/section-counts`)).body.counts;
    expect(counts).toEqual({ documents: 0, letters: 3, ownResources: 0, outsourcing: 0, units: 0 });
  });

  it('searches documents by organization, type and requisites, and postal indexes by index or locality', async () => {
    const [{ id: type }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Положение о защите информации') RETURNING id`);
    await db.dataSource.query(`INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved, props) VALUES ($1, $2, $3, '№ 12-С')`, [
      ids.romashka,
      type,
      today,
    ]);
    expect((await list('OrganizationDocument', { 'filters.q': 'ромашка' })).meta.total).toBe(1);
    expect((await list('OrganizationDocument', { 'filters.q': '5001' })).meta.total).toBe(1);
    expect((await list('OrganizationDocument', { 'filters.q': '12 с' })).meta.total).toBe(1);
    expect((await list('OrganizationDocument', { 'filters.q': 'сбербанк' })).meta.total).toBe(0);
    await db.dataSource.query(
      `INSERT INTO addresses (index, locality, area, region_id) VALUES ('428038', 'Чебоксары', NULL, 21), ('101000', 'Москва', NULL, 77)`,
    );
    expect(idsOf(await list('Address', { 'filters.q': '4280' }))).toEqual([428038]);
    expect((await list('Address', { 'filters.q': 'чебоксары' })).records.map((r) => r.id)).toEqual(['428038']);
  });

  it('lists the resource named or numbered exactly as typed first', async () => {
    await db.dataSource.query(
      `INSERT INTO resources (name, owner_id, fstec_reg_number, updated_at) VALUES ('ГИС Учёт плюс', $1, 'КИИ-77', now()), ('ГИС Учёт', $1, 'КИИ-7', now() - interval '1 day')`,
      [ids.sber],
    );
    expect((await list('Resource', { 'filters.q': 'гис учет' })).records.map((r) => r.params.name)).toEqual(['ГИС Учёт', 'ГИС Учёт плюс']);
    expect((await list('Resource', { 'filters.q': 'кии 7' })).records.map((r) => r.params.fstecRegNumber)).toEqual(['КИИ-7', 'КИИ-77']);
  });

  it('opens a deleted resource’s card saying so; an admin restores it, a clerk cannot', async () => {
    const [{ id }] = await db.dataSource.query(`INSERT INTO resources (name, owner_id, deleted_at) VALUES ('ГАС "Правосудие"', $1, now()) RETURNING id`, [
      ids.sber,
    ]);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const card = await clerk.get(`/admin/api/resources/Resource/records/${id}/show`);
    expect(card.status).toBe(200);
    expect(card.body.record.params.deletedAt).toBeTruthy();
    expect(card.body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('edit');
    const refused = await clerk.post(`/admin/api/resources/Resource/records/${id}/restore`);
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const admin = await loginAs(app.app, 'admin@cert.test');
    const adminCard = await admin.get(`/admin/api/resources/Resource/records/${id}/show`);
    expect(adminCard.body.record.recordActions.map((a: { name: string }) => a.name)).toContain('restore');
    const restored = await admin.post(`/admin/api/resources/Resource/records/${id}/restore`);
    expect(restored.body.notice).toEqual({ message: 'Ресурс восстановлен', type: 'success' });
    expect(await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id])).toEqual([{ deleted_at: null }]);
    const [entry] = await db.dataSource.query(
      `SELECT action, actor_name FROM audit_log WHERE table_name = 'resources' AND record_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(id)],
    );
    expect(entry).toMatchObject({ action: 'restore' });
    expect(entry.actor_name).toContain('admin@cert.test');
  });
});
