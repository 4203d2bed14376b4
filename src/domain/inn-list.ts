import { checkInn, checkKpp } from './requisites.js';

/**
 * A pasted or uploaded list of INNs or INN+KPP pairs (pure): one per line, in any of the forms people paste —
 * «7707083893», «7707083893;773601001», «7707 083 893», «ИНН 7707083893 КПП 773601001», a CSV or spreadsheet row.
 * Lines without digits (headers, blanks) are skipped; each other line is an INN (10 or 12 digits, checksum checked)
 * with an optional KPP, or an error naming what is wrong. A repeated pair refers to its first line. In a row of
 * cells, the KPP is the cell right after the INN only where it looks like a KPP; an INN or KPP that lost its
 * leading zero (a spreadsheet's number) gets it back where the checksum confirms it, and the line says so.
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
  /** What was read differently from the file, said in the line's result («ведущий ноль восстановлен»), or null. */
  note: string | null;
}

/** A KPP's shape: the tax office (4 digits), the reason (2 digits or capital Latin letters), a number (3 digits). */
const KPP_SHAPE = /^\d{4}[\dA-Z]{2}\d{3}$/;
/** A cell meant as a KPP (4 digits, then up to 5 digits or Latin letters); a name, a phone or a date is not. */
const MEANT_AS_KPP = /^\d{4}[\dA-Z]{0,5}$/;

/**
 * A spreadsheet that stored an INN as a number lost its leading zero (Bashkortostan's «0274062111» became
 * 274062111): a 9- or 11-digit cell is read with the zero back only where the INN's checksum confirms it.
 */
function restoredInn(cell: string): string | null {
  if (!/^(\d{9}|\d{11})$/.test(cell)) return null;
  const inn = `0${cell}`;
  return checkInn(inn).ok ? inn : null;
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
    let note: string | null = null;
    let innCell = cells.length > 1 ? cells.findIndex((cell) => /^(\d{10}|\d{12})$/.test(cell)) : -1;
    if (innCell < 0 && cells.length >= 1) {
      const lost = cells.findIndex((cell) => restoredInn(cell) !== null);
      if (lost >= 0) {
        note = `ведущий ноль ИНН восстановлен (в файле ${cells[lost]})`;
        cells[lost] = restoredInn(cells[lost]!)!;
        innCell = lost;
      }
    }
    let inn: string;
    let kpp: string | null = null;
    // else the whole line: digits split by spaces or dashes are one number; letters matter only inside a KPP
    const tokens = raw.replace(/(?<=\d)[\s\-‐–]+(?=\d)/g, (gap) => (/\s{2,}|\t/.test(gap) ? ' ' : '')).match(/[0-9A-Za-z]+/g) ?? [];
    const joined = tokens.join('');
    if (innCell >= 0) {
      inn = cells[innCell]!;
      // the KPP only where the next cell looks like one (a name, a phone or a date there is not read);
      // a KPP stored as a number lost its leading zero too
      const next = (cells[innCell + 1] ?? '').toUpperCase();
      if (/^\d{8}$/.test(next) && KPP_SHAPE.test(`0${next}`)) {
        kpp = `0${next}`;
        note = [note, `ведущий ноль КПП восстановлен (в файле ${next})`].filter(Boolean).join('; ');
      } else if (MEANT_AS_KPP.test(next)) kpp = next; // checked below: a KPP typed wrong is said, not dropped
    } else if (joined.length === 10 || joined.length === 12) inn = joined;
    else if (joined.length === 19) [inn, kpp] = [joined.slice(0, 10), joined.slice(10).toUpperCase()];
    else {
      lines.push({ line: index + 1, input, inn: null, kpp: null, error: 'Ожидается ИНН (10 или 12 цифр) или ИНН и КПП (10 и 9 символов)', note: null });
      continue;
    }
    const innCheck = checkInn(inn);
    const kppCheck = kpp === null ? null : checkKpp(kpp);
    const error = !innCheck.ok ? innCheck.reason : kppCheck && !kppCheck.ok ? kppCheck.reason : null;
    const key = `${inn}/${kpp ?? ''}`;
    const first = seen.get(key);
    if (error === null && first !== undefined) {
      lines.push({ line: index + 1, input, inn, kpp, error: `Повтор строки ${first}`, note });
      continue;
    }
    if (error === null) seen.set(key, index + 1);
    lines.push({ line: index + 1, input, inn, kpp, error, note });
  }
  return { lines, tooMany: false };
}
