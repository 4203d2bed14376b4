/**
 * Cuts PIndx records out of a block of the file's bytes, decoded as one string. Pure: no I/O.
 *
 * cp866 is a single-byte encoding, so in the decoded block every byte is exactly one UTF-16 code unit and a
 * field's byte offset is its string offset: one native decode per block instead of one per field. (dbffile
 * decodes field by field through iconv-lite; on a 61,000-row file that is 0.46 s, this is 0.1 s — measured,
 * README «Почтовые индексы».)
 */

/** The columns we use; the others (OPSTYPE, OPSSUBM, CITY_1, INDEXOLD) are never cut out. */
export const PINDX_COLUMNS = ['INDEX', 'OPSNAME', 'REGION', 'AUTONOM', 'AREA', 'CITY', 'ACTDATE'] as const;
export type PindxColumn = (typeof PINDX_COLUMNS)[number];

/** A record's raw text per column (untrimmed; absent columns are missing), or null for a record marked deleted. */
export type PindxRawRecord = Partial<Record<PindxColumn, string>> | null;

export interface DbfField {
  name: string;
  size: number;
}

/** Single-byte encodings a PIndx file can be read in (one byte is one character, so offsets hold). */
export const PINDX_ENCODINGS = { cp866: 'ibm866', cp1251: 'windows-1251' } as const;
export type PindxEncoding = keyof typeof PINDX_ENCODINGS;

export interface PindxLayout {
  /** The text encoding the records are decoded with. */
  encoding?: PindxEncoding;
  headerLength: number;
  recordLength: number;
  recordCount: number;
  /** Offset (from the record's first byte, the deletion flag) and size of each column we use that the file has. */
  columns: { name: PindxColumn; offset: number; size: number }[];
}

/** Where each column sits in a record: fields follow the one-byte deletion flag in header order. */
export function pindxLayout(header: { headerLength: number; recordLength: number; recordCount: number }, fields: DbfField[]): PindxLayout {
  const columns: PindxLayout['columns'] = [];
  let offset = 1;
  for (const field of fields) {
    const name = field.name.toUpperCase() as PindxColumn;
    if ((PINDX_COLUMNS as readonly string[]).includes(name)) columns.push({ name, offset, size: field.size });
    offset += field.size;
  }
  return { ...header, columns };
}

const DELETED_FLAG = 0x2a; // '*'

/** The records in `block` (`count` whole records, decoded one byte per character). */
export function pindxRecordsIn(block: string, count: number, layout: PindxLayout): PindxRawRecord[] {
  const records: PindxRawRecord[] = new Array(count);
  const { recordLength, columns } = layout;
  for (let i = 0, start = 0; i < count; i += 1, start += recordLength) {
    if (block.charCodeAt(start) === DELETED_FLAG) {
      records[i] = null;
      continue;
    }
    const record: Partial<Record<PindxColumn, string>> = {};
    for (const column of columns) record[column.name] = block.slice(start + column.offset, start + column.offset + column.size);
    records[i] = record;
  }
  return records;
}

/**
 * A decoded block with every control character (NUL padding of dBase fields, stray tabs and line breaks) as a
 * space: offsets stay the same, trimming removes them, and COPY never sees a NUL (PostgreSQL refuses it).
 */
export function withoutControlCharacters(block: string): string {
  return /[\u0000-\u001f\u007f]/.test(block) ? block.replace(/[\u0000-\u001f\u007f]/g, ' ') : block;
}

/** The code page a dBase header's language-driver byte (offset 29) names, or null (0 or unknown: not said). */
export function codePageOfHeader(byte: number): 'cp866' | 'cp1251' | 'other' | null {
  if (byte === 0x26 || byte === 0x65) return 'cp866';
  if (byte === 0x57 || byte === 0xc9) return 'cp1251';
  if (byte === 0) return null;
  return 'other';
}

/**
 * Which encoding Cyrillic text in these bytes is most likely in (upper-case Russian, as PIndx's names are):
 * cp866 puts А–Я, а–п at 0x80–0xAF, windows-1251 puts А–Я at 0xC0–0xDF and р–я at 0xF0–0xFF (0xE0–0xEF is
 * a letter in both), UTF-8 writes each letter as 0xD0/0xD1 and a continuation byte.
 * 'unknown' when there is too little Cyrillic to tell.
 */
export function guessCyrillicEncoding(bytes: Uint8Array): 'cp866' | 'cp1251' | 'utf-8' | 'unknown' {
  let cp866 = 0;
  let cp1251 = 0;
  let utf8Pairs = 0;
  let high = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high += 1;
    if ((b === 0xd0 || b === 0xd1) && i + 1 < bytes.length && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0xbf) {
      utf8Pairs += 1;
      i += 1;
      high += 1;
      continue;
    }
    // letters only one of the two encodings has there (0xE0–0xEF is а–п in one and р–я in the other)
    if (b >= 0x80 && b <= 0xaf) cp866 += 1;
    else if ((b >= 0xc0 && b <= 0xdf) || b >= 0xf0) cp1251 += 1;
  }
  if (high < 20) return 'unknown';
  if (utf8Pairs * 2 >= high * 0.8) return 'utf-8';
  if (cp1251 > cp866 * 2) return 'cp1251';
  if (cp866 > cp1251 * 2) return 'cp866';
  return 'unknown';
}
