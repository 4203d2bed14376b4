import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { errorAnswer } from '../../src/engine/http/kit.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { testPool, useTestDatabase } from '../support/db.js';

/** Every query is bounded: by PostgreSQL's statement_timeout, by capped list filters, by a capped page size. */
describe('bounded queries', () => {
  const db = useTestDatabase('bounded');
  const app = useTestApp(db);
  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await db.dataSource.query(`INSERT INTO organizations (full_name, inn) SELECT 'Организация ' || n, NULL FROM generate_series(1, 50) n`);
    await db.dataSource.query(`INSERT INTO org_adm_docs (name) SELECT 'Вид ' || n FROM generate_series(1, 60) n`);
    await db.dataSource.query(
      `INSERT INTO organization_documents (organization_id, org_adm_doc_id) SELECT o.id, t.id FROM organizations o, org_adm_docs t WHERE o.id <= 3 AND t.id <= 50`,
    );
  });

  it('ends a statement at the limit in PostgreSQL itself, answered as a Russian 503', async () => {
    expect(loadConfig({}).statementTimeoutMs).toBe(30_000);
    expect(loadConfig({}).cliStatementTimeoutMs).toBe(3_600_000);
    // the DataSource's pool gets the setting (not initialised here: a second DataSource would take the entities over)
    const extra = (createDataSource(db.url, { statementTimeoutMs: 200 }).options as { extra: Record<string, unknown> }).extra;
    expect(extra.statement_timeout).toBe(200);
    const pool = testPool({ connectionString: db.url, ...extra });
    try {
      expect((await pool.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('200ms');
      const failure = await pool.query('SELECT pg_sleep(2)').then(
        () => null,
        (error: unknown) => error,
      );
      expect(errorAnswer(failure)).toEqual({
        status: 503,
        message: 'Запрос к базе выполнялся слишком долго и прерван — уточните фильтры или повторите позже.',
      });
    } finally {
      await pool.end();
    }
  });

  it('takes up to 50 document types as one condition, refuses 500 at once in Russian, and no page over 100 rows', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const types = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(',');
    let started = performance.now();
    const fifty = await clerk.get('/admin/api/resources/Organization/actions/list').query({ 'filters.documentTypes': types(50) });
    const fiftyMs = performance.now() - started;
    expect(fifty.status, JSON.stringify(fifty.body).slice(0, 500)).toBe(200);
    expect(fifty.body.records.map((r: { id: string }) => Number(r.id)).sort()).toEqual([1, 2, 3]);
    started = performance.now();
    const many = await clerk.get('/admin/api/resources/Organization/actions/list').query({ 'filters.documentTypes': types(500) });
    const manyMs = performance.now() - started;
    expect(many.status).toBe(400);
    expect(many.body.message).toBe('Фильтр «Документы»: не больше 50 видов документов сразу, выбрано 500.');
    expect(manyMs).toBeLessThan(1000);
    process.stdout.write(`document types filter: 50 ids answered in ${Math.round(fiftyMs)} ms, 500 ids refused in ${Math.round(manyMs)} ms\n`);
    const export500 = await clerk.get('/admin/data/export/Organization.csv').query({ 'filters.documentTypes': types(500) });
    expect(export500.status).toBe(400);
    const bigPage = await clerk.get('/admin/api/resources/Organization/actions/list?perPage=500');
    expect(bigPage.status).toBe(400);
    expect(bigPage.body.message).toBe('Число записей на странице должно быть от 1 до 100.');
  });
});
