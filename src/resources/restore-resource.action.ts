import type { Action, ActionContext, ActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { Resource } from '../../entities/resource.entity.js';
import { isAdmin } from '../engine/admin/access.js';

const isDeleted = (context: ActionContext) => Boolean(context.record?.params.deletedAt);

/**
 * «Восстановить»: a deleted (soft-deleted) information resource back in the registry, by an admin, from its card
 * (opened by its address or from the journal). In a transaction, so the change history names the admin.
 */
export function restoreResourceAction(dataSource: DataSource): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'RotateCcw',
    component: false,
    guard: 'Вернуть ресурс в реестр? Он снова появится в списках и на карточке владельца.',
    isVisible: (context: ActionContext) => isAdmin(context) && isDeleted(context),
    isAccessible: (context: ActionContext) => isAdmin(context) && isDeleted(context),
    handler: async (_request, _response, context: ActionContext) => {
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
