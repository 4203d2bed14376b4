import { describe, expect, it } from 'vitest';
import { XLSX_DATE_STYLE, xlsxDateSerial, xlsxRow } from '../../src/engine/export/table-format.js';

describe('XLSX cells of an export', () => {
  it('a date is the spreadsheet’s serial day in the dd.mm.yyyy style; an impossible one stays text', () => {
    expect(xlsxDateSerial('01.05.2024')).toBe(45413);
    expect(xlsxDateSerial('01.01.1900')).toBe(2); // the 1900 date system counts from 30.12.1899
    expect(xlsxDateSerial('31.02.2024')).toBeNull();
    expect(xlsxDateSerial('2024-05-01')).toBeNull();
    expect(xlsxRow(2, [{ text: '01.05.2024', kind: 'date' }])).toBe(`<row r="2"><c r="A2" s="${XLSX_DATE_STYLE}"><v>45413</v></c></row>`);
    expect(xlsxRow(2, [{ text: '31.02.2024', kind: 'date' }])).toContain('t="inlineStr"');
  });

  it('an INN with a leading zero stays text, so the spreadsheet keeps the zero', () => {
    expect(xlsxRow(3, [{ text: '0277003330', kind: 'text' }])).toBe(
      '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">0277003330</t></is></c></row>',
    );
  });
});
