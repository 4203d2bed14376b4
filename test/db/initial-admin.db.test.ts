import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureInitialAdmin } from '../../src/app/bootstrap.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 27: servers starting at once on an empty database create one first administrator, not two nor an error. */
describe('the first administrator', () => {
  const db = useTestDatabase('initial_admin');

  it('is created once when four servers start at once', async () => {
    const dirs = [1, 2, 3, 4].map(() => mkdtempSync(path.join(tmpdir(), 'cert-initial-')));
    const results = await Promise.all(dirs.map((dir) => ensureInitialAdmin(db.dataSource, dir)));
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(await db.dataSource.query(`SELECT email, role FROM users`)).toEqual([{ email: 'admin@cert.local', role: 'admin' }]);
  });
});
