import { ValidationError, type ActionContext, type ActionRequest, type Before } from 'adminjs';
import { checkMessage } from '../../domain/message.js';
import { todayIn } from '../../domain/organization.js';

/** Validates a letter before any write (src/domain/message.ts) and stores empty optional fields as NULL. Thin adapter. */
export const validateMessage: Before = async (request: ActionRequest, context: ActionContext) => {
  if (request.method !== 'post' || !request.payload) return request;
  const timeZone = (context._admin.options.env as Record<string, string> | undefined)?.TIME_ZONE ?? 'Europe/Moscow';
  const ownId = context.record ? Number(context.record.id()) : null;
  const result = checkMessage(request.payload, todayIn(timeZone), ownId);
  if (!result.ok) {
    throw new ValidationError(Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, { message }])));
  }
  const { organizationIds, ...value } = result.value;
  const payload: Record<string, unknown> = Object.fromEntries(Object.entries(request.payload).filter(([key]) => !key.startsWith('organizations')));
  Object.assign(payload, value);
  organizationIds.forEach((id, index) => {
    payload[`organizations.${index}`] = id;
  });
  request.payload = payload;
  return request;
};
