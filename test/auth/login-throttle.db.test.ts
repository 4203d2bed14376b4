import { beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_RULES, LoginThrottle, WINDOW_MS } from '../../src/users/login-throttle.js';
import { useTestDatabase } from '../support/db.js';

/** The login throttle's rules, as PostgreSQL applies them (login_delay_ms, login_reserve). */
describe('the login throttle in PostgreSQL', () => {
  const db = useTestDatabase('login_throttle');
  beforeEach(() => db.truncate());
  const delay = async (rule: object, failures: number, lastAgoMs: number | null) =>
    Number(
      (
        await db.dataSource.query(
          `SELECT login_delay_ms($1, $2, CASE WHEN $3::int IS NULL THEN NULL ELSE now() - $3::int * interval '1 millisecond' END, now())::float8 AS ms`,
          [JSON.stringify(rule), failures, lastAgoMs],
        )
      )[0].ms,
    );

  it('lets the first failures through, then makes each further try wait longer (doubling, capped)', async () => {
    const rule = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(await delay(rule, 0, null)).toBe(0);
    expect(await delay(rule, 2, 0)).toBe(0);
    expect(await delay(rule, 3, 0)).toBe(1000);
    expect(await delay(rule, 3, 400)).toBe(600);
    expect(await delay(rule, 3, 1000)).toBe(0);
    expect(await delay(rule, 4, 0)).toBe(2000);
    expect(await delay(rule, 5, 0)).toBe(4000);
    expect(await delay(rule, 9, 0)).toBe(8000); // capped
    expect(await delay(rule, 5000, 0)).toBe(8000); // no overflow
  });

  it('keeps the panel’s rules: 5 free per email and address, 30 accounts per address, 20 per email at most 30 s', async () => {
    expect(await delay(LOGIN_RULES.emailAtAddress, 5, 0)).toBe(1000);
    expect(await delay(LOGIN_RULES.emailAtAddress, 100, 0)).toBe(15 * 60 * 1000);
    expect(await delay(LOGIN_RULES.addressAccounts, 29, 0)).toBe(0);
    expect(await delay(LOGIN_RULES.email, 100, 0)).toBe(30 * 1000);
    expect(WINDOW_MS).toBe(60 * 60 * 1000);
  });

  it('counts a parallel burst before any check: only the free attempts are let through', async () => {
    const throttle = new LoginThrottle(db.dataSource);
    const reservations = await Promise.all(Array.from({ length: 50 }, () => throttle.reserve('clerk@cert.test', '10.0.0.1')));
    expect(reservations.filter((r) => r.waitMs === 0)).toHaveLength(5);
    // one address failing for 30 different accounts is slowed; one account's failures do not lock the others
    expect((await throttle.reserve('other@cert.test', '10.0.0.1')).waitMs).toBe(0);
    for (let i = 0; i < 29; i += 1) await throttle.reserve(`user${i}@cert.test`, '10.0.0.2');
    expect((await throttle.reserve('last@cert.test', '10.0.0.2')).waitMs).toBe(0);
    expect((await throttle.reserve('one-more@cert.test', '10.0.0.2')).waitMs).toBeGreaterThan(0);
    // a right password takes back its own attempt only
    const [attempt] = await Promise.all([throttle.reserve('owner@cert.test', '10.0.0.3')]);
    await attempt!.succeeded();
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM login_failures WHERE email = 'owner@cert.test'`)).toEqual([{ n: 0 }]);
  });
});
