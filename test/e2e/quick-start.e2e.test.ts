import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/engine/process-alive.js';

/**
 * `npm start` (scripts/start.mjs: build if stale, then the compiled server) with no database settings at all: it must create an embedded PostgreSQL, migrate it,
 * load the demo, create the first admin and print how to log in — and survive kill -9.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cert-quickstart-'));
chmodSync(dataDir, 0o755);
const port = 46000 + Number(process.env.VITEST_POOL_ID ?? 0);
const pgPort = 56000 + Number(process.env.VITEST_POOL_ID ?? 0);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(): Promise<{ child: ChildProcess; banner: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    // what `npm start` runs
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Вход: .*\n/.test(output)) resolve({ child, banner: output, ms: performance.now() - started });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function login(email: string, password: string): Promise<string | undefined> {
  const form = new FormData();
  form.set('email', email);
  form.set('password', password);
  const response = await fetch(`http://127.0.0.1:${port}/admin/login`, { method: 'POST', body: form, redirect: 'manual' });
  return response.status === 302 ? response.headers.get('set-cookie')?.split(';')[0] : undefined;
}

async function organizationsCount(cookie: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/admin/api/resources/Organization/actions/list`, { headers: { cookie } });
  const body = (await response.json()) as { meta?: { total: number }; message?: string };
  // a refusal says why (the status and the server's message) instead of failing on a missing field
  if (!body.meta) throw new Error(`the list answered ${response.status}: ${body.message ?? JSON.stringify(body).slice(0, 200)}`);
  return body.meta.total;
}

/** «Смена пароля» of the generated password (the panel asks for it before anything else). */
async function changePassword(cookie: string, current: string, next: string): Promise<number> {
  const form = new URLSearchParams({ current, password: next, repeat: next, next: '/admin' });
  const response = await fetch(`http://127.0.0.1:${port}/admin/password`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
  return response.status;
}

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('quick start with the embedded database', () => {
  let credentials: { email: string; password: string };

  it('starts from nothing, prints the URL and a login that works, with the demo data loaded', async () => {
    const { child, banner, ms } = await startServer();
    expect(banner).toContain(`http://127.0.0.1:${port}/admin`);
    const match = /Вход: (\S+) \/ (\S+)/.exec(banner);
    expect(match).not.toBeNull();
    credentials = { email: String(match?.[1]), password: String(match?.[2]) };
    expect(ms).toBeLessThan(60_000);
    const cookie = await login(credentials.email, credentials.password);
    expect(cookie).toBeDefined();
    // the generated password must be replaced first: the API refuses until then
    const refused = await fetch(`http://127.0.0.1:${port}/admin/api/resources/Organization/actions/list`, { headers: { cookie: String(cookie) } });
    expect(refused.status).toBe(403);
    expect(await login(credentials.email, 'wrong password')).toBeUndefined();

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('after kill -9 starts again on the same data: same login, nothing lost, nothing duplicated', async () => {
    expect(isProcessAlive(postmasterPid())).toBe(true); // the orphaned database server
    const { child, banner } = await startServer();
    expect(banner).toContain(`Вход: ${credentials.email} / ${credentials.password}`);
    const cookie = await login(credentials.email, credentials.password);
    expect(await changePassword(String(cookie), credentials.password, 'Свой-пароль-админа-2026')).toBe(303);
    expect(await organizationsCount(String(cookie))).toBe(12);

    const pid = postmasterPid();
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
