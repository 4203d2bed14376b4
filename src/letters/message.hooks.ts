import { ValidationError, type ActionContext, type ActionRequest, type Before, type RecordJSON } from 'adminjs';
import type { DataSource } from 'typeorm';
import { letterStatus } from '../domain/letter-status.js';
import { checkMessage } from '../domain/message.js';
import { todayIn } from '../domain/organization.js';
import { ruDate } from '../domain/form-values.js';
import { findDuplicateNumber } from './letter-register.js';
import { answeredSql } from './letter.filters.js';
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
export const uniqueLetterNumber =
  (dataSource: DataSource): Before =>
  async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    const { direction, ourNumber, ourDate } = request.payload as { direction?: string; ourNumber?: string | null; ourDate?: string | null };
    if (direction !== 'incoming' && direction !== 'outgoing') return request;
    const duplicate = await findDuplicateNumber(dataSource, {
      direction,
      ourNumber: ourNumber ?? null,
      ourDate: ourDate ?? null,
      ownId: context.record ? Number(context.record.id()) : null,
    });
    if (!duplicate) return request;
    const kind = direction === 'incoming' ? 'входящее' : 'исходящее';
    const message = `Номер ${duplicate.ourNumber} уже есть у другого письма (${kind}, от ${ruDate(duplicate.ourDate)}): «наш номер» не повторяется в течение года`;
    throw new ValidationError({ ourNumber: { message, type: `duplicate:${duplicate.id}` } });
  };
