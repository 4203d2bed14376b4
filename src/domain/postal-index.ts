/**
 * One row of Russian Post's PIndx base, cleaned. Pure: no I/O.
 * Columns used: INDEX, OPSNAME, REGION, AUTONOM, AREA, CITY, ACTDATE (domain.md §2).
 */
export interface PostalIndexRow {
  index: string;
  opsName: string | null;
  region: string;
  autonom: string;
  area: string | null;
  locality: string | null;
  actualizedOn: string | null;
}

export type ParsedPostalRow = { ok: true; row: PostalIndexRow } | { ok: false; reason: 'malformed-index'; index: string };

/** Trimmed text with inner runs of white space folded (the common case, no double spaces, costs one scan). */
const text = (value: unknown): string => {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return /\s\s|[\t\n\r]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
};
const orNull = (value: string): string | null => (value === '' ? null : value);

/** ACTDATE: a DBF date (read as a Date at UTC midnight) or 'YYYYMMDD' text → 'YYYY-MM-DD'. */
export function parseActDate(value: unknown): string | null {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(year)) return null;
    const month = value.getUTCMonth() + 1;
    const day = value.getUTCDate();
    return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  }
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text(value));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

export function parsePostalIndexRecord(record: Record<string, unknown>): ParsedPostalRow {
  const index = text(record.INDEX);
  if (!/^\d{6}$/.test(index)) return { ok: false, reason: 'malformed-index', index };
  return {
    ok: true,
    row: {
      index,
      opsName: orNull(text(record.OPSNAME)),
      region: text(record.REGION),
      autonom: text(record.AUTONOM),
      area: orNull(text(record.AREA)),
      locality: orNull(text(record.CITY)),
      actualizedOn: parseActDate(record.ACTDATE),
    },
  };
}

/** Six-digit postal codes standing alone in a free-text address ("428038, Чувашская Республика, ..."). */
export function postalCodesIn(address: string | null | undefined): string[] {
  if (!address) return [];
  return [...new Set(address.match(/(?<!\d)\d{6}(?!\d)/g) ?? [])];
}
