import { ValidationError, type ActionContext, type ActionRequest, type Before } from 'adminjs';
import { checkMessage } from '../../domain/message.js';
import { registryToday } from './registry-today.js';

/** Validates a letter before any write (src/domain/message.ts) and stores empty optional fields as NULL. Thin adapter. */
export const validateMessage: Before = async (request: ActionRequest, context: ActionContext) => {
  if (request.method !== 'post' || !request.payload) return request;
  const ownId = context.record ? Number(context.record.id()) : null;
  const result = checkMessage(request.payload, registryToday(context), ownId);
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
