/**
 * Rows of an exported list as CSV (Excel's Russian dialect: UTF-8 with BOM, «;») and as XLSX sheet XML (pure).
 * Cells that a spreadsheet would run as a formula (= + - @ at the start) are prefixed with «'».
 */

export type CellKind = 'text' | 'date' | 'boolean' | 'number';

export interface ExportColumn {
  header: string;
  /** SQL expression on the list's alias `e`. */
  sql: string;
  kind: CellKind;
}

export function cellText(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'boolean') return value === true || value === 't' || value === 'true' ? 'Да' : 'Нет';
  if (kind === 'date') {
    const text = value instanceof Date ? value.toISOString() : String(value);
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    return match ? `${match[3]}.${match[2]}.${match[1]}` : text;
  }
  const text = String(value);
  return kind === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const CSV_BOM = '\ufeff';

export function csvLine(cells: string[]): string {
  return `${cells.map((cell) => (/[";\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';')}\r\n`;
}

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const escapeXml = (text: string) => text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The cell style of a date (styles.xml: number format dd.mm.yyyy). */
export const XLSX_DATE_STYLE = 2;

/**
 * A date shown as dd.MM.yyyy as the spreadsheet's serial day (days since 30.12.1899, the 1900 date system), or null
 * for anything else: a spreadsheet then sorts, filters and counts it as a date, not as text. Pure.
 */
export function xlsxDateSerial(text: string): number | null {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || year < 1900) return null;
  return Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * One sheet row; `row` is 1-based. Numbers are numbers, dates are dates (serial days in the dd.mm.yyyy style),
 * everything else — ИНН, КПП, ОГРН with their leading zeros too — inline text.
 */
export function xlsxRow(row: number, cells: { text: string; kind: CellKind }[], style = 0): string {
  const xml = cells
    .map((cell, index) => {
      const ref = `${columnName(index)}${row}`;
      const s = style ? ` s="${style}"` : '';
      if (cell.text === '') return `<c r="${ref}"${s}/>`;
      if (cell.kind === 'number' && /^-?\d+(\.\d+)?$/.test(cell.text)) return `<c r="${ref}"${s}><v>${cell.text}</v></c>`;
      const serial = cell.kind === 'date' && !style ? xlsxDateSerial(cell.text) : null;
      if (serial !== null) return `<c r="${ref}" s="${XLSX_DATE_STYLE}"><v>${serial}</v></c>`;
      return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`;
    })
    .join('');
  return `<row r="${row}">${xml}</row>`;
}

export const XLSX_SHEET_START = (columns: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols><col min="1" max="${columns}" width="28" customWidth="1"/></cols><sheetData>`;
export const XLSX_SHEET_END = '</sheetData></worksheet>';

/** The other parts of a workbook: sheet N (1-based) is xl/worksheets/sheetN.xml, named as given. */
export function xlsxParts(sheetNames: string | readonly string[]): Record<string, string> {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const names = typeof sheetNames === 'string' ? [sheetNames] : sheetNames;
  const numbers = names.map((_name, index) => index + 1);
  const sheetOverrides = numbers
    .map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const sheets = names.map((name, index) => `<sheet name="${escapeXml(name.slice(0, 31))}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('');
  const sheetRelations = numbers
    .map(
      (n) =>
        `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`,
    )
    .join('');
  return {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRelations}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${xml}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  };
}

/** An exportable list: its file name and columns (a function when they are known only once the app is built); `adminOnly` ones for admins only. */
export interface ExportDefinition {
  fileName: string;
  columns: ExportColumn[] | (() => ExportColumn[]);
  adminOnly?: boolean;
}

export const exportColumnsOf = (definition: ExportDefinition): ExportColumn[] =>
  typeof definition.columns === 'function' ? definition.columns() : definition.columns;
