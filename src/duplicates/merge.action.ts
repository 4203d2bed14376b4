import type { Action, ActionContext, ActionResponse } from 'adminjs';
import { isAdmin } from '../engine/admin/access.js';
import { Components } from '../engine/admin/component-loader.js';

/**
 * «Объединить с…» on an organization's card (admins): the page (components/duplicates/organization-merge.tsx) picks
 * the other card, shows the fields side by side and what moves, merges, and offers the undo — all through
 * /admin/data (merge.routes.ts), which checks again. The action itself only shows the card it starts from.
 */
export function mergeWithAction(): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'GitMerge',
    component: Components.OrganizationMerge,
    showInDrawer: false,
    isAccessible: (context: ActionContext) => isAdmin(context) && context.record?.params?.isActive !== false && !context.record?.params?.mergedIntoId,
    handler: async (_request, _response, context: ActionContext) => ({ record: context.record!.toJSON(context.currentAdmin) }),
  };
}

/**
 * «Возможные дубли» on the organizations list (admins): the page (components/duplicates/possible-duplicates.tsx) reads
 * /admin/data/duplicates, which checks the role again; each pair opens «Объединить с…» with both cards chosen.
 */
export const possibleDuplicatesAction = (): Partial<Action<ActionResponse>> => ({
  actionType: 'resource',
  icon: 'Copy',
  component: Components.PossibleDuplicates,
  isAccessible: isAdmin,
  showInDrawer: false,
  handler: async () => ({}),
});
