import { parsePostalIndexRecord } from '../domain/postal-index.js';
import { regionOfPostRow, type RegionMatcher } from '../domain/region-name.js';
import type { PindxRawRecord } from './pindx-records.js';

/**
 * Turns PIndx records into rows of PostgreSQL's COPY text format for the staging table
 * (index, ops_name, area, locality, source_region_name, region_id, actualized_on, seq), counting what it skips.
 */
export interface CopyTextStats {
  rows: number;
  skipped: number;
  malformedExamples: string[];
  /** One byte per possible six-digit index, set once it is seen: repeats are found without a Set of all indexes. */
  seen: Uint8Array;
  /** Indexes that occur more than once, as written. */
  repeated: Set<string>;
}

export const emptyCopyTextStats = (): CopyTextStats => ({ rows: 0, skipped: 0, malformedExamples: [], seen: new Uint8Array(1_000_000), repeated: new Set() });

/** A value in COPY text format: \N is NULL; backslash, tab and line breaks escaped. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string) : value;
}

/** Records marked deleted in the file (null) are passed over. */
export function recordsToCopyText(records: PindxRawRecord[], firstSeq: number, matcher: RegionMatcher, stats: CopyTextStats): string {
  let text = '';
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i];
    if (!record) continue;
    stats.rows += 1;
    const parsed = parsePostalIndexRecord(record);
    if (!parsed.ok) {
      stats.skipped += 1;
      if (stats.malformedExamples.length < 5) stats.malformedExamples.push(parsed.index);
      continue;
    }
    const row = parsed.row;
    const number = Number(row.index);
    if (stats.seen[number]) stats.repeated.add(row.index);
    stats.seen[number] = 1;
    const { regionId, sourceName } = regionOfPostRow(matcher, row.region, row.autonom);
    text += `${row.index}\t${copyValue(row.opsName)}\t${copyValue(row.area)}\t${copyValue(row.locality)}\t${copyValue(sourceName || null)}\t${copyValue(regionId)}\t${copyValue(row.actualizedOn)}\t${firstSeq + i}\n`;
  }
  return text;
}
