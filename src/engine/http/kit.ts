import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { UserRole } from '../../../entities/user.entity.js';
import { DomainValidationError, RecordNotFoundError, UserInputError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { describeDatabaseFailure } from '../db/database-failure.js';
import { answerMessage } from './answer.js';

/**
 * What every custom route of the panel is built with:
 * - `currentUser(req)`: the signed-in user, typed, from the session (no route casts the session itself);
 * - `requireLogin`, `requireRole(role)`: refusals before the route runs;
 * - `asyncRoute(handler)`: an async handler whose failure goes to the error handler (no try/catch per route);
 * - `HttpError`: the one error a route throws to refuse (status, Russian message, field messages);
 * - `errorAnswer(error)` / `httpErrorHandler`: the one mapping of every known failure to a status and a Russian
 *   message (no internal names, addresses or stack traces reach the client).
 */

/** The signed-in user as kept in the session (written at login by src/users/panel-login.ts, refreshed by the session guard). */
export interface SessionUser {
  id: number;
  email: string;
  /** The display name (the change history's «кто»). */
  name: string;
  title: string;
  role: UserRole;
}

export const currentUser = (req: Request): SessionUser | undefined => (req.session as unknown as { adminUser?: SessionUser } | undefined)?.adminUser;

/** A refusal: its status, a Russian message, and messages by field for a form. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(userMessage);
    this.name = 'HttpError';
  }
}

export const FORBIDDEN_MESSAGE = 'Недостаточно прав для этого действия.';

export const requireLogin: RequestHandler = (req, _res, next) =>
  next(currentUser(req) ? undefined : new HttpError(401, 'Войдите в реестр заново: сессия закончилась или вход не выполнен.'));

export const requireRole =
  (role: UserRole, message = FORBIDDEN_MESSAGE): RequestHandler =>
  (req, _res, next) =>
    next(currentUser(req)?.role === role ? undefined : new HttpError(403, message));

/** An async route: what it throws (or rejects with) is answered by the error handler. */
export const asyncRoute =
  (handler: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };

/** A route's numeric id (1 to 10 digits, no sign, no leading zero), or null. */
export const positiveId = (value: string | undefined): number | null => (value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null);

/** A route's numeric id, or the 404 that says what was not found. */
export function idOrNotFound(value: string | undefined, notFound: string): number {
  const id = positiveId(value);
  if (id === null) throw new HttpError(404, notFound);
  return id;
}

/** The answer to a failure: a status and a Russian message (with field messages for a form), or null for an unknown failure (500). */
export function errorAnswer(error: unknown): { status: number; message: string; errors?: Record<string, string> } | null {
  if (error instanceof HttpError) return { status: error.status, message: error.userMessage, ...(error.fieldErrors ? { errors: error.fieldErrors } : {}) };
  if (error instanceof DomainValidationError) return { status: 422, message: 'Исправьте ошибки в форме.', errors: error.fieldErrors };
  if (error instanceof RecordNotFoundError) return { status: 404, message: error.userMessage };
  if (error instanceof UserInputError) return { status: 400, message: error.userMessage };
  const name = (error as { name?: string } | null)?.name;
  // AdminJS's own errors, by name (its classes are not exported as such from every entry point)
  if (name === 'NotFoundError') return { status: 404, message: 'Запись или раздел не найдены — возможно, запись удалили.' };
  if (name === 'ForbiddenError') return { status: 403, message: FORBIDDEN_MESSAGE };
  if (name === 'ValidationError') return { status: 400, message: 'Данные не прошли проверку.' };
  // a body parser's refusal (express.json on a route): bad JSON, or a body over its limit
  const parserFailure = (error as { type?: string } | null)?.type;
  if (parserFailure === 'entity.parse.failed') return { status: 400, message: 'Тело запроса — не корректный JSON.' };
  if (parserFailure === 'entity.too.large') {
    const limit = Number((error as { limit?: number }).limit);
    const size =
      Number.isFinite(limit) && limit > 0 ? (limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} МБ` : `${Math.ceil(limit / 1024)} КБ`) : null;
    return { status: 413, message: size ? `Запрос слишком большой: не больше ${size}.` : 'Запрос слишком большой.' };
  }
  const storing = fileStorageFailure(error);
  if (storing) return storing;
  // PostgreSQL ended a statement at its statement_timeout (57014): a filter or list too heavy to answer
  if (sqlStateOf(error) === '57014') {
    return { status: 503, message: 'Запрос к базе выполнялся слишком долго и прерван — уточните фильтры или повторите позже.' };
  }
  const lostConnection = /Connection terminated|terminating connection|connection timeout/i.test(String((error as Error | null)?.message ?? ''));
  if (lostConnection || describeDatabaseFailure(error)) return { status: 503, message: 'База данных временно недоступна — повторите через несколько секунд.' };
  return null;
}

/** PostgreSQL's SQLSTATE of a failure, whether pg's error or TypeORM's wrapping of it. */
const sqlStateOf = (error: unknown): string | undefined => {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failure?.driverError?.code ?? failure?.code;
  return typeof code === 'string' ? code : undefined;
};

/** A file-system failure while storing a file, as a status and a Russian message (null: not one). */
export function fileStorageFailure(error: unknown): { status: number; message: string } | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { status: 507, message: 'На сервере закончилось место для файлов — скан не сохранён. Сообщите администратору.' };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return {
      status: 500,
      message: 'Сервер не может записать файл в каталог сканов (нет прав или он только для чтения) — скан не сохранён. Сообщите администратору.',
    };
  }
  if (code === 'EIO') return { status: 500, message: 'Ошибка диска при записи скана — скан не сохранён. Сообщите администратору.' };
  return null;
}

const INTERNAL_ERROR = 'Внутренняя ошибка сервера. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.';

/** The app's last handler: every failure answered in Russian (JSON for the API and data routes); the server's own failures logged. */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = errorAnswer(error);
    if (!known || known.status >= 500) logger.error('request failed', { method: req.method, url: req.originalUrl, error });
    if (res.headersSent) return void res.destroy();
    if (known) return answerMessage(req, res, known.status, known.message, known.errors);
    answerMessage(req, res, 500, INTERNAL_ERROR);
  };
}
