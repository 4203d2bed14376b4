import type { Action, ActionContext, ActionRequest, ActionResponse, BulkActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { Components } from '../engine/admin/component-loader.js';
import { moveDueDate, reassignExecutor, type BulkOutcome } from './letter-bulk.service.js';

/** Who may change several letters at once: whoever may edit a letter. */
const mayEditLetters = ({ resource, currentAdmin }: ActionContext) => resource.decorate().actions.edit?.isAccessible(currentAdmin) ?? false;

/** How a bulk change's outcome reads to the clerk. Pure. */
function outcomeNotice(outcome: BulkOutcome, what: string): BulkActionResponse['notice'] {
  if (!outcome.ok) return { message: outcome.message, type: 'error' };
  const unchanged = outcome.unchanged ? `; у ${outcome.unchanged} уже было так` : '';
  return { message: `${what}: изменено писем — ${outcome.changed}${unchanged}`, type: 'success' };
}

/**
 * A bulk action on the selected letters: its form (components/letters/letters-bulk-edit.tsx) in a drawer over the
 * list, the change in one transaction (letter-bulk.service.ts). A GET only shows the selected letters.
 */
function bulkLetterAction(
  icon: string,
  change: (ids: string[], payload: Record<string, unknown>) => Promise<BulkOutcome>,
  what: string,
): Partial<Action<ActionResponse>> {
  return {
    actionType: 'bulk',
    icon,
    component: Components.LettersBulkEdit,
    showInDrawer: true,
    isAccessible: mayEditLetters,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<BulkActionResponse> => {
      const records = (context.records ?? []).map((record) => record.toJSON(context.currentAdmin));
      if (request.method !== 'post') return { records };
      const outcome = await change(
        records.map((record) => record.id),
        request.payload ?? {},
      );
      return {
        records,
        notice: outcomeNotice(outcome, what),
        ...(outcome.ok ? {} : { errors: { [outcome.field]: { message: outcome.message } } }),
      } as BulkActionResponse;
    },
  };
}

/** «Назначить исполнителя» and «Перенести срок ответа» for the selected letters. */
export const letterBulkActions = (dataSource: DataSource): Record<string, Partial<Action<ActionResponse>>> => ({
  reassignExecutor: bulkLetterAction('UserCheck', (ids, payload) => reassignExecutor(dataSource, ids, payload.executorId), 'Исполнитель назначен'),
  moveDueDate: bulkLetterAction('Calendar', (ids, payload) => moveDueDate(dataSource, ids, payload.dueDate), 'Срок ответа перенесён'),
});
