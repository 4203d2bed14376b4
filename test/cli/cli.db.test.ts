import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../migrations/index.js';
import { REGIONS } from '../../migrations/reference-data.js';
import { generatePindx } from '../../src/postal-index/pindx-generator.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase, withDatabaseName } from '../support/database-urls.js';
import pg from 'pg';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../bin/cli.js';

/** A stream that keeps what was written to it. */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/** The CLI on an empty database of its own: in-process for its behaviour, spawned twice for exit status and stderr. */
describe('bin/cert', () => {
  const serverUrl = inject('databaseServerUrl');
  const database = `cert_test_cli_${process.env.VITEST_POOL_ID ?? '0'}`;
  const url = withDatabaseName(serverUrl, database);
  beforeAll(() => recreateDatabase(serverUrl, database));
  afterAll(() => dropDatabase(serverUrl, database));

  /** A command in-process, on streams of its own (bin/cli.ts's runCli is what bin/cert.ts runs). */
  const cert = async (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => {
    const stdout = new Collected();
    const stderr = new Collected();
    const code = await runCli({
      argv: args,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, ...options.env },
      stdin: Readable.from([Buffer.from(options.input ?? '')]),
      stdout,
      stderr,
      exitCode: 0,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  /** The real CLI in a child process: only for what only a process shows (its exit status, what reaches stderr). */
  const spawnCert = (args: string[], options: { env?: Record<string, string> } = {}) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cert.ts', ...args], {
      input: '',
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, ...options.env },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('db migrate builds the schema on an empty database: 90 regions, 8 districts, 13 industries', async () => {
    const result = await cert(['db', 'migrate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Выполнено миграций: ${migrations.length}`);
    expect(
      await query('SELECT (SELECT count(*) FROM regions)::int AS r, (SELECT count(*) FROM okrugs)::int AS o, (SELECT count(*) FROM industries)::int AS i'),
    ).toEqual([{ r: 90, o: 8, i: 13 }]);
    expect(await query(`SELECT okrug_id FROM regions WHERE id IN (3, 75)`)).toEqual([{ okrug_id: 8 }, { okrug_id: 8 }]);
  });

  it('db migrate again changes nothing and says so', async () => {
    const result = await cert(['db', 'migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Схема актуальна');
  });

  it('user create takes the password from stdin and stores only its hash', async () => {
    const result = await cert(['user', 'create', '--email', 'Ops@Cert.Test', '--role', 'admin', '--name', 'Дежурный'], { input: 'a very long password\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Создан пользователь ops@cert.test (роль: admin');
    const [row] = await query(`SELECT role, display_name, password_hash FROM users WHERE email = 'ops@cert.test'`);
    expect(row).toMatchObject({ role: 'admin', display_name: 'Дежурный' });
    expect(row.password_hash).not.toContain('a very long password');
  });

  it('user create refuses bad input with exit code 1 and a Russian message naming each field, writing nothing', async () => {
    const result = await cert(['user', 'create', '--email', 'not-an-email', '--role', 'boss'], { input: 'short\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Email должен иметь вид имя@домен.рф (латинские буквы, цифры и . _ % + - до @), получено «not-an-email»');
    expect(result.stderr).toContain('Роль должна быть одной из: admin, clerk; получено «boss»');
    expect(result.stderr).toContain('Пароль должен содержать не менее 10 символов, получено 5');
    expect(await query(`SELECT id FROM users WHERE email = 'not-an-email'`)).toEqual([]);
  });

  it('user create refuses an existing email unless --update, and never demotes the last active admin', async () => {
    expect((await cert(['user', 'create', '--email', 'ops@cert.test'], { input: 'another long password\n' })).code).toBe(1);
    const last = await cert(['user', 'create', '--email', 'ops@cert.test', '--role', 'clerk', '--update'], { input: 'another long password\n' });
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('последний действующий администратор');
    expect((await cert(['user', 'create', '--email', 'chief@cert.test', '--role', 'admin'], { input: 'второй длинный пароль\n' })).code).toBe(0);
    const updated = await cert(['user', 'create', '--email', 'ops@cert.test', '--role', 'clerk', '--update'], { input: 'another long password\n' });
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('Обновлён пользователь ops@cert.test (роль: clerk');
  });

  it('demo loads about a dozen organizations with letters, resources and documents, once', async () => {
    const first = await cert(['demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Загружено: организаций 12, писем 8, ресурсов 6, документов 4/);
    const [counts] = await query(
      'SELECT (SELECT count(*) FROM organizations)::int AS o, (SELECT count(*) FROM organizations_messages)::int AS links, (SELECT count(*) FROM resources_regions)::int AS rr',
    );
    expect(counts).toEqual({ o: 12, links: 12, rr: 9 });
    const second = await cert(['demo']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('в базе уже есть организации');
  });

  it('db revert undoes the last migration', async () => {
    await query('TRUNCATE organizations, messages, resources, responsibilities, organization_documents, org_adm_docs RESTART IDENTITY CASCADE');
    const result = await cert(['db', 'revert']);
    expect(result.code).toBe(0);
    const last = migrations.at(-1)!.name.replace(/\d+$/, '');
    expect(result.stdout).toContain(`Откачена миграция ${last}`);
    const applied = async () => (await query('SELECT name FROM migrations ORDER BY id')).map((row: { name: string }) => row.name);
    expect(await applied()).toEqual(migrations.slice(0, -1).map((m) => m.name));
    expect((await cert(['db', 'migrate'])).code).toBe(0);
    expect(await applied()).toEqual(migrations.map((m) => m.name));
  });

  it('index check/update take the file as an argument or with -f, print the summary (or --json) and use exit codes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-cli-pindx-'));
    const dbf = path.join(dir, 'PIndx01.dbf');
    await generatePindx(dbf, { rows: 300, regions: REGIONS, withOddRows: true });
    try {
      const check = await cert(['index', 'check', dbf, '--json']);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ applied: false, rowsInFile: 307, new: 304, skippedMalformedIndex: 3, rowsWithoutRegion: 2 });
      const update = await cert(['index', '-f', dbf, 'update']);
      expect(update.code).toBe(0);
      expect(update.stdout).toContain('Готово: добавлено 304, обновлено 0.');
      expect(update.stdout).toContain('«Советская Республика»: 1');
      expect(update.stderr).toBe(''); // no progress bar off a terminal: cron gets the summary only
      const again = await cert(['index', 'update', dbf]);
      expect(again.stdout).toContain('Изменений нет: база уже соответствует файлу.');
      const strict = await cert(['index', 'update', dbf, '--strict']);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('Регионы не сопоставлены (--strict)');
      const missing = await cert(['index', 'update', path.join(dir, 'nope.dbf')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Файл не найден');
      const noFile = await cert(['index', 'check']);
      expect(noFile.code).toBe(1);
      expect(noFile.stderr).toContain('Укажите файл справочника');
      // with --json a failure is JSON too, on stdout, with the same exit code and nothing in plain text
      const missingJson = await cert(['index', 'update', path.join(dir, 'nope.dbf'), '--json']);
      expect(missingJson.code).toBe(1);
      expect(missingJson.stderr).toBe('');
      expect(JSON.parse(missingJson.stdout)).toEqual({ error: { exitCode: 1, message: expect.stringContaining('Файл не найден'), details: [] } });
      const empty = path.join(dir, 'PIndx-empty.dbf');
      await generatePindx(empty, { rows: 0, regions: REGIONS });
      const emptied = await cert(['index', 'update', empty, '--prune', '--json']);
      expect(emptied.code).toBe(1);
      expect(JSON.parse(emptied.stdout).error.message).toContain('удалило бы 304 из 304 индексов');
      const badShare = await cert(['index', 'update', dbf, '--max-change', '150']);
      expect(badShare.code).toBe(1);
      expect(badShare.stderr).toContain('--max-change: доля в процентах от 0 до 100');
      expect(await query('SELECT count(*)::int AS n FROM addresses')).toEqual([{ n: 304 }]);
      // the change history: one summary entry for the update (not 304 rows), the OS user's, with the command line
      const history = await query(`SELECT actor_name, source, action, details FROM audit_log WHERE table_name = 'addresses'`);
      expect(history).toEqual([
        { actor_name: `${os.userInfo().username} (ОС)`, source: 'cli', action: 'bulk', details: { inserted: 304, command: `cert index -f ${dbf} update` } },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('user create is recorded as the OS user’s; audit prune counts first, then trims and records itself', async () => {
    expect((await cert(['user', 'create', '--email', 'night@cert.test', '--role', 'clerk'], { input: 'a very long password\n' })).code).toBe(0);
    const [created] = await query(
      `SELECT actor_name, source, changes, details FROM audit_log WHERE table_name = 'users' AND action = 'insert' ORDER BY id DESC LIMIT 1`,
    );
    expect(created).toMatchObject({
      source: 'cli',
      actor_name: `${os.userInfo().username} (ОС)`,
      details: { command: 'cert user create --email night@cert.test --role clerk' },
    });
    expect(created.changes.password_hash).toEqual(['•', '•']);
    const total = Number((await query('SELECT count(*) AS n FROM audit_log'))[0].n);
    expect(total).toBeGreaterThan(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await cert(['audit', 'prune', '--before', '31.12.2999']);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('позже сегодняшней');
    const bad = await cert(['audit', 'prune', '--before', '2025-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--before: нужна дата вида ДД.ММ.ГГГГ');
    const today = new Date().toISOString().slice(0, 10);
    const dry = await cert(['audit', 'prune', '--before', today]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Ничего не удалено; чтобы удалить, повторите с --yes.');
    expect(Number((await query('SELECT count(*) AS n FROM audit_log'))[0].n)).toBe(total);
    // entries written today stay: nothing is older than today's start here
    const trimmed = await cert(['audit', 'prune', '--before', today, '--yes']);
    expect(trimmed.code).toBe(0);
    expect(trimmed.stdout).toMatch(/Удалено записей журнала до \d{2}\.\d{2}\.\d{4}: 0/);
    await query(
      `ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_append_only; UPDATE audit_log SET at = at - interval '400 days'; ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_append_only`,
    );
    const old = await cert(['audit', 'prune', '--before', today, '--yes']);
    expect(old.stdout).toContain(`Удалено записей журнала до ${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}: ${total + 1}`);
    const left = await query('SELECT action, source, details FROM audit_log');
    expect(left).toEqual([
      { action: 'prune', source: 'cli', details: expect.objectContaining({ deleted: total + 1, command: expect.stringContaining('cert audit prune') }) },
    ]);
    expect(tomorrow > today).toBe(true);
  });

  it('a scheduled job runs once at a time across machines: a second run says who holds it and exits 4, doing nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-cli-jobs-'));
    const dbf = path.join(dir, 'PIndx02.dbf');
    await generatePindx(dbf, { rows: 20, regions: REGIONS });
    // the first run: another process (another cron host) holding the jobs' locks
    const other = new pg.Client({ connectionString: url, application_name: 'cron-host-2' });
    await other.connect();
    try {
      const before = await query('SELECT count(*)::int AS n FROM addresses');
      for (const job of ['index-update', 'audit-prune', 'egrul-check']) {
        await other.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`cert job ${job}`]);
      }
      const update = await cert(['index', 'update', dbf]);
      expect(update.code).toBe(4);
      expect(update.stderr).toMatch(
        /^Команда «cert index update» уже выполняется \(начата \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} UTC.*cron-host-2\)\. Этот запуск ничего не сделал/,
      );
      expect(await query('SELECT count(*)::int AS n FROM addresses')).toEqual(before);
      expect((await cert(['index', 'check', dbf])).code).toBe(0); // a check changes nothing and does not wait
      const prune = await cert(['audit', 'prune', '--before', '2020-01-01', '--yes']);
      expect(prune.code).toBe(4);
      expect(prune.stderr).toContain('Команда «cert audit prune» уже выполняется');
      const check = await cert(['egrul', 'check', '--json'], { env: { EGRUL_SERVICE_URL: 'http://127.0.0.1:9/' } });
      expect(check.code).toBe(4);
      expect(JSON.parse(check.stdout).error).toMatchObject({ exitCode: 4, message: expect.stringContaining('Команда «cert egrul check» уже выполняется') });
      // the first run ends (or its process dies: the connection closes): the next run goes
      await other.query('SELECT pg_advisory_unlock_all()');
      const after = await cert(['index', 'update', dbf]);
      expect(after.code).toBe(0);
    } finally {
      await other.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 on an unknown command and on bad settings, naming the variable', async () => {
    const unknown = spawnCert(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('frobnicate');
    const badConfig = spawnCert(['db', 'migrate'], { env: { DATABASE_URL: 'mysql://localhost/x' } });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('DATABASE_URL');
  });

  it('exits 2 with a Russian message and no stack trace when the database cannot be reached or does not exist', async () => {
    const refused = spawnCert(['db', 'migrate'], { env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Не удалось подключиться к PostgreSQL (127.0.0.1:1): сервер не принимает соединения.');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const missing = spawnCert(['db', 'migrate'], { env: { DATABASE_URL: withDatabaseName(serverUrl, `${database}_missing`) } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`База данных не найдена (database "${database}_missing" does not exist)`);
  });

  it('index check on a database without the schema says to run db migrate (cron must not get a stack trace)', async () => {
    const bare = `${database}_bare`;
    await recreateDatabase(serverUrl, bare);
    try {
      const directory = mkdtempSync(path.join(os.tmpdir(), 'cert-cli-bare-'));
      const file = path.join(directory, 'PIndx01.dbf');
      await generatePindx(file, { rows: 50, regions: REGIONS });
      const result = await cert(['index', 'check', file], { env: { DATABASE_URL: withDatabaseName(serverUrl, bare) } });
      rmSync(directory, { recursive: true, force: true });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Схема базы данных не создана или устарела');
      expect(result.stderr).toContain('выполните «cert db migrate»');
      expect(result.stderr).not.toContain('Внутренняя ошибка');
    } finally {
      await dropDatabase(serverUrl, bare);
    }
  });
});
