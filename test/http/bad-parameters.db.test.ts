import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { lyingWorkbook } from '../support/xlsx.js';

/**
 * Issue 21 item 10: every bad parameter is a 4xx with a Russian message that names what is wrong, never a 500 — in a
 * list, in its export (the same filters), in a body too large, in a spreadsheet whose ZIP directory lies.
 */
describe('bad parameters', () => {
  const db = useTestDatabase('bad_parameters');
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: 'http://127.0.0.1:9/' }));
  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
  });

  const cases: [url: string, message: RegExp][] = [
    [
      '/admin/api/resources/Organization/actions/list?filters.okrugId=12345678901234567890',
      /^Фильтр «Федеральный округ»: ожидается целое число от 1 до 2147483647/,
    ],
    ['/admin/api/resources/Organization/actions/list?filters.regionId=12345678901234567890', /^Фильтр «Регион»: ожидается целое число от 1/],
    ['/admin/api/resources/Organization/actions/list?filters.regionId=abc', /^Фильтр «Регион»: ожидается целое число/],
    ['/admin/api/resources/Message/actions/list?filters.id=99999999999999999999', /^Фильтр «ID»: ожидается целое число/],
    ['/admin/api/resources/Organization/actions/list?filters.createdAt~~from=0000-01-01', /нужна дата вида ДД\.ММ\.ГГГГ, получено «0000-01-01»/],
    ['/admin/api/resources/Message/actions/list?filters.ourDate~~from=0000-01-01', /нужна дата вида ДД\.ММ\.ГГГГ/],
    ['/admin/api/resources/Message/actions/list?filters.createdAt~~to=99999-01-01', /нужна дата вида ДД\.ММ\.ГГГГ, получено «99999-01-01»/],
    ['/admin/api/resources/AuditEntry/actions/list?filters.at~~from=0000-01-01', /нужна дата вида ДД\.ММ\.ГГГГ/],
    ['/admin/api/resources/Organization/actions/list?sortBy=nonexistent', /^Список нельзя упорядочить по «nonexistent»/],
    ['/admin/api/resources/Organization/actions/list?direction=sideways', /^Порядок сортировки: asc/],
    ['/admin/data/export/Organization.csv?filters.okrugId=12345678901234567890', /^Фильтр «Федеральный округ»: ожидается целое число/],
    ['/admin/data/export/Message.csv?filters.ourDate~~from=0000-01-01', /^Фильтр «.+»: нужна дата вида ДД\.ММ\.ГГГГ/],
  ];

  it('answers every bad list parameter with a Russian 400 naming the field, in the list and in its export', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    for (const [url, message] of cases) {
      const answer = await admin.get(url);
      expect(answer.status, url).toBe(400);
      expect(answer.body.message, url).toMatch(message);
    }
  });

  it('answers a body over a route’s limit with 413 naming the limit, and a lying spreadsheet with 422', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const list = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'text/plain')
      .send(Buffer.alloc(6 * 1024 * 1024, 0x31));
    expect(list.status).toBe(413);
    expect(list.body.message).toBe('Запрос слишком большой: не больше 5 МБ.');
    const rows = await admin
      .post(`/admin/data/egrul-bulk/${'0'.repeat(32)}/import`)
      .set('Content-Type', 'application/json')
      .send(`{"rows":[${'1,'.repeat(400_000)}1]}`);
    expect(rows.status).toBe(413);
    expect(rows.body.message).toBe('Запрос слишком большой: не больше 512 КБ.');
    const lying = await admin
      .post('/admin/data/egrul-bulk/preview')
      .set('Content-Type', 'application/octet-stream')
      .send(await lyingWorkbook(10));
    expect(lying.status).toBe(422);
    expect(lying.body.message).toMatch(/не читается как таблица XLSX/);
  });
});
