import type { Action, ActionResponse, ParamsType } from 'adminjs';

/**
 * A record's button that opens a prefilled form elsewhere («Ответить» on a letter, «Зарегистрировать письмо» on an
 * organization): the address comes from the record, nothing is written.
 */
export function openFormAction(icon: string, addressOf: (record: ParamsType & { id: string | number }) => string): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon,
    component: false,
    isAccessible: true, // opens a form; the form's own save decides

    handler: async (_request, _response, context) => ({
      record: context.record!.toJSON(context.currentAdmin),
      redirectUrl: addressOf({ ...context.record!.params, id: context.record!.id() }),
    }),
  };
}
