import type { DataSource, EntityManager } from 'typeorm';
import { isIsoDate, ruDate } from '../domain/form-values.js';
import { setActor } from '../engine/db/actor.js';

/** The most letters one bulk change takes (a list page holds at most 100). */
export const BULK_LETTERS_LIMIT = 500;

export type BulkOutcome = { ok: true; changed: number; unchanged: number } | { ok: false; field: string; message: string };

/** A letter as a refusal names it: «ВХ-15» or «№ 77» when it has no number yet. */
const named = (row: { id: number; our_number: string | null }) => row.our_number ?? `№ ${row.id}`;
const listed = (rows: { id: number; our_number: string | null }[]) =>
  rows.slice(0, 10).map(named).join(', ') + (rows.length > 10 ? ` и ещё ${rows.length - 10}` : '');

function checkedIds(ids: readonly (string | number)[]): number[] | string {
  const numbers = [...new Set(ids.map(Number))].filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
  if (numbers.length === 0) return 'Не выбрано ни одного письма';
  if (numbers.length > BULK_LETTERS_LIMIT) return `За один раз можно изменить не больше ${BULK_LETTERS_LIMIT} писем, выбрано ${numbers.length}`;
  return numbers;
}

/** Rows an UPDATE … RETURNING changed (TypeORM answers an UPDATE with [rows, count]: read as a SELECT instead). */
async function countChanged(manager: EntityManager, update: string, parameters: unknown[]): Promise<number> {
  const [row] = await manager.query(`WITH changed AS (${update}) SELECT count(*)::int AS n FROM changed`, parameters);
  return Number(row.n);
}

/**
 * Several letters' executor set to one person, in one transaction: every letter's change is in its history (the
 * database's audit trigger, with the panel user as author); letters that already have this executor stay untouched.
 */
export async function reassignExecutor(dataSource: DataSource, ids: readonly (string | number)[], executor: unknown): Promise<BulkOutcome> {
  const letters = checkedIds(ids);
  if (typeof letters === 'string') return { ok: false, field: 'recordIds', message: letters };
  const executorId = Number(executor);
  if (!Number.isInteger(executorId) || executorId <= 0 || executorId >= 2 ** 31) {
    return { ok: false, field: 'executorId', message: 'Исполнитель: выберите сотрудника из списка' };
  }
  return dataSource.transaction(async (manager) => {
    await setActor(manager);
    const [person] = await manager.query(`SELECT id FROM users WHERE id = $1 AND is_active`, [executorId]);
    if (!person) return { ok: false as const, field: 'executorId', message: 'Исполнитель: такого действующего сотрудника нет — выберите из списка' };
    const found: { id: number }[] = await manager.query(`SELECT id FROM messages WHERE id = ANY($1) FOR UPDATE`, [letters]);
    const changed = await countChanged(
      manager,
      `UPDATE messages SET executor_id = $1, updated_at = now() WHERE id = ANY($2) AND executor_id IS DISTINCT FROM $1 RETURNING id`,
      [executorId, letters],
    );
    return { ok: true as const, changed, unchanged: found.length - changed };
  });
}

/**
 * Several incoming letters' due date moved to one day, in one transaction, or none of them: a selection with an
 * outgoing letter (it has no due date) or with a letter registered after that day is refused, naming those letters.
 */
export async function moveDueDate(dataSource: DataSource, ids: readonly (string | number)[], date: unknown): Promise<BulkOutcome> {
  const letters = checkedIds(ids);
  if (typeof letters === 'string') return { ok: false, field: 'recordIds', message: letters };
  const due = typeof date === 'string' ? date.slice(0, 10) : '';
  if (!isIsoDate(due)) return { ok: false, field: 'dueDate', message: 'Срок ответа: нужна дата вида ДД.ММ.ГГГГ' };
  return dataSource.transaction(async (manager) => {
    await setActor(manager);
    const rows: { id: number; our_number: string | null; direction: string; our_date: string | null; due_date: string | null }[] = await manager.query(
      `SELECT id, our_number, direction, to_char(our_date, 'YYYY-MM-DD') AS our_date, to_char(due_date, 'YYYY-MM-DD') AS due_date
         FROM messages WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [letters],
    );
    const outgoing = rows.filter((row) => row.direction !== 'incoming');
    if (outgoing.length) {
      return { ok: false as const, field: 'dueDate', message: `Срок ответа есть только у входящих писем: снимите выбор с исходящих (${listed(outgoing)})` };
    }
    const later = rows.filter((row) => row.our_date !== null && row.our_date > due);
    if (later.length) {
      return {
        ok: false as const,
        field: 'dueDate',
        message: `Срок ответа (${ruDate(due)}) не может быть раньше даты регистрации письма: ${listed(later)}`,
      };
    }
    const changed = await countChanged(
      manager,
      `UPDATE messages SET due_date = $1::date, updated_at = now() WHERE id = ANY($2) AND due_date IS DISTINCT FROM $1::date RETURNING id`,
      [due, letters],
    );
    return { ok: true as const, changed, unchanged: rows.length - changed };
  });
}
