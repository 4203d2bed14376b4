import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/organization.js';
import { addDays } from '../../src/domain/letter-status.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 25, item 1 and the first figure of item 2: the dashboard's counts are true (not capped at the 50 it used to
 * list), each list shows its five soonest and leads to the list with the same number of rows; an admin sees the
 * team's overdue letters by executor, a colleague's included. Every figure against a count computed here in SQL.
 */
describe('the dashboard’s letters: true counts, doors to the lists', () => {
  const db = useTestDatabase('dashboard');
  const app = useTestApp(db);

  it('counts 60 overdue truly, shows five, and the list it opens has 60; the admin counts the colleague’s too', async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'colleague@cert.test', 'clerk');
    await createTestUser(db, 'admin@cert.test', 'admin');
    const ids = Object.fromEntries(
      (await db.dataSource.query(`SELECT email, id FROM users`)).map((r: { email: string; id: number }) => [r.email.split('@')[0], r.id]),
    );
    const today = todayIn('Europe/Moscow');
    const add = (executor: number | null, due: string, count: number, number: string) =>
      db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, information, executor_id, due_date)
         SELECT 'incoming', $1 || g, DATE '2020-01-01', 'письмо', $2, $3::date FROM generate_series(1, $4) g`,
        [number, executor, due, count],
      );
    await add(ids.clerk, addDays(today, -3), 60, 'П-');
    await add(ids.clerk, addDays(today, 2), 10, 'Н-');
    await add(ids.clerk, addDays(today, 30), 4, 'Д-'); // later than a week: in neither list
    await add(ids.colleague, addDays(today, -1), 3, 'К-');
    await add(null, addDays(today, -5), 2, 'Б-');
    // an overdue letter with an answer is not overdue
    const [{ id: answered }] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information, executor_id, due_date) VALUES ('incoming', 'О-1', '2020-01-01', 'письмо', $1, $2) RETURNING id`,
      [ids.clerk, addDays(today, -10)],
    );
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information, parent_id) VALUES ('outgoing', 'ИСХ-1', '2020-01-02', 'ответ', $1)`,
      [answered],
    );
    const overdueOf = async (executor: number | null) =>
      (
        await db.dataSource.query(
          `SELECT count(*)::int AS n FROM messages m WHERE m.direction = 'incoming' AND m.due_date < $1::date AND m.executor_id IS NOT DISTINCT FROM $2
             AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.parent_id = m.id AND r.direction = 'outgoing')`,
          [today, executor],
        )
      )[0].n as number;

    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const mine = (await clerk.get('/admin/api/dashboard')).body;
    expect(mine.due.overdue.count).toBe(await overdueOf(ids.clerk));
    expect(mine.due.overdue.count).toBe(60);
    expect(mine.due.overdue.top).toHaveLength(5);
    expect(mine.due.thisWeek.count).toBe(10);
    expect(mine.teamOverdue).toBeNull(); // the lead's part is the admins'
    // «ещё 55» opens the list with the same filter: the same number of rows
    const list = await clerk.get('/admin/api/resources/Message/actions/list').query({ 'filters.executorId': String(ids.clerk), 'filters.status': 'overdue' });
    expect(list.body.meta.total).toBe(60);
    const week = await clerk.get('/admin/api/resources/Message/actions/list').query({
      'filters.executorId': String(ids.clerk),
      'filters.status': 'waiting',
      'filters.dueDate~~from': mine.today,
      'filters.dueDate~~to': mine.weekEnd,
    });
    expect(week.body.meta.total).toBe(10);

    const admin = await loginAs(app.app, 'admin@cert.test');
    const lead = (await admin.get('/admin/api/dashboard')).body;
    const byName = Object.fromEntries(lead.teamOverdue.map((r: { name: string; count: number }) => [r.name, r.count]));
    expect(byName['colleague@cert.test']).toBe(await overdueOf(ids.colleague));
    expect(byName['clerk@cert.test']).toBe(60);
    expect(byName['без исполнителя']).toBe(await overdueOf(null));
    expect(lead.due.overdue.count).toBe(0); // the admin's own: none
  });

  it('the lead’s figures: letters per month, organizations by district with agreements, the EGRUL check — each as its list counts', async () => {
    const today = todayIn('Europe/Moscow');
    await db.dataSource.query(
      `INSERT INTO organizations (full_name, region_id, date_agreement, is_active)
       SELECT 'ООО "ОКРУГ ' || g || '"', CASE WHEN g % 2 = 0 THEN 77 ELSE 66 END, CASE WHEN g % 3 = 0 THEN DATE '2024-01-01' END, g % 7 <> 0
         FROM generate_series(1, 40) g`,
    );
    await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT CASE WHEN g % 4 = 0 THEN 'outgoing' ELSE 'incoming' END, 'М-' || g, $1::date, 'письмо' FROM generate_series(1, 9) g`,
      [today],
    );
    const admin = await loginAs(app.app, 'admin@cert.test');
    const { figures } = (await admin.get('/admin/api/dashboard')).body;
    const thisMonth = figures.lettersByMonth[11];
    expect(thisMonth.month).toBe(today.slice(0, 7));
    const [sql] = await db.dataSource.query(
      `SELECT count(*) FILTER (WHERE direction = 'incoming')::int AS incoming, count(*) FILTER (WHERE direction = 'outgoing')::int AS outgoing
         FROM messages WHERE to_char(our_date, 'YYYY-MM') = $1`,
      [today.slice(0, 7)],
    );
    expect({ incoming: thisMonth.incoming, outgoing: thisMonth.outgoing }).toEqual(sql);
    const listTotal = async (resource: string, query: Record<string, string>) =>
      (await admin.get(`/admin/api/resources/${resource}/actions/list`).query(query)).body.meta.total as number;
    for (const district of figures.byDistrict.filter((d: { organizations: number }) => d.organizations > 0)) {
      const [row] = await db.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE o.date_agreement IS NOT NULL)::int AS agreed FROM organizations o JOIN regions r ON r.id = o.region_id
          WHERE r.okrug_id = $1 AND o.is_active`,
        [district.okrugId],
      );
      expect([district.organizations, district.withAgreement]).toEqual([row.n, row.agreed]);
      expect(await listTotal('Organization', { 'filters.okrugId': String(district.okrugId), 'filters.isActive': 'true' })).toBe(row.n);
      expect(await listTotal('Organization', { 'filters.okrugId': String(district.okrugId), 'filters.isActive': 'true', 'filters.hasAgreement': 'true' })).toBe(
        row.agreed,
      );
    }
    const [{ active }] = await db.dataSource.query(`SELECT count(*)::int AS active FROM organizations WHERE is_active`);
    expect(figures.egrul.never).toBe(active); // nothing checked yet
    expect(await listTotal('Organization', { 'filters.egrulStatus': 'never', 'filters.isActive': 'true' })).toBe(active);
  });
});
