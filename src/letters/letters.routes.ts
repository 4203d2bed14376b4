import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { isIsoDate } from '../domain/form-values.js';
import { todayIn } from '../domain/organization.js';
import { asyncRoute, HttpError } from '../engine/http/kit.js';
import { executors, letterOptions, suggestNumber, type Direction } from './letter-register.js';
import { accessRoutes } from '../engine/http/access-router.js';

/**
 * The letter form's lookups over HTTP (mounted at /admin/data, behind the panel's login; read-only):
 *   GET /letters/next-number?direction=incoming&date=YYYY-MM-DD   the next free «наш номер» from the pattern
 *   GET /letters/options?q=…  or  ?ids=1,2                         «Основание» options, «№ · дата · организация · тема»
 *   GET /letters/executors?q=…  or  ?ids=1,2                       active users who may answer a letter, by what is typed
 */

/** A picker's query: what is typed (`q`, at most 200 characters) or the picked ids (`ids`, at most 50). */
function optionsQuery(query: Record<string, unknown>): { q?: string; ids?: number[] } {
  const q = typeof query.q === 'string' ? query.q.slice(0, 200) : undefined;
  const ids =
    typeof query.ids === 'string'
      ? query.ids
          .split(',')
          .slice(0, 50)
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31)
      : undefined;
  return { ...(q !== undefined ? { q } : {}), ...(ids !== undefined ? { ids } : {}) };
}
export function lettersRoutes(deps: { dataSource: DataSource; timeZone: string; numberPatterns: Record<Direction, string> }): Router {
  const routes = accessRoutes();
  routes.get(
    '/letters/next-number',
    'logged-in',
    asyncRoute(async (req, res) => {
      const direction = req.query.direction === 'outgoing' ? 'outgoing' : req.query.direction === 'incoming' ? 'incoming' : null;
      if (!direction) throw new HttpError(400, 'Тип письма (direction): incoming или outgoing');
      const date = typeof req.query.date === 'string' && isIsoDate(req.query.date) ? req.query.date : todayIn(deps.timeZone);
      res.json({ number: await suggestNumber(deps.dataSource, deps.numberPatterns[direction], direction, date) });
    }),
  );
  routes.get(
    '/letters/options',
    'logged-in',
    asyncRoute(async (req, res) => {
      res.json({ options: await letterOptions(deps.dataSource, optionsQuery(req.query), deps.timeZone) });
    }),
  );
  routes.get(
    '/letters/executors',
    'logged-in',
    asyncRoute(async (req, res) => {
      res.json({ options: await executors(deps.dataSource, optionsQuery(req.query)) });
    }),
  );
  return routes.router;
}
