import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/engine/progress.js';
import { createEgrulClient } from '../../src/egrul/egrul-client.js';
import { runEgrulCheck } from '../../src/egrul/egrul-check.service.js';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

const run = promisify(execFile);

/** `cert egrul check` against the stub of egrul_fts_api: each status, the resume after the service went away, the CLI. */
describe('the registry checked against EGRUL', () => {
  const db = useTestDatabase('egrul_check');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: 40 });
  });
  afterAll(() => stub?.close());
  beforeEach(async () => {
    await db.truncate();
    stub.reset();
    stub.requests.length = 0;
  });
  const client = () => createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 });
  /** Organizations as imported from the generated units 1..n, with `change` applied to some. */
  const seed = async (n: number, change: (i: number, row: Record<string, unknown>) => void = () => undefined) => {
    for (let i = 1; i <= n; i += 1) {
      const unit = generatedUnit(i);
      const row: Record<string, unknown> = {
        full_name: unit.full_name,
        short_name: unit.short_name,
        inn: unit.inn,
        kpp: unit.kpp,
        ogrn: unit.ogrn,
        factual_address: unit.factual_address,
        region_id: Number(unit.region_code),
      };
      change(i, row);
      await db.dataSource.query(
        `INSERT INTO organizations (id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [i, row.full_name, row.short_name, row.inn, row.kpp, row.ogrn, row.factual_address, row.region_id],
      );
    }
  };
  const checks = () => db.dataSource.query(`SELECT organization_id AS id, status, differences, problem, service_id FROM egrul_checks ORDER BY 1`);

  it('stores each status: актуальна, есть изменения (with the differences), нет в ЕГРЮЛ, не удалось проверить (with the reason)', async () => {
    await seed(5, (i, row) => {
      if (i === 2) Object.assign(row, { full_name: 'ООО "СТАРОЕ НАЗВАНИЕ"', region_id: 50 });
      if (i === 3) row.inn = '7707083893'; // no such INN in the register
    });
    // a broken answer about the fourth: the service itself is fine
    stub.respond(`/api/organizations/?inn=${generatedUnit(4).inn}`, { total: 1, items: [] });
    const summary = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2 });
    expect(summary).toMatchObject({ total: 5, checked: 5, byStatus: { actual: 2, changed: 1, missing: 1, failed: 1 }, stoppedBecause: null });
    const rows = await checks();
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['actual', 'changed', 'missing', 'failed', 'actual']);
    expect(rows[1].differences).toEqual([
      { field: 'fullName', registry: 'ООО "СТАРОЕ НАЗВАНИЕ"', egrul: generatedUnit(2).full_name },
      { field: 'regionId', registry: 50, egrul: Number(generatedUnit(2).region_code) },
    ]);
    expect(rows[3].problem).toContain('Сервис ЕГРЮЛ вернул данные в неожиданном формате');
    expect(rows[3].problem).toContain('Организация не сверена');
    expect(rows[0].service_id).toBe(generatedUnit(1).id);
  });

  it('the next run asks for each known unit directly: one request per organization', async () => {
    await seed(6);
    await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 3 });
    expect(stub.requests.length).toBe(12); // list + detail each
    stub.requests.length = 0;
    const again = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 3 });
    expect(again.checked).toBe(6);
    expect(stub.requests.length).toBe(6);
    expect(stub.requests.every((r) => /^\/api\/organizations\/\d+\/$/.test(r))).toBe(true);
  });

  it('--stale N checks only those not checked for N days', async () => {
    await seed(4);
    await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2 });
    await db.dataSource.query(`UPDATE egrul_checks SET checked_at = now() - interval '40 days' WHERE organization_id IN (1, 2)`);
    const stale = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'stale', days: 30 }, concurrency: 2 });
    expect(stale).toMatchObject({ total: 2, checked: 2 });
  });

  it('the service going away mid-run stops it cleanly, says how many were checked, records no «нет в ЕГРЮЛ»; the next run goes on with the rest', async () => {
    await seed(30);
    let ticks = 0;
    const failAfterTen: Progress = {
      start: () => undefined,
      tick: () => {
        ticks += 1;
        if (ticks === 10) stub.fail({ kind: 'server-error' });
      },
      note: () => undefined,
      done: () => undefined,
    };
    const stopped = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2, progress: failAfterTen });
    expect(stopped.stoppedBecause).toContain('Сервис ЕГРЮЛ сообщил о внутренней ошибке (500)');
    expect(stopped.checked).toBeGreaterThanOrEqual(10);
    expect(stopped.checked).toBeLessThan(30);
    const recorded = await checks();
    expect(recorded).toHaveLength(stopped.checked);
    expect(recorded.every((r: { status: string }) => r.status === 'actual')).toBe(true);
    const [unfinished] = await db.dataSource.query(`SELECT finished_at, stopped_because FROM egrul_check_runs`);
    expect(unfinished.finished_at).toBeNull();

    stub.reset();
    const resumed = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2 });
    expect(resumed).toMatchObject({ total: 30, checked: 30 - stopped.checked, resumedAfter: stopped.checked, stoppedBecause: null });
    expect(await checks()).toHaveLength(30);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM egrul_check_runs WHERE finished_at IS NOT NULL`)).toEqual([{ n: 1 }]);
  });

  it('a service that never answers records nothing at all', async () => {
    await seed(5);
    stub.fail({ kind: 'reset' });
    const summary = await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2 });
    expect(summary.checked).toBe(0);
    expect(summary.stoppedBecause).toMatch(/Сервис ЕГРЮЛ/);
    expect(await checks()).toEqual([]);
  });

  it('cert egrul check: a summary line and exit 0; --json; exit 2 with a Russian message when the service is down; exit 1 when not configured', async () => {
    await seed(3, (i, row) => {
      if (i === 3) row.kpp = '500399999';
    });
    const cert = (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, ['--import', 'tsx', 'bin/cert.ts', 'egrul', 'check', ...args], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, EGRUL_SERVICE_URL: stub.url, ...env },
        encoding: 'utf8',
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const done = await cert([]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Сверено с ЕГРЮЛ: 3 из 3 \(актуальны: 2, есть изменения: 1, нет в ЕГРЮЛ: 0, не удалось проверить: 0\) за \d+ с\.\n$/);
    expect(done.stderr).toBe('');
    const json = await cert(['--json', '--stale', '0']);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 3, checked: 3, byStatus: { actual: 2, changed: 1 } });
    stub.fail({ kind: 'server-error' });
    const down = await cert([]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('Сверка с ЕГРЮЛ остановлена: Сервис ЕГРЮЛ сообщил о внутренней ошибке (500)');
    expect(down.stderr).toContain('Следующий запуск продолжит с несверенных');
    stub.reset();
    const unconfigured = await cert([], { EGRUL_SERVICE_URL: '' });
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toContain('EGRUL_SERVICE_URL');
    const bad = await cert(['--concurrency', '0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--concurrency: целое число от 1 до 16, получено «0»');
    const stale = await cert(['--stale', 'abc']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('--stale: число дней от 0 до 36500, получено «abc»');
    expect(stale.stderr).not.toContain('NaN');
  }, 60_000);
});
