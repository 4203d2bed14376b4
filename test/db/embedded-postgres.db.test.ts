import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/engine/db/embedded-postgres.js';
import { isProcessAlive } from '../../src/engine/process-alive.js';
import { createLogger } from '../../src/logger.js';
import { queryOnce } from '../support/database-urls.js';

const logger = createLogger('silent');
const basePort = 55400 + Number(process.env.VITEST_POOL_ID ?? 0) * 10;
const root = mkdtempSync(path.join(os.tmpdir(), 'cert-embedded-'));
chmodSync(root, 0o755); // the server runs as the OS user postgres when the tests run as root
afterAll(() => rmSync(root, { recursive: true, force: true }));

const postmasterPid = (dir: string) =>
  existsSync(path.join(dir, 'postmaster.pid')) ? Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
const alive = (pid: number | undefined) => (pid ? isProcessAlive(pid) : false);
/** Whether the process is gone within a few seconds: pg_ctl stop -w returns when the pid file is removed, a moment before the postmaster has exited. */
async function gone(pid: number | undefined): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 50) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

/** A separate process that starts (or joins) the server, commits `value` and stays connected until killed. */
async function spawnHolder(dir: string, port: number, value: string) {
  const holder = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-holder.ts', dir, String(port), value], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
    holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return holder;
}

describe('embedded PostgreSQL', () => {
  it('is shared by two processes: the second attaches, and the server stops only when the last one leaves', async () => {
    const dir = path.join(root, 'shared', 'pg');
    const port = basePort + 1;
    const server = await startEmbeddedPostgres({ dataDir: dir, port, database: 'cert', logger });
    const serverPool = new pg.Pool({ connectionString: server.url, max: 1 });
    await serverPool.query('CREATE TABLE notes (body text)');
    await serverPool.query(`INSERT INTO notes VALUES ('from the server')`);
    const pid = postmasterPid(dir);

    const cli = await startEmbeddedPostgres({ dataDir: dir, port, database: 'cert', logger });
    expect(postmasterPid(dir)).toBe(pid);
    expect(await queryOnce(cli.url, 'SELECT body FROM notes')).toEqual([{ body: 'from the server' }]);
    await cli.release();
    expect(alive(pid)).toBe(true);
    expect((await serverPool.query('SELECT count(*)::int AS n FROM notes')).rows[0].n).toBe(1);

    await serverPool.end();
    await server.release();
    expect(await gone(pid)).toBe(true);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('keeps running for an idle holder (a panel whose pool closed its connections) when a CLI run leaves', async () => {
    const dir = path.join(root, 'idle', 'pg');
    const port = basePort + 4;
    const panel = await startEmbeddedPostgres({ dataDir: dir, port, database: 'cert', logger });
    const pid = postmasterPid(dir);
    // the panel has no connection open at all now, as after its pool's idle timeout
    const cli = await startEmbeddedPostgres({ dataDir: dir, port, database: 'cert', logger });
    expect(await queryOnce(cli.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await cli.release();
    expect(alive(pid)).toBe(true);
    expect(await queryOnce(panel.url, 'SELECT 2 AS two')).toEqual([{ two: 2 }]);
    await panel.release();
    expect(await gone(pid)).toBe(true);
  });

  it('does not count a killed holder: the next release stops the server', async () => {
    const dir = path.join(root, 'dead-holder', 'pg');
    const port = basePort + 5;
    const holder = await spawnHolder(dir, port, 'x');
    const pid = postmasterPid(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const next = await startEmbeddedPostgres({ dataDir: dir, port, database: 'crash', logger });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the killed client's backend notices its socket is gone
    await next.release();
    expect(await gone(pid)).toBe(true);
  });

  it('recovers after kill -9 of the process that started it: no data lost, no manual cleanup', async () => {
    const dir = path.join(root, 'crash', 'pg');
    const port = basePort + 2;
    const holder = await spawnHolder(dir, port, 'committed before the crash');
    const orphan = postmasterPid(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(alive(orphan)).toBe(true); // the orphaned server keeps running, as measured in stack-notes §4

    const restarted = await startEmbeddedPostgres({ dataDir: dir, port, database: 'crash', logger });
    expect(await queryOnce(restarted.url, 'SELECT value FROM marks')).toEqual([{ value: 'committed before the crash' }]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the killed client's backend notices its socket is gone
    await restarted.release();
    expect(await gone(orphan)).toBe(true);

    // and a cold start on the same directory still has the row
    const cold = await startEmbeddedPostgres({ dataDir: dir, port, database: 'crash', logger });
    expect(await queryOnce(cold.url, 'SELECT value FROM marks')).toEqual([{ value: 'committed before the crash' }]);
    await cold.release();
  });

  it('refuses with a Russian message when its port is taken by another server', async () => {
    const dir = path.join(root, 'busy', 'pg');
    const blocker = await startEmbeddedPostgres({ dataDir: path.join(root, 'blocker', 'pg'), port: basePort + 3, database: 'x', logger });
    await expect(startEmbeddedPostgres({ dataDir: dir, port: basePort + 3, database: 'x', logger })).rejects.toMatchObject({
      userMessage: expect.stringContaining(`Не удалось запустить встроенный PostgreSQL на порту ${basePort + 3}`),
    });
    await blocker.release();
  });

  it('cert backup and cert restore work on the embedded database out of the box (no pg_dump): the restored registry backs up identical', async () => {
    // two installations with nothing configured but their data directories (the CLI starts the embedded server)
    const cert = (dataDir: string, port: number, args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cert.ts', ...args], {
        input: 'a very long password\n',
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
        timeout: 120_000,
      });
      return { code: result.status, out: `${result.stdout}${result.stderr}` };
    };
    const first = path.join(root, 'backup-first');
    const second = path.join(root, 'backup-second');
    const archive = path.join(root, 'embedded.certbackup');
    expect(cert(first, basePort + 4, ['db', 'migrate']).code).toBe(0);
    expect(cert(first, basePort + 4, ['user', 'create', '--email', 'embedded@cert.test', '--role', 'admin']).code).toBe(0);
    const made = cert(first, basePort + 4, ['backup', archive]);
    expect(made.out).toMatch(/^Копия записана: .*таблиц \d+, строк [\d\s\u00a0]+, сканов 0/);
    expect(made.code).toBe(0);
    const restored = cert(second, basePort + 5, ['restore', archive]);
    expect(restored.out).toContain('число строк каждой таблицы сходится с описью');
    expect(restored.code).toBe(0);
    const again = path.join(root, 'embedded-again.certbackup');
    expect(cert(second, basePort + 5, ['backup', again]).code).toBe(0);
    const { verifyBackup } = await import('../../src/backup/backup.service.js');
    const [original, copy] = [await verifyBackup(archive), await verifyBackup(again)];
    expect(copy.tables).toEqual(original.tables); // every table: the same rows, byte for byte
    expect(copy.tables.users!.rows).toBeGreaterThan(0);
    expect(cert(second, basePort + 5, ['restore', archive]).out).toContain('повторите с --force');
  }, 240_000);
});
