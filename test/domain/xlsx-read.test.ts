import { describe, expect, it } from 'vitest';
import { XLSX_SHEET_END, XLSX_SHEET_START, xlsxRow } from '../../src/engine/export/table-format.js';
import { xlsxFirstSheetLines, XlsxReadError } from '../../src/engine/export/xlsx-read.js';
import { hostileWorkbooks, lyingWorkbook, workbook } from '../support/xlsx.js';

describe('the first sheet of an XLSX as lines', () => {
  it('reads inline text, numbers (also in E-notation) and shared strings, a row a line', async () => {
    const sheet =
      XLSX_SHEET_START(2) +
      xlsxRow(1, [
        { text: 'ИНН', kind: 'text' },
        { text: 'КПП', kind: 'text' },
      ]) +
      xlsxRow(2, [
        { text: '7707083893', kind: 'number' },
        { text: '773601001', kind: 'text' },
      ]) +
      '<row r="3"><c r="A3"><v>5.00100732259E11</v></c></row>' +
      '<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>1</v></c></row>' +
      XLSX_SHEET_END;
    const file = await workbook(sheet, '<sst><si><t>7736050003</t></si><si><r><t>7736</t></r><r><t>01001</t></r></si></sst>');
    expect(xlsxFirstSheetLines(file)).toEqual(['ИНН;КПП', '7707083893;773601001', '500100732259', '7736050003;773601001']);
  });

  it('refuses a part that unpacks to more than its ZIP directory says', async () => {
    const lying = await lyingWorkbook(10);
    expect(() => xlsxFirstSheetLines(lying)).toThrow(XlsxReadError);
    expect(() => xlsxFirstSheetLines(lying)).toThrow(/xl\/worksheets\/sheet1\.xml/);
  });

  it('refuses what is not an XLSX, and a part too large to unpack', async () => {
    expect(() => xlsxFirstSheetLines(Buffer.from('7707083893;773601001\n'))).toThrow(XlsxReadError);
    const big = await workbook(XLSX_SHEET_START(1) + xlsxRow(1, [{ text: 'x'.repeat(100_000), kind: 'text' }]) + XLSX_SHEET_END);
    expect(() => xlsxFirstSheetLines(big, 10_000)).toThrow(XlsxReadError);
  });

  it('reads hostile sheets in time proportional to their size: rows, cells and shared strings that never close', async () => {
    // a regular-expression reader rescanned to the end from every one of these tags
    const shapes = await hostileWorkbooks(Number(process.env.HOSTILE_XLSX_TAGS ?? 100_000));
    for (const [shape, file] of shapes) {
      const started = performance.now();
      const lines = xlsxFirstSheetLines(file);
      const ms = performance.now() - started;
      process.stdout.write(`hostile XLSX, ${shape} (${file.length} bytes zipped): ${Math.round(ms)} ms, ${lines.length} lines\n`);
      // linear: 0.1–0.4 s on a quiet machine (the regular expressions took 20.9 s for 797 bytes); the bound leaves
      // room for a machine shared with the rest of the suite
      expect(ms, shape).toBeLessThan(5000);
    }
  });
});
