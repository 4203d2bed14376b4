import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/engine/db/embedded-postgres.js';
import { createApp, type App } from '../../src/app/app.js';
import { createLogger } from '../../src/logger.js';
import { createUser } from '../../src/users/user.service.js';
import { TEST_PASSWORD, TEST_HASH_COST } from '../support/app.js';

/**
 * The app's PostgreSQL connections dropped under it (an idle-connection kill, a PostgreSQL restart) while requests
 * run: the process keeps running (an 'error' nobody listens to would end this very test process) and serves again
 * within seconds. On a PostgreSQL of this test's own (embedded), never the machine's shared server.
 */
describe('a dropped or restarted database', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cert-fault-'));
  chmodSync(root, 0o755);
  const port = 55700 + Number(process.env.VITEST_POOL_ID ?? 0) * 10;
  let database: EmbeddedPostgres;
  let dataSource: DataSource;
  let built: App;
  let server: http.Server;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    database = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port, database: 'fault', logger: createLogger('silent') });
    dataSource = createDataSource(database.url, { poolSize: 4, logQueryErrors: false });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await createUser(
      dataSource.manager,
      { email: 'clerk@cert.test', role: 'clerk', password: TEST_PASSWORD, displayName: 'Делопроизводитель' },
      { hashCost: TEST_HASH_COST },
    );
    built = createApp({
      config: loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      dataSource,
      databaseUrl: database.url,
      sessionSecret: 'test-session-secret-of-at-least-32-characters',
      logger: createLogger('silent'),
    });
    server = http.createServer(built.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'clerk@cert.test', password: TEST_PASSWORD }),
      redirect: 'manual',
    });
    cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await built?.close();
    await dataSource?.destroy().catch(() => undefined);
    await database?.release();
    rmSync(root, { recursive: true, force: true });
  });

  const list = async (): Promise<{ status: number; text: string }> => {
    try {
      const response = await fetch(`${base}/admin/api/resources/Region/actions/list`, { headers: { Cookie: cookie, Accept: 'application/json' } });
      return { status: response.status, text: await response.text() };
    } catch {
      return { status: -1, text: '' };
    }
  };

  /** Requests one after another while `fault` runs, then until one succeeds (at most `withinMs` after the fault). */
  async function underLoad(fault: () => Promise<void>, withinMs: number): Promise<{ statuses: number[]; recoveredMs: number; failures: string[] }> {
    const statuses: number[] = [];
    const failures: string[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        const answer = await list();
        statuses.push(answer.status);
        if (answer.status !== 200) failures.push(answer.text);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fault();
    const faultDone = Date.now();
    let recoveredMs = -1;
    while (Date.now() - faultDone < withinMs) {
      if ((await list()).status === 200) {
        recoveredMs = Date.now() - faultDone;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    running = false;
    await loop;
    return { statuses, recoveredMs, failures };
  }

  it('serves on after every connection of the app is terminated (idle-connection kill, failover)', async () => {
    expect((await list()).status).toBe(200);
    const result = await underLoad(async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      await admin.end();
      expect(rows.length).toBeGreaterThan(0);
    }, 5000);
    expect(result.recoveredMs).toBeGreaterThanOrEqual(0);
    expect(result.statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    for (const text of result.failures) expect(text).toMatch(/[А-Яа-я]/); // a Russian message, no stack trace
    expect(result.statuses).not.toContain(-1);
  });

  it('serves again within seconds after PostgreSQL restarts under load, with no restart of ours', async () => {
    const result = await underLoad(() => database.restart(), 10_000);
    expect(result.recoveredMs).toBeGreaterThanOrEqual(0);
    expect(result.recoveredMs).toBeLessThan(5000);
    for (const text of result.failures) expect(text).toMatch(/[А-Яа-я]/);
    expect(result.statuses).not.toContain(-1);
    // and the session survived (it is in PostgreSQL): the same cookie still works
    expect((await list()).status).toBe(200);
  });
});
