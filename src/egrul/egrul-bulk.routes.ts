import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import express, { type Request, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { asyncRoute, currentUser, errorAnswer, HttpError } from '../engine/http/kit.js';
import { currentActor, runAs } from '../engine/db/actor.js';
import { contentDisposition } from '../domain/document-file.js';
import { MAX_INN_LINES } from '../domain/inn-list.js';
import { readInnList, warmInnListReader } from './inn-list.read.js';
import { todayIn } from '../domain/organization.js';
import { EgrulServiceDown } from './egrul-check.service.js';
import { importChosenUnits, previewInnList, type ImportedLine, type PreviewRow } from './egrul-bulk.service.js';
import type { EgrulClient } from './egrul-client.js';
import { EgrulFieldError } from './egrul-organization.js';
import { XLSX_SHEET_END, XLSX_SHEET_START, xlsxParts, xlsxRow } from '../engine/export/table-format.js';
import { ZipStream } from '../engine/export/zip-stream.js';
import type { Logger } from '../logger.js';
import { accessRoutes } from '../engine/http/access-router.js';

/** Bytes of an uploaded list (5,000 lines of a spreadsheet are far below). */
const LIST_MAX_BYTES = 5 * 1024 * 1024;
/** Checked lists kept in PostgreSQL (migration EgrulBulkLists): importable for an hour, their reports for 30 days. */
const KEPT_PER_USER = 20;
const IMPORTABLE_MS = 60 * 60 * 1000;
const REPORT_DAYS = 30;

interface Kept {
  token: string;
  userId: number;
  createdAt: Date;
  rows: PreviewRow[];
  /** What the import did, per input line (a line of a head and its branches may have added several). */
  imported: Map<number, ImportedLine[]> | null;
}

/**
 * Bulk import from EGRUL by a list of INNs (mounted at /admin/data, admins only):
 *   POST /egrul-bulk/preview           the list as text (pasted, CSV, TXT) or an XLSX file's bytes → a preview per line
 *   POST /egrul-bulk/:token/import     {rows: [{line, serviceId}]} → the chosen units imported in one transaction
 *   GET  /egrul-bulk/:token/report     an XLSX of what happened to every input line
 * The preview stays on the server (the import takes from it only the units it found: nothing the browser sends
 * is fetched or stored as is).
 */
export function egrulBulkRoutes(deps: { dataSource: DataSource; egrul: EgrulClient; timeZone: string; logger: Logger }): Router {
  const routes = accessRoutes();
  warmInnListReader();
  const { dataSource } = deps;
  // admins only, decided before the body is read or parsed (accessRoutes puts the check first)
  const adminsOnly = { admin: 'Массовый импорт из ЕГРЮЛ доступен только администраторам.' };
  const keep = async (userId: number, rows: PreviewRow[]): Promise<string> => {
    const token = randomBytes(16).toString('hex');
    await dataSource.query(`DELETE FROM egrul_bulk_lists WHERE created_at < now() - make_interval(days => $1)`, [REPORT_DAYS]);
    await dataSource.query(
      `DELETE FROM egrul_bulk_lists WHERE user_id = $1 AND token IN (SELECT token FROM egrul_bulk_lists WHERE user_id = $1 ORDER BY created_at DESC OFFSET $2)`,
      [userId, KEPT_PER_USER - 1],
    );
    await dataSource.query(`INSERT INTO egrul_bulk_lists (token, user_id, rows) VALUES ($1, $2, $3)`, [token, userId, JSON.stringify(rows)]);
    return token;
  };
  const find = async (req: Request): Promise<Kept | null> => {
    const token = String(req.params.token ?? '');
    if (!/^[0-9a-f]{32}$/.test(token)) return null;
    const [row] = await dataSource.query(
      `SELECT token, user_id AS "userId", created_at AS "createdAt", rows, imported FROM egrul_bulk_lists WHERE token = $1 AND user_id = $2`,
      [token, currentUser(req)?.id ?? 0],
    );
    if (!row) return null;
    const imported = row.imported as ImportedLine[] | null;
    const byLine = new Map<number, ImportedLine[]>();
    for (const item of imported ?? []) byLine.set(item.line, [...(byLine.get(item.line) ?? []), item]);
    return { ...row, imported: imported ? byLine : null };
  };

  routes.post(
    '/egrul-bulk/preview',
    adminsOnly,
    express.raw({ type: () => true, limit: LIST_MAX_BYTES }),
    asyncRoute(async (req, res) => {
      const admin = currentUser(req)!;
      if (!deps.egrul.configured) throw new HttpError(409, 'Сервис ЕГРЮЛ не настроен: укажите EGRUL_SERVICE_URL.');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // read in a worker with a deadline and a bounded heap: a hostile file cannot hold the server's other requests
      const { lines, tooMany } = await readInnList(body);
      if (tooMany) throw new HttpError(413, `В списке больше ${MAX_INN_LINES} строк с номерами — разделите его на части.`);
      if (lines.length === 0) throw new HttpError(422, 'В списке нет ни одного ИНН: по одному на строку, можно с КПП через пробел или «;».');
      const started = performance.now();
      // the panel asks for a stream (NDJSON): a progress line as lines are checked, then the preview itself
      const streaming = /application\/x-ndjson/.test(String(req.headers.accept ?? ''));
      let lastSent = 0;
      if (streaming) res.status(200).type('application/x-ndjson').set('Cache-Control', 'no-store');
      const onProgress = (done: number, total: number) => {
        if (!streaming || (done < total && performance.now() - lastSent < 250)) return;
        lastSent = performance.now();
        res.write(`${JSON.stringify({ progress: { done, total } })}\n`);
      };
      let answer: { token: string; rows: PreviewRow[] };
      try {
        const rows = await previewInnList(deps.dataSource, deps.egrul, lines, { onProgress });
        answer = { token: await keep(admin.id, rows), rows };
      } catch (error) {
        if (!streaming) throw error;
        // the status line is sent already: the failure is the stream's last line
        deps.logger.error('bulk EGRUL preview failed', { error });
        res.end(`${JSON.stringify({ message: errorAnswer(error)?.message ?? 'Проверка списка не выполнена: внутренняя ошибка сервера.' })}\n`);
        return;
      }
      deps.logger.info('bulk EGRUL preview', { lines: lines.length, ms: Math.round(performance.now() - started), user: admin.email });
      if (streaming) res.end(`${JSON.stringify(answer)}\n`);
      else res.json(answer);
    }),
  );

  routes.post(
    '/egrul-bulk/:token/import',
    adminsOnly,
    express.json({ limit: '512kb' }),
    asyncRoute(async (req, res) => {
      const admin = currentUser(req)!;
      const entry = await find(req);
      if (!entry || Date.now() - new Date(entry.createdAt).getTime() > IMPORTABLE_MS) {
        throw new HttpError(404, 'Проверка списка устарела — проверьте список ещё раз.');
      }
      if (entry.imported) throw new HttpError(409, 'Этот список уже импортирован — скачайте отчёт.');
      const wanted: { line?: unknown; serviceId?: unknown }[] = Array.isArray(req.body?.rows) ? req.body.rows : [];
      const chosen: { line: number; inn: string; serviceId: number; soleUnit: boolean }[] = [];
      for (const want of wanted.slice(0, MAX_INN_LINES)) {
        const row = entry.rows.find((r) => r.line === want.line);
        const unit = row && [...(row.unit ? [row.unit] : []), ...row.units].find((u) => u.serviceId === want.serviceId);
        if (!row || !unit || !row.inn || !['found', 'duplicate', 'branches'].includes(row.state)) continue;
        // a line of an INN alone that found one unit found the head itself; otherwise the unit may be a branch
        chosen.push({ line: row.line, inn: row.inn, serviceId: unit.serviceId, soleUnit: row.kpp === null && row.units.length === 0 });
      }
      if (chosen.length === 0) throw new HttpError(400, 'Отметьте строки, которые нужно добавить.');
      // one import of a list at a time, whichever server gets it (a claim older than 10 minutes is a dead server's)
      const [claimed] = await dataSource.query(
        `UPDATE egrul_bulk_lists SET importing_since = now()
          WHERE token = $1 AND imported IS NULL AND (importing_since IS NULL OR importing_since < now() - interval '10 minutes') RETURNING token`,
        [entry.token],
      );
      if (!claimed) throw new HttpError(409, 'Этот список уже импортируется — дождитесь окончания и скачайте отчёт.');
      const actor = currentActor();
      let imported: ImportedLine[];
      try {
        imported = await runAs(actor ? { ...actor, source: 'egrul', egrul: 'egrul_fts_api' } : { name: 'ЕГРЮЛ', source: 'egrul' }, () =>
          importChosenUnits(deps.dataSource, deps.egrul, chosen),
        );
      } catch (error) {
        await dataSource.query(`UPDATE egrul_bulk_lists SET importing_since = NULL WHERE token = $1`, [entry.token]);
        if (error instanceof EgrulServiceDown) throw new HttpError(503, `${error.message} Ничего не добавлено.`);
        if (error instanceof EgrulFieldError) throw new HttpError(422, `Ничего не добавлено: ${error.problem.replace(/[.\s]+$/, '')}.`);
        throw error;
      }
      await dataSource.query(`UPDATE egrul_bulk_lists SET imported = $2, imported_at = now(), importing_since = NULL WHERE token = $1`, [
        entry.token,
        JSON.stringify(imported),
      ]);
      const created = imported.filter((i) => i.created).length;
      deps.logger.info('bulk EGRUL import', { created, chosen: chosen.length, user: admin.email });
      res.json({
        imported,
        message: `Добавлено организаций: ${created}${imported.length > created ? `; уже были в реестре: ${imported.length - created}` : ''}.`,
      });
    }),
  );

  routes.get(
    '/egrul-bulk/:token/report',
    adminsOnly,
    asyncRoute(async (req, res) => {
      const entry = await find(req);
      if (!entry) throw new HttpError(404, `Отчёта нет: отчёты хранятся ${REPORT_DAYS} дней — проверьте список ещё раз.`);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const zip = new ZipStream(out);
      for (const [name, content] of Object.entries(xlsxParts('Импорт из ЕГРЮЛ'))) await zip.file(name, content);
      const headers = ['Строка', 'Исходная строка', 'ИНН', 'КПП', 'Результат', 'Организация', 'Номер в реестре'];
      let sheet =
        XLSX_SHEET_START(headers.length) +
        xlsxRow(
          1,
          headers.map((text) => ({ text, kind: 'text' as const })),
          1,
        );
      entry.rows.forEach((row, index) => {
        const done = entry.imported?.get(row.line) ?? [];
        const result =
          done.length > 0
            ? done.map((d) => (d.created ? 'Добавлена' : 'Уже была в реестре')).join(', ')
            : RESULT_TEXT[row.state] + (row.state === 'invalid' || row.state === 'failed' || row.state === 'unchecked' ? `: ${row.message}` : '');
        const organization = done.length > 0 ? done.map((d) => d.name).join('; ') : (row.unit?.name ?? '');
        const id = done.length > 0 ? done.map((d) => d.organizationId).join(', ') : row.unit?.registryId != null ? String(row.unit.registryId) : '';
        sheet += xlsxRow(index + 2, [
          { text: String(row.line), kind: 'number' },
          { text: row.input, kind: 'text' },
          { text: row.inn ?? '', kind: 'text' },
          { text: row.kpp ?? '', kind: 'text' },
          { text: result, kind: 'text' },
          { text: organization, kind: 'text' },
          { text: id, kind: done.length > 1 ? 'text' : 'number' },
        ]);
      });
      await zip.file('xl/worksheets/sheet1.xml', sheet + XLSX_SHEET_END);
      await zip.finish();
      res.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`импорт из ЕГРЮЛ ${todayIn(deps.timeZone)}.xlsx`),
        'Cache-Control': 'private, no-store',
      });
      res.end(Buffer.concat(chunks));
    }),
  );
  return routes.router;
}

const RESULT_TEXT: Record<PreviewRow['state'], string> = {
  invalid: 'Ошибка в строке',
  registered: 'Уже есть в реестре',
  duplicate: 'Возможный дубль — не добавлена',
  found: 'Найдена, не отмечена — не добавлена',
  branches: 'Есть филиалы — не выбрано, не добавлена',
  'not-found': 'Нет в ЕГРЮЛ',
  failed: 'Не удалось проверить',
  unchecked: 'Не проверена — сервис ЕГРЮЛ был недоступен',
};
