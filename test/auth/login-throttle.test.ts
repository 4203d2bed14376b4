import { describe, expect, it } from 'vitest';
import { LOGIN_RULES, retryAfterMs } from '../../src/users/login-throttle.js';

describe('login throttle rule', () => {
  const rule = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000 };

  it('lets the first failures through, then makes each further try wait longer (doubling, capped)', () => {
    expect(retryAfterMs(rule, 0, null, 0)).toBe(0);
    expect(retryAfterMs(rule, 2, 0, 0)).toBe(0);
    expect(retryAfterMs(rule, 3, 0, 0)).toBe(1000);
    expect(retryAfterMs(rule, 3, 0, 400)).toBe(600);
    expect(retryAfterMs(rule, 3, 0, 1000)).toBe(0);
    expect(retryAfterMs(rule, 4, 1000, 1000)).toBe(2000);
    expect(retryAfterMs(rule, 5, 1000, 1000)).toBe(4000);
    expect(retryAfterMs(rule, 9, 1000, 1000)).toBe(8000); // capped
    expect(retryAfterMs(rule, 5000, 1000, 1000)).toBe(8000); // no overflow to Infinity or NaN
  });

  it('keeps the panel rules: 5 free per email and address, 30 accounts per address, 20 per email at most 30 s', () => {
    expect(retryAfterMs(LOGIN_RULES.emailAtAddress, 5, 0, 0)).toBe(1000);
    expect(retryAfterMs(LOGIN_RULES.emailAtAddress, 100, 0, 0)).toBe(15 * 60 * 1000);
    expect(retryAfterMs(LOGIN_RULES.addressAccounts, 29, 0, 0)).toBe(0);
    expect(retryAfterMs(LOGIN_RULES.email, 100, 0, 0)).toBe(30 * 1000);
  });
});
