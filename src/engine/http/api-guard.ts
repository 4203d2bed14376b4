import type { NextFunction, Request, Response } from 'express';
import { compressedBody } from './compressed.js';
import type AdminJS from 'adminjs';
import type { RecordJSON } from 'adminjs';
import { slimReference } from '../admin/hooks/slim-list.hooks.js';
import { FORBIDDEN_ACTION } from '../admin/access.js';
import { isIsoDate } from '../../domain/form-values.js';
import { answerMessage } from './answer.js';

/**
 * The panel's API before and after AdminJS: an unknown section or action, a page number that is not one, a date
 * filter that is not a date get a Russian 404/400 instead of reaching AdminJS (where they were 500s), and every
 * answer it sends is checked on the way out (answerOfAdminJs).
 */
const API_ROUTE = /^\/api\/resources\/([^/]+)\/(?:actions\/([^/]+)(?:\/[^/]*)?|records\/[^/]+\/([^/]+)|bulk\/([^/]+)|search(?:\/.*)?)$/;

/** The largest page a list serves (the panel offers 20, 50 and 100). */
export const MAX_PER_PAGE = 100;

/** Why a list query cannot be answered, or null (pure). */
export function listQueryProblem(query: Record<string, unknown>, dateFilterPaths: ReadonlySet<string>, sortablePaths?: ReadonlySet<string>): string | null {
  const page = query.page;
  if (page !== undefined && (typeof page !== 'string' || !/^[1-9][0-9]{0,6}$/.test(page))) return 'Номер страницы должен быть целым числом от 1.';
  const perPage = query.perPage;
  if (perPage !== undefined && (typeof perPage !== 'string' || !/^[1-9][0-9]{0,2}$/.test(perPage) || Number(perPage) > MAX_PER_PAGE)) {
    return `Число записей на странице должно быть от 1 до ${MAX_PER_PAGE}.`;
  }
  const { sortBy, direction } = query;
  if (sortBy !== undefined && sortablePaths && (typeof sortBy !== 'string' || !sortablePaths.has(sortBy))) {
    return `Список нельзя упорядочить по «${String(sortBy).slice(0, 40)}»: выберите столбец списка.`;
  }
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') return 'Порядок сортировки: asc (по возрастанию) или desc (по убыванию).';
  for (const [key, value] of Object.entries(query)) {
    const match = /^filters\.([^~]+)(?:~~(?:from|to))?$/.exec(key);
    if (!match || !dateFilterPaths.has(match[1]!) || value === '' || value === undefined) continue;
    if (typeof value !== 'string' || !isIsoDate(value.slice(0, 10))) {
      return `Фильтр по дате: нужна дата вида ДД.ММ.ГГГГ, получено «${String(value).slice(0, 40)}».`;
    }
  }
  return null;
}

export function apiGuard(admin: AdminJS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/api' || !req.path.startsWith('/api/resources')) return next();
    const match = API_ROUTE.exec(req.path);
    if (!match) return answerMessage(req, res, 404, 'Такого адреса в панели нет.');
    const [, resourceId, resourceAction, recordAction, bulkAction] = match;
    let resource;
    try {
      resource = admin.findResource(decodeURIComponent(resourceId!));
    } catch {
      return answerMessage(req, res, 404, 'Такого раздела нет.');
    }
    const actionName = resourceAction ?? recordAction ?? bulkAction ?? 'search';
    const decorated = resource.decorate();
    if (!decorated.actions[actionName]) return answerMessage(req, res, 404, 'В этом разделе нет такого действия.');
    if (actionName === 'list') {
      const dates = new Set(
        Object.values(decorated.getProperties({ where: 'filter' }))
          .filter((p) => p.type() === 'date' || p.type() === 'datetime')
          .map((p) => p.propertyPath),
      );
      // any column of the section (a sort the list's own headers do not offer is still a column), nothing else
      const sortable = new Set(
        resource
          .properties()
          .filter((p) => p.isSortable())
          .map((p) => p.path()),
      );
      const problem = listQueryProblem(flatQuery(req), dates, sortable);
      if (problem) return answerMessage(req, res, 400, problem);
    }
    next();
  };
}

/** The query as AdminJS reads it: flat keys (`filters.ourDate~~from`). */
function flatQuery(req: Request): Record<string, unknown> {
  const raw = req.originalUrl.split('?')[1] ?? '';
  return Object.fromEntries(new URLSearchParams(raw));
}

const CYRILLIC = /[А-Яа-яЁё]/;
/** A translation key AdminJS's front end translates (one word: `successfullyCreated`, `thereWereValidationErrors`). */
const isTranslationKey = (message: string) => /^[A-Za-z0-9_.]+$/.test(message);

interface Notice {
  message?: string;
  type?: string;
}
interface ActionAnswer {
  notice?: Notice;
  redirectUrl?: string;
  record?: { baseError?: { message?: string } | null; params?: Record<string, unknown>; populated?: Record<string, RecordJSON | null> };
  records?: { populated?: Record<string, RecordJSON | null> }[];
}

/**
 * Every JSON answer of the panel's API on its way out:
 * - a write whose record carries an error never says it succeeded (AdminJS counts only field errors);
 * - a referenced record is its id and title only, whoever asks (slimReference);
 * - AdminJS's English texts («Record with given id: "8" cannot be found in resource "Resource"») become Russian,
 *   without internal names; a record that does not exist answers 404.
 */
export function answerOfAdminJs(req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.json = ((body?: unknown) => {
    const answer = body as ActionAnswer | undefined;
    if (answer && typeof answer === 'object') {
      for (const record of [answer.record, ...(Array.isArray(answer.records) ? answer.records : [])]) {
        for (const [path, reference] of Object.entries(record?.populated ?? {})) {
          if (reference && record?.populated) record.populated[path] = slimReference(reference);
        }
      }
      // a refused action (accessFirst) is a 403; AdminJS's error handler has already emptied the record it carries
      if (answer.notice?.message === FORBIDDEN_ACTION && answer.notice.type === 'error') res.status(403);
      const baseError = answer.record?.baseError?.message;
      if (baseError && answer.notice?.type === 'success') {
        answer.notice = { message: baseError, type: 'error' };
        delete answer.redirectUrl;
      }
      const message = answer.notice?.message;
      if (answer.notice && message && !CYRILLIC.test(message) && !isTranslationKey(message)) {
        const notFound = /cannot be found|could not be found|not found|valid recordId/i.test(message);
        answer.notice.message = notFound ? 'Запись не найдена — возможно, её удалили.' : 'Действие не выполнено.';
        if (notFound && res.statusCode === 200) res.status(404);
      }
      if (answer.record?.baseError?.message && !CYRILLIC.test(answer.record.baseError.message) && !isTranslationKey(answer.record.baseError.message)) {
        answer.record.baseError = { ...answer.record.baseError, message: 'Действие не выполнено.' };
      }
    }
    // compressed as the browser accepts (a list page is ~50 KB of JSON)
    const text = JSON.stringify(body) as string | undefined;
    return text === undefined ? send('') : send(compressedBody(req, res, text, 'json'));
  }) as Response['json'];
  next();
}
