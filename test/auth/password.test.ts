import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../src/users/password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one; every hash is salted', async () => {
    const hash = await hashPassword('пароль с пробелами');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('пароль с пробелами', hash)).toBe(true);
    expect(await verifyPassword('пароль с пробелами ', hash)).toBe(false);
    expect(await hashPassword('пароль с пробелами')).not.toBe(hash);
  });

  it('hashes at a lower cost when told (the tests), and verifies each hash at the cost it was made with', async () => {
    const cheap = await hashPassword('пароль с пробелами', 10);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('пароль с пробелами', cheap)).toBe(true);
    expect(await verifyPassword('другой пароль', cheap)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('generates typeable random passwords', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
