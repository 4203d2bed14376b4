import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks a key after the limit of failures within the window, and frees it when they age out', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 1000, () => now);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure('a');
    expect(throttle.isBlocked('a')).toBe(true);
    expect(throttle.isBlocked('b')).toBe(false);
    now = 1001;
    expect(throttle.isBlocked('a')).toBe(false);
  });

  it('forgets the failures of a key on reset', () => {
    const throttle = new LoginThrottle(2, 1000, () => 0);
    throttle.recordFailure('a');
    throttle.recordFailure('a');
    throttle.reset('a');
    expect(throttle.isBlocked('a')).toBe(false);
  });
});
