import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp, TEST_PASSWORD } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/**
 * The panel under hostile and careless input, class by class (issue 11): bounded bodies, bounded fields, no
 * success notice for a refused write, no mass assignment, sessions that follow the user's rights, no cross-origin
 * writes, Russian 4xx for malformed requests. No case may answer 500 or take the process down.
 */
describe('hostile input', () => {
  const db = useTestDatabase('hostile');
  const app = useTestApp(db);
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer(app.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const post = async (agent: Awaited<ReturnType<typeof loginAs>>, url: string, fields: Record<string, string>) => {
    let call = agent.post(url);
    for (const [key, value] of Object.entries(fields)) call = call.field(key, value);
    return call;
  };
  /** Sends only the request head and answers what the server says before any body is sent. */
  const headOnly = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
  /** Streams `bytes` of body in chunks without a Content-Length; resolves with the answer (or the reset). */
  const chunked = (path: string, contentType: string, bytes: number, cookie = '') =>
    new Promise<{ status: number; body: string; sent: number }>((resolve) => {
      let sent = 0;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked', ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
        },
      );
      req.on('error', () => resolve({ status: -1, body: '', sent }));
      const piece = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < bytes) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  const cookieOf = async (email: string) => {
    const response = await request(app.app).post('/admin/login').field('email', email).field('password', TEST_PASSWORD);
    return String(response.headers['set-cookie']).split(';')[0]!;
  };

  describe('1. request bodies are bounded', () => {
    it('refuses a 150 MB login body from its Content-Length alone (413, Russian), reading none of it', async () => {
      const before = process.memoryUsage().rss;
      const answer = await headOnly('/admin/login', { 'Content-Type': 'application/json', 'Content-Length': String(150 * 1024 * 1024) });
      expect(answer.status).toBe(413);
      expect(answer.body).toContain('Запрос слишком большой');
      expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
    });

    it('stops reading a chunked body (no Content-Length) as soon as it passes the limit', async () => {
      // the login's body is read before anyone is logged in (an anonymous action is refused before its body: 401)
      const answer = await chunked('/admin/login', 'application/json', 40 * 1024 * 1024);
      expect([413, -1]).toContain(answer.status); // the answer, or the connection closed under a client still sending
      if (answer.status === 413) expect(answer.body).toContain('Запрос слишком большой');
      expect(await count('organizations')).toBe(0);
      const health = await request(app.app).get('/healthz');
      expect(health.status).toBe(200);
    });

    it('writes no file for an anonymous (or any) multipart post with a file to a panel action', async () => {
      const tmp = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith('upload_')).length;
      const before = await tmp();
      const anonymous = await request(app.app)
        .post('/admin/api/resources/Organization/actions/new')
        .attach('file', Buffer.alloc(256 * 1024, 'x'), 'big.bin');
      expect(anonymous.status).toBe(401); // refused before a byte of its body is read

      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const loggedIn = await clerk
        .post('/admin/api/resources/Organization/actions/new')
        .field('fullName', 'С файлом')
        .attach('file', Buffer.from('x'), 'x.txt');
      expect(loggedIn.status).toBe(415);
      expect(await tmp()).toBe(before);
      expect(await count('organizations')).toBe(0);
    });

    it('answers malformed JSON and unknown body types with 400/415 in Russian', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const malformed = await clerk.post('/admin/api/resources/Organization/actions/new').set('Content-Type', 'application/json').send('{"fullName": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toContain('не корректный JSON');
      const xml = await clerk.post('/admin/api/resources/Organization/actions/new').set('Content-Type', 'application/xml').send('<a/>');
      expect(xml.status).toBe(415);
    });
  });

  describe('2. field values are bounded, on the server, and lists stay small', () => {
    it('refuses an organization name over 1000 characters with a field message, writing nothing', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const response = await post(clerk, '/admin/api/resources/Organization/actions/new', { fullName: 'Я'.repeat(1001) });
      expect(response.body.notice.type).toBe('error');
      expect(response.body.record.errors.fullName.message).toBe('Не длиннее 1000 символов (введено 1001)');
      expect(await count('organizations')).toBe(0);
    });

    it('refuses an over-long value on edit and in the contacts action too', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      await post(clerk, '/admin/api/resources/Organization/actions/new', { fullName: 'ООО "КОРОТКО"' });
      const [{ id }] = await db.dataSource.query('SELECT id FROM organizations');
      const edit = await post(clerk, `/admin/api/resources/Organization/records/${id}/edit`, { fullName: 'ООО "КОРОТКО"', agreementUnit: 'x'.repeat(501) });
      expect(edit.body.notice.type).toBe('error');
      expect(edit.body.record.errors.agreementUnit.message).toContain('Не длиннее 500 символов');
      const contacts = await post(clerk, `/admin/api/resources/Organization/records/${id}/editContacts`, { contacts: 'x'.repeat(4001) });
      expect(contacts.body.notice.type).toBe('error');
      expect((await db.dataSource.query('SELECT agreement_unit, contacts FROM organizations'))[0]).toEqual({ agreement_unit: null, contacts: null });
    });

    it('shows the limit in the form (maxLength of the field)', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const page = await clerk.get('/admin/resources/Organization/actions/new');
      expect(page.text).toMatch(/"fullName"[^]*?"maxLength":1000/);
    });

    it('keeps a list page small whatever is stored: long values are cut in the list answer', async () => {
      await db.dataSource.query(
        `INSERT INTO organizations (full_name, uuid, contacts) SELECT repeat('Длинное имя ', 80000), gen_random_uuid(), repeat('тел. ', 100000) FROM generate_series(1, 5)`,
      );
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const list = await clerk.get('/admin/api/resources/Organization/actions/list');
      expect(list.status).toBe(200);
      expect(list.body.records).toHaveLength(5);
      expect(list.text.length).toBeLessThan(60_000);
      expect(list.body.records[0].params.fullName.endsWith('…')).toBe(true);
    });
  });

  describe('3. a refused write never says it was saved, and never shows database text', () => {
    const refusedWrites: [string, string, Record<string, string>, string][] = [
      ['a head name over 200 characters', 'Organization', { fullName: 'ООО "А"', bossFio: 'Ф'.repeat(201) }, 'bossFio'],
      ['a region that is not a number', 'Organization', { fullName: 'ООО "А"', regionId: 'abc' }, 'regionId'],
      ['a region that does not exist', 'Organization', { fullName: 'ООО "А"', regionId: '99999' }, 'regionId'],
      ['«maybe» for a yes/no field', 'Organization', { fullName: 'ООО "А"', isGov: 'maybe' }, 'isGov'],
      ['a ФСТЭК number of 16 characters', 'Resource', { name: 'Сайт', ownerId: '{org}', fstecRegNumber: '1'.repeat(16) }, 'fstecRegNumber'],
      ['a category «abc»', 'Resource', { name: 'Сайт', ownerId: '{org}', category: 'abc' }, 'category'],
      ['a category 5', 'Resource', { name: 'Сайт', ownerId: '{org}', category: '5' }, 'category'],
      ['a resource in region 99999', 'Resource', { name: 'Сайт', ownerId: '{org}', 'regions.0': '99999' }, 'regions'],
      ['an owner that does not exist', 'Resource', { name: 'Сайт', ownerId: '99999' }, 'ownerId'],
      [
        'a letter linked to organization 99999',
        'Message',
        { direction: 'incoming', information: 'Текст письма о важном', 'organizations.0': '99999' },
        'organizations',
      ],
      ['a letter of an unknown direction', 'Message', { direction: 'sideways', information: 'Текст письма о важном', 'organizations.0': '{org}' }, 'direction'],
    ];
    it.each(refusedWrites)('refuses %s with a field message and writes nothing', async (_case, resource, fields, field) => {
      const [{ id: org }] = await db.dataSource.query(`INSERT INTO organizations (full_name, uuid) VALUES ('ООО "ВЛАДЕЛЕЦ"', gen_random_uuid()) RETURNING id`);
      const table = { Organization: 'organizations', Resource: 'resources', Message: 'messages' }[resource]!;
      const before = await count(table);
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const payload = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.replace('{org}', String(org))]));
      const response = await post(clerk, `/admin/api/resources/${resource}/actions/new`, payload);
      expect(response.status).toBe(200);
      expect(response.body.notice.type).toBe('error');
      expect(response.body.redirectUrl).toBeUndefined();
      expect(response.body.record.errors[field].message).toMatch(/[А-Яа-я]/);
      expect(response.text).not.toMatch(/violates|constraint|organizations_messages|resources_regions|fk_|ck_|QueryFailed/);
      expect(await count(table)).toBe(before);
    });

    it('refuses a region name over 100 characters (admin, reference table) with a field message', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const response = await post(admin, '/admin/api/resources/Region/records/77/edit', { name: 'Р'.repeat(101) });
      expect(response.body.notice.type).toBe('error');
      expect(response.body.record.errors.name.message).toContain('Не длиннее 100 символов');
      expect((await db.dataSource.query('SELECT name FROM regions WHERE id = 77'))[0].name).not.toMatch(/^Р+$/);
    });

    it('turns a refusal that only the database knows (no field) into an error notice, never a success', async () => {
      // a letter registered before it was signed: the database's check is the last line
      const [{ id: org }] = await db.dataSource.query(`INSERT INTO organizations (full_name, uuid) VALUES ('ООО "Б"', gen_random_uuid()) RETURNING id`);
      await db.dataSource.query('ALTER TABLE messages ADD CONSTRAINT ck_test_no_word CHECK (information <> $$запрещено$$)');
      try {
        const clerk = await loginAs(app.app, 'clerk@cert.test');
        const response = await post(clerk, '/admin/api/resources/Message/actions/new', {
          direction: 'incoming',
          information: 'запрещено',
          'organizations.0': String(org),
        });
        expect(response.body.notice.type).toBe('error');
        expect(response.body.redirectUrl).toBeUndefined();
        expect(response.text).not.toContain('ck_test_no_word');
        expect(response.text).not.toContain('violates');
        expect(await count('messages')).toBe(0);
      } finally {
        await db.dataSource.query('ALTER TABLE messages DROP CONSTRAINT ck_test_no_word');
      }
    });
  });

  describe('4. only the form’s fields are written; the id comes from the address', () => {
    it('ignores isActive, uuid, createdAt and id in an edit payload', async () => {
      const [{ id, uuid }] = await db.dataSource.query(
        `INSERT INTO organizations (full_name, uuid) VALUES ('ООО "ИСХОДНОЕ"', gen_random_uuid()) RETURNING id, uuid`,
      );
      const [{ id: other }] = await db.dataSource.query(`INSERT INTO organizations (full_name, uuid) VALUES ('ООО "ДРУГОЕ"', gen_random_uuid()) RETURNING id`);
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const response = await post(clerk, `/admin/api/resources/Organization/records/${id}/edit`, {
        fullName: 'ООО "ИЗМЕНЁННОЕ"',
        isActive: 'false',
        uuid: '00000000-0000-0000-0000-000000000000',
        createdAt: '2000-01-01T00:00:00Z',
        id: String(other),
      });
      expect(response.body.notice.type).toBe('success');
      const rows = await db.dataSource.query(
        "SELECT id, full_name, is_active, uuid, created_at > now() - interval '1 hour' AS fresh FROM organizations ORDER BY id",
      );
      expect(rows).toEqual([
        { id, full_name: 'ООО "ИЗМЕНЁННОЕ"', is_active: true, uuid, fresh: true },
        { id: other, full_name: 'ООО "ДРУГОЕ"', is_active: true, uuid: expect.any(String), fresh: true },
      ]);
    });

    it('answers 404 in Russian for a record that does not exist', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      for (const url of ['/admin/api/resources/Organization/records/99999/edit', '/admin/api/resources/Resource/records/99999/show']) {
        const response = url.endsWith('edit') ? await post(clerk, url, { fullName: 'x' }) : await clerk.get(url);
        expect(response.status).toBe(404);
        expect(response.body.notice.message).toBe('Запись не найдена — возможно, её удалили.');
        expect(response.text).not.toMatch(/Record with given id|Instance not found/);
      }
    });

    it('never sends the password hash back, also not from the form that set the password', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const created = await post(admin, '/admin/api/resources/User/actions/new', {
        email: 'new@cert.test',
        role: 'clerk',
        password: 'Новый-пароль-2026',
        displayName: 'Новый',
      });
      expect(created.body.notice.type).toBe('success');
      expect(created.text).not.toMatch(/scrypt|passwordHash/);
      const id = created.body.record.id;
      const edited = await post(admin, `/admin/api/resources/User/records/${id}/edit`, {
        email: 'new@cert.test',
        role: 'clerk',
        password: 'Другой-пароль-2026',
        displayName: 'Новый',
      });
      expect(edited.body.notice.type).toBe('success');
      expect(edited.text).not.toMatch(/scrypt|passwordHash/);
    });
  });

  describe('5. sessions follow the user’s rights', () => {
    const userId = async (email: string) => (await db.dataSource.query('SELECT id FROM users WHERE email = $1', [email]))[0].id as number;

    it('a demoted admin’s open session no longer creates users', async () => {
      await createTestUser(db, 'second@cert.test', 'admin');
      const demoted = await loginAs(app.app, 'second@cert.test');
      await db.dataSource.query(`UPDATE users SET role = 'clerk' WHERE email = 'second@cert.test'`);
      const response = await post(demoted, '/admin/api/resources/User/actions/new', { email: 'evil@cert.test', role: 'admin', password: 'Злой-пароль-2026' });
      expect(response.body.notice?.type).toBe('error');
      expect(await db.dataSource.query(`SELECT 1 FROM users WHERE email = 'evil@cert.test'`)).toEqual([]);
    });

    it.each([
      ['deactivated', `UPDATE users SET is_active = false WHERE email = 'clerk@cert.test'`],
      ['deleted', `DELETE FROM users WHERE email = 'clerk@cert.test'`],
      ['given a new password', `UPDATE users SET password_hash = 'scrypt$other' WHERE email = 'clerk@cert.test'`],
    ])('a user %s is logged out at the next request', async (_case, change) => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      expect((await clerk.get('/admin/api/resources/Organization/actions/list')).status).toBe(200);
      await db.dataSource.query(change);
      const api = await clerk.get('/admin/api/resources/Organization/actions/list');
      expect(api.status).toBe(401);
      expect(api.body.message).toContain('войдите снова');
      const page = await clerk.get('/admin/resources/Organization').set('Accept', 'text/html');
      expect(page.status).toBe(302);
      // (the session ended at the API request before) the login comes back to the page after it
      expect(page.headers.location).toBe(`/admin/login?${new URLSearchParams({ next: '/admin/resources/Organization' })}`);
    });

    it('ends a session after its absolute lifetime, however active', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      await db.dataSource.query(
        `UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{loggedInAt}', to_jsonb((extract(epoch from now()) * 1000 - 25 * 3600 * 1000)::bigint))::json`,
      );
      const api = await clerk.get('/admin/api/resources/Organization/actions/list');
      expect(api.status).toBe(401);
      expect(api.body.message).toContain('Сеанс истёк');
    });

    it('keeps an active admin: the last one cannot be demoted, deactivated or deleted, and nobody deletes themselves', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const id = await userId('admin@cert.test');
      const demote = await post(admin, `/admin/api/resources/User/records/${id}/edit`, { email: 'admin@cert.test', role: 'clerk', displayName: 'admin' });
      expect(demote.body.notice.type).toBe('error');
      expect(demote.body.record.errors.role.message).toContain('последний действующий администратор');
      const deactivate = await post(admin, `/admin/api/resources/User/records/${id}/edit`, {
        email: 'admin@cert.test',
        role: 'admin',
        isActive: 'false',
        displayName: 'admin',
      });
      expect(deactivate.body.notice.type).toBe('error');
      const remove = await admin.post(`/admin/api/resources/User/records/${id}/delete`);
      expect(remove.body.notice.type).toBe('error');
      expect(remove.body.notice.message).toContain('Нельзя удалить собственную учётную запись');
      expect(await db.dataSource.query(`SELECT role, is_active FROM users WHERE id = $1`, [id])).toEqual([{ role: 'admin', is_active: true }]);
      await expect(db.dataSource.query(`DELETE FROM users WHERE id = $1`, [id])).rejects.toThrow(/last active administrator/);
    });
  });

  describe('6. writes come from the panel’s own origin only', () => {
    it.each([
      ['another port of the host', { Origin: 'http://127.0.0.1:9999' }],
      ['a sibling subdomain', { Origin: 'http://evil.cert.test' }],
      ['a sandboxed frame (Origin: null)', { Origin: 'null' }],
      ['a cross-site fetch without Origin', { 'Sec-Fetch-Site': 'cross-site' }],
      ['a same-site form', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://a.cert.test' }],
    ])('refuses a write from %s (403), writing nothing', async (_case, headers) => {
      const cookie = await cookieOf('admin@cert.test');
      for (const [url, type, body] of [
        ['/admin/api/resources/Message/actions/new', 'application/x-www-form-urlencoded', 'direction=incoming&information=x'],
        ['/admin/api/resources/User/actions/new', 'text/plain', '{"email":"evil@cert.test"}'],
        ['/admin/data/organizations/1/documents', 'multipart/form-data; boundary=x', '--x--'],
        ['/admin/logout', 'application/x-www-form-urlencoded', ''],
        ['/admin/login', 'application/x-www-form-urlencoded', 'email=admin%40cert.test&password=x'],
      ] as const) {
        const response = await request(app.app)
          .post(url)
          .set({ ...headers, Cookie: cookie, 'Content-Type': type })
          .send(body);
        expect(response.status, url).toBe(403);
        expect(response.text).toContain('только со страниц самой панели');
      }
      expect(await count('messages')).toBe(0);
      expect(await db.dataSource.query(`SELECT 1 FROM users WHERE email = 'evil@cert.test'`)).toEqual([]);
      expect(await count('sessions')).toBe(1); // the logout did not happen either
    });

    it('takes a write from the panel’s own pages', async () => {
      const cookie = await cookieOf('clerk@cert.test');
      const [{ id: org }] = await db.dataSource.query(`INSERT INTO organizations (full_name, uuid) VALUES ('ООО "Б"', gen_random_uuid()) RETURNING id`);
      const response = await request(app.app)
        .post('/admin/api/resources/Message/actions/new')
        .set({ Origin: `http://127.0.0.1:${port}`, Host: `127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin', Cookie: cookie })
        .field('direction', 'incoming')
        .field('information', 'Своё письмо')
        .field('organizations.0', String(org));
      expect(response.body.notice.type).toBe('success');
      expect(await count('messages')).toBe(1);
    });
  });

  describe('11. malformed requests get a Russian 4xx, never a 500', () => {
    it.each([
      ['page=-1', '/admin/api/resources/Organization/actions/list?page=-1', 400, 'Номер страницы'],
      ['perPage=-5', '/admin/api/resources/Organization/actions/list?perPage=-5', 400, 'на странице'],
      ['perPage=100000', '/admin/api/resources/Organization/actions/list?perPage=100000', 400, 'на странице'],
      ['an impossible date in a filter', '/admin/api/resources/Organization/actions/list?filters.dateAgreement~~from=2026-13-45', 400, 'Фильтр по дате'],
      ['an unknown resource', '/admin/api/resources/Nope/actions/list', 404, 'Такого раздела нет'],
      ['an unknown action', '/admin/api/resources/Organization/actions/nope', 404, 'нет такого действия'],
      ['an unknown record action', '/admin/api/resources/Organization/records/1/nope', 404, 'нет такого действия'],
    ])('%s', async (_case, url, status, text) => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const response = await clerk.get(url);
      expect(response.status).toBe(status);
      expect(response.body.message).toContain(text);
    });

    it('does not let clerks delete letters or outsourcing records (admins may)', async () => {
      const [{ id: org }] = await db.dataSource.query(`INSERT INTO organizations (full_name, uuid) VALUES ('ООО "Б"', gen_random_uuid()) RETURNING id`);
      const [{ id: letter }] = await db.dataSource.query(`INSERT INTO messages (direction, information) VALUES ('incoming', 'Письмо') RETURNING id`);
      await db.dataSource.query('INSERT INTO organizations_messages (organization_id, message_id) VALUES ($1, $2)', [org, letter]);
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const single = await clerk.post(`/admin/api/resources/Message/records/${letter}/delete`);
      expect(single.body.notice.type).toBe('error');
      const bulk = await clerk.post(`/admin/api/resources/Message/bulk/bulkDelete?recordIds=${letter}`);
      expect(bulk.body.notice?.type ?? 'error').toBe('error');
      expect(await count('messages')).toBe(1);
      const admin = await loginAs(app.app, 'admin@cert.test');
      expect((await admin.post(`/admin/api/resources/Message/records/${letter}/delete`)).body.notice.type).toBe('success');
      expect(await count('messages')).toBe(0);
    });

    it('refuses blank and trivial passwords and unsafe emails for users', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const usersBefore = await count('users');
      for (const [fields, field] of [
        [{ email: 'a@cert.test', role: 'clerk', password: ' '.repeat(10) }, 'password'],
        [{ email: 'a@cert.test', role: 'clerk', password: 'aaaaaaaaaaaa' }, 'password'],
        [{ email: 'a@cert.test', role: 'clerk', password: '1234567890' }, 'password'],
        [{ email: 'x</script><script>alert(1)</script>@cert.test', role: 'clerk', password: 'Хороший-пароль-1' }, 'email'],
        [{ email: 'a@b', role: 'clerk', password: 'Хороший-пароль-1' }, 'email'],
      ] as const) {
        const response = await post(admin, '/admin/api/resources/User/actions/new', fields);
        expect(response.body.notice.type, JSON.stringify(fields)).toBe('error');
        expect(response.body.record.errors[field].message).toMatch(/[А-Яа-я]/);
      }
      expect(await count('users')).toBe(usersBefore);
    });

    it('does not believe X-Forwarded-For unless a proxy is configured: rotating it does not escape the limit', async () => {
      for (let i = 0; i < 31; i += 1) {
        await request(app.app)
          .post('/admin/login')
          .set('X-Forwarded-For', `10.0.0.${i}`)
          .field('email', `nobody${i}@cert.test`)
          .field('password', 'wrong password');
      }
      const response = await request(app.app)
        .post('/admin/login')
        .set('X-Forwarded-For', '10.0.1.1')
        .field('email', 'clerk@cert.test')
        .field('password', TEST_PASSWORD);
      expect(response.text).toContain('Слишком много неудачных попыток входа');
    });
  });
});
