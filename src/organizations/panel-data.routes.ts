import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import IncomingForm, { type Part } from 'formidable';
import { Filter, flat, type BaseResource } from 'adminjs';
import type { DataSource } from 'typeorm';
import { RegistryResource } from '../engine/admin/adapter/registry-resource.js';
import type { ExportColumn } from '../engine/export/table-format.js';
import { streamExport } from '../engine/export/export.service.js';
import type { CurrentUser } from '../engine/admin/access.js';
import { attachDocument, findScan, listOrganizationDocuments, NotFoundError } from '../documents/document.service.js';
import { ScanRejectedError, type ReceivedScan, type ScanStorage } from '../documents/scan-storage.js';
import { checkAttachmentFields } from '../domain/document-attachment.js';
import { contentDisposition, scanDownloadName } from '../domain/document-file.js';
import { todayIn } from '../domain/organization.js';
import {
  organizationLetters,
  organizationOutsourcing,
  organizationResources,
  organizationSectionCounts,
  organizationUnits,
  resourceOutsourcing,
} from './organization-card.service.js';
import { DomainValidationError } from '../errors.js';
import { refuse } from '../engine/http/bounded-body.js';
import { historyRoutes } from '../history/history.routes.js';
import { lettersRoutes } from '../letters/letters.routes.js';
import { egrulCheckRoutes } from '../egrul/egrul-check.routes.js';
import { egrulBulkRoutes } from '../egrul/egrul-bulk.routes.js';
import type { EgrulClient } from '../egrul/egrul-client.js';
import type { ChangeHistory } from '../history/history.service.js';
import type { Logger } from '../logger.js';

/**
 * Data of the organization card over HTTP, behind the panel's session (mounted at /admin/data):
 *   GET  /organizations/:id/documents   the organization's documents (JSON, for its card)
 *   POST /organizations/:id/documents   attach or replace one (multipart: fields, then the PDF as `scan`)
 *   GET  /documents/:id/scan            download the scan
 *   GET  /organizations/:id/letters|resources|outsourcing, /resources/:id/outsourcing   card sections (JSON)
 *   GET  /export/:resource.csv|xlsx     the list with the panel's filters and order, streamed
 *   /history/…, /journal/…              the change history (src/history/history.routes.ts)
 *   /organizations/:id/egrul-check|egrul-apply   the card's «Сверка с ЕГРЮЛ» (src/egrul/egrul-check.routes.ts)
 *   /egrul-bulk/…                       bulk import by a list of INNs (src/egrul/egrul-bulk.routes.ts)
 * Uploads stream into FILES_DIR/.incoming and are checked by content; temporary files never outlive the request.
 */

export interface PanelDataRouterDependencies {
  dataSource: DataSource;
  storage: ScanStorage;
  timeZone: string;
  logger: Logger;
  /** The panel's session middleware (same store and cookie as AdminJS). */
  session: RequestHandler;
  /** The panel's resource of an entity name (for exports with the list's filters), or undefined. */
  findResource(resourceId: string): BaseResource | undefined;
  /** The exportable lists by panel resource (src/engine/export/export-columns.ts); `adminOnly` ones for admins only. */
  exports: Record<string, { fileName: string; columns: ExportColumn[]; adminOnly?: boolean }>;
  /** The change history (cards' «История», the journal's entries and restores). */
  history: ChangeHistory;
  /** The EGRUL service (the card's «Сверка с ЕГРЮЛ»). */
  egrul: EgrulClient;
  /** Patterns of a letter's «наш номер» by direction (config). */
  letterNumbers: { incoming: string; outgoing: string };
}

const MULTIPART_OVERHEAD = 1024 * 1024;

const currentUser = (req: Request): CurrentUser | undefined => (req.session as unknown as { adminUser?: CurrentUser } | undefined)?.adminUser;

function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (!currentUser(req)) {
    res.status(401).json({ message: 'Войдите в систему, чтобы работать с документами.' });
    return;
  }
  next();
}

const positiveId = (value: string | undefined): number | null => (value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null);

interface ParsedUpload {
  fields: Record<string, string>;
  scan: ReceivedScan | null;
}

/**
 * Reads the multipart body: text fields, and the `scan` file streamed into the storage's temporary file.
 * Rejects with ScanRejectedError (not a PDF, too large, empty) or the parser's error; the temporary file is
 * already gone then.
 */
