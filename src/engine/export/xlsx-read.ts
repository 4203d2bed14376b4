import { inflateRawSync } from 'node:zlib';

/**
 * The first sheet of an XLSX file as lines of text, cells joined by «;» (for lists of INNs): a small reader of the
 * ZIP's central directory, the shared strings and the sheet's cells. Refuses what is not an XLSX, and a part that
 * would unpack to more than `maxUnpacked` bytes (a ZIP bomb).
 */
export class XlsxReadError extends Error {}

export function xlsxFirstSheetLines(file: Buffer, maxUnpacked = 50 * 1024 * 1024): string[] {
  return xlsxFirstSheetRows(file, maxUnpacked).map((cells) => cells.join(';'));
}

/** The first sheet's rows as cells; an empty cell keeps its column. */
export function xlsxFirstSheetRows(file: Buffer, maxUnpacked = 50 * 1024 * 1024): string[][] {
  const entries = zipEntries(file);
  const part = (name: string) => {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.size > maxUnpacked) throw new XlsxReadError(`${name}: ${entry.size} bytes unpacked`);
    const data = file.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const bytes = entry.method === 0 ? data : entry.method === 8 ? inflateRawSync(data, { maxOutputLength: maxUnpacked }) : null;
    if (!bytes) throw new XlsxReadError(`${name}: compression method ${entry.method}`);
    return bytes.toString('utf8');
  };
  const sheetName = [...entries.keys()]
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)))[0];
  const sheet = sheetName ? part(sheetName) : null;
  if (!sheet) throw new XlsxReadError('no worksheet');
  const shared = [...(part('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!));
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const body = cell[2] ?? '';
      const type = /\bt="([^"]+)"/.exec(attributes)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const column = columnIndex(/\br="([A-Z]+)\d*"/.exec(attributes)?.[1]) ?? cells.length;
      while (cells.length < column) cells.push('');
      if (type === 's') cells[column] = shared[Number(value)] ?? '';
      else if (type === 'inlineStr') cells[column] = textOf(body);
      else if (value !== undefined) {
        cells[column] = /e/i.test(value) && Number.isFinite(Number(value)) ? BigInt(Math.round(Number(value))).toString() : decode(value);
      } else cells[column] = '';
    }
    rows.push(cells);
  }
  return rows;
}

/** 'A' → 0, 'AB' → 27. */
const columnIndex = (letters: string | undefined) => (letters ? [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : undefined);

const decode = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] ?? '');
const textOf = (xml: string) => [...xml.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

function zipEntries(file: Buffer): Map<string, ZipEntry> {
  // the end of central directory record: its signature within the last 64 KB
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 65_557); i -= 1) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxReadError('not a ZIP file');
  const count = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== 0x02014b50) throw new XlsxReadError('broken central directory');
    const method = file.readUInt16LE(offset + 10);
    const compressedSize = file.readUInt32LE(offset + 20);
    const size = file.readUInt32LE(offset + 24);
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    const local = file.readUInt32LE(offset + 42);
    const name = file.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw new XlsxReadError('broken local header');
    const dataStart = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (dataStart + compressedSize > file.length) throw new XlsxReadError('truncated');
    entries.set(name, { method, compressedSize, size, dataStart });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
