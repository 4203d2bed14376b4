import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { buildTestApp, createTestUser, loginAs, TEST_PASSWORD, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { dropDatabase, recreateDatabase } from '../support/database-urls.js';
import { inject } from 'vitest';

/** Issue 21, first items: references name only, a login burst counted before any hash, the database away at login. */
describe('trust in answers and logins', () => {
  const db = useTestDatabase('trust');
  const app = useTestApp(db);
  /** A second server process on the same database: the throttle's count is PostgreSQL's, not a process's. */
  const secondNode = useTestApp(db);
  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'other@cert.test', 'clerk');
  });

  it('shows a letter’s executor to a clerk by name only: no email, role or last login in any answer', async () => {
    const [[executor]] = await db.dataSource.query(`UPDATE users SET display_name = 'Иван Петров' WHERE email = 'admin@cert.test' RETURNING id`);
    const [letter] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information, executor_id) VALUES ('incoming', 'ВХ-1', '2026-12-01', 'о тесте', $1) RETURNING id`,
      [executor.id],
    );
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    for (const path of [`/admin/api/resources/Message/records/${letter.id}/show`, '/admin/api/resources/Message/actions/list']) {
      const answer = await clerk.get(path);
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text).toContain('Иван Петров');
      expect(text).not.toContain('admin@cert.test');
      expect(text).not.toMatch(/lastLoginAt|"role"/);
    }
  });

  it('restores a deleted resource only by a POST: a GET of the action changes nothing', async () => {
    const [owner] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('АО "ВЛАДЕЛЕЦ"') RETURNING id`);
    const [{ id }] = await db.dataSource.query(`INSERT INTO resources (name, owner_id, deleted_at) VALUES ('ГАС', $1, now()) RETURNING id`, [owner.id]);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const viaGet = await admin.get(`/admin/api/resources/Resource/records/${id}/restore`);
    expect(viaGet.status).toBe(200);
    expect((await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]))[0].deleted_at).not.toBeNull();
    const viaPost = await admin.post(`/admin/api/resources/Resource/records/${id}/restore`);
    expect(viaPost.body.notice).toEqual({ message: 'Ресурс восстановлен', type: 'success' });
    expect((await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]))[0].deleted_at).toBeNull();
  });

  it('counts a burst of 100 wrong passwords before hashing, over two server processes: the right one is refused, another account at the address logs in', async () => {
    const node = (i: number) => (i % 2 === 0 ? app.app : secondNode.app);
    const started = performance.now();
    const burst = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) =>
        request(node(i)).post('/admin/login').field('email', 'clerk@cert.test').field('password', `wrong password ${i}`),
      ),
      request(node(1)).post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD),
    ]);
    const loggedIn = burst.filter((r) => r.status === 302 && r.headers.location === '/admin');
    expect(loggedIn.length).toBeLessThanOrEqual(1); // the right one, if it came among the five free attempts
    const [{ n: hashed }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'login_failed' AND details->>'email' = 'clerk@cert.test'`,
    );
    const seconds = (performance.now() - started) / 1000;
    // the free attempts, and then one more per doubling delay (1 s, 2 s, 4 s …) the burst outlasted: never the rest
    expect(hashed).toBeLessThanOrEqual(5 + Math.floor(Math.log2(1 + seconds)) + 1);
    process.stdout.write(
      `login burst over two processes: ${burst.length} sent in ${seconds.toFixed(2)} s, ${hashed} passwords hashed, ${burst.filter((r) => r.text.includes('Слишком много')).length} refused before the hash, ${loggedIn.length} logged in\n`,
    );
    // every attempt not hashed (and not the right one let in) was refused with the throttle's message — none failed otherwise
    expect(burst.filter((r) => r.text.includes('Слишком много неудачных попыток входа')).length).toBe(burst.length - hashed - loggedIn.length);
    // one more wrong password: refused while the burst's delay runs, or (a slow machine outlasted it) counted with a
    // longer one — either way a delay runs now, and the right password is refused on both processes
    await request(app.app).post('/admin/login').field('email', 'clerk@cert.test').field('password', 'wrong once more');
    for (const server of [app.app, secondNode.app]) {
      const right = await request(server).post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
      expect(right.text).toContain('Слишком много неудачных попыток входа');
    }
    await loginAs(app.app, 'other@cert.test');
    await loginAs(secondNode.app, 'admin@cert.test');
  });

  it('answers a login while the database is away with a Russian 503, no address of the server', async () => {
    const serverUrl = inject('databaseServerUrl');
    const name = `cert_test_trust_gone_${process.env.VITEST_POOL_ID ?? '0'}`;
    await recreateDatabase(serverUrl, name, inject('templateDatabase'));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const gone = createDataSource(url.toString(), { poolSize: 2, logQueryErrors: false });
    await gone.initialize();
    const broken = buildTestApp({ url: url.toString(), dataSource: gone, truncate: async () => undefined });
    try {
      await dropDatabase(serverUrl, name);
      const answer = await request(broken.app).post('/admin/login').field('email', 'clerk@cert.test').field('password', TEST_PASSWORD);
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('База данных временно недоступна');
      expect(answer.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|does not exist|cert_test/);
    } finally {
      await broken.close();
      await gone.destroy().catch(() => undefined);
      // the entities follow the last DataSource initialised: give them back the file's own
      for (const metadata of db.dataSource.entityMetadatas) (metadata.target as { useDataSource?: (d: unknown) => void }).useDataSource?.(db.dataSource);
    }
  });
});
