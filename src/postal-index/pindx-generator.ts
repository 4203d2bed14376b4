import fs from 'node:fs/promises';
import { DBFFile } from 'dbffile';
import type { FieldDescriptor } from 'dbffile/dist/field-descriptor.js';
import type { RegionName } from '../domain/region-name.js';

/**
 * Writes synthetic PIndx files for tests and benchmarks: the real 11-column layout, cp866, any row count,
 * deterministic, with Russian Post's region spellings and, on request, the odd rows real files have.
 */
export const PINDX_FIELDS: FieldDescriptor[] = [
  { name: 'INDEX', type: 'C', size: 6 },
  { name: 'OPSNAME', type: 'C', size: 60 },
  { name: 'OPSTYPE', type: 'C', size: 50 },
  { name: 'OPSSUBM', type: 'C', size: 6 },
  { name: 'REGION', type: 'C', size: 60 },
  { name: 'AUTONOM', type: 'C', size: 60 },
  { name: 'AREA', type: 'C', size: 60 },
  { name: 'CITY', type: 'C', size: 60 },
  { name: 'CITY_1', type: 'C', size: 60 },
  { name: 'ACTDATE', type: 'D', size: 8 },
  { name: 'INDEXOLD', type: 'C', size: 6 },
];

export interface PindxRecord {
  INDEX: string;
  OPSNAME?: string;
  OPSTYPE?: string;
  OPSSUBM?: string;
  REGION?: string;
  AUTONOM?: string;
  AREA?: string;
  CITY?: string;
  CITY_1?: string;
  ACTDATE?: Date | null;
  INDEXOLD?: string;
}

/** How Russian Post writes our region's name: REGION and AUTONOM columns. */
export function postSpelling(region: RegionName): { REGION: string; AUTONOM: string } {
  const special: Record<number, { REGION: string; AUTONOM: string }> = {
    15: { REGION: 'Северная Осетия-Алания Республика', AUTONOM: '' },
    21: { REGION: 'Чувашия Республика', AUTONOM: '' },
    42: { REGION: 'Кемеровская область', AUTONOM: '' },
    77: { REGION: 'МОСКВА', AUTONOM: '' },
    78: { REGION: 'САНКТ-ПЕТЕРБУРГ', AUTONOM: '' },
    83: { REGION: 'Архангельская область', AUTONOM: 'Ненецкий автономный округ' },
    86: { REGION: '', AUTONOM: 'Ханты-Мансийский-Югра автономный округ' },
    89: { REGION: 'Тюменская область', AUTONOM: 'Ямало-Ненецкий автономный округ' },
    99: { REGION: 'Байконур', AUTONOM: '' },
  };
  const known = special[region.id];
  if (known) return known;
  const republic = /^Республика (.+)$/.exec(region.name);
  if (republic) return { REGION: `${republic[1]} Республика`, AUTONOM: '' };
  if (/автономн/.test(region.name)) return { REGION: '', AUTONOM: region.name };
  return { REGION: region.name, AUTONOM: '' };
}

/** Deterministic pseudo-random numbers (LCG), so that files are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Six-digit indexes 100000..999999, all distinct for up to 900,000 rows. */
export const indexForRow = (i: number): string => String(100000 + ((i * 7919) % 900000));

export function syntheticRecord(i: number, regions: readonly RegionName[], next: () => number): PindxRecord {
  const region = regions[Math.floor(next() * regions.length)] as RegionName;
  const spelling = postSpelling(region);
  const areaNumber = Math.floor(next() * 40);
  return {
    INDEX: indexForRow(i),
    OPSNAME: `ОПС ${i}`,
    OPSTYPE: next() < 0.1 ? 'ПОЧТАМТ' : 'О',
    OPSSUBM: indexForRow(Math.floor(i / 50) * 50),
    ...spelling,
    AREA: areaNumber === 0 ? '' : `Район № ${areaNumber}`,
    CITY: `Населённый пункт ${Math.floor(next() * 5000)}`,
    CITY_1: '',
    ACTDATE: new Date(Date.UTC(2020 + Math.floor(next() * 6), Math.floor(next() * 12), 1 + Math.floor(next() * 28))),
    INDEXOLD: '',
  };
}

/** Odd rows found in real files: foreign offices, empty region, unknown region, malformed INDEX. */
export const ODD_RECORDS: PindxRecord[] = [
  { INDEX: '468320', OPSNAME: 'Байконур', REGION: 'Казахстан', AREA: '', CITY: 'Байконур', ACTDATE: new Date(Date.UTC(2021, 0, 1)) },
  { INDEX: '999001', OPSNAME: 'Германия-1', REGION: 'Германия', CITY: 'Берлин' },
  { INDEX: '999002', OPSNAME: 'Без региона', REGION: '', AUTONOM: '', CITY: 'Неизвестно' },
  { INDEX: '999003', OPSNAME: 'Неизвестный регион', REGION: 'Советская Республика', CITY: 'Город' },
  { INDEX: '12345', OPSNAME: 'Короткий индекс' },
  { INDEX: 'ABCDEF', OPSNAME: 'Буквы вместо цифр' },
  { INDEX: '', OPSNAME: 'Пустой индекс' },
];

export interface GenerateOptions {
  rows: number;
  regions: readonly RegionName[];
  withOddRows?: boolean;
  seed?: number;
  /** Extra records appended as they are (tests). */
  extra?: PindxRecord[];
  /** Record numbers (0-based) to mark deleted in the file. */
  deleted?: number[];
  /** The text encoding (tests of a file saved in the wrong one); cp866 as Russian Post's. */
  encoding?: 'cp866' | 'cp1251' | 'utf-8';
  /** The header's code-page byte (offset 29); left as dbffile writes it when not given. */
  codePageByte?: number;
}

export async function generatePindx(file: string, options: GenerateOptions): Promise<void> {
  await fs.rm(file, { force: true });
  const dbf = await DBFFile.create(file, PINDX_FIELDS, { encoding: options.encoding ?? 'cp866' });
  const next = random(options.seed ?? 42);
  const chunk = 10_000;
  for (let start = 0; start < options.rows; start += chunk) {
    const records: PindxRecord[] = [];
    for (let i = start; i < Math.min(options.rows, start + chunk); i += 1) records.push(syntheticRecord(i, options.regions, next));
    await dbf.appendRecords(records);
  }
  const tail = [...(options.withOddRows ? ODD_RECORDS : []), ...(options.extra ?? [])];
  if (tail.length > 0) await dbf.appendRecords(tail);
  if (options.codePageByte !== undefined) {
    const handle = await fs.open(file, 'r+');
    try {
      await handle.write(Buffer.from([options.codePageByte]), 0, 1, 29);
    } finally {
      await handle.close();
    }
  }
  if (options.deleted?.length) {
    const handle = await fs.open(file, 'r+');
    try {
      for (const n of options.deleted) await handle.write(Buffer.from('*'), 0, 1, dbf._headerLength + n * dbf._recordLength);
    } finally {
      await handle.close();
    }
  }
}
