import { Readable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import formidable from 'formidable';
import { answerMessage } from './answer.js';

/**
 * Reads and parses the body of every panel request before AdminJS sees it, within a byte limit, so that no request
 * (anonymous or not) can make the server hold or write more than it accepts:
 * - a Content-Length over the limit is refused at once (413), nothing read;
 * - a body without one (chunked) is counted as it arrives and refused the moment it passes the limit;
 * - JSON, urlencoded and multipart forms become `req.fields`; a multipart file is refused (no panel action takes
 *   files; scans go to their own upload route), so nothing is written to the temporary directory.
 * express-formidable (inside @adminjs/express) skips a request marked as parsed, so it never reads these bodies.
 */
export interface BodyLimits {
  /** Bytes a panel action's body may have. */
  actionBytes: number;
  /** Bytes of a login form. */
  loginBytes: number;
  /** The login path (its smaller limit). */
  loginPath: string;
}

type ParsedRequest = Request & { fields?: Record<string, unknown>; files?: Record<string, unknown>; express_formidable?: { parsed: boolean } };

export class BodyRefused extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: string,
  ) {
    super(userMessage);
  }
}

const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} КБ`;

/** The body's bytes, at most `limit` of them (rejects with BodyRefused 413 past it). */
export function readLimited(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(new BodyRefused(413, `Запрос слишком большой: не больше ${kilobytes(limit)}.`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = (error: Error) => finish(error);
    const onAborted = () => finish(new BodyRefused(400, 'Запрос прерван.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** Text fields of a multipart form held in memory; a file part fails the parse. */
function parseMultipart(body: Buffer, headers: Request['headers'], maxFieldsBytes: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const form = multipartForm({ maxFields: 1000, maxFieldsSize: maxFieldsBytes });
    form.onPart = (part: formidable.Part) => {
      if (!isFilePart(part)) return void form._handlePart(asFieldPart(part));
      form.emit('error', new BodyRefused(415, 'Файлы здесь не принимаются: скан документа прикрепляется формой «Прикрепить документ».'));
    };
    const replay = Object.assign(Readable.from([body]), { headers });
    const fields: Record<string, string> = {};
    let failed = false;
    form.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error instanceof BodyRefused ? error : new BodyRefused(400, 'Форма повреждена: её не удалось прочитать.'));
    };
    form.on('error', fail);
    form.on('end', () => {
      if (!failed) resolve(fields);
    });
    form.parse(replay, () => undefined).catch(fail);
  });
}

/** A formidable 3 form as it is at run time (its published types lack these): parse returns a promise, pause and resume hold the request. */
export type MultipartForm = Omit<ReturnType<typeof formidable>, 'parse'> & {
  parse(request: NodeJS.ReadableStream & { headers: Request['headers'] }, callback: () => void): Promise<unknown>;
  pause(): void;
  resume(): void;
};

/** A multipart parser (formidable 3) with these limits. */
export const multipartForm = (options: { maxFields: number; maxFieldsSize: number }): MultipartForm =>
  formidable({ ...options, maxFiles: 0 }) as unknown as MultipartForm;

/** A part with a file name (even an empty one: a file input left empty) is a file; anything else is a field. */
export const isFilePart = (part: formidable.Part): boolean => part.originalFilename !== null && part.originalFilename !== undefined;

/** A field part as formidable reads fields (it takes any part with a Content-Type for a file). */
export function asFieldPart(part: formidable.Part): formidable.Part {
  part.mimetype = null;
  return part;
}

export async function parseBody(req: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = req.get('content-length');
  if (declared !== undefined && Number(declared) > limit) {
    throw new BodyRefused(413, `Запрос слишком большой: не больше ${kilobytes(limit)}.`);
  }
  const hasBody = req.get('transfer-encoding') !== undefined || (declared !== undefined && Number(declared) > 0);
  if (!hasBody) return {};
  const type = (req.get('content-type') ?? '').toLowerCase();
  const body = await readLimited(req, limit);
  if (body.length === 0) return {};
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyRefused(400, 'Тело запроса — не корректный JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyRefused(400, 'Ожидается JSON-объект с полями формы.');
    return parsed as Record<string, unknown>;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (type.startsWith('multipart/form-data')) return parseMultipart(body, req.headers, limit);
  throw new BodyRefused(415, 'Неподдерживаемый формат запроса: ожидается форма или JSON.');
}

/** Express middleware: parses the body within its limit, or answers 413/415/400 in Russian and reads no further. */
export function boundedBody(limits: BodyLimits) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const parsedRequest = req as ParsedRequest;
    if (parsedRequest.express_formidable?.parsed) return next();
    const limit = req.path === limits.loginPath ? limits.loginBytes : limits.actionBytes;
    try {
      parsedRequest.fields = await parseBody(req, limit);
      parsedRequest.files = {};
      parsedRequest.express_formidable = { parsed: true };
      next();
    } catch (error) {
      if (!(error instanceof BodyRefused)) return next(error);
      refuse(req, res, error.status, error.userMessage);
    }
  };
}

/**
 * Answers a request whose body is refused and closes the connection once the answer is out, so the rest of
 * the body is never read.
 */
export function refuse(req: Request, res: Response, status: number, message: string, errors?: Record<string, string>): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.set('Connection', 'close');
  res.on('finish', () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 2000).unref();
  });
  answerMessage(req, res, status, message, errors);
}
