import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp, TEST_PASSWORD } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

describe('login and access to the panel', () => {
  const db = useTestDatabase('auth');
  const app = useTestApp(db);
  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });

  it('redirects / to the panel', async () => {
    const response = await request(app.app).get('/');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin');
  });

  it.each(['/admin', '/admin/resources/Organization', '/admin/resources/Organization/records/1/show'])(
    'sends an anonymous GET %s to the login page',
    async (url) => {
      const response = await request(app.app).get(url);
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('/admin/login');
    },
  );

  it.each([
    '/admin/api/resources/Organization/actions/list',
    '/admin/api/resources/Message/actions/list',
    '/admin/api/resources/User/actions/list',
    '/admin/api/resources/Organization/records/1/show',
    '/admin/api/dashboard',
  ])('answers an anonymous GET %s with 401 and a Russian message (the panel goes to the login page itself)', async (url) => {
    const response = await request(app.app).get(url);
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Сессия истекла или вход не выполнен — войдите снова.');
  });

  it('answers an anonymous POST that would create a record with 401 before reading it, writing nothing', async () => {
    const response = await request(app.app).post('/admin/api/resources/Organization/actions/new').field('fullName', 'Чужая');
    expect(response.status).toBe(401);
    expect(Number((await db.dataSource.query('SELECT count(*) AS n FROM organizations'))[0].n)).toBe(0);
  });

  it('a page opened without a login is where the login leads; another site is never', async () => {
    const agent = request.agent(app.app);
    const address = encodeURI('/admin/resources/Message?filters.q=ромашка'); // as the browser sends it
    const page = await agent.get(address).set('Accept', 'text/html');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe(`/admin/login?${new URLSearchParams({ next: address })}`);
    const form = await agent.get(page.headers.location as string);
    expect(form.text).toContain('Войдите, чтобы открыть страницу.');
    const login = await agent.post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe(address);

    const other = request.agent(app.app);
    await other.get(`/admin/login?next=${encodeURIComponent('//evil.example/admin')}`);
    const elsewhere = await other.post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
    expect(elsewhere.headers.location).toBe('/admin');
  });

  it('shows the login page in Russian', async () => {
    const response = await request(app.app).get('/admin/login');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang=ru>');
  });

  it('serves the panel’s font itself: no page links fonts.googleapis.com, the files are cached for a year', async () => {
    const login = await request(app.app).get('/admin/login');
    expect(login.text).not.toContain('googleapis');
    const href = /<link rel="stylesheet" href="(\/admin\/fonts\/[^"]+\/roboto\.css)"/.exec(login.text)?.[1];
    expect(href).toBeDefined();
    const css = await request(app.app).get(href!);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const file = /url\(([^)]+roboto-cyrillic-400-normal\.woff2)\)/.exec(css.text)?.[1];
    const font = await request(app.app).get(file!);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect((await request(app.app).get(href!.replace('roboto.css', '..%2Fpackage.json'))).status).toBe(404);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin')).text).not.toContain('googleapis');
  });

  it.each([
    ['a wrong password', 'admin@cert.test', 'wrong password!'],
    ['an unknown email', 'nobody@cert.test', TEST_PASSWORD],
  ])('refuses %s with a Russian message and no session', async (_case, email, password) => {
    const response = await request(app.app).post('/admin/login').field('email', email).field('password', password);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Неверный адрес электронной почты или пароль');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('slows password guessing: after 5 wrong passwords for an email from one address even the right one must wait', async () => {
    await createTestUser(db, 'guessed@cert.test', 'clerk');
    for (let i = 0; i < 5; i += 1) {
      await request(app.app).post('/admin/login').field('email', 'guessed@cert.test').field('password', `guess ${i}`);
    }
    // the delay counts from the last failure's start, before its password was hashed; on a busy machine that hash can
    // take most of the first second, so the failures are dated to this moment (as if the fifth had just come in)
    await db.dataSource.query(`UPDATE login_failures SET at = clock_timestamp() WHERE email = 'guessed@cert.test'`);
    const response = await request(app.app).post('/admin/login').field('email', 'guessed@cert.test').field('password', TEST_PASSWORD);
    expect(response.text).toContain('Слишком много неудачных попыток входа');
    await loginAs(app.app, 'clerk@cert.test');
    // the delay grows from one second: a second later the owner gets in
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await loginAs(app.app, 'guessed@cert.test');
  });

  it('refuses an inactive user', async () => {
    await db.dataSource.query(`UPDATE users SET is_active = false WHERE email = 'clerk@cert.test'`);
    const response = await request(app.app).post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
    expect(response.text).toContain('Неверный адрес электронной почты или пароль');
  });

  it('logs in (email case-insensitive) with an HttpOnly SameSite cookie whose session is stored in PostgreSQL', async () => {
    const response = await request(app.app).post('/admin/login').field('email', 'Admin@Cert.Test').field('password', TEST_PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^cert\.sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const sessions = await db.dataSource.query(`SELECT sess FROM sessions`);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].sess.adminUser).toMatchObject({ email: 'admin@cert.test', role: 'admin' });
    expect(JSON.stringify(sessions[0].sess)).not.toContain('scrypt');
  });

  it('gives a logged-in user the list API, and takes it back on logout', async () => {
    const agent = await loginAs(app.app, 'clerk@cert.test');
    const list = await agent.get('/admin/api/resources/Region/actions/list?perPage=100');
    expect(list.status).toBe(200);
    expect(list.body.meta.total).toBe(90);
    const confirm = await agent.get('/admin/logout');
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Выйти из реестра?');
    expect(await db.dataSource.query('SELECT * FROM sessions')).toHaveLength(1); // a GET logs nobody out
    const logout = await agent.post('/admin/logout');
    expect(logout.status).toBe(303);
    expect(String(logout.headers['set-cookie'])).toMatch(/cert\.sid=;/);
    const after = await agent.get('/admin/api/resources/Region/actions/list');
    expect(after.status).toBe(401);
    expect(await db.dataSource.query('SELECT * FROM sessions')).toHaveLength(0);
  });

  it('gives a new session id at login (no session fixation)', async () => {
    const agent = request.agent(app.app);
    await agent.get('/admin/resources/Organization'); // sets redirectTo in a pre-login session
    const before = (await db.dataSource.query('SELECT sid FROM sessions')).map((r: { sid: string }) => r.sid);
    await agent.post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
    const after = (await db.dataSource.query('SELECT sid FROM sessions')).map((r: { sid: string }) => r.sid);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
  });

  it('lets an admin manage users and refuses a clerk, also through the API', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const adminList = await admin.get('/admin/api/resources/User/actions/list');
    expect(adminList.status).toBe(200);
    const everyUser = (await db.dataSource.query('SELECT email FROM users ORDER BY email')).map((r: { email: string }) => r.email);
    expect(everyUser).toEqual(expect.arrayContaining(['admin@cert.test', 'clerk@cert.test']));
    expect(adminList.body.records.map((r: { params: { email: string } }) => r.params.email).sort()).toEqual(everyUser);
    expect(JSON.stringify(adminList.body)).not.toContain('scrypt$');

    const clerk = await loginAs(app.app, 'clerk@cert.test');
    // AdminJS answers a forbidden action with 200 and an error notice; what matters is that nothing leaks.
    const clerkList = await clerk.get('/admin/api/resources/User/actions/list');
    expect(clerkList.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect(clerkList.body.records).toEqual([]);
    expect(JSON.stringify(clerkList.body)).not.toContain('admin@cert.test');
    const clerkCreate = await clerk
      .post('/admin/api/resources/User/actions/new')
      .field('email', 'intruder@cert.test')
      .field('role', 'admin')
      .field('displayName', 'x')
      .field('password', 'long enough password');
    expect(clerkCreate.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect(await db.dataSource.query(`SELECT id FROM users WHERE email = 'intruder@cert.test'`)).toHaveLength(0);
  });

  it('lets a clerk read reference data but not change it', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin/api/resources/Industry/actions/list')).status).toBe(200);
    const edit = await clerk.post('/admin/api/resources/Region/records/77/edit').field('name', 'Масква');
    expect(edit.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect((await db.dataSource.query('SELECT name FROM regions WHERE id = 77'))[0].name).toBe('Москва');
  });

  it('creates a user from the panel with a hashed password, refusing a short one with a Russian message', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const short = await admin
      .post('/admin/api/resources/User/actions/new')
      .field('email', 'new@cert.test')
      .field('displayName', 'Новый')
      .field('role', 'clerk')
      .field('password', 'short');
    expect(short.body.record.errors.password.message).toBe('Пароль должен содержать не менее 10 символов, получено 5');
    expect(await db.dataSource.query(`SELECT id FROM users WHERE email = 'new@cert.test'`)).toHaveLength(0);

    const created = await admin
      .post('/admin/api/resources/User/actions/new')
      .field('email', 'New@Cert.Test')
      .field('displayName', 'Новый')
      .field('role', 'clerk')
      .field('password', 'a long enough password');
    expect(created.body.notice.type).toBe('success');
    const [row] = await db.dataSource.query(`SELECT password_hash FROM users WHERE email = 'new@cert.test'`);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await loginAs(app.app, 'new@cert.test', 'a long enough password');
  });

  it('never lets anyone delete an organization through the API', async () => {
    const [{ id }] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('Вечная') RETURNING id`);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const response = await admin.post(`/admin/api/resources/Organization/records/${id}/delete`);
    expect(response.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    expect(await db.dataSource.query('SELECT id FROM organizations')).toHaveLength(1);
  });
});
