import express, { type Request, type Router } from 'express';
import { currentUser } from '../engine/http/kit.js';
import { currentActor } from '../engine/db/actor.js';
import { HISTORY_TABLES, type ChangeHistory } from './history.service.js';
import { UserInputError } from '../errors.js';

/**
 * The change history over HTTP (mounted at /admin/data, behind the panel's login):
 *   GET  /history/:table/:id?page=N   a card's «История», newest first, 20 a page (users' cards: admins only)
 *   GET  /journal/:entryId            one entry of the journal in words, with what can be done with it (admins)
 *   GET  /journal/:entryId/state      the record as it was right after the entry (admins)
 *   POST /journal/:entryId/restore    brings back what the entry deleted, with its links (admins)
 */
export function historyRoutes(history: ChangeHistory): Router {
  const router = express.Router();
  const isAdmin = (req: Request) => currentUser(req)?.role === 'admin';
  const forbidden = { message: 'Журнал изменений доступен только администраторам.' };

  router.get('/history/:table/:id', async (req, res, next) => {
    try {
      const table = req.params.table ?? '';
      const rules = HISTORY_TABLES[table];
      const id = /^[1-9][0-9]{0,9}$/.test(req.params.id ?? '') ? Number(req.params.id) : null;
      if (!rules || id === null) return void res.status(404).json({ message: 'У этой записи нет истории.' });
      if (rules.adminOnly && !isAdmin(req)) return void res.status(403).json(forbidden);
      const page = Math.min(10_000, Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
      res.json(await history.ofRecord(table, id, page));
    } catch (error) {
      next(error);
    }
  });

  router.get('/journal/:entryId', async (req, res, next) => {
    try {
      if (!isAdmin(req)) return void res.status(403).json(forbidden);
      const entry = await history.entry(req.params.entryId ?? '');
      if (!entry) return void res.status(404).json({ message: 'Такой записи в журнале нет.' });
      const [described] = await history.describe([entry]);
      res.json({
        entry: described,
        recordTitle: await history.recordTitle(entry),
        canRestore: history.canRestore(entry),
        recordResource: history.cardResource(entry.tableName),
        hasState: Boolean(entry.action !== 'delete' && entry.recordId && /^\d+$/.test(entry.recordId) && HISTORY_TABLES[entry.tableName ?? '']),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/journal/:entryId/state', async (req, res, next) => {
    try {
      if (!isAdmin(req)) return void res.status(403).json(forbidden);
      const state = await history.stateAfter(req.params.entryId ?? '');
      if (!state) return void res.status(404).json({ message: 'Для этой записи журнала состояние не восстанавливается.' });
      res.json(state);
    } catch (error) {
      next(error);
    }
  });

  router.post('/journal/:entryId/restore', async (req, res, next) => {
    try {
      if (!isAdmin(req)) return void res.status(403).json(forbidden);
      const actor = currentActor();
      if (!actor) return void res.status(401).json({ message: 'Войдите в систему.' });
      const result = await history.restore(req.params.entryId ?? '', actor);
      res.json({ ...result, message: restoredMessage(result) });
    } catch (error) {
      if (error instanceof UserInputError) return void res.status(409).json({ message: error.userMessage });
      next(error);
    }
  });
  return router;
}

const WHAT: Record<string, string> = { organizations: 'Организация восстановлена', messages: 'Письмо восстановлено', resources: 'Ресурс восстановлен' };

function restoredMessage(result: { table: string; links: number; skipped: number }): string {
  const parts = [WHAT[result.table] ?? 'Запись восстановлена'];
  if (result.links > 0) parts.push(`связей восстановлено: ${result.links}`);
  if (result.skipped > 0) parts.push(`не восстановлено связей: ${result.skipped} (связанные записи удалены)`);
  return `${parts.join('; ')}.`;
}
