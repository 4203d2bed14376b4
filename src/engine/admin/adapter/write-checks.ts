import { QueryFailedError, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import { checkFieldValues, integerRange, textLimit, type FieldKind, type FieldRule } from '../../../domain/field-values.js';
import { DomainValidationError } from '../../../errors.js';
import { quote } from './filter-sql.js';

/**
 * The checks of every write, whoever writes (the panel, the document service, the EGRUL import and apply, the bulk
 * import): every value against its column (type, length, required: src/domain/field-values.ts), every reference
 * (a region, an owner, a letter's organizations) against its table, before anything is written; and a database
 * refusal (unique, foreign key, check) as a Russian message on the field it concerns, never a silent «saved».
 */

/** What kind of value a column holds, from its TypeORM type (the write checks' and the change history's). */
export function fieldKindOf(column: ColumnMetadata): FieldKind {
  const type = String(column.type);
  if (type === 'text' || type === 'varchar' || type === 'character varying' || column.type === String) return 'text';
  if (type === 'int' || type === 'integer' || type === 'smallint' || column.type === Number) return 'integer';
  if (type === 'boolean' || column.type === Boolean) return 'boolean';
  if (type === 'date') return 'date';
  if (type === 'timestamptz' || type === 'timestamp' || column.type === Date) return 'timestamp';
  if (type === 'uuid') return 'uuid';
  return 'other';
}

const rulesByEntity = new WeakMap<EntityMetadata, FieldRule[]>();

/**
 * The columns a write may set, with their rules (type, length, required): not the key, the timestamps kept by
 * TypeORM, nor columns the database keeps itself (search texts).
 */
export function fieldRulesOf(metadata: EntityMetadata): FieldRule[] {
  const known = rulesByEntity.get(metadata);
  if (known) return known;
  const rules = metadata.columns
    .filter((c) => !c.isPrimary && !c.isCreateDate && !c.isUpdateDate && !c.isDeleteDate && !c.isVersion && c.isInsert && c.isUpdate)
    .map((c): FieldRule => {
      const kind = fieldKindOf(c);
      const [min, max] = integerRange(String(c.type));
      return {
        path: c.propertyPath,
        kind,
        maxLength: kind === 'text' ? textLimit(metadata.name, c.propertyPath, c.length ? Number(c.length) : undefined) : undefined,
        ...(kind === 'integer' ? { min, max } : {}),
        nullable: c.isNullable,
        hasDefault: c.default !== undefined || c.isGenerated,
      };
    });
  rulesByEntity.set(metadata, rules);
  return rules;
}

/** Ids among `ids` that exist (and are not soft-deleted) in a table. */
async function existing(manager: EntityManager, target: EntityMetadata, ids: number[]): Promise<Set<number>> {
  const key = quote(target.primaryColumns[0]!.databaseName);
  const softDeleted = target.deleteDateColumn ? ` AND ${quote(target.deleteDateColumn.databaseName)} IS NULL` : '';
  const rows: { id: number }[] = await manager.query(`SELECT ${key} AS id FROM ${quote(target.tableName)} WHERE ${key} = ANY($1)${softDeleted}`, [ids]);
  return new Set(rows.map((row) => Number(row.id)));
}

/**
 * Checks a write before anything is written: `values` (plain, by property) against their columns and references,
 * `relations` (many-to-many ids by property) against their tables. Returns the values converted to the columns'
 * types and Russian messages by field (empty when the write may go ahead).
 */
export async function checkWrite(
  manager: EntityManager,
  metadata: EntityMetadata,
  input: { values: Record<string, unknown>; relations?: ReadonlyMap<string, number[]>; creating: boolean },
): Promise<{ values: Record<string, unknown>; errors: Record<string, string> }> {
  const { values, errors } = checkFieldValues(fieldRulesOf(metadata), input.values, input.creating);
  for (const [path, value] of Object.entries(values)) {
    const relation = metadata.columns.find((column) => column.propertyPath === path)?.relationMetadata;
    const target = typeof value === 'number' && relation?.isManyToOne ? relation.inverseEntityMetadata : null;
    if (target && !(await existing(manager, target, [value as number])).has(value as number)) {
      errors[path] = `Запись №${value} не найдена — выберите значение из списка`;
    }
  }
  for (const [path, ids] of input.relations ?? []) {
    const relation = metadata.manyToManyRelations.find((r) => r.propertyName === path);
    if (!relation) continue;
    const found = await existing(manager, relation.inverseEntityMetadata, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) errors[path] = `Не найдены записи №${missing.slice(0, 5).join(', №')} — выберите значения из списка`;
  }
  return { values, errors };
}

/** checkWrite for a service's write: throws DomainValidationError (Russian messages by field) unless the values may be written. */
export async function assertWritable(
  manager: EntityManager,
  entity: Parameters<EntityManager['getRepository']>[0],
  values: Record<string, unknown>,
  creating: boolean,
): Promise<Record<string, unknown>> {
  const checked = await checkWrite(manager, manager.getRepository(entity).metadata, { values, creating });
  if (Object.keys(checked.errors).length > 0) throw new DomainValidationError(checked.errors);
  return checked.values;
}

/** Maps a database constraint to the field whose message it is, with the message. */
export type ConstraintMessages = Record<string, { field: string; message: string }>;

/**
 * A database refusal as a message on the field it concerns (its constraint's own message when the resource names
 * one), or with no field; null for anything that is not a refusal (rethrown by the caller). No table, column or
 * constraint names reach the client: the details are in the server's log.
 */
export function databaseRefusal(
  error: unknown,
  metadata: EntityMetadata,
  constraintMessages: ConstraintMessages = {},
): { field: string | null; message: string; byConstraint: boolean } | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string; column?: string; detail?: string } }).driverError ?? {};
  const known = driver.constraint ? constraintMessages[driver.constraint] : undefined;
  if (known) return { ...known, byConstraint: true };
  const columnName =
    driver.column ??
    /Key \(([a-z_]+)/.exec(driver.detail ?? '')?.[1] ??
    metadata.columns.find((c) => driver.constraint?.includes(c.databaseName))?.databaseName;
  const field = metadata.columns.find((c) => c.databaseName === columnName)?.propertyPath ?? null;
  const message =
    driver.code === '23505'
      ? 'Такое значение уже есть в базе'
      : driver.code === '23503'
        ? 'Связанная запись не найдена или на эту запись есть ссылки'
        : driver.code === '23514'
          ? 'Значение не проходит проверку базы данных'
          : driver.code === '23502'
            ? 'Обязательное поле'
            : 'Ошибка базы данных';
  return { field, message: field ? message : `Запись не сохранена: ${message.toLowerCase()}`, byConstraint: false };
}
