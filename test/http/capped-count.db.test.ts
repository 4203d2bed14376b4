import { beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../src/engine/admin/adapter/list-plan.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/**
 * A search with very many matches is counted only up to COUNT_CAP and its first page is found by walking the
 * sort column's index; the answer must still be exactly the newest matches, and say that the total is capped.
 */
describe('lists with a capped count', () => {
  const db = useTestDatabase('capped_count');
  const app = useTestApp(db);
  let clerk: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    // 1,500 letters about «Беркут» among 2,100, created one minute apart, plus 40 about «Сокол»
    await db.dataSource.query(`
      INSERT INTO messages (direction, our_number, information, created_at, updated_at)
      SELECT 'outgoing', 'ИСХ-' || i,
             CASE WHEN i % 7 < 5 THEN 'Ответ АО «Беркут» № ' || i WHEN i % 50 = 0 THEN 'Письмо ООО «Сокол» № ' || i ELSE 'Прочее письмо № ' || i END,
             now() - (i || ' minutes')::interval, now()
      FROM generate_series(1, 2100) i`);
    clerk = await loginAs(app.app, 'clerk@cert.test');
  });

  const list = async (query: Record<string, string>) => {
    const response = await clerk.get('/admin/api/resources/Message/actions/list').query(query);
    expect(response.status).toBe(200);
    return response.body as { records: { id: string }[]; meta: { total: number; totalIsCapped?: boolean; page: number } };
  };
  const newest = async (word: string, offset: number, limit: number) =>
    (
      await db.dataSource.query(`SELECT id FROM messages WHERE information ILIKE $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3`, [
        `%${word}%`,
        offset,
        limit,
      ])
    ).map((r: { id: number }) => String(r.id));

  it('counts a common word up to the cap, says so, and gives exactly the newest matches page by page', async () => {
    const matches = Number((await db.dataSource.query(`SELECT count(*) AS n FROM messages WHERE information ILIKE '%беркут%'`))[0].n);
    expect(matches).toBeGreaterThan(COUNT_CAP);
    for (const page of [1, 2, 30]) {
      const answer = await list({ 'filters.q': 'беркут', page: String(page), sortBy: 'createdAt', direction: 'desc' });
      expect(answer.meta).toMatchObject({ total: COUNT_CAP, totalIsCapped: true, page });
      expect(answer.records.map((r) => String(r.id))).toEqual(await newest('беркут', (page - 1) * 20, 20));
    }
    // ascending too (the index is walked the other way)
    const oldest = await list({ 'filters.q': 'беркут', sortBy: 'createdAt', direction: 'asc' });
    const expected = (await db.dataSource.query(`SELECT id FROM messages WHERE information ILIKE '%беркут%' ORDER BY created_at, id LIMIT 20`)).map(
      (r: { id: number }) => String(r.id),
    );
    expect(oldest.records.map((r) => String(r.id))).toEqual(expected);
  });

  it('counts a rarer word exactly, without the mark', async () => {
    const answer = await list({ 'filters.q': 'сокол', perPage: '50' });
    expect(answer.meta.total).toBe(Number((await db.dataSource.query(`SELECT count(*) AS n FROM messages WHERE information ILIKE '%сокол%'`))[0].n));
    expect(answer.meta.totalIsCapped).toBeUndefined();
    expect(answer.records.map((r) => String(r.id)).sort()).toEqual((await newest('сокол', 0, 50)).sort());
  });

  it('counts an unfiltered list exactly', async () => {
    const answer = await list({});
    expect(answer.meta).toMatchObject({ total: 2100 });
    expect(answer.meta.totalIsCapped).toBeUndefined();
  });
});
