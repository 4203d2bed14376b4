import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../src/engine/http/session-store.js';
import { testPool, useTestDatabase } from '../support/db.js';

/** Rolling sessions move their expiry in the database at most once a minute, not on every request. */
describe('session store', () => {
  const db = useTestDatabase('session_store');
  let pool: pg.Pool;
  beforeAll(() => {
    pool = testPool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => pool?.end());

  const call = <T>(run: (done: (error?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
  const expiry = async (sid: string) => (await pool.query<{ expire: Date }>('SELECT expire FROM sessions WHERE sid = $1', [sid])).rows[0]?.expire.getTime();
  const sessionUntil = (ms: number) => ({ cookie: { expires: new Date(ms), originalMaxAge: 3_600_000 } }) as never;

  it('writes the new expiry on the first touch, skips touches within a minute, and still reads and destroys', async () => {
    const store = createSessionStore(pool);
    const now = Date.now();
    await call((done) => store.set('sid-1', sessionUntil(now + 3_600_000), done));
    const near = (actual: number | undefined, expected: number) => expect(Math.abs((actual ?? 0) - expected)).toBeLessThan(1000);
    near(await expiry('sid-1'), now + 3_600_000);

    await call((done) => store.touch!('sid-1', sessionUntil(now + 7_200_000), done));
    const touched = await expiry('sid-1');
    near(touched, now + 7_200_000);

    await call((done) => store.touch!('sid-1', sessionUntil(now + 9_000_000), done));
    expect(await expiry('sid-1')).toBe(touched); // within the minute: not written

    // another session is touched independently
    await call((done) => store.set('sid-2', sessionUntil(now + 3_600_000), done));
    await call((done) => store.touch!('sid-2', sessionUntil(now + 5_400_000), done));
    near(await expiry('sid-2'), now + 5_400_000);

    expect(await call((done) => store.get('sid-1', done))).toMatchObject({ cookie: expect.anything() });
    await call((done) => store.destroy('sid-1', done));
    expect(await expiry('sid-1')).toBeUndefined();
  });
});
