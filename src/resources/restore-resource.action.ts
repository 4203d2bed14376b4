import type { Action, ActionContext, ActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { Resource } from '../../entities/resource.entity.js';
import { isAdmin } from '../engine/admin/access.js';
import { Components } from '../engine/admin/component-loader.js';

const isDeleted = (context: ActionContext) => Boolean(context.record?.params.deletedAt);

/**
 * «Восстановить»: a deleted (soft-deleted) information resource back in the registry, by an admin, from its card
 * (opened by its address or from the journal). In a transaction, so the change history names the admin. Only a POST
 * restores (the same-origin guard covers it); opening the action's page asks first and changes nothing.
 */
export function restoreResourceAction(dataSource: DataSource): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'RotateCcw',
    component: Components.RestoreResource,
    isVisible: (context: ActionContext) => isAdmin(context) && isDeleted(context),
    isAccessible: (context: ActionContext) => isAdmin(context) && isDeleted(context),
    handler: async (request, _response, context: ActionContext) => {
      if (request.method !== 'post') return { record: context.record!.toJSON(context.currentAdmin) };
      const id = Number(context.record!.id());
      await dataSource.transaction((manager) => manager.getRepository(Resource).restore(id));
      const record = await context.resource.findOne(String(id));
      return {
        record: (record ?? context.record!).toJSON(context.currentAdmin),
        redirectUrl: `/admin/resources/Resource/records/${id}/show`,
        notice: { message: 'Ресурс восстановлен', type: 'success' },
      };
    },
  };
}

/** Edit and delete are for resources in the registry only: a deleted one is shown, and restored first. */
export const notWhenDeleted = (rule: boolean | ((context: ActionContext) => boolean) | undefined) => (context: ActionContext) =>
  !isDeleted(context) && (typeof rule === 'function' ? rule(context) : rule !== false);
