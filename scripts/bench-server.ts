/**
 * For benchmarks: the compiled server as its own process on a fresh database `<name>` of BENCH_DATABASE_URL's
 * server (default the machine's PostgreSQL), migrated, with an admin logged in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

export interface BenchServer {
  base: string;
  cookie: string;
  databaseUrl: string;
  /** The server process. */
  pid: number;
  /** Stops the server and drops the database (kept with BENCH_KEEP=1, to look into it). */
  stop(): Promise<void>;
}

export async function sql(url: string, statement: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** A command of the compiled CLI as its own process (not waiting on this one): its time, peak RSS and output. */
export function timedCert(args: string[], env: Record<string, string>): Promise<{ ms: number; rssMb: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './scripts/report-peak-rss.mjs', 'dist/bin/cert.js', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`cert ${args.join(' ')}: ${code} ${out} ${err}`));
      resolve({ ms: performance.now() - started, rssMb: Number(/@@peak-rss-kb (\d+)/.exec(err)?.[1] ?? 0) / 1024, out: out.trim() });
    });
  });
}

async function exists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** `prepare` runs on the migrated database before the server starts (seeding). */
export async function startBenchServer(
  name: string,
  port: number,
  extraEnv: Record<string, string> = {},
  prepare?: (databaseUrl: string) => Promise<void>,
): Promise<BenchServer> {
  if (!existsSync('dist/src/server.js')) {
    process.stderr.write('Сначала соберите проект: npm run build\n');
    process.exit(1);
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  // BENCH_REUSE=1 takes a database a previous run kept (BENCH_KEEP=1) as it is: no seeding (minutes at 1M)
  const reuse = Boolean(process.env.BENCH_REUSE) && (await exists(serverUrl, name));
  if (!reuse) {
    await sql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sql(serverUrl, `CREATE DATABASE ${name}`);
  }
  const password = 'Пароль-для-замеров-2026';
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl.toString(),
    SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    COOKIE_SECURE: 'false',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...extraEnv,
  };
  const cli = (args: string[], input?: string) => {
    const result = spawnSync(process.execPath, ['dist/bin/cert.js', ...args], { env, input, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cert ${args.join(' ')}: ${result.stderr}`);
  };
  cli(['db', 'migrate']);
  cli(['user', 'create', '--email', 'bench@cert.local', '--role', 'admin', ...(reuse ? ['--update'] : [])], `${password}\n${password}\n`);
  if (prepare && !reuse) await prepare(dbUrl.toString());

  // as `npm start` and the Dockerfile run it
  const server = spawn(
    process.execPath,
    ['--max-old-space-size=192', ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/src/server.js'],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (!process.env.BENCH_KEEP) await sql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const form = new FormData();
    form.set('email', 'bench@cert.local');
    form.set('password', password);
    const login = await fetch(`${base}/admin/login`, { method: 'POST', body: form, redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 302 || !cookie) throw new Error(`login failed: ${login.status}`);
    return { base, cookie, databaseUrl: dbUrl.toString(), pid: server.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
