import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { Request, Router } from 'express';
import type formidable from 'formidable';
import type { DataSource } from 'typeorm';
import { checkAttachmentFields } from '../domain/document-attachment.js';
import { contentDisposition, scanDownloadName } from '../domain/document-file.js';
import { todayIn } from '../domain/organization.js';
import { asFieldPart, isFilePart, multipartForm, refuse } from '../engine/http/bounded-body.js';
import { asyncRoute, currentUser, fileStorageFailure, HttpError, idOrNotFound, positiveId } from '../engine/http/kit.js';
import { DomainValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { attachDocument, findScan, listOrganizationDocuments } from './document.service.js';
import { ScanRejectedError, type ReceivedScan, type ScanStorage } from './scan-storage.js';
import { readScanChunks } from './scan-database.js';
import { accessRoutes } from '../engine/http/access-router.js';

/**
 * Documents and their scans over HTTP (mounted at /admin/data, behind the panel's login):
 *   GET  /organizations/:id/documents   the organization's documents (JSON, for its card)
 *   POST /organizations/:id/documents   attach or replace one (multipart: fields, then the PDF as `scan`)
 *   GET  /documents/:id/scan            download the scan
 * Uploads stream into FILES_DIR/.incoming and are checked by content; temporary files never outlive the request.
 */
export interface DocumentsRoutesDependencies {
  dataSource: DataSource;
  storage: ScanStorage;
  timeZone: string;
  logger: Logger;
}

/** What a multipart body may carry beyond the scan itself (its fields and part headers). */
const MULTIPART_OVERHEAD = 1024 * 1024;

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
    const form = multipartForm({ maxFields: 30, maxFieldsSize: 64 * 1024 });
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

    form.onPart = (part: formidable.Part) => {
      if (!isFilePart(part)) return void form._handlePart(asFieldPart(part));
      if (part.name !== 'scan' || receiving || part.originalFilename === '') {
        part.on('data', () => undefined); // an empty file input, or a second file: read past it
        return;
      }
      const body = new PassThrough();
      // the parser may hand over more buffered data after pause(): one wait for 'drain' at a time
      let waiting = false;
      part.on('data', (chunk: Buffer) => {
        if (body.destroyed) return;
        if (!body.write(chunk) && !waiting) {
          waiting = true;
          form.pause();
          body.once('drain', () => {
            waiting = false;
            form.resume();
          });
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
    form.parse(req, () => undefined).catch(fail);
  });
}

export function documentsRoutes(deps: DocumentsRoutesDependencies): Router {
  const { dataSource, storage, logger } = deps;
  const routes = accessRoutes();

  routes.get(
    '/organizations/:organizationId/documents',
    'logged-in',
    asyncRoute(async (req, res) => {
      const organizationId = idOrNotFound(req.params.organizationId, 'Организация не найдена.');
      const documents = await listOrganizationDocuments(dataSource.manager, organizationId);
      res.json({
        canDelete: currentUser(req)?.role === 'admin',
        documents: documents.map((d) => ({ ...d, downloadUrl: d.hasScan ? `${req.baseUrl}/documents/${d.id}/scan` : null })),
      });
    }),
  );

  routes.post(
    '/organizations/:organizationId/documents',
    'logged-in',
    asyncRoute(async (req, res) => {
      const organizationId = idOrNotFound(req.params.organizationId, 'Организация не найдена.');
      const declared = Number(req.get('content-length') ?? '0');
      if (declared > storage.maxBytes + MULTIPART_OVERHEAD) {
        const megabytes = Math.round(storage.maxBytes / 1048576);
        return refuse(req, res, 413, `Файл скана больше ${megabytes} МБ — загрузите файл не больше ${megabytes} МБ.`, { scan: 'Слишком большой файл' });
      }
      if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) throw new HttpError(415, 'Ожидается форма с файлом (multipart/form-data).');

      let upload: ParsedUpload;
      try {
        upload = await readUpload(req, storage);
      } catch (error) {
        // answered whether or not the body was read to its end; the connection is then closed
        if (error instanceof ScanRejectedError) {
          return refuse(req, res, error.reason === 'too-large' ? 413 : 422, error.userMessage, { scan: error.userMessage });
        }
        const storing = fileStorageFailure(error);
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
        // the upload is gone before the answer says so (the scan is kept only once placed); the error handler answers
        if (upload.scan) await storage.discard(upload.scan);
        throw error;
      }
    }),
  );

  routes.get(
    '/documents/:documentId/scan',
    'logged-in',
    asyncRoute(async (req, res) => {
      const documentId = positiveId(req.params.documentId);
      const scan = documentId === null ? null : await findScan(dataSource.manager, storage, documentId);
      if (!scan) return void res.status(404).type('text/plain; charset=utf-8').send('У документа нет скана (или документ удалён).');
      const headers = {
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(
          scanDownloadName({ date: scan.date, organizationName: scan.organizationName, documentType: scan.documentType }),
        ),
        'Cache-Control': 'private, no-store',
        ...(scan.sha256 ? { ETag: `"${scan.sha256}"` } : {}),
      };
      if (scan.inDatabase) {
        // chunk by chunk from PostgreSQL, each written when the client has taken the last (never the whole scan in memory)
        res.set({ ...headers, 'Content-Length': String(scan.size) });
        try {
          for await (const chunk of readScanChunks(dataSource, scan.filePath)) {
            if (!res.write(chunk)) await once(res, 'drain');
          }
          res.end();
        } catch (error) {
          logger.error('scan read failed', { documentId, error });
          res.destroy(error as Error);
        }
        return;
      }
      const info = await stat(scan.absolutePath).catch(() => null);
      if (!info) {
        logger.error('scan file missing on disk', { documentId, path: scan.absolutePath });
        return void res.status(404).type('text/plain; charset=utf-8').send('Файл скана не найден на диске — сообщите администратору (cert files check).');
      }
      res.set({ ...headers, 'Content-Length': String(info.size) });
      const stream = createReadStream(scan.absolutePath);
      stream.on('error', (error) => {
        logger.error('scan read failed', { documentId, error });
        res.destroy(error);
      });
      stream.pipe(res);
    }),
  );

  return routes.router;
}
