import { ValidationError } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { concurrentEdit, type ChangeSince } from '../../../domain/concurrent-edit.js';

/** The version a form was opened with (its hidden `version` param), or undefined when it sent none. */
export function formVersion(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined;
}

/** The refusal's kind, with the values put into the form (RegistryRecord stores them as the record's params). */
export const VERSION_CONFLICT = 'version_conflict';
export interface VersionConflictProblem {
  type: typeof VERSION_CONFLICT;
  message: string;
  taken: Record<string, unknown>;
}

/**
 * The refusal of a save over a record changed since `since`, or null when nobody changed anything a person sees
 * (a version raised by a search text or by the history's own bookkeeping is not a conflict).
 */
export async function versionConflict(
  manager: EntityManager,
  options: {
    table: string;
    recordId: string;
    since: number;
    propertyOf: (column: string) => string | undefined;
    labelOf: (property: string) => string;
    submitted: Record<string, unknown>;
    current: Record<string, unknown>;
    timeZone: string;
  },
): Promise<ValidationError | null> {
  const since: ChangeSince[] = await manager.query(
    `SELECT actor_name AS "actorName", at, changes
       FROM audit_log
      WHERE table_name = $1 AND record_id = $2 AND changes ? 'version' AND (changes->'version'->>0)::bigint >= $3
      ORDER BY id
      LIMIT 200`,
    [options.table, options.recordId, options.since],
  );
  const edit = concurrentEdit({ ...options, since });
  if (!edit) return null;
  const problem: VersionConflictProblem = {
    type: VERSION_CONFLICT,
    message: edit.message,
    taken: { ...edit.taken, version: options.current.version },
  };
  const fieldErrors = Object.fromEntries(
    Object.entries(edit.clashes).map(([property, value]) => [
      property,
      { type: VERSION_CONFLICT, message: `Другой пользователь сохранил здесь «${value.slice(0, 200)}»; сохраните ещё раз, чтобы записать ваше значение` },
    ]),
  );
  return new ValidationError(fieldErrors, problem);
}