function readUpload(req: Request, storage: ScanStorage): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const form = new IncomingForm({ maxFields: 30, maxFieldsSize: 64 * 1024 });
    const fields: Record<string, string> = {};
    let receiving: Promise<ReceivedScan> | null = null;
    let settled = false;
    // the first failure answers at once (the rest of the body is not read: the route closes the connection)
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.pause();
      if (receiving) receiving.then((scan) => storage.discard(scan)).catch(() => undefined);
      reject(error);
    };

    form.onPart = (part: Part) => {
      if (part.filename === undefined) return form.handlePart(part);
      if (part.name !== 'scan' || receiving || part.filename === '') {
        part.on('data', () => undefined); // an empty file input, or a second file: read past it
        return;
      }
      const body = new PassThrough();
      part.on('data', (chunk: Buffer) => {
        if (body.destroyed) return;
        if (!body.write(chunk)) {
          form.pause();
          body.once('drain', () => form.resume());
        }
      });
      part.on('end', () => body.end());
      form.once('error', (error: Error) => body.destroy(error));
      receiving = storage.receive(body);
      receiving.catch((error: unknown) => {
        body.destroy();
        fail(error);
      });
    };
    form.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    form.on('error', (error: Error) => fail(error));
    form.on('end', () => {
      if (settled) return;
      if (!receiving) {
        settled = true;
        return resolve({ fields, scan: null });
      }
      receiving.then(
        (scan) => {
          if (settled) return void storage.discard(scan);
          settled = true;
          resolve({ fields, scan });
        },
        (error: unknown) => fail(error),
      );
    });
    form.parse(req);
  });
}

/** A file-system failure while storing a scan, as a status and a Russian message (null: not one). */
export function storageFailure(error: unknown): { status: number; message: string } | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { status: 507, message: 'На сервере закончилось место для файлов — скан не сохранён. Сообщите администратору.' };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return { status: 500, message: 'Сервер не может записать файл в каталог сканов (нет прав или он только для чтения) — скан не сохранён. Сообщите администратору.' };
  }
  if (code === 'EIO') return { status: 500, message: 'Ошибка диска при записи скана — скан не сохранён. Сообщите администратору.' };
  return null;
}

