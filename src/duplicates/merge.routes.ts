import express, { type Request, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { MergeChoiceError } from '../domain/organization-merge.js';
import { accessRoutes } from '../engine/http/access-router.js';
import type { Logger } from '../logger.js';
import { asyncRoute, currentUser, HttpError, idOrNotFound } from '../engine/http/kit.js';
import { isDuplicateReason } from '../domain/duplicate-reasons.js';
import { MergeRefusal, mergeOrganizations, mergePreview, undoMerge } from './organization-merge.service.js';
import { dismissPair, possibleDuplicates, restorePair } from './possible-duplicates.service.js';

/**
 * Duplicates and merging (mounted at /admin/data, admins only; issue 26):
 *   GET  /duplicates?reason=&page=                 «Возможные дубли»: a page of pairs with their reasons
 *   POST /duplicates/dismissals {first, second}    mark a pair «не дубль»
 *   POST /duplicates/dismissals/remove {…}         take the mark back
 *   GET  /organizations/:id/merge-preview?with=N   the fields side by side and what would move
 *   POST /organizations/:id/merge {with, choices}  merge card N into card :id
 *   POST /merges/:id/undo                          undo a merge exactly, or say what changed since
 */
export function mergeRoutes(dataSource: DataSource, logger: Logger): Router {
  const routes = accessRoutes();
  const adminsOnly = { admin: 'Объединять организации могут только администраторы.' };
  const other = (value: unknown) =>
    idOrNotFound(typeof value === 'string' || typeof value === 'number' ? String(value) : undefined, 'Вторая организация не найдена.');
  const refused = (error: unknown): never => {
    if (error instanceof MergeRefusal) throw new HttpError(409, error.reasons.join(' '));
    if (error instanceof MergeChoiceError) throw new HttpError(400, error.message);
    throw error;
  };
  const keptOf = (req: Request) => idOrNotFound(req.params.id, 'Организация не найдена.');
  // the letters' search words are made again after the answer (a failure leaves old words, said in the log)
  const inBackground = (refresh: Promise<void>, what: string) =>
    refresh.catch((error: unknown) => logger.warn('letters search text not refreshed', { what, error }));

  routes.get(
    '/duplicates',
    adminsOnly,
    asyncRoute(async (req, res) => {
      const { reason, page } = req.query;
      if (reason !== undefined && reason !== '' && !isDuplicateReason(reason)) throw new HttpError(400, 'Причина: выберите одну из списка.');
      if (page !== undefined && (typeof page !== 'string' || !/^[1-9][0-9]{0,3}$/.test(page))) {
        throw new HttpError(400, 'Страница: целое число от 1 до 9999.');
      }
      res.json(await possibleDuplicates(dataSource, { reason: isDuplicateReason(reason) ? reason : null, page: page ? Number(page) : 1 }));
    }),
  );
  const pairOf = (req: Request): [number, number] => {
    const body = (req.body ?? {}) as { first?: unknown; second?: unknown };
    const id = (value: unknown) => idOrNotFound(typeof value === 'number' || typeof value === 'string' ? String(value) : undefined, 'Организация не найдена.');
    const pair: [number, number] = [id(body.first), id(body.second)];
    if (pair[0] === pair[1]) throw new HttpError(400, 'Нужны две разные организации.');
    return pair;
  };
  routes.post(
    '/duplicates/dismissals',
    adminsOnly,
    express.json({ limit: '1kb' }),
    asyncRoute(async (req, res) => {
      const [first, second] = pairOf(req);
      if (!(await dismissPair(dataSource, first, second, currentUser(req)?.id ?? null))) throw new HttpError(404, 'Организация не найдена.');
      res.json({ dismissed: true });
    }),
  );
  routes.post(
    '/duplicates/dismissals/remove',
    adminsOnly,
    express.json({ limit: '1kb' }),
    asyncRoute(async (req, res) => {
      const [first, second] = pairOf(req);
      await restorePair(dataSource, first, second);
      res.json({ dismissed: false });
    }),
  );
  routes.get(
    '/organizations/:id/merge-preview',
    adminsOnly,
    asyncRoute(async (req, res) => {
      const preview = await mergePreview(dataSource, keptOf(req), other(req.query.with));
      if (!preview) throw new HttpError(404, 'Нужны две разные организации реестра.');
      res.json(preview);
    }),
  );
  routes.post(
    '/organizations/:id/merge',
    adminsOnly,
    express.json({ limit: '16kb' }),
    asyncRoute(async (req, res) => {
      const body = (req.body ?? {}) as { with?: unknown; choices?: unknown };
      const choices = body.choices && typeof body.choices === 'object' && !Array.isArray(body.choices) ? (body.choices as Record<string, unknown>) : {};
      const result = await mergeOrganizations(dataSource, {
        keptId: keptOf(req),
        mergedId: other(body.with),
        choices,
        actorId: currentUser(req)?.id ?? null,
      }).catch(refused);
      void inBackground(result.searchRefreshed, `merge ${result.mergeId}`);
      res.json({ mergeId: result.mergeId, keptId: result.keptId, mergedId: result.mergedId, moved: result.moved });
    }),
  );
  routes.post(
    '/merges/:id/undo',
    adminsOnly,
    asyncRoute(async (req, res) => {
      const mergeId = idOrNotFound(req.params.id, 'Объединение не найдено.');
      const { keptId, mergedId, searchRefreshed } = await undoMerge(dataSource, { mergeId, actorId: currentUser(req)?.id ?? null }).catch(refused);
      void inBackground(searchRefreshed, `undo ${mergeId}`);
      res.json({ keptId, mergedId });
    }),
  );
  return routes.router;
}
