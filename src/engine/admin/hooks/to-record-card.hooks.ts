import type { ActionResponse, After } from 'adminjs';

/**
 * A record saved by «Сохранить» (created or edited) opens on its card — what was just done is in sight, with its
 * sections and actions — not on the list, where the clerk would have to find it again. A refused save (errors)
 * stays on its form.
 */
export const toRecordCard: After<ActionResponse> = async (response, _request, context) => {
  const record = (response as { record?: { id?: string | number; errors?: Record<string, unknown> } }).record;
  if (!record?.id || Object.keys(record.errors ?? {}).length > 0 || !response.redirectUrl) return response;
  return { ...response, redirectUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(record.id), actionName: 'show' }) };
};
