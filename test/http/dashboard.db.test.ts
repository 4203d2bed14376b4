import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/organization.js';
import { addDays } from '../../src/domain/letter-status.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import type request from 'supertest';
import { xlsxSheetRows } from '../../src/engine/export/xlsx-read.js';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

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
    const unassigned = await admin.get('/admin/api/resources/Message/actions/list').query({ 'filters.withoutExecutor': 'true', 'filters.status': 'overdue' });
    expect(unassigned.body.meta.total).toBe(byName['без исполнителя']);
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

  it('over a period in the address: answer times per executor, resources by CII category and industry, organizations without a document — each as SQL and its list count; the report has the same', async () => {
    const ids = Object.fromEntries(
      (await db.dataSource.query(`SELECT email, id FROM users`)).map((r: { email: string; id: number }) => [r.email.split('@')[0], r.id]),
    );
    // incoming letters of 2025 answered after so many days: the clerk's median 5 (two slower than 10), the colleague's 3.5
    const answered = async (executor: number, number: string, registered: string, days: number) => {
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, information, executor_id) VALUES ('incoming', $1, $2::date, 'запрос', $3) RETURNING id`,
        [number, registered, executor],
      );
      await db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, information, parent_id) VALUES ('outgoing', 'ИСХ-' || $1, $2::date + $3::int, 'ответ', $4)`,
        [number, registered, days, id],
      );
      // a second, later answer does not change the time to the first
      await db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, information, parent_id) VALUES ('outgoing', 'ИСХ2-' || $1, $2::date + $3::int + 30, 'ещё ответ', $4)`,
        [number, registered, days, id],
      );
    };
    for (const [i, days] of [1, 2, 5, 12, 40].entries()) await answered(ids.clerk, `ВР-${i}`, '2025-03-10', days);
    for (const [i, days] of [3, 4].entries()) await answered(ids.colleague, `ВК-${i}`, '2025-11-20', days);
    await answered(ids.colleague, 'ВК-старое', '2024-12-31', 100); // before the period

    const [okrug] = await db.dataSource.query(`SELECT id FROM organizations WHERE is_active ORDER BY id LIMIT 1`);
    await db.dataSource.query(
      `INSERT INTO resources (name, is_okii, category, owner_id)
       SELECT 'ГИС ' || g, g % 3 <> 0, CASE WHEN g % 3 <> 0 THEN g % 4 END, $1 FROM generate_series(1, 23) g`,
      [okrug.id],
    );
    await db.dataSource.query(`UPDATE resources SET deleted_at = now() WHERE name = 'ГИС 1'`); // deleted: not counted
    await db.dataSource.query(
      `INSERT INTO resources_industries (resource_id, industry_id)
       SELECT r.id, i.id FROM resources r CROSS JOIN (SELECT id FROM industries ORDER BY id LIMIT 2) i WHERE r.id % 2 = 0 OR i.id = (SELECT min(id) FROM industries)`,
    );
    const [{ id: charter }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Аттестат')`);
    await db.dataSource.query(`INSERT INTO organization_documents (organization_id, org_adm_doc_id) SELECT id, $1 FROM organizations WHERE id % 4 = 0`, [
      charter,
    ]);

    const admin = await loginAs(app.app, 'admin@cert.test');
    const period = { period: 'custom', from: '2025-01-01', to: '2025-12-31' };
    const body = (await admin.get('/admin/api/dashboard').query(period)).body;
    const { figures } = body;
    expect(body.periodError).toBeNull();
    expect(figures.period).toMatchObject({ kind: 'custom', from: '2025-01-01', to: '2025-12-31' });
    expect(figures.lettersByMonth.map((m: { month: string }) => m.month)).toHaveLength(12);
    expect(figures.lettersByMonth[2]).toMatchObject({ month: '2025-03', incoming: 5, outgoing: 4, from: '2025-03-01', to: '2025-03-31' });

    // the answer times, computed here another way: the first answer's date per letter, then the median per executor
    const expected = await db.dataSource.query(
      `WITH first AS (SELECT parent_id, min(our_date) AS answered FROM messages WHERE direction = 'outgoing' AND parent_id IS NOT NULL GROUP BY parent_id)
       SELECT m.executor_id AS "executorId", count(*)::int AS answered, percentile_cont(0.5) WITHIN GROUP (ORDER BY f.answered - m.our_date)::float AS "medianDays",
              count(*) FILTER (WHERE f.answered - m.our_date > 10)::int AS slow
         FROM messages m JOIN first f ON f.parent_id = m.id
        WHERE m.direction = 'incoming' AND m.our_date BETWEEN '2025-01-01' AND '2025-12-31'
        GROUP BY m.executor_id ORDER BY 2 DESC`,
    );
    expect(
      figures.answerTimes.map(({ executorId, answered, medianDays, slow }: Record<string, number>) => ({ executorId, answered, medianDays, slow })),
    ).toEqual(expected);
    expect(expected).toEqual([
      { executorId: ids.clerk, answered: 5, medianDays: 5, slow: 2 },
      { executorId: ids.colleague, answered: 2, medianDays: 3.5, slow: 0 },
    ]);
    const listTotal = async (resource: string, query: Record<string, string>) =>
      (await admin.get(`/admin/api/resources/${resource}/actions/list`).query(query)).body.meta.total as number;
    const clerkAnswered = {
      'filters.executorId': String(ids.clerk),
      'filters.status': 'answered',
      'filters.ourDate~~from': '2025-01-01',
      'filters.ourDate~~to': '2025-12-31',
    };
    expect(await listTotal('Message', clerkAnswered)).toBe(5);
    expect(await listTotal('Message', { ...clerkAnswered, 'filters.answerDays': 'gt10' })).toBe(2);
    expect(await listTotal('Message', { ...clerkAnswered, 'filters.answerDays': 'le3' })).toBe(2);

    // resources: CII objects by category, the others; by industry
    const categories = await db.dataSource.query(
      `SELECT category, count(*)::int AS count FROM resources WHERE deleted_at IS NULL AND is_okii GROUP BY category ORDER BY category NULLS LAST`,
    );
    expect(figures.resourcesByCategory).toEqual(categories);
    const [{ others }] = await db.dataSource.query(`SELECT count(*)::int AS others FROM resources WHERE deleted_at IS NULL AND NOT is_okii`);
    expect(figures.notCii).toBe(others);
    expect(await listTotal('Resource', { 'filters.isOkii': 'false' })).toBe(others);
    for (const c of categories) {
      expect(await listTotal('Resource', { 'filters.isOkii': 'true', 'filters.category': String(c.category) })).toBe(c.count);
    }
    const industries = await db.dataSource.query(
      `SELECT ri.industry_id AS "industryId", count(*)::int AS count FROM resources_industries ri JOIN resources r ON r.id = ri.resource_id
        WHERE r.deleted_at IS NULL GROUP BY 1 ORDER BY 2 DESC`,
    );
    expect(figures.resourcesByIndustry.map(({ industryId, count }: Record<string, number>) => ({ industryId, count }))).toEqual(industries);
    for (const i of industries) expect(await listTotal('Resource', { 'filters.industries': String(i.industryId) })).toBe(i.count);

    // organizations without a «Устав» (the default type), and without the type chosen in the address
    const [{ without }] = await db.dataSource.query(
      `SELECT count(*)::int AS without FROM organizations o WHERE o.is_active AND o.id NOT IN (SELECT organization_id FROM organization_documents WHERE org_adm_doc_id = $1)`,
      [charter],
    );
    expect(figures.withoutDocument).toMatchObject({ typeId: charter, count: without });
    expect(await listTotal('Organization', { 'filters.missingDocumentTypes': String(charter), 'filters.isActive': 'true' })).toBe(without);
    const [{ id: certificate }] = await db.dataSource.query(`SELECT id FROM org_adm_docs WHERE name = 'Аттестат'`);
    const other = (await admin.get('/admin/api/dashboard').query({ documentType: String(certificate) })).body.figures.withoutDocument;
    const [{ active }] = await db.dataSource.query(`SELECT count(*)::int AS active FROM organizations WHERE is_active`);
    expect(other).toMatchObject({ typeId: certificate, count: active });

    // «Выгрузить отчёт»: the same figures, a sheet each; the lead's only; a wrong period said, not guessed
    const report = await admin.get('/admin/data/dashboard/report.xlsx').query(period).buffer(true).parse(binary);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const answers = xlsxSheetRows(report.body as Buffer, 2);
    expect(answers[0]).toEqual(['Исполнитель', 'Ответов', 'Медиана, дней', 'Дольше 10 дней', 'Период']);
    expect(answers.slice(1).map((row) => row.slice(1, 4))).toEqual([
      ['5', '5', '2'],
      ['2', '3.5', '0'],
    ]);
    expect(xlsxSheetRows(report.body as Buffer, 3)[3]).toEqual(['мар 2025', '5', '4', 'период: 01.01.2025 — 31.12.2025']);
    expect(xlsxSheetRows(report.body as Buffer, 8)[1]).toEqual(['Устав', String(without)]);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin/data/dashboard/report.xlsx')).status).toBe(403);
    const wrong = await admin.get('/admin/data/dashboard/report.xlsx').query({ period: 'custom', from: '2025-02-30', to: '2025-03-01' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Период, поле «с»');
    const fallback = (await admin.get('/admin/api/dashboard').query({ period: 'custom', from: '2025-02-30' })).body;
    expect(fallback.periodError).toContain('Период, поле «с»');
    expect(fallback.figures.period.kind).toBe('12m');
  });
});
