import type { Writable } from 'node:stream';
import { ZipStream } from './zip-stream.js';
import { XLSX_SHEET_END, XLSX_SHEET_START, xlsxParts, xlsxRow, type CellKind } from './table-format.js';

/** A small sheet held whole (a report's figures, not a list: lists stream through export.service.ts). */
export interface ReportSheet {
  name: string;
  header: string[];
  rows: { text: string; kind: CellKind }[][];
}

/** Writes sheets as one XLSX workbook, a sheet each in the order given, the header row bold and frozen. */
export async function writeWorkbook(out: Writable, sheets: ReportSheet[]): Promise<void> {
  const zip = new ZipStream(out);
  for (const [name, content] of Object.entries(xlsxParts(sheets.map((s) => s.name)))) await zip.file(name, content);
  for (const [index, sheet] of sheets.entries()) {
    const entry = await zip.entry(`xl/worksheets/sheet${index + 1}.xml`);
    await entry.write(XLSX_SHEET_START(Math.max(1, sheet.header.length)));
    await entry.write(
      xlsxRow(
        1,
        sheet.header.map((text) => ({ text, kind: 'text' as const })),
        1,
      ),
    );
    await entry.write(sheet.rows.map((cells, row) => xlsxRow(row + 2, cells)).join(''));
    await entry.write(XLSX_SHEET_END);
    await entry.end();
  }
  await zip.finish();
}
