import { ValidationError, type ActionContext, type ActionRequest, type After, type Before, type RecordActionResponse, type RecordJSON } from 'adminjs';
import type { DataSource } from 'typeorm';
import { letterStatus } from '../domain/letter-status.js';
import { checkMessage } from '../domain/message.js';
import { todayIn } from '../domain/organization.js';
import { ruDate } from '../domain/form-values.js';
import { findDuplicateNumber } from './letter-register.js';
import { answeredSql } from './letter-status.service.js';
import { registryToday } from '../engine/admin/hooks/registry-today.js';

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

/**
 * Each letter's answer status (src/domain/letter-status.ts) for a list page or a card: one query for the answers of
 * all of them. Sets `status` ('' when none applies) and `answered`.
 */
export async function addLetterStatuses(dataSource: DataSource, timeZone: string, records: RecordJSON[]): Promise<void> {
  const ids = records.map((record) => Number(record.params.id)).filter(Number.isInteger);
  if (ids.length === 0) return;
  const rows: { id: number }[] = await dataSource.query(`SELECT m.id FROM messages m WHERE m.id = ANY($1) AND ${answeredSql('m')}`, [ids]);
  const answered = new Set(rows.map((row) => row.id));
  const today = todayIn(timeZone);
  for (const record of records) {
    const { direction, dueDate } = record.params as { direction?: string; dueDate?: string | null };
    const isAnswered = answered.has(Number(record.params.id));
    record.params.status =
      letterStatus({ direction: String(direction ?? ''), dueDate: dueDate ? String(dueDate).slice(0, 10) : null, answered: isAnswered }, today) ?? '';
    record.params.answered = isAnswered;
  }
}

/**
 * Refuses a «наш номер» that another letter of the same direction already has in the same year (case, spaces and
 * punctuation ignored), naming that letter; its id travels in the error's type for the form's link. Runs after
 * validateMessage (the payload is clean).
 */
/** The form's message for a «наш номер» another letter has, with that letter's id in its type (the form links it); null when free. */
async function duplicateNumberError(
  dataSource: DataSource,
  payload: Record<string, unknown>,
  ownId: number | null,
): Promise<{ message: string; type: string } | null> {
  const { direction, ourNumber, ourDate } = payload as { direction?: string; ourNumber?: string | null; ourDate?: string | null };
  if (direction !== 'incoming' && direction !== 'outgoing') return null;
  const duplicate = await findDuplicateNumber(dataSource, { direction, ourNumber: ourNumber ?? null, ourDate: ourDate ?? null, ownId });
  if (!duplicate) return null;
  const kind = direction === 'incoming' ? 'входящее' : 'исходящее';
  const message = `Номер ${duplicate.ourNumber} уже есть у другого письма (${kind}, от ${ruDate(duplicate.ourDate)}): «наш номер» не повторяется в течение года`;
  return { message, type: `duplicate:${duplicate.id}` };
}

/** The letter being edited (null for a new one, whatever AdminJS put in the context after a failed create). */
function editedLetterId(context: ActionContext): number | null {
  const id = Number(context.record?.id());
  return context.action?.name === 'edit' && Number.isInteger(id) ? id : null;
}

export const uniqueLetterNumber =
  (dataSource: DataSource): Before =>
  async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    const error = await duplicateNumberError(dataSource, request.payload, editedLetterId(context));
    if (error) throw new ValidationError({ ourNumber: error });
    return request;
  };

/**
 * When two saves of one number run at once, both pass the check above and PostgreSQL's unique index refuses the
 * second (ux_messages_our_number_per_year): its answer then names the letter that got the number, with the link.
 */
export const linkRefusedNumber =
  (dataSource: DataSource): After<RecordActionResponse> =>
  async (response, request, context) => {
    const refused = response.record?.errors?.ourNumber;
    if (request.method !== 'post' || !request.payload || refused?.type !== 'database') return response;
    const error = await duplicateNumberError(dataSource, request.payload, editedLetterId(context));
    if (error && response.record) response.record.errors = { ...response.record.errors, ourNumber: error };
    return response;
  };
