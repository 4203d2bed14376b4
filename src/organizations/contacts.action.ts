import type { Action, ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import { checkContacts } from '../domain/organization.js';
import { Components } from '../engine/admin/component-loader.js';

/**
 * "Контакты": an organization's contacts edited on their own, in a drawer over the list or the card (the original
 * edited them in place from the list). Only the contacts column is written; the rest of the record is untouched,
 * so a stale list row cannot overwrite someone else's change. Whoever may edit organizations may use it.
 */
export function editContactsAction(): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'Phone',
    component: Components.ContactsEdit,
    showInDrawer: true,
    // the same rule as the organization's edit action
    isAccessible: ({ resource, currentAdmin, record }: ActionContext) => resource.decorate().actions.edit?.isAccessible(currentAdmin, record) ?? false,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin } = context;
      if (!record) throw new Error('editContacts: no record');
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      const checked = checkContacts(request.payload?.contacts);
      if (!checked.ok) {
        return {
          record: { ...record.toJSON(currentAdmin), errors: { contacts: { message: checked.error } } },
          notice: { message: checked.error, type: 'error' },
        };
      }
      await record.update({ contacts: checked.value }, context);
      const failure = record.error('contacts') ?? record.baseError;
      return {
        record: record.toJSON(currentAdmin),
        notice: failure ? { message: failure.message, type: 'error' } : { message: 'Контакты сохранены', type: 'success' },
      };
    },
  };
}
