import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;

/**
 * Issue 24, item 8: the letters register sorted by executor, due date, status and organizations, in the list and on
 * the card (paged); bulk «Назначить исполнителя» and «Перенести срок ответа», all or nothing, each letter's change in
 * its history under the clerk's name.
 */
describe('the letters register: sorting, the card’s pages, bulk changes', () => {
  const db = useTestDatabase('letter_register');
  const app = useTestApp(db);
  let clerk: Agent;
  let userIds: Record<string, number> = {};
  let organization = 0;
  const letter: Record<string, number> = {};

  const insertLetter = async (key: string, values: Record<string, unknown>) => {
    const columns = Object.keys(values);
    const [row] = await db.dataSource.query(
      `INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    letter[key] = row.id;
    return row.id as number;
  };

  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'sidorov@cert.test', 'clerk');
    await createTestUser(db, 'antonova@cert.test', 'clerk');
    await db.dataSource.query(`UPDATE users SET display_name = 'Сидоров Сергей' WHERE email = 'sidorov@cert.test'`);
    await db.dataSource.query(`UPDATE users SET display_name = 'Антонова Анна' WHERE email = 'antonova@cert.test'`);
    userIds = Object.fromEntries(
      (await db.dataSource.query(`SELECT email, id FROM users`)).map((r: { email: string; id: number }) => [r.email.split('@')[0], r.id]),
    );
    const orgs = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name) VALUES ('ООО "ЯБЛОКО"', 'Яблоко'), ('ООО "БЕРЁЗА"', 'Берёза') RETURNING id`,
    );
    organization = orgs[0].id;
    const link = (id: number, org: number) =>
      db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [id, org]);
    // overdue (Сидоров), waiting (Антонова), answered, no due date, outgoing (the answer)
    await link(
      await insertLetter('overdue', {
        direction: 'incoming',
        our_number: 'ВХ-1',
        our_date: '2026-01-10',
        due_date: '2026-01-20',
        information: 'просрочено',
        executor_id: userIds.sidorov,
      }),
      orgs[1].id,
    );
    await link(
      await insertLetter('waiting', {
        direction: 'incoming',
        our_number: 'ВХ-2',
        our_date: '2026-01-11',
        due_date: '2099-01-01',
        information: 'ждёт',
        executor_id: userIds.antonova,
      }),
      orgs[0].id,
    );
    await link(
      await insertLetter('answered', { direction: 'incoming', our_number: 'ВХ-3', our_date: '2026-01-12', due_date: '2026-01-15', information: 'отвечено' }),
      orgs[0].id,
    );
    await link(await insertLetter('noDue', { direction: 'incoming', our_number: 'ВХ-4', our_date: '2026-01-13', information: 'без срока' }), orgs[0].id);
    await link(
      await insertLetter('outgoing', { direction: 'outgoing', our_number: 'ИСХ-1', our_date: '2026-01-14', information: 'ответ', parent_id: letter.answered }),
      orgs[0].id,
    );
    clerk = await loginAs(app.app, 'clerk@cert.test');
  });

  const listed = async (query: Record<string, string>): Promise<string[]> => {
    const response = await clerk.get('/admin/api/resources/Message/actions/list').query({ perPage: '100', ...query });
    expect(response.status).toBe(200);
    return (response.body.records as { params: { ourNumber: string } }[]).map((r) => r.params.ourNumber);
  };

  it('sorts the list by status (most urgent first), executor, due date and organization', async () => {
    expect(await listed({ sortBy: 'status', direction: 'asc' })).toEqual(['ВХ-1', 'ВХ-2', 'ВХ-3', 'ВХ-4', 'ИСХ-1']);
    expect((await listed({ sortBy: 'executorId', direction: 'asc' })).slice(0, 2)).toEqual(['ВХ-2', 'ВХ-1']); // Антонова, Сидоров
    expect((await listed({ sortBy: 'dueDate', direction: 'asc' })).slice(0, 3)).toEqual(['ВХ-3', 'ВХ-1', 'ВХ-2']);
    expect((await listed({ sortBy: 'organizations', direction: 'asc' }))[0]).toBe('ВХ-1'); // «Берёза» before «Яблоко»
    // a column that is none: refused with a Russian message naming it
    const bad = await clerk.get('/admin/api/resources/Message/actions/list').query({ sortBy: 'nonsense' });
    expect(bad.status).toBe(400);
    expect(bad.body.message ?? bad.text).toContain('nonsense');
  });

  it('the card’s letters: a page of 20 with the total, sortable by status, with executor, due date and status', async () => {
    const many = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'П-' || g, DATE '2025-01-01' + g, 'письмо ' || g FROM generate_series(1, 30) g RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT unnest($1::int[]), $2`, [
      many.map((r: { id: number }) => r.id),
      organization,
    ]);
    const first = await clerk.get(`/admin/data/organizations/${organization}/letters`);
    expect(first.body).toMatchObject({ total: 34, page: 1, perPage: 20 });
    expect(first.body.letters).toHaveLength(20);
    const last = await clerk.get(`/admin/data/organizations/${organization}/letters?page=2`);
    expect(last.body.letters).toHaveLength(14);
    const ids = [...first.body.letters, ...last.body.letters].map((l: { id: number }) => l.id);
    expect(new Set(ids).size).toBe(34);
    const byStatus = await clerk.get(`/admin/data/organizations/${organization}/letters?sort=status&direction=asc`);
    expect(byStatus.body.letters[0]).toMatchObject({ ourNumber: 'ВХ-2', status: 'waiting', executorName: 'Антонова Анна', dueDate: '2099-01-01' });
    expect(byStatus.body.letters[1]).toMatchObject({ ourNumber: 'ВХ-3', status: 'answered' });
    // anything else in the query is the default order, never SQL
    const odd = await clerk.get(`/admin/data/organizations/${organization}/letters?sort=id;DROP&direction=sideways&page=-1`);
    expect(odd.status).toBe(200);
    expect(odd.body.page).toBe(1);
  });

  const bulk = (action: string, ids: number[], data: Record<string, string>) =>
    clerk
      .post(`/admin/api/resources/Message/bulk/${action}`)
      .query({ recordIds: ids.join(',') })
      .send(data);

  it('reassigns several letters in one go; each letter’s history names the clerk', async () => {
    const ids = [letter.overdue!, letter.waiting!, letter.noDue!];
    const response = await bulk('reassignExecutor', ids, { executorId: String(userIds.sidorov) });
    expect(response.status).toBe(200);
    expect(response.body.notice).toMatchObject({ type: 'success' });
    // ВХ-1 had Сидоров already: two changed, one as it was
    expect(response.body.notice.message).toBe('Исполнитель назначен: изменено писем — 2; у 1 уже было так');
    const rows = await db.dataSource.query(`SELECT id, executor_id FROM messages WHERE id = ANY($1) ORDER BY id`, [ids]);
    expect(rows.every((r: { executor_id: number }) => r.executor_id === userIds.sidorov)).toBe(true);
    const history = await db.dataSource.query(
      `SELECT record_id, actor_name, changes FROM audit_log WHERE table_name = 'messages' AND action = 'update' AND record_id = ANY($1) ORDER BY id`,
      [ids.map(String)],
    );
    expect(history.map((h: { record_id: string }) => Number(h.record_id)).sort()).toEqual([letter.waiting, letter.noDue].sort());
    expect(history.every((h: { actor_name: string }) => h.actor_name.includes('clerk@cert.test'))).toBe(true);
    // someone who is no active user: refused, nothing changed
    const refused = await bulk('reassignExecutor', ids, { executorId: '999999' });
    expect(refused.body.notice).toMatchObject({ type: 'error' });
    expect(refused.body.notice.message).toContain('Исполнитель');
  });

  it('moves the due date of incoming letters, or refuses the whole selection naming the letters that cannot take it', async () => {
    const before = await db.dataSource.query(`SELECT id, due_date::text FROM messages ORDER BY id`);
    const withOutgoing = await bulk('moveDueDate', [letter.overdue!, letter.outgoing!], { dueDate: '2026-03-01' });
    expect(withOutgoing.body.notice.type).toBe('error');
    expect(withOutgoing.body.notice.message).toContain('ИСХ-1');
    const tooEarly = await bulk('moveDueDate', [letter.overdue!, letter.noDue!], { dueDate: '2026-01-12' });
    expect(tooEarly.body.notice.message).toContain('ВХ-4'); // registered 13.01, after the new due date
    expect(tooEarly.body.notice.message).not.toContain('ВХ-1');
    const notADate = await bulk('moveDueDate', [letter.overdue!], { dueDate: '31.02.2026' });
    expect(notADate.body.notice.message).toContain('Срок ответа');
    expect(await db.dataSource.query(`SELECT id, due_date::text FROM messages ORDER BY id`)).toEqual(before);

    const moved = await bulk('moveDueDate', [letter.overdue!, letter.noDue!], { dueDate: '2026-03-01' });
    expect(moved.body.notice).toMatchObject({ type: 'success' });
    const rows = await db.dataSource.query(`SELECT due_date::text AS due FROM messages WHERE id = ANY($1)`, [[letter.overdue, letter.noDue]]);
    expect(rows.map((r: { due: string }) => r.due)).toEqual(['2026-03-01', '2026-03-01']);
    const [entry] = await db.dataSource.query(
      `SELECT changes FROM audit_log WHERE table_name = 'messages' AND record_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`,
      [String(letter.overdue)],
    );
    expect(JSON.stringify(entry.changes)).toContain('2026-03-01');
  });

  it('a GET of a bulk action changes nothing; a user who may not edit letters is refused before anything runs', async () => {
    const before = await db.dataSource.query(`SELECT id, executor_id, due_date::text FROM messages ORDER BY id`);
    const shown = await clerk
      .get(`/admin/api/resources/Message/bulk/reassignExecutor`)
      .query({ recordIds: String(letter.waiting), executorId: String(userIds.antonova) });
    expect(shown.status).toBe(200);
    expect(shown.body.records).toHaveLength(1);
    expect(await db.dataSource.query(`SELECT id, executor_id, due_date::text FROM messages ORDER BY id`)).toEqual(before);
    const anonymous = await request(app.app).post(`/admin/api/resources/Message/bulk/reassignExecutor?recordIds=${letter.waiting}`).send({ executorId: '1' });
    expect(anonymous.status).toBe(401);
    expect(await db.dataSource.query(`SELECT id, executor_id, due_date::text FROM messages ORDER BY id`)).toEqual(before);
  });
});
