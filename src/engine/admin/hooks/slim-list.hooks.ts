import { shorten } from '../../../domain/field-values.js';
import type { ActionJSON, ActionResponse, After, RecordJSON } from 'adminjs';

/**
 * A list answer without what a list never uses. AdminJS puts into every row each of its actions with the parsed
 * form layout, and every referenced record whole (its fields and its own actions): 184 KB for a page of 20
 * organizations, 9 KB a row, most of it layouts. The row menu needs the actions' names, labels and icons; a
 * reference cell needs the referenced record's title and whether it may be opened. Opening a record fetches it
 * again, complete.
 */
/**
 * A row's action as the row needs it: its menu entry (name, label, icon, group) and how a click runs it (its address
 * or an API call with a confirmation). The action's page reads the action again, whole. Pure.
 */
export function rowAction(action: ActionJSON): ActionJSON {
  const { name, actionType, icon, label, resourceId, guard, showInDrawer, hasHandler, component, variant, parent, custom } = action;
  return { name, actionType, icon, label, resourceId, guard, showInDrawer, hasHandler, component, variant, parent, custom } as ActionJSON;
}

/**
 * A referenced record as any answer carries it: its id, its title and whether it may be opened, never its fields (a
 * letter's executor is a name, not the user's email, role and last login).
 */
export function slimReference(reference: RecordJSON): RecordJSON {
  return {
    ...reference,
    title: shorten(String(reference.title ?? ''), LIST_TEXT_LIMIT),
    params: {},
    populated: {},
    bulkActions: [],
    // the reference cell links to the record when "show" is allowed
    recordActions: (reference.recordActions ?? []).filter((action) => action.name === 'show').map(rowAction),
  };
}

/** Characters of a text value a list row carries (the card shows it whole): a page stays small whatever is stored. */
export const LIST_TEXT_LIMIT = 500;

export const slimListResponse: After<ActionResponse> = async (response) => {
  for (const record of (response.records ?? []) as RecordJSON[]) {
    for (const [key, value] of Object.entries(record.params)) {
      if (typeof value === 'string' && value.length > LIST_TEXT_LIMIT) record.params[key] = shorten(value, LIST_TEXT_LIMIT);
    }
    record.title = shorten(String(record.title ?? ''), LIST_TEXT_LIMIT);
    record.recordActions = record.recordActions.map(rowAction);
    record.bulkActions = record.bulkActions.map(rowAction);
    // its referenced records: slimmed for every answer of the API (answerOfAdminJs), lists included
  }
  return response;
};
