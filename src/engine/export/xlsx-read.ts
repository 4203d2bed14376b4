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
  return xlsxSheetRows(file, 1, maxUnpacked);
}

/** The rows of the `number`-th sheet (1-based, in the order of the parts' numbers). */
export function xlsxSheetRows(file: Buffer, number: number, maxUnpacked = 50 * 1024 * 1024): string[][] {
  const entries = zipEntries(file);
  const part = (name: string) => {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.size > maxUnpacked) throw new XlsxReadError(`${name}: ${entry.size} bytes unpacked`);
    const data = file.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method !== 0 && entry.method !== 8) throw new XlsxReadError(`${name}: compression method ${entry.method}`);
    let bytes: Buffer;
    try {
      // never more than the directory says: a part that unpacks to more is a lie, refused when it is caught
      bytes = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      throw new XlsxReadError(`${name}: ${(error as Error).message.slice(0, 100)}`);
    }
    if (bytes.length !== entry.size) throw new XlsxReadError(`${name}: ${bytes.length} bytes unpacked, the directory says ${entry.size}`);
    return bytes.toString('utf8');
  };
  const sheetName = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)))[
    number - 1
  ];
  const sheet = sheetName ? part(sheetName) : null;
  if (!sheet) throw new XlsxReadError('no worksheet');
  return sheetRows(sheet, sharedStrings(part('xl/sharedStrings.xml') ?? ''));
}

/**
 * The parts are read by one pass over their tags (xmlTokens): the time grows with the size of the part, whatever it
 * holds. (Regular expressions over the whole part rescanned to its end from every tag that never closed: a 2 KB
 * hostile file held the server for minutes.)
 */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && token.name === 'si') current = '';
    else if (token.kind === 'close' && token.name === 'si' && current !== null) {
      strings.push(current);
      current = null;
    } else if (token.name === 't') inText = token.kind === 'open' && !token.selfClosing;
    else if (token.kind === 'text' && inText && current !== null) current += decode(token.text);
  }
  return strings;
}

function sheetRows(xml: string, shared: string[]): string[][] {
  const rows: string[][] = [];
  let cells: string[] | null = null;
  let cell: { attributes: string; value: string | undefined; inline: string } | null = null;
  let capturing: 'v' | 't' | null = null;
  const finishCell = () => {
    if (!cells || !cell) return;
    const type = /\bt="([^"]+)"/.exec(cell.attributes)?.[1];
    const column = columnIndex(/\br="([A-Z]+)\d*"/.exec(cell.attributes)?.[1]) ?? cells.length;
    while (cells.length < column) cells.push('');
    const value = cell.value;
    if (type === 's') cells[column] = shared[Number(value)] ?? '';
    else if (type === 'inlineStr') cells[column] = cell.inline;
    else if (value !== undefined) {
      cells[column] = /e/i.test(value) && Number.isFinite(Number(value)) ? BigInt(Math.round(Number(value))).toString() : decode(value);
    } else cells[column] = '';
    cell = null;
  };
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'text') {
      if (cell && capturing === 'v') cell.value = (cell.value ?? '') + token.text;
      else if (cell && capturing === 't') cell.inline += decode(token.text);
      continue;
    }
    if (token.name === 'row') {
      if (token.kind === 'open') cells = [];
      if (token.kind === 'close' || token.selfClosing) {
        if (cells) rows.push(cells);
        cells = null;
      }
    } else if (token.name === 'c' && cells) {
      if (token.kind === 'open') {
        finishCell();
        cell = { attributes: token.attributes, value: undefined, inline: '' };
        if (token.selfClosing) finishCell();
      } else finishCell();
    } else if ((token.name === 'v' || token.name === 't') && cell) {
      capturing = token.kind === 'open' && !token.selfClosing ? token.name : null;
    }
  }
  return rows;
}

type XmlToken =
  | { kind: 'open'; name: string; attributes: string; selfClosing: boolean; text?: undefined }
  | { kind: 'close'; name: string; attributes?: undefined; selfClosing?: undefined; text?: undefined }
  | { kind: 'text'; text: string; name?: undefined; attributes?: undefined; selfClosing?: undefined };

/** The tags and texts of an XML part in one left-to-right pass (declarations and comments skipped); a tag left open at the end ends it. */
function* xmlTokens(xml: string): Generator<XmlToken> {
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open < 0) {
      yield { kind: 'text', text: xml.slice(at) };
      return;
    }
    if (open > at) yield { kind: 'text', text: xml.slice(at, open) };
    const close = xml.indexOf('>', open + 1);
    if (close < 0) return;
    const tag = xml.slice(open + 1, close);
    at = close + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    if (tag.startsWith('/')) {
      yield { kind: 'close', name: tag.slice(1).trim() };
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const space = body.search(/\s/);
    yield { kind: 'open', name: space < 0 ? body : body.slice(0, space), attributes: space < 0 ? '' : body.slice(space), selfClosing };
  }
}

/** 'A' → 0, 'AB' → 27. */
const columnIndex = (letters: string | undefined) => (letters ? [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : undefined);

const decode = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] ?? '');

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
