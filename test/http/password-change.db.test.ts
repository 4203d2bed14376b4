import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ensureInitialAdmin, INITIAL_ADMIN_EMAIL } from '../../src/app/bootstrap.js';
import { createTestUser, loginAs, TEST_PASSWORD, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 24, item 12: the first login with the generated password asks for the admin's own before anything else. */
describe('the generated password is replaced at the first login', () => {
  const db = useTestDatabase('password_change');
  const app = useTestApp(db);

  it('sends every page to «Смена пароля» and refuses the API until the password is the admin’s own; then works on', async () => {
    const initial = await ensureInitialAdmin(db.dataSource, mkdtempSync(path.join(tmpdir(), 'cert-initial-')));
    expect(initial?.created).toBe(true);
    const generated = initial!.password!;
    const admin = await loginAs(app.app, INITIAL_ADMIN_EMAIL, generated);

    const page = await admin.get('/admin/resources/Organization').set('Accept', 'text/html');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe(`/admin/password?next=${encodeURIComponent('/admin/resources/Organization')}`);
    const api = await admin.get('/admin/api/resources/Organization/actions/list');
    expect(api.status).toBe(403);
    expect(api.body.message).toContain('смените пароль');
    const form = await admin.get('/admin/password?next=/admin/resources/Organization');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Пароль был выдан при установке');

    const change = (fields: Record<string, string>) => {
      let post = admin.post('/admin/password');
      for (const [name, value] of Object.entries({ next: '/admin/resources/Organization', ...fields })) post = post.field(name, value);
      return post;
    };
    for (const [fields, message] of [
      [{ current: 'не тот пароль', password: 'Новый-пароль-2026', repeat: 'Новый-пароль-2026' }, 'Текущий пароль: неверен'],
      [{ current: generated, password: 'короткий', repeat: 'короткий' }, 'Новый пароль: '],
      [{ current: generated, password: 'Новый-пароль-2026', repeat: 'Новый-пароль-2027' }, 'не совпадает'],
      [{ current: generated, password: generated, repeat: generated }, 'должен отличаться'],
    ] as const) {
      const refused = await change(fields);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(message);
    }
    // nothing changed by the refusals
    expect((await db.dataSource.query(`SELECT password_change_required FROM users WHERE email = $1`, [INITIAL_ADMIN_EMAIL]))[0].password_change_required).toBe(
      true,
    );

    const done = await change({ current: generated, password: 'Новый-пароль-2026', repeat: 'Новый-пароль-2026' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/admin/resources/Organization');
    // the same session works on; the change is in the history under the admin's name, the hash never
    expect((await admin.get('/admin/api/resources/Organization/actions/list')).status).toBe(200);
    const [entry] = await db.dataSource.query(
      `SELECT actor_name, changes FROM audit_log WHERE table_name = 'users' AND action = 'update' AND changes ? 'password_change_required' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.actor_name).toContain(INITIAL_ADMIN_EMAIL);
    expect(entry.changes.password_change_required).toEqual([true, false]);
    // the generated password no longer opens the registry; the new one does
    await expect(loginAs(app.app, INITIAL_ADMIN_EMAIL, generated)).rejects.toThrow(/login .* failed/);
    expect((await (await loginAs(app.app, INITIAL_ADMIN_EMAIL, 'Новый-пароль-2026')).get('/admin/api/resources/Organization/actions/list')).status).toBe(200);
  });

  it('a user with a password of their own is never asked; the page refuses a change from another site', async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await clerk.get('/admin/api/resources/Organization/actions/list')).status).toBe(200);
    const foreign = await clerk
      .post('/admin/password')
      .set('Origin', 'http://evil.example')
      .field('current', TEST_PASSWORD)
      .field('password', 'Чужой-пароль-2026')
      .field('repeat', 'Чужой-пароль-2026');
    expect(foreign.status).toBe(403);
    expect((await loginAs(app.app, 'clerk@cert.test')).get).toBeTypeOf('function'); // the old password still works
    expect((await request(app.app).get('/admin/password')).status).toBe(302); // without a login: to the login page
  });
});
