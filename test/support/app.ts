import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app/app.js';
import { createLogger } from '../../src/logger.js';
import { createUser } from '../../src/users/user.service.js';
import type { TestDatabase } from './db.js';

export const TEST_PASSWORD = 'correct horse battery';
/** The tests' scrypt cost (log2 N): a hash in ~2 ms instead of ~290 ms; test/auth/password.test.ts keeps the real one. */
export const TEST_HASH_COST = 10;

/** The app on a test database; `env` adds settings (e.g. EGRUL_SERVICE_URL of a stub). */
export function buildTestApp(db: TestDatabase, env: Record<string, string> = {}): App {
  return createApp({
    config: loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', PASSWORD_HASH_COST: String(TEST_HASH_COST), ...env }),
    dataSource: db.dataSource,
    databaseUrl: db.url,
    sessionSecret: 'test-session-secret-of-at-least-32-characters',
    logger: createLogger('silent'),
  });
}

/** The app on this file's test database, built before the file's tests and closed after them. */
export function useTestApp(db: TestDatabase, env: () => Record<string, string> = () => ({})): { readonly app: Express } {
  let built: App | undefined;
  beforeAll(() => {
    built = buildTestApp(db, env());
  });
  afterAll(() => built?.close());
  return {
    get app(): Express {
      if (!built) throw new Error('useTestApp: the app is built in beforeAll');
      return built.app;
    },
  };
}

export async function createTestUser(db: TestDatabase, email: string, role: 'admin' | 'clerk'): Promise<void> {
  await createUser(db.dataSource.manager, { email, role, password: TEST_PASSWORD, displayName: email }, { updateExisting: true, hashCost: TEST_HASH_COST });
}

/** Logs in through the real login form; returns an agent that carries the session cookie. */
export async function loginAs(app: Express, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const response = await agent.post('/admin/login').field('email', email).field('password', password);
  if (response.status !== 302 || response.headers.location !== '/admin') {
    throw new Error(`login as ${email} failed: ${response.status}`);
  }
  return agent;
}
