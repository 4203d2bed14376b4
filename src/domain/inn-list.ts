import { checkInn, checkKpp } from './requisites.js';

/**
 * A pasted or uploaded list of INNs or INN+KPP pairs (pure): one per line, in any of the forms people paste —
 * «7707083893», «7707083893;773601001», «7707 083 893», «ИНН 7707083893 КПП 773601001», a CSV or spreadsheet row.
 * Lines without digits (headers, blanks) are skipped; each other line is an INN (10 or 12 digits, checksum checked)
 * with an optional KPP, or an error naming what is wrong. A repeated pair refers to its first line.
 */
export interface InnLine {
  /** 1-based line of the input. */
  line: number;
  /** The line as given (shortened). */
  input: string;
  inn: string | null;
  kpp: string | null;
  /** Why the line cannot be looked up, or null. */
  error: string | null;
}

export const MAX_INN_LINES = 5000;

export function parseInnList(text: string, max = MAX_INN_LINES): { lines: InnLine[]; tooMany: boolean } {
  const lines: InnLine[] = [];
  const seen = new Map<string, number>();
  const rows = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (let index = 0; index < rows.length; index += 1) {
    const raw = rows[index]!;
    if (!/\d/.test(raw)) continue;
    if (lines.length >= max) return { lines, tooMany: true };
    const input = raw.trim().slice(0, 200);
    // a spreadsheet's or CSV's row: the cell that is an INN, and the KPP in the cell right after it (other cells —
    // names, dates, phones — are not read)
    const cells = raw.split(/[;\t|]|,(?=\s*["\d])/).map((cell) => cell.replace(/["'\s\-‐–]/g, ''));
    const innCell = cells.length > 1 ? cells.findIndex((cell) => /^(\d{10}|\d{12})$/.test(cell)) : -1;
    let inn: string;
    let kpp: string | null = null;
    // else the whole line: digits split by spaces or dashes are one number; letters matter only inside a KPP
    const tokens = raw.replace(/(?<=\d)[\s\-‐–]+(?=\d)/g, (gap) => (/\s{2,}|\t/.test(gap) ? ' ' : '')).match(/[0-9A-Za-z]+/g) ?? [];
    const joined = tokens.join('');
    if (innCell >= 0) [inn, kpp] = [cells[innCell]!, cells[innCell + 1] ? cells[innCell + 1]!.toUpperCase() : null];
    else if (joined.length === 10 || joined.length === 12) inn = joined;
    else if (joined.length === 19) [inn, kpp] = [joined.slice(0, 10), joined.slice(10).toUpperCase()];
    else {
      lines.push({ line: index + 1, input, inn: null, kpp: null, error: 'Ожидается ИНН (10 или 12 цифр) или ИНН и КПП (10 и 9 символов)' });
      continue;
    }
    const innCheck = checkInn(inn);
    const kppCheck = kpp === null ? null : checkKpp(kpp);
    const error = !innCheck.ok ? innCheck.reason : kppCheck && !kppCheck.ok ? kppCheck.reason : null;
    const key = `${inn}/${kpp ?? ''}`;
    const first = seen.get(key);
    if (error === null && first !== undefined) {
      lines.push({ line: index + 1, input, inn, kpp, error: `Повтор строки ${first}` });
      continue;
    }
    if (error === null) seen.set(key, index + 1);
    lines.push({ line: index + 1, input, inn, kpp, error });
  }
  return { lines, tooMany: false };
}
