import type { Request, Router } from 'express';
import { asyncRoute, currentUser, HttpError, positiveId } from '../engine/http/kit.js';
import { currentActor } from '../engine/db/actor.js';
import { HISTORY_TABLES, type ChangeHistory } from './history.service.js';
import { UserInputError } from '../errors.js';
import { accessRoutes } from '../engine/http/access-router.js';

/**
 * The change history over HTTP (mounted at /admin/data, behind the panel's login):
 *   GET  /history/:table/:id?page=N   a card's «История», newest first, 20 a page (users' cards: admins only)
 *   GET  /journal/:entryId            one entry of the journal in words, with what can be done with it (admins)
 *   GET  /journal/:entryId/state      the record as it was right after the entry (admins)
 *   POST /journal/:entryId/restore    brings back what the entry deleted, with its links (admins)
 */
export function historyRoutes(history: ChangeHistory): Router {
  const routes = accessRoutes();
  const JOURNAL_ACCESS = { admin: 'Журнал изменений доступен только администраторам.' };
  const journalForAdmins = new HttpError(403, JOURNAL_ACCESS.admin);
  const adminsOnly = (req: Request) => {
    if (currentUser(req)?.role !== 'admin') throw journalForAdmins;
  };

  routes.get(
    '/history/:table/:id',
    'logged-in',
    asyncRoute(async (req, res) => {
      const table = req.params.table ?? '';
      const rules = HISTORY_TABLES[table];
      const id = positiveId(req.params.id);
      if (!rules || id === null) throw new HttpError(404, 'У этой записи нет истории.');
      if (rules.adminOnly) adminsOnly(req);
      const page = Math.min(10_000, Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
      res.json(await history.ofRecord(table, id, page));
    }),
  );

  routes.get(
    '/journal/:entryId',
    JOURNAL_ACCESS,
    asyncRoute(async (req, res) => {
      const entry = await history.entry(req.params.entryId ?? '');
      if (!entry) throw new HttpError(404, 'Такой записи в журнале нет.');
      const [described] = await history.describe([entry]);
      res.json({
        entry: described,
        recordTitle: await history.recordTitle(entry),
        canRestore: history.canRestore(entry),
        recordResource: history.cardResource(entry.tableName),
        hasState: Boolean(entry.action !== 'delete' && entry.recordId && /^\d+$/.test(entry.recordId) && HISTORY_TABLES[entry.tableName ?? '']),
        // a merge of organizations: «Отменить объединение» (POST /merges/:id/undo decides whether it still can)
        mergeId: entry.action === 'merge' && typeof entry.details?.merge === 'number' ? entry.details.merge : null,
      });
    }),
  );

  routes.get(
    '/journal/:entryId/state',
    JOURNAL_ACCESS,
    asyncRoute(async (req, res) => {
      const state = await history.stateAfter(req.params.entryId ?? '');
      if (!state) throw new HttpError(404, 'Для этой записи журнала состояние не восстанавливается.');
      res.json(state);
    }),
  );

  /** What an entry deleted, restored, in words; what cannot be (already back, a twin took its place) is a 409 saying so. */
  const restored = async (entryId: string, actor: NonNullable<ReturnType<typeof currentActor>>) => {
    try {
      const result = await history.restore(entryId, actor);
      return { ...result, message: restoredMessage(result) };
    } catch (error) {
      if (error instanceof UserInputError) throw new HttpError(409, error.userMessage);
      throw error;
    }
  };
  routes.post(
    '/journal/:entryId/restore',
    JOURNAL_ACCESS,
    asyncRoute(async (req, res) => {
      const actor = currentActor();
      if (!actor) throw new HttpError(401, 'Войдите в систему.');
      res.json(await restored(req.params.entryId ?? '', actor));
    }),
  );
  // «Отменить» right after a delete: the one who deleted, within UNDO_WINDOW_SECONDS, whatever their role
  routes.post(
    '/journal/:entryId/undo',
    'logged-in',
    asyncRoute(async (req, res) => {
      const actor = currentActor();
      const user = currentUser(req);
      if (!actor || !user) throw new HttpError(401, 'Войдите в систему.');
      const entry = await history.entry(req.params.entryId ?? '');
      const refusal = undoRefusal(entry && { ...entry, restorable: history.canRestore(entry) }, user.id, Date.now());
      if (refusal || !entry) throw new HttpError(refusal?.status ?? 404, refusal?.message ?? 'Нечего отменять.');
      res.json(await restored(entry.id, actor));
    }),
  );
  return routes.router;
}

/** How long after a delete its author may take it back by «Отменить» (the panel offers it for 10 seconds). */
export const UNDO_WINDOW_SECONDS = 60;

/** Why «Отменить» is refused for this entry and user at `now` (ms), or null. Pure. */
export function undoRefusal(
  entry: { actorId: number | null; at: Date | string; restorable: boolean } | null,
  userId: number,
  now: number,
): { status: 404 | 409; message: string } | null {
  if (!entry || entry.actorId !== userId || !entry.restorable) return { status: 404, message: 'Нечего отменять: такого удаления вы не делали.' };
  if ((now - new Date(entry.at).getTime()) / 1000 > UNDO_WINDOW_SECONDS) {
    return {
      status: 409,
      message: `Отменить удаление можно в течение ${UNDO_WINDOW_SECONDS} секунд; теперь его восстанавливает администратор из журнала изменений.`,
    };
  }
  return null;
}

const WHAT: Record<string, string> = { organizations: 'Организация восстановлена', messages: 'Письмо восстановлено', resources: 'Ресурс восстановлен' };

function restoredMessage(result: { table: string; links: number; skipped: number }): string {
  const parts = [WHAT[result.table] ?? 'Запись восстановлена'];
  if (result.links > 0) parts.push(`связей восстановлено: ${result.links}`);
  if (result.skipped > 0) parts.push(`не восстановлено связей: ${result.skipped} (связанные записи удалены)`);
  return `${parts.join('; ')}.`;
}
