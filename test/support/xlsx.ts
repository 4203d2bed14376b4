import { PassThrough } from 'node:stream';
import { xlsxParts } from '../../src/engine/export/table-format.js';
import { ZipStream } from '../../src/engine/export/zip-stream.js';

/** An XLSX file with this first sheet (and shared strings), zipped by the export's own ZipStream. */
export async function workbook(sheetXml: string, sharedStrings?: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipStream(out);
  for (const [name, content] of Object.entries(xlsxParts('Лист1'))) await zip.file(name, content);
  if (sharedStrings) await zip.file('xl/sharedStrings.xml', sharedStrings);
  await zip.file('xl/worksheets/sheet1.xml', sheetXml);
  await zip.finish();
  return Buffer.concat(chunks);
}

/** Hostile sheets: `count` rows, cells or shared strings that never close (a few KB zipped, a megabyte unpacked). */
export async function hostileWorkbooks(count = 100_000): Promise<[string, Buffer][]> {
  return [
    ['<row> never closed', await workbook('<worksheet><sheetData>' + '<row r="1">'.repeat(count))],
    ['<c> never closed', await workbook('<worksheet><sheetData><row r="1">' + '<c r="A1" t="s">'.repeat(count) + '</row>')],
    ['<si> never closed', await workbook('<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>', '<sst>' + '<si><t>x'.repeat(count))],
  ];
}

/** A workbook whose ZIP directory says its sheet unpacks to `claimed` bytes (it unpacks to far more). */
export async function lyingWorkbook(claimed = 10): Promise<Buffer> {
  const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>7707083893</t></is></c></row>`).join('');
  const file = await workbook(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let offset = file.length - 46; offset >= 0; offset -= 1) {
    if (file.readUInt32LE(offset) === 0x02014b50 && file.subarray(offset + 46, offset + 46 + name.length).equals(name)) {
      file.writeUInt32LE(claimed, offset + 24);
      return file;
    }
  }
  throw new Error('lyingWorkbook: no directory entry of the sheet');
}
