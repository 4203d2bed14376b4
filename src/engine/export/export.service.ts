import type { Writable } from 'node:stream';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { writeWithBackpressure } from './drain.js';
import { ZipStream } from './zip-stream.js';
import { CSV_BOM, XLSX_SHEET_END, XLSX_SHEET_START, cellText, csvLine, xlsxParts, xlsxRow, type ExportColumn } from './table-format.js';

export type ExportFormat = 'csv' | 'xlsx';

const BATCH = 1000;

/**
 * Streams a list (the panel's query with its filters and order) as CSV or XLSX: rows come from a server-side
 * cursor 1,000 at a time and are written with backpressure, so memory does not grow with the list.
 * Returns the number of rows written.
 */
export async function streamExport(options: {
  dataSource: DataSource;
  query: SelectQueryBuilder<ObjectLiteral>;
  columns: ExportColumn[];
  format: ExportFormat;
  sheetName: string;
  out: Writable;
}): Promise<number> {
  const { dataSource, query, columns, format, out } = options;
  query.select([]);
  columns.forEach((column, index) => query.addSelect(column.sql, `c${index}`));
  const [sql, parameters] = query.getQueryAndParameters();

  const write = (chunk: string) => writeWithBackpressure(out, chunk);

  let zip: ZipStream | null = null;
  let sheet: { write(c: string): Promise<void>; end(): Promise<void> } | null = null;
  if (format === 'csv') {
    await write(CSV_BOM + csvLine(columns.map((c) => c.header)));
  } else {
    zip = new ZipStream(out);
    for (const [name, content] of Object.entries(xlsxParts(options.sheetName))) await zip.file(name, content);
    sheet = await zip.entry('xl/worksheets/sheet1.xml');
    await sheet.write(XLSX_SHEET_START(columns.length));
    await sheet.write(
      xlsxRow(
        1,
        columns.map((c) => ({ text: c.header, kind: 'text' })),
        1,
      ),
    );
  }

  const runner = dataSource.createQueryRunner('slave');
  let rows = 0;
  try {
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    await runner.query(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, parameters);
    for (;;) {
      const batch: Record<string, unknown>[] = await runner.query(`FETCH ${BATCH} FROM export_cursor`);
      if (batch.length === 0) break;
      let text = '';
      for (const record of batch) {
        rows++;
        const cells = columns.map((column, index) => ({ text: cellText(record[`c${index}`], column.kind), kind: column.kind }));
        text += format === 'csv' ? csvLine(cells.map((c) => c.text)) : xlsxRow(rows + 1, cells);
      }
      if (sheet) await sheet.write(text);
      else await write(text);
    }
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  if (zip && sheet) {
    await sheet.write(XLSX_SHEET_END);
    await sheet.end();
    await zip.finish();
  }
  return rows;
}
