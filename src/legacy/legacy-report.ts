import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { ZipStream } from '../engine/export/zip-stream.js';
import { XLSX_SHEET_END, XLSX_SHEET_START, xlsxParts, xlsxRow } from '../engine/export/table-format.js';
import type { ReportLine } from './legacy-rules.js';

/** Per table of the old model: how many rows were read and what became of them. */
export interface TableCount {
  table: string;
  /** the table's name in the report */
  label: string;
  read: number;
  imported: number;
  merged: number;
  skipped: number;
  /** brought by an earlier run */
  already: number;
  /** lines about records that were imported or merged (flagged) */
  flagged: number;
  /** rows the old table holds (counted apart from the reading) */
  oldCount: number;
  /** of them, accounted for here: imported + merged + skipped + already */
  accounted: number;
}

export interface LegacyReport {
  source: string;
  filesRoot: string;
  dryRun: boolean;
  startedAt: string;
  seconds: number;
  tables: TableCount[];
  lines: ReportLine[];
  /** scans stored, and documents whose scan was missing or refused */
  scans: { stored: number; bytes: number; missing: number; refused: number };
  /** what the registry's history got for this run: one summary entry per table */
  historyEntries: number;
}

const OUTCOME_TEXT: Record<ReportLine['outcome'], string> = { imported: 'перенесена, отмечена', merged: 'объединена', skipped: 'не перенесена' };

export const countsMatch = (t: TableCount) => t.oldCount === t.accounted;

/** The summary on screen (and in the log off a terminal): a line per table. */
export function summaryLines(report: LegacyReport): string[] {
  const out = [
    `${report.dryRun ? 'Пробный перенос (--dry-run, в реестр ничего не записано)' : 'Перенос из старой системы'}: ${report.source}, за ${report.seconds.toFixed(1)} с`,
  ];
  for (const t of report.tables) {
    out.push(
      `  ${t.label}: прочитано ${t.read}, перенесено ${t.imported}, объединено ${t.merged}, пропущено ${t.skipped}, уже были ${t.already}, отмечено ${t.flagged}; ` +
        `в старой базе ${t.oldCount} — ${countsMatch(t) ? 'сходится' : `НЕ СХОДИТСЯ (учтено ${t.accounted})`}`,
    );
  }
  out.push(
    `  Сканы: сохранено ${report.scans.stored} (${(report.scans.bytes / 1024 / 1024).toFixed(1)} МБ), не найдено ${report.scans.missing}, не приняты ${report.scans.refused}`,
  );
  const changed = report.tables.some((t) => t.imported + t.merged > 0);
  out.push(changed || report.dryRun ? `  Строк в отчёте: ${report.lines.length}` : '  Изменений нет: всё уже перенесено раньше.');
  return out;
}

/** One line off a terminal (cron, a log). */
export function oneLine(report: LegacyReport): string {
  const sum = (key: keyof TableCount) => report.tables.reduce((n, t) => n + Number(t[key]), 0);
  const mismatched = report.tables.filter((t) => !countsMatch(t)).map((t) => t.label);
  return (
    `${report.dryRun ? 'пробный перенос' : 'перенос'}: перенесено ${sum('imported')}, объединено ${sum('merged')}, пропущено ${sum('skipped')}, ` +
    `уже были ${sum('already')}, строк в отчёте ${report.lines.length}, сканов ${report.scans.stored} (не найдено ${report.scans.missing}); ` +
    (mismatched.length ? `не сходится: ${mismatched.join(', ')}` : 'счёт по всем таблицам сходится')
  );
}

/** The report as XLSX: «Итог», then a sheet per table with its lines. Written to a temporary name, then renamed. */
export async function writeReportXlsx(report: LegacyReport, file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.part`;
  const out = createWriteStream(temporary, { flags: 'wx', mode: 0o640 });
  try {
    const zip = new ZipStream(out);
    const sheets = ['Итог', ...report.tables.map((t) => t.label)];
    for (const [name, content] of Object.entries(xlsxParts(sheets))) await zip.file(name, content);

    const summary = await zip.entry('xl/worksheets/sheet1.xml');
    await summary.write(XLSX_SHEET_START(10));
    const header = ['Таблица', 'Прочитано', 'Перенесено', 'Объединено', 'Пропущено', 'Уже были', 'Отмечено', 'В старой базе', 'Учтено', 'Счёт'];
    await summary.write(
      xlsxRow(
        1,
        header.map((text) => ({ text, kind: 'text' as const })),
        1,
      ),
    );
    let row = 1;
    for (const t of report.tables) {
      row++;
      const numbers = [t.read, t.imported, t.merged, t.skipped, t.already, t.flagged, t.oldCount, t.accounted].map((n) => ({
        text: String(n),
        kind: 'number' as const,
      }));
      await summary.write(xlsxRow(row, [{ text: t.label, kind: 'text' }, ...numbers, { text: countsMatch(t) ? 'сходится' : 'не сходится', kind: 'text' }]));
    }
    const facts = [
      ['Источник', report.source],
      ['Папка сканов', report.filesRoot],
      ['Начало', report.startedAt],
      ['Режим', report.dryRun ? 'пробный (--dry-run): в реестр ничего не записано' : 'перенос'],
      ['Сканы', `сохранено ${report.scans.stored}, не найдено ${report.scans.missing}, не приняты ${report.scans.refused}`],
      ['Записей в истории изменений', String(report.historyEntries)],
    ];
    row++;
    for (const [name, value] of facts) {
      await summary.write(
        xlsxRow(++row, [
          { text: name!, kind: 'text' },
          { text: value!, kind: 'text' },
        ]),
      );
    }
    await summary.write(XLSX_SHEET_END);
    await summary.end();

    for (const [index, t] of report.tables.entries()) {
      const sheet = await zip.entry(`xl/worksheets/sheet${index + 2}.xml`);
      await sheet.write(XLSX_SHEET_START(6));
      const columns = ['№ в старой системе', '№ в реестре', 'Что сделано', 'Поле', 'Значение', 'Причина'];
      await sheet.write(
        xlsxRow(
          1,
          columns.map((text) => ({ text, kind: 'text' as const })),
          1,
        ),
      );
      let n = 1;
      let chunk = '';
      for (const line of report.lines) {
        if (line.table !== t.table) continue;
        chunk += xlsxRow(++n, [
          { text: line.oldId, kind: 'text' },
          { text: line.newId === null ? '' : String(line.newId), kind: 'number' },
          { text: OUTCOME_TEXT[line.outcome], kind: 'text' },
          { text: line.field ?? '', kind: 'text' },
          { text: line.value ?? '', kind: 'text' },
          { text: line.reason, kind: 'text' },
        ]);
        if (chunk.length > 64 * 1024) {
          await sheet.write(chunk);
          chunk = '';
        }
      }
      await sheet.write(chunk + XLSX_SHEET_END);
      await sheet.end();
    }
    await zip.finish();
    out.end();
    await finished(out);
    await rename(temporary, file);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
