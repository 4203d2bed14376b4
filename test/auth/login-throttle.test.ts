import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/users/login-throttle.js';

describe('LoginThrottle', () => {
  const rule = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

  it('lets the first failures through, then makes each further try wait longer (doubling, capped)', () => {
    let now = 0;
    const throttle = new LoginThrottle(rule, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterMs('a')).toBe(0);
      throttle.recordFailure('a');
    }
    expect(throttle.retryAfterMs('a')).toBe(1000);
    expect(throttle.retryAfterMs('b')).toBe(0);
    now = 1000;
    expect(throttle.retryAfterMs('a')).toBe(0);
    throttle.recordFailure('a');
    expect(throttle.retryAfterMs('a')).toBe(2000);
    for (let i = 0; i < 5; i += 1) throttle.recordFailure('a');
    expect(throttle.retryAfterMs('a')).toBe(8000); // capped
  });

  it('forgets failures older than the window, and all of a key on reset', () => {
    let now = 0;
    const throttle = new LoginThrottle(rule, () => now);
    for (let i = 0; i < 4; i += 1) throttle.recordFailure('a');
    expect(throttle.retryAfterMs('a')).toBeGreaterThan(0);
    now = 60_001;
    expect(throttle.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 4; i += 1) throttle.recordFailure('b');
    throttle.reset('b');
    expect(throttle.retryAfterMs('b')).toBe(0);
  });
});
