import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { User } from '../../entities/user.entity.js';
import { generatePassword, verifyPassword } from '../users/password.js';
import type { Config } from '../config.js';
import { loadDemoData, type DemoSummary } from '../demo/demo-data.js';
import type { Logger } from '../logger.js';
import { createUser, findWithPasswordHash } from '../users/user.service.js';

/** Start-up steps shared by the server and the CLI. */

/** Writes a file atomically (temporary file, fsync, rename) with the given mode. */
export async function writeFileAtomic(file: string, content: string, mode = 0o600): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'w', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

/** SESSION_SECRET, or outside production a random one generated once and kept in DATA_DIR. */
export async function resolveSessionSecret(config: Pick<Config, 'sessionSecret' | 'dataDir'>): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await writeFileAtomic(file, secret);
  return secret;
}

export async function runMigrations(dataSource: DataSource, logger: Logger): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) logger.info('migration applied', { name: migration.name });
  return applied.map((m) => m.name);
}

export const INITIAL_ADMIN_EMAIL = 'admin@cert.local';

export interface InitialAdmin {
  email: string;
  /** Known only while the initial password is still the one generated at first start. */
  password: string | undefined;
  created: boolean;
}

/**
 * With no users at all, creates the first admin with a random password, kept in DATA_DIR/initial-admin.json
 * (mode 0600) so that the start-up banner can show it until it is changed.
 */
export async function ensureInitialAdmin(dataSource: DataSource, dataDir: string): Promise<InitialAdmin | undefined> {
  const file = path.join(dataDir, 'initial-admin.json');
  // two servers starting at once on an empty database: the count and the insert under one lock, so one creates it
  const password = await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('cert initial admin', 0))`);
    if ((await manager.getRepository(User).count()) > 0) return null;
    const generated = generatePassword();
    // a generated password: the panel asks for the admin's own at the first login
    await createUser(
      manager,
      { email: INITIAL_ADMIN_EMAIL, displayName: 'Администратор', role: 'admin', password: generated },
      { passwordChangeRequired: true },
    );
    return generated;
  });
  if (password) {
    await writeFileAtomic(file, JSON.stringify({ email: INITIAL_ADMIN_EMAIL, password }));
    return { email: INITIAL_ADMIN_EMAIL, password, created: true };
  }
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(await fs.readFile(file, 'utf8')) as { email: string; password: string };
  const user = await findWithPasswordHash(dataSource.manager, stored.email);
  if (!user) return undefined;
  const stillValid = user.isActive && (await verifyPassword(stored.password, user.passwordHash));
  // an installation from before the change was asked: the generated password still works, so it is asked now
  if (stillValid) await dataSource.query(`UPDATE users SET password_change_required = true WHERE id = $1 AND NOT password_change_required`, [user.id]);
  return { email: stored.email, password: stillValid ? stored.password : undefined, created: false };
}

export async function seedDemoDataIfEmpty(dataSource: DataSource): Promise<DemoSummary> {
  return dataSource.transaction((manager) => loadDemoData(manager));
}
