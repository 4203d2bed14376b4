import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DBFFile, DELETED } from 'dbffile';
import { afterAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../../migrations/reference-data.js';
import { parsePostalIndexRecord } from '../../src/domain/postal-index.js';
import { generatePindx } from '../../src/postal-index/pindx-generator.js';
import { codePageOfHeader, guessCyrillicEncoding, withoutControlCharacters } from '../../src/postal-index/pindx-records.js';
import { openPindx, readPindxChunks } from '../../src/postal-index/pindx-reader.js';
import { pindxLayout, pindxRecordsIn } from '../../src/postal-index/pindx-records.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-pindx-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PIndx record reader', () => {
  it('reads every record as dbffile does: same rows after parsing, deleted records in the same places', async () => {
    const file = path.join(dir, 'odd.dbf');
    await generatePindx(file, { rows: 3000, regions: REGIONS, withOddRows: true, deleted: [0, 7, 2999] });
    const reference = await DBFFile.open(file, { encoding: 'cp866', readMode: 'loose', includeDeletedRecords: true });
    const expected = (await reference.readRecords()).map((record) => ((record as { [DELETED]?: true })[DELETED] ? null : parsePostalIndexRecord(record)));
    const layout = await openPindx(file);
    const ours: unknown[] = [];
    for await (const { position, records } of readPindxChunks(file, layout, 256)) {
      expect(position).toBe(ours.length);
      ours.push(...records.map((record) => (record ? parsePostalIndexRecord(record) : null)));
    }
    expect(ours.length).toBe(reference.recordCount);
    expect(ours.filter((r) => r === null).length).toBe(3);
    expect(ours).toEqual(expected);
    // the odd rows are there: Cyrillic in every column we use, malformed indexes, dates
    expect(ours).toContainEqual({ ok: false, reason: 'malformed-index', index: 'ABCDEF' });
    expect(ours).toContainEqual(
      expect.objectContaining({ ok: true, row: expect.objectContaining({ index: '468320', locality: 'Байконур', actualizedOn: '2021-01-01' }) }),
    );
  });

  it('cuts the columns it uses wherever the file puts them, and none it does not know', () => {
    const layout = pindxLayout({ headerLength: 0, recordLength: 12, recordCount: 2 }, [
      { name: 'extra', size: 3 },
      { name: 'index', size: 6 },
      { name: 'CITY', size: 2 },
    ]);
    expect(layout.columns).toEqual([
      { name: 'INDEX', offset: 4, size: 6 },
      { name: 'CITY', offset: 10, size: 2 },
    ]);
    expect(pindxRecordsIn(' abc101000Мы*xyz101001Вы', 2, layout)).toEqual([{ INDEX: '101000', CITY: 'Мы' }, null]);
  });

  it('tells cp866, windows-1251 and UTF-8 Cyrillic apart, and reads the header’s code-page byte', () => {
    const name = 'ВОРОНЕЖСКАЯ ОБЛАСТЬ МОСКВА САНКТ-ПЕТЕРБУРГ ';
    expect(guessCyrillicEncoding(Buffer.from(new TextEncoder().encode(name.repeat(3))))).toBe('utf-8');
    const cp866 = Buffer.from(
      [...name.repeat(3)].map((c) => (c === ' ' || c === '-' ? c.charCodeAt(0) : 0x80 + 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'.indexOf(c))),
    );
    const cp1251 = Buffer.from(
      [...name.repeat(3)].map((c) => (c === ' ' || c === '-' ? c.charCodeAt(0) : 0xc0 + 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'.indexOf(c))),
    );
    expect(guessCyrillicEncoding(cp866)).toBe('cp866');
    expect(guessCyrillicEncoding(cp1251)).toBe('cp1251');
    expect(guessCyrillicEncoding(Buffer.from('101000 MOSCOW'))).toBe('unknown');
    expect([0x26, 0x65, 0x57, 0xc9, 0x00, 0x03].map(codePageOfHeader)).toEqual(['cp866', 'cp866', 'cp1251', 'cp1251', null, 'other']);
  });

  it('turns control characters into spaces without moving any field', () => {
    const block = 'A\u0000B\tC\u007fD';
    expect(withoutControlCharacters(block)).toBe('A B C D');
    expect(withoutControlCharacters(block)).toHaveLength(block.length);
  });
});
