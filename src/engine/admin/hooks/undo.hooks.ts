import type { After, RecordActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';

/** What a delete's answer offers to take back: the change history's entry of that delete (history.routes.ts «undo»). */
export interface UndoOffer {
  entryId: string;
}

/**
 * After a delete of a record the history can restore (letters, resources): the answer names the journal entry of that
 * delete, so the panel offers «Отменить» for a few seconds (only its author may use it, within a minute).
 */
export const offerUndo =
  (dataSource: DataSource, table: string): After<RecordActionResponse> =>
  async (response, request, context) => {
    const user = context.currentAdmin as { id?: number } | undefined;
    if (request.method !== 'post' || response.notice?.type !== 'success' || !response.record || !user?.id) return response;
    const [entry] = await dataSource.query(
      `SELECT id::text AS id FROM audit_log WHERE table_name = $1 AND record_id = $2 AND action IN ('delete', 'soft_delete') AND actor_id = $3
        ORDER BY id DESC LIMIT 1`,
      [table, String(response.record.id), user.id],
    );
    return entry ? ({ ...response, undo: { entryId: entry.id } satisfies UndoOffer } as RecordActionResponse) : response;
  };
