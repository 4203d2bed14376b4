import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REGIONS } from '../../migrations/reference-data.js';
import { UserInputError } from '../../src/errors.js';
import { generatePindx, indexForRow, type PindxRecord } from '../../src/postal-index/pindx-generator.js';
import { runPostalIndex } from '../../src/postal-index/postal-index.importer.js';
import { testPool, useTestDatabase } from '../support/db.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-pindx-'));
const file = (name: string) => path.join(dir, name);

describe('postal index import', () => {
  const db = useTestDatabase('pindx');
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = testPool({ connectionString: db.url, max: 4 });
    await generatePindx(file('base.dbf'), { rows: 2000, regions: REGIONS, withOddRows: true, deleted: [5] });
  });
  afterAll(async () => {
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => db.truncate());

  const addresses = async () => Number((await pool.query('SELECT count(*) AS n FROM addresses')).rows[0].n);
  const address = async (index: string) => (await pool.query('SELECT * FROM addresses WHERE index = $1', [index])).rows[0];

  it('check reports what an update would do and writes nothing', async () => {
    const summary = await runPostalIndex(pool, { file: file('base.dbf'), apply: false });
    expect(summary).toMatchObject({
      applied: false,
      rowsInFile: 2006, // 2000 + 7 odd rows, one record marked deleted in the file
      skippedMalformedIndex: 3,
      malformedIndexExamples: ['12345', 'ABCDEF', ''],
      indexesInDatabase: 0,
      new: 2003,
      changed: 0,
      absentFromFile: 0,
      rowsWithoutRegion: 2,
      unmappedRegions: [
        { name: '', rows: 1 },
        { name: 'Советская Республика', rows: 1 },
      ],
    });
    expect(await addresses()).toBe(0);
  });

  it('imports everything in one go, with regions mapped and the unmappable stored without a region', async () => {
    const summary = await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
    expect(summary.new).toBe(2003);
    expect(await addresses()).toBe(2003);
    expect(await address(indexForRow(5))).toBeUndefined(); // the deleted record
    expect(await address('468320')).toMatchObject({ region_id: 99, source_region_name: 'Казахстан', locality: 'Байконур', actualized_on: '2021-01-01' });
    expect(await address('999003')).toMatchObject({ region_id: null, source_region_name: 'Советская Республика' });
    const mapped = Number((await pool.query('SELECT count(*) AS n FROM addresses WHERE region_id IS NOT NULL')).rows[0].n);
    expect(mapped).toBe(2001);
  });

  it('a bulk load builds the indexes and keys once, after the rows, and leaves them exactly as they were', async () => {
    const definitions = async () =>
      (
        await pool.query(
          `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'addresses'::regclass
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'addresses'::regclass
           ORDER BY 1`,
        )
      ).rows.map((r) => r.def as string);
    const before = await definitions();
    expect(before.length).toBe(6); // three indexes, primary key, check, foreign key
    const summary = await runPostalIndex(pool, { file: file('base.dbf'), apply: true, bulkLoadRows: 100 });
    expect(summary.new).toBe(2003);
    expect(await definitions()).toEqual(before);
    await expect(pool.query(`INSERT INTO addresses (index) VALUES ('468320')`)).rejects.toThrow(/pk_addresses/);
    const [fk] = (await pool.query(`SELECT pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conname = 'fk_addresses_region'`)).rows;
    expect(fk).toEqual({ def: 'FOREIGN KEY (region_id) REFERENCES regions(id) ON DELETE SET NULL', convalidated: true });
    await expect(pool.query(`UPDATE addresses SET region_id = 98 WHERE index = '468320'`)).rejects.toThrow(/fk_addresses_region/);
    const drift = await db.dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries).toEqual([]);
  });

  it('changes nothing on a second run with the same file, and says so', async () => {
    await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
    const before = (await pool.query('SELECT index, updated_at FROM addresses ORDER BY index')).rows;
    const again = await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
    expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 2003, absentFromFile: 0, indexesInDatabase: 2003 });
    expect((await pool.query('SELECT index, updated_at FROM addresses ORDER BY index')).rows).toEqual(before);
  });

  it('updates a changed row (region, area, locality) and keeps indexes that left the file unless --prune', async () => {
    await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
    const changedIndex = indexForRow(10);
    const goneIndex = indexForRow(1999);
    const records: PindxRecord[] = [
      { INDEX: changedIndex, OPSNAME: 'Переехавшее ОПС', REGION: 'Чувашия Республика', AREA: 'Новый район', CITY: 'Новый город' },
    ];
    await generatePindx(file('changed.dbf'), { rows: 1999, regions: REGIONS, extra: records });
    const summary = await runPostalIndex(pool, { file: file('changed.dbf'), apply: true });
    // record 5 was marked deleted in the first file and is back: new
    expect(summary).toMatchObject({ new: 1, changed: 1, absentFromFile: 5, pruned: 0, duplicateIndexes: 1 });
    expect(await address(changedIndex)).toMatchObject({ region_id: 21, area: 'Новый район', locality: 'Новый город' });
    expect(await address(goneIndex)).toBeDefined();

    const pruned = await runPostalIndex(pool, { file: file('changed.dbf'), apply: true, prune: true });
    expect(pruned).toMatchObject({ changed: 0, absentFromFile: 5, pruned: 5 });
    expect(await address(goneIndex)).toBeUndefined();
    expect(await addresses()).toBe(1999);
  });

  it('reads in blocks of any size to the same result, the last occurrence of an index winning across blocks', async () => {
    const dupIndex = indexForRow(3); // in the first block, again in the last
    await generatePindx(file('dup.dbf'), {
      rows: 1000,
      regions: REGIONS,
      extra: [{ INDEX: dupIndex, OPSNAME: 'Последняя запись', REGION: 'МОСКВА', CITY: 'Москва' }],
    });
    const summary = await runPostalIndex(pool, { file: file('dup.dbf'), apply: true, batchSize: 100 });
    expect(summary).toMatchObject({ rowsInFile: 1001, new: 1000, duplicateIndexes: 1 });
    expect(await address(dupIndex)).toMatchObject({ ops_name: 'Последняя запись', region_id: 77 });
    const whole = await runPostalIndex(pool, { file: file('base.dbf'), apply: false, batchSize: 5000 });
    const blocks = await runPostalIndex(pool, { file: file('base.dbf'), apply: false, batchSize: 7 });
    expect({ ...blocks, durationMs: 0 }).toEqual({ ...whole, durationMs: 0 });
  });

  it('handles a repeated index that starts with zero (the last row wins)', async () => {
    await generatePindx(file('zero.dbf'), {
      rows: 10,
      regions: REGIONS,
      extra: [
        { INDEX: '012345', OPSNAME: 'Первая', REGION: 'МОСКВА' },
        { INDEX: '012345', OPSNAME: 'Вторая', REGION: 'МОСКВА' },
      ],
    });
    const summary = await runPostalIndex(pool, { file: file('zero.dbf'), apply: true });
    expect(summary).toMatchObject({ new: 11, duplicateIndexes: 1 });
    expect(await address('012345')).toMatchObject({ ops_name: 'Вторая' });
  });

  it('--strict refuses unmapped regions and writes nothing', async () => {
    await expect(runPostalIndex(pool, { file: file('base.dbf'), apply: true, strict: true })).rejects.toThrow(
      /Регионы не сопоставлены \(--strict\), ничего не записано: «без названия» — 1; «Советская Республика» — 1/,
    );
    expect(await addresses()).toBe(0);
  });

  describe('refuses a bad file with a Russian message, writing nothing', () => {
    beforeAll(() => {
      writeFileSync(file('not-a-dbf.dbf'), 'INDEX;REGION\n101000;Москва\n');
      copyFileSync(file('base.dbf'), file('truncated.dbf'));
      truncateSync(file('truncated.dbf'), Math.floor(readFileSync(file('base.dbf')).length / 2));
    });

    it.each([
      ['missing', 'nowhere.dbf', /^Файл не найден: /],
      ['not a DBF', 'not-a-dbf.dbf', /не таблица DBF/],
      ['truncated', 'truncated.dbf', /обрезан: по заголовку в нём 2007 записей/],
    ])('%s', async (_case, name, message) => {
      const error = await runPostalIndex(pool, { file: file(name), apply: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserInputError);
      expect((error as UserInputError).userMessage).toMatch(message);
      expect(await addresses()).toBe(0);
    });

    it('without an INDEX column', async () => {
      const { DBFFile } = await import('dbffile');
      const dbf = await DBFFile.create(file('no-index.dbf'), [{ name: 'CODE', type: 'C', size: 6 }], { encoding: 'cp866' });
      await dbf.appendRecords([{ CODE: '101000' }]);
      const error = await runPostalIndex(pool, { file: file('no-index.dbf'), apply: true }).catch((e: unknown) => e);
      expect((error as UserInputError).userMessage).toBe(`В файле ${file('no-index.dbf')} нет столбца INDEX (есть: CODE) — это не справочник индексов PIndx.`);
      expect(await addresses()).toBe(0);
    });
  });

  it('never interleaves two updates: the second waits for the first and then finds nothing to do', async () => {
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('cert-ecosystem:postal-index-update'))`);
    const notes: string[] = [];
    const progress = { start: () => undefined, tick: () => undefined, done: () => undefined, note: (m: string) => notes.push(m) };
    const first = runPostalIndex(pool, { file: file('base.dbf'), apply: true, progress });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await addresses()).toBe(0); // still waiting for the lock
    expect(notes).toEqual(['Другое обновление почтовых индексов ещё выполняется, ожидаю его завершения…']);
    await holder.query('COMMIT');
    holder.release();
    expect((await first).new).toBe(2003);

    const [a, b] = await Promise.all([
      runPostalIndex(pool, { file: file('base.dbf'), apply: true, prune: true }),
      runPostalIndex(pool, { file: file('base.dbf'), apply: true }),
    ]);
    expect(a.new + b.new).toBe(0);
    expect(await addresses()).toBe(2003);
  });

  describe('files that cron must never turn into a disaster (issue 12)', () => {
    const failure = (options: Parameters<typeof runPostalIndex>[1]) =>
      runPostalIndex(pool, options).then(
        () => null,
        (e: unknown) => e as UserInputError,
      );

    it('strips NUL padding and other control characters inside fields instead of failing', async () => {
      await generatePindx(file('nul.dbf'), {
        rows: 50,
        regions: REGIONS,
        extra: [{ INDEX: '777001', OPSNAME: 'Почта\u0000\u0000', REGION: 'Москва', AREA: 'Район\tс табуляцией', CITY: 'Москва\u0001' }],
      });
      const summary = await runPostalIndex(pool, { file: file('nul.dbf'), apply: true });
      expect(summary.new).toBe(51);
      expect(await address('777001')).toMatchObject({ ops_name: 'Почта', area: 'Район с табуляцией', locality: 'Москва' });
    });

    it.each([
      ['cp1251', 'windows-1251'],
      ['utf-8', 'UTF-8'],
    ] as const)('refuses a file in %s without writing, naming the encoding', async (encoding, named) => {
      await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
      await generatePindx(file(`enc-${encoding}.dbf`), { rows: 500, regions: REGIONS, encoding });
      const error = await failure({ file: file(`enc-${encoding}.dbf`), apply: true });
      expect(error).toBeInstanceOf(UserInputError);
      expect(error!.userMessage).toContain(named);
      expect(error!.userMessage).toContain('ничего не записано');
      expect(await addresses()).toBe(2003);
      expect((await pool.query(`SELECT count(*)::int AS n FROM addresses WHERE ops_name ~ '[╠╡╢╣║╗╝]'`)).rows[0].n).toBe(0);
    });

    it('refuses by the header’s code-page byte too, and reads a deliberate cp1251 file with --encoding', async () => {
      await generatePindx(file('enc-1251.dbf'), { rows: 300, regions: REGIONS, encoding: 'cp1251', codePageByte: 0xc9 });
      expect((await failure({ file: file('enc-1251.dbf'), apply: true }))!.userMessage).toContain('так сказано и в его заголовке');
      const summary = await runPostalIndex(pool, { file: file('enc-1251.dbf'), apply: true, encoding: 'cp1251' });
      expect(summary.new).toBe(300);
      expect(summary.rowsWithoutRegion).toBe(0);
    });

    it('refuses a file whose regions mostly do not match (a wrong --encoding), writing nothing', async () => {
      await generatePindx(file('plain-866.dbf'), { rows: 300, regions: REGIONS });
      const error = await failure({ file: file('plain-866.dbf'), apply: true, encoding: 'cp1251' });
      expect(error!.userMessage).toMatch(/У 300 из 300 строк \(100%\) регион не сопоставлен/);
      expect(await addresses()).toBe(0);
    });

    it('refuses to empty the table with an empty file and --prune, unless --force', async () => {
      await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
      await generatePindx(file('empty.dbf'), { rows: 0, regions: REGIONS });
      const error = await failure({ file: file('empty.dbf'), apply: true, prune: true });
      expect(error!.userMessage).toContain('удалило бы 2003 из 2003 индексов');
      expect(error!.userMessage).toContain('--force');
      expect(await addresses()).toBe(2003);
      const warned = await runPostalIndex(pool, { file: file('empty.dbf'), apply: true });
      expect(warned.warnings).toEqual(['В файле индексов (0) намного меньше, чем в базе (2003): возможно, файл неполный.']);
      expect(await addresses()).toBe(2003);
      const forced = await runPostalIndex(pool, { file: file('empty.dbf'), apply: true, prune: true, force: true });
      expect(forced.pruned).toBe(2003);
    });

    it('refuses an update that would change more than the allowed share of the table', async () => {
      await runPostalIndex(pool, { file: file('base.dbf'), apply: true });
      await pool.query(`UPDATE addresses SET ops_name = ops_name || ' (старое)' WHERE index IN (SELECT index FROM addresses ORDER BY index LIMIT 300)`);
      const error = await failure({ file: file('base.dbf'), apply: true });
      expect(error!.userMessage).toMatch(/изменило бы 300 и удалило бы 0 из 2003 индексов в базе \(15%, больше допустимых 10%\)/);
      expect((await pool.query(`SELECT count(*)::int AS n FROM addresses WHERE ops_name LIKE '%(старое)'`)).rows[0].n).toBe(300);
      const allowed = await runPostalIndex(pool, { file: file('base.dbf'), apply: true, maxChangeShare: 0.2 });
      expect(allowed.changed).toBe(300);
    });
  });
});
