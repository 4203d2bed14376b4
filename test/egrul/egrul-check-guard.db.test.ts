import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/engine/progress.js';
import { createEgrulClient } from '../../src/egrul/egrul-client.js';
import { runEgrulCheck } from '../../src/egrul/egrul-check.service.js';
import { runCli } from '../../bin/cli.js';
import { Readable, Writable } from 'node:stream';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub, type EgrulStubFailure } from '../support/egrul-stub.js';

/**
 * Issue 22 item 2: the register guarded against the service. A reloading service (lists of count 0, details a
 * JSON 404), a JSON 404 for everything, answers over 2 MB, and a service that turns into one of these mid-run: the
 * run stops with its own exit code, and every organization keeps its previous status and differences.
 */
describe('the EGRUL check guarded against a broken or reloading service', () => {
  const db = useTestDatabase('egrul_guard');
  let stub: EgrulStub;
  const ORGANIZATIONS = 150;
  beforeAll(async () => {
    stub = await startEgrulStub(0, { generated: ORGANIZATIONS });
  });
  afterAll(() => stub?.close());
  beforeEach(async () => {
    await db.truncate();
    stub.reset();
    // the registry as imported; the 2nd has an old name, so its check has a difference to keep
    for (let i = 1; i <= ORGANIZATIONS; i += 1) {
      const unit = generatedUnit(i);
      await db.dataSource.query(
        `INSERT INTO organizations (id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [i, i === 2 ? 'ООО "СТАРОЕ НАЗВАНИЕ"' : unit.full_name, unit.short_name, unit.inn, unit.kpp, unit.ogrn, unit.factual_address, Number(unit.region_code)],
      );
    }
  });
  const client = () => createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 });
  const checkAll = (progress?: Progress) => runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 4, progress });
  const statuses = async () =>
    (await db.dataSource.query(`SELECT organization_id AS id, status, differences, checked_at, failure FROM egrul_checks ORDER BY 1`)) as {
      id: number;
      status: string;
      differences: unknown[];
      checked_at: Date;
      failure: string | null;
    }[];

  const breakdowns: [string, EgrulStubFailure][] = [
    ['a reloading service (count 0, JSON 404 details)', { kind: 'reloading' }],
    ['a JSON 404 for everything', { kind: 'status', status: 404, body: '{"detail":"Страница не найдена."}' }],
    ['answers over 2 MB', { kind: 'oversized' }],
  ];
  for (const [name, failure] of breakdowns) {
    it(`${name}: the run stops and every previous status and difference stays`, async () => {
      const first = await checkAll();
      expect(first).toMatchObject({ checked: ORGANIZATIONS, stoppedBecause: null, guarded: false, byStatus: { actual: ORGANIZATIONS - 1, changed: 1 } });
      const before = await statuses();
      stub.fail(failure);
      const broken = await checkAll();
      expect(broken.stoppedBecause).not.toBeNull();
      expect(await statuses()).toEqual(before);
      const [run] = await db.dataSource.query(`SELECT finished_at, stopped_because, guarded FROM egrul_check_runs ORDER BY id DESC LIMIT 1`);
      expect(run.finished_at).toBeNull();
      process.stdout.write(`EGRUL guard, ${name}: ${broken.guarded ? 'guard' : 'service down'} — ${broken.stoppedBecause}\n`);
    });
  }

  it('the reloading service is stopped by the guard, which says why in Russian', async () => {
    await checkAll();
    stub.fail({ kind: 'reloading' });
    const broken = await checkAll();
    expect(broken.guarded).toBe(true);
    expect(broken.stoppedBecause).toMatch(
      /^Сверка остановлена: из последних 100 проверенных организаций 100 — «нет в ЕГРЮЛ» \(100 %\), до этой сверки таких было 0 %\. Так отвечает сервис ЕГРЮЛ, который перезагружает данные или неисправен\./,
    );
  });

  it('a service that starts reloading mid-run: what was checked before stays checked, nothing turns «нет в ЕГРЮЛ»', async () => {
    await checkAll();
    const start = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    let ticks = 0;
    const switchAt60: Progress = {
      start: () => undefined,
      tick: () => {
        ticks += 1;
        if (ticks === 60) stub.fail({ kind: 'reloading' });
      },
      note: () => undefined,
      done: () => undefined,
    };
    const run = await checkAll(switchAt60);
    expect(run.guarded).toBe(true);
    const after = await statuses();
    expect(after.filter((s) => s.status === 'missing')).toEqual([]);
    expect(after.find((s) => s.id === 2)).toMatchObject({ status: 'changed', differences: [expect.objectContaining({ field: 'fullName' })] });
    stub.reset();
    const resumed = await checkAll();
    expect(resumed).toMatchObject({ stoppedBecause: null, guarded: false });
    expect((await statuses()).every((s) => s.checked_at > start)).toBe(true);
  });

  it('a failed attempt keeps the earlier result and its differences, with the failure beside them', async () => {
    await checkAll();
    stub.respond(`/api/organizations/?inn=${generatedUnit(2).inn}`, { total: 1, items: [] }); // a bad answer about this one
    const checkedAt = (await statuses()).find((s) => s.id === 2)!.checked_at;
    await db.dataSource.query(`UPDATE egrul_checks SET service_id = NULL WHERE organization_id = 2`);
    await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'stale', days: 0 }, concurrency: 4 });
    const kept = (await statuses()).find((s) => s.id === 2)!;
    expect(kept).toMatchObject({ status: 'changed', differences: [expect.objectContaining({ field: 'fullName' })], checked_at: checkedAt });
    expect(kept.failure).toContain('Организация не сверена');
    stub.reset();
    await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'stale', days: 0 }, concurrency: 4 });
    expect((await statuses()).find((s) => s.id === 2)).toMatchObject({ status: 'changed', failure: null });
  });

  it('cert egrul check exits 3 when the guard stops it, with the reason on stderr and no English', async () => {
    await checkAll();
    stub.fail({ kind: 'reloading' });
    const stdout: string[] = [];
    const stderr: string[] = [];
    const sink = (lines: string[]) =>
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      });
    const code = await runCli({
      argv: ['egrul', 'check'],
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, EGRUL_SERVICE_URL: stub.url },
      stdin: Readable.from([Buffer.from('')]),
      stdout: sink(stdout),
      stderr: sink(stderr),
      exitCode: 0,
    });
    expect(code).toBe(3);
    const text = stderr.join('');
    expect(text).toContain('Сверка остановлена: из последних 100 проверенных организаций');
    expect(text).toMatch(/Проверено \d+ из 150/);
    expect(text).not.toMatch(/stopped|Error/);
  });
});