export function panelDataRouter(deps: PanelDataRouterDependencies): Router {
  const { dataSource, storage, logger } = deps;
  const router = express.Router();
  router.use(deps.session, requireLogin);
  router.use(historyRoutes(deps.history));
  router.use(lettersRoutes({ dataSource, timeZone: deps.timeZone, numberPatterns: deps.letterNumbers }));
  router.use(
    egrulCheckRoutes({ dataSource, egrul: deps.egrul, timeZone: deps.timeZone, logger: logger.child('egrul-check'), organizations: () => deps.findResource('Organization') }),
  );
  router.use(egrulBulkRoutes({ dataSource, egrul: deps.egrul, timeZone: deps.timeZone, logger: logger.child('egrul-bulk') }));

  router.get('/organizations/:organizationId/documents', async (req, res, next) => {
    try {
      const organizationId = positiveId(req.params.organizationId);
      if (organizationId === null) return void res.status(404).json({ message: 'Организация не найдена.' });
      const documents = await listOrganizationDocuments(dataSource.manager, organizationId);
      res.json({
        canDelete: currentUser(req)?.role === 'admin',
        documents: documents.map((d) => ({ ...d, downloadUrl: d.hasScan ? `${req.baseUrl}/documents/${d.id}/scan` : null })),
      });
    } catch (error) {
      next(error);
    }
  });

  // the card's other sections: letters (newest first), active resources with their regions, outsourcing
  // (on the organization: both sides; on the resource), and the counts of the card's sections; a bad id gets `none`
  const cardSection =
    (load: (id: number) => Promise<unknown>, key: string, none: unknown = []) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const id = positiveId(req.params.id);
        res.json({ [key]: id === null ? none : await load(id) });
      } catch (error) {
        next(error);
      }
    };
  router.get('/organizations/:id/letters', cardSection((id) => organizationLetters(dataSource.manager, id), 'letters'));
  router.get('/organizations/:id/resources', cardSection((id) => organizationResources(dataSource.manager, id), 'resources'));
  router.get('/organizations/:id/outsourcing', cardSection((id) => organizationOutsourcing(dataSource.manager, id), 'outsourcing'));
  router.get('/organizations/:id/units', cardSection((id) => organizationUnits(dataSource.manager, id), 'units'));
  router.get('/organizations/:id/section-counts', cardSection((id) => organizationSectionCounts(dataSource.manager, id), 'counts', null));
  router.get('/resources/:id/outsourcing', cardSection((id) => resourceOutsourcing(dataSource.manager, id), 'outsourcing'));

  // the current list (its filters and order, as in the panel's URL) as CSV or XLSX, streamed
  router.get('/export/:resourceId.:format', async (req, res, next) => {
    const { resourceId, format } = req.params;
    const definition = deps.exports[resourceId ?? ''];
    const resource = deps.findResource(resourceId ?? '');
    if (!definition || !(resource instanceof RegistryResource) || (format !== 'csv' && format !== 'xlsx')) {
      return void res.status(404).type('text/plain; charset=utf-8').send('Такой выгрузки нет.');
    }
    if (definition.adminOnly && currentUser(req)?.role !== 'admin') {
      return void res.status(403).type('text/plain; charset=utf-8').send('Эта выгрузка доступна только администраторам.');
    }
    const query = flat.unflatten(req.query as Record<string, unknown>) as { filters?: Record<string, unknown>; sortBy?: string; direction?: string };
    const defaults = (resource.decorate().options.sort ?? {}) as { sortBy?: string; direction?: string };
    const filter = new Filter(query.filters ?? {}, resource);
    const ordered = resource.orderedQuery(filter, {
      sortBy: query.sortBy ?? defaults.sortBy,
      direction: (query.direction ?? defaults.direction) === 'desc' ? 'desc' : 'asc',
    });
    const fileName = `${definition.fileName}-${todayIn(deps.timeZone)}.${format}`;
    res.set({
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(fileName),
      'Cache-Control': 'private, no-store',
    });
    try {
      const rows = await streamExport({ dataSource, query: ordered, columns: definition.columns, format, sheetName: definition.fileName, out: res });
      res.end();
      logger.info('list exported', { resourceId, format, rows, user: currentUser(req)?.email });
    } catch (error) {
      logger.warn('export failed', { resourceId, format, error });
      if (!res.headersSent) next(error);
      else res.destroy();
    }
  });

  router.post('/organizations/:organizationId/documents', async (req, res, next) => {
    const organizationId = positiveId(req.params.organizationId);
    if (organizationId === null) return void res.status(404).json({ message: 'Организация не найдена.' });
    const declared = Number(req.get('content-length') ?? '0');
    if (declared > storage.maxBytes + MULTIPART_OVERHEAD) {
      const megabytes = Math.round(storage.maxBytes / 1048576);
      return refuse(req, res, 413, `Файл скана больше ${megabytes} МБ — загрузите файл не больше ${megabytes} МБ.`, { scan: 'Слишком большой файл' });
    }
    if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
      return void res.status(415).json({ message: 'Ожидается форма с файлом (multipart/form-data).' });
    }

    let upload: ParsedUpload;
    try {
      upload = await readUpload(req, storage);
    } catch (error) {
      // answered whether or not the body was read to its end; the connection is then closed
      if (error instanceof ScanRejectedError) {
        return refuse(req, res, error.reason === 'too-large' ? 413 : 422, error.userMessage, { scan: error.userMessage });
      }
      const storing = storageFailure(error);
      logger[storing ? 'error' : 'warn']('document upload not received', { organizationId, error });
      if (storing) return refuse(req, res, storing.status, storing.message);
      return refuse(req, res, 400, 'Загрузка прервана или повреждена — попробуйте ещё раз.');
    }

    try {
      const check = checkAttachmentFields(upload.fields, todayIn(deps.timeZone));
      if (!check.ok) throw new DomainValidationError(check.errors);
      const result = await attachDocument(dataSource, storage, organizationId, check.value, upload.scan);
      logger.info('document attached', { organizationId, ...result, user: currentUser(req)?.email, size: upload.scan?.size });
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      // the upload is gone before the answer says so (the scan is kept only once placed)
      if (upload.scan) await storage.discard(upload.scan);
      if (error instanceof DomainValidationError) {
        res.status(422).json({ message: 'Исправьте ошибки в форме.', errors: error.fieldErrors });
      } else if (error instanceof NotFoundError) {
        res.status(404).json({ message: error.userMessage });
      } else {
        // a storage failure (disk full, no permission) is answered by the app's error handler, logged there
        next(error);
      }
    }
  });

  router.get('/documents/:documentId/scan', async (req, res, next) => {
    try {
      const documentId = positiveId(req.params.documentId);
      const scan = documentId === null ? null : await findScan(dataSource.manager, storage, documentId);
      if (!scan) return void res.status(404).type('text/plain; charset=utf-8').send('У документа нет скана (или документ удалён).');
      const info = await stat(scan.absolutePath).catch(() => null);
      if (!info) {
        logger.error('scan file missing on disk', { documentId, path: scan.absolutePath });
        return void res.status(404).type('text/plain; charset=utf-8').send('Файл скана не найден на диске — сообщите администратору (cert files check).');
      }
      res.set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(info.size),
        'Content-Disposition': contentDisposition(scanDownloadName({ date: scan.date, organizationName: scan.organizationName, documentType: scan.documentType })),
        'Cache-Control': 'private, no-store',
        ...(scan.sha256 ? { ETag: `"${scan.sha256}"` } : {}),
      });
      const stream = createReadStream(scan.absolutePath);
      stream.on('error', (error) => {
        logger.error('scan read failed', { documentId, error });
        res.destroy(error);
      });
      stream.pipe(res);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
