import type { FilterElement, PropertyType } from 'adminjs';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import { isIsoDate } from '../../../domain/form-values.js';
import { HttpError } from '../../http/kit.js';

/**
 * A list's filter as SQL on the alias `e`, one condition per filter element (pure but for the entity's metadata):
 * - a resource's virtual filters (a search box, "has documents of these types", …) give their own SQL;
 * - a many-to-many property: `IN (SELECT owner FROM junction WHERE other = ANY(…))`;
 * - dates as calendar days in the registry's time zone, booleans, numbers and references (one or several),
 *   selects and uuids exactly, text case-insensitively (ILIKE, with % and _ taken literally).
 * Values never enter the SQL: they go through `bind`.
 */

export type Bind = (value: unknown) => string;

/** A filter that is SQL rather than a column; with a column's path, it replaces that column's own filter. */
export interface VirtualFilter {
  path: string;
  type: PropertyType;
  reference?: string;
  isArray?: boolean;
  /** An SQL condition on the alias `e` for the filter's value, or null to ignore it; values go through `bind`. */
  where(value: string, bind: Bind, context: { timeZone: string }): string | null;
  /** Rows to list before the others whatever the sort (an exact match of what was typed), as an SQL condition. */
  first?(value: string, bind: Bind): string | null;
  /**
   * Its matches are counted up to COUNT_CAP only: a common word among millions of letters has tens of thousands
   * of matches, and counting them all (each a row of the table) is what made such a search slow. The list then
   * says "more than 1000" (see `countIsCapped`).
   */
  cappedCount?: boolean;
}

/** A many-to-many relation as a filter sees it: the junction table and its two columns. */
export interface JunctionTable {
  junction: string;
  ownerColumn: string;
  inverseColumn: string;
}

/** What a column's filter needs to know of the property AdminJS shows for it. */
export interface FilteredProperty {
  type(): PropertyType;
  availableValues(): unknown[] | null;
  isId(): boolean;
}

export interface FilterContext {
  metadata: EntityMetadata;
  /** The fields' Russian labels, for the message about a value that cannot be a filter's. */
  labels?: Record<string, string>;
  timeZone: string;
  virtual: ReadonlyMap<string, VirtualFilter>;
  manyToMany: ReadonlyMap<string, JunctionTable>;
  property(path: string): FilteredProperty | null;
}

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A filter value as a list: an array, or a comma-separated string; blanks dropped. */
export const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : String(value ?? '').split(',')).map((v) => v.trim()).filter((v) => v !== '');

/** A filter's value that its column cannot hold: answered 400 with the message, before any query. */
export class FilterValueError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

/** The range of a column's integers, by its type (a value outside it is refused, not sent to PostgreSQL). */
const integerBounds = (columnType: unknown): [number, number] | null => {
  const type = String(typeof columnType === 'function' ? (columnType as { name: string }).name : columnType).toLowerCase();
  if (type === 'int' || type === 'integer' || type === 'int4' || type === 'number') return [-2_147_483_648, 2_147_483_647];
  if (type === 'smallint' || type === 'int2') return [-32_768, 32_767];
  if (type === 'bigint' || type === 'int8') return [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return null;
};

/** One filter element as an SQL condition on `e`, or null when it filters nothing. */
export function filterCondition(element: FilterElement, context: FilterContext, bind: Bind): string | null {
  const { path, value } = element;
  const { metadata, timeZone } = context;
  const label = `«${context.labels?.[path] ?? path}»`;
  const numbersOf = (raw: unknown, bounds: [number, number]): number[] =>
    listOf(raw).map((text) => {
      const n = /^-?\d{1,20}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < bounds[0] || n > bounds[1]) {
        throw new FilterValueError(`Фильтр ${label}: ожидается целое число от ${bounds[0]} до ${bounds[1]}, получено «${text.slice(0, 40)}».`);
      }
      return n;
    });
  const virtual = context.virtual.get(path);
  if (virtual) {
    if (typeof value !== 'string' || value.trim() === '') return null;
    // a virtual filter of records or numbers gets record numbers only, whatever its SQL does with them
    if (virtual.type === 'reference' || virtual.type === 'number') numbersOf(value, [1, 2_147_483_647]);
    return virtual.where(value.trim(), bind, { timeZone });
  }

  const idColumn = quote(metadata.primaryColumns[0]!.databaseName);
  const junction = context.manyToMany.get(path);
  if (junction) {
    const ids = numbersOf(value, [1, 2_147_483_647]);
    if (ids.length === 0) return null;
    return `"e".${idColumn} IN (SELECT ${quote(junction.ownerColumn)} FROM ${quote(junction.junction)} WHERE ${quote(junction.inverseColumn)} = ANY(${bind(ids)}))`;
  }

  const column = metadata.columns.find((c) => c.propertyPath === path);
  const property = context.property(path);
  if (!column || !property) return null;
  const target = `"e".${quote(column.databaseName)}`;
  const type = property.type();
  if (type === 'date' || type === 'datetime' || column.type === 'date' || column.type === 'timestamptz') {
    const range = (typeof value === 'object' && value !== null ? value : { from: value, to: value }) as { from?: string; to?: string };
    const isDateColumn = column.type === 'date';
    const parts: string[] = [];
    const day = (text: string | undefined) => {
      if (text === undefined || text === null || String(text).trim() === '') return null;
      const iso = String(text).slice(0, 10);
      if (!isIsoDate(iso)) throw new FilterValueError(`Фильтр ${label}: нужна дата вида ДД.ММ.ГГГГ, получено «${String(text).slice(0, 40)}».`);
      return iso;
    };
    const from = day(range.from);
    const to = day(range.to);
    if (from) parts.push(isDateColumn ? `${target} >= ${bind(from)}::date` : `${target} >= (${bind(from)}::date)::timestamp AT TIME ZONE ${bind(timeZone)}`);
    if (to) parts.push(isDateColumn ? `${target} <= ${bind(to)}::date` : `${target} < (${bind(to)}::date + 1)::timestamp AT TIME ZONE ${bind(timeZone)}`);
    return parts.length > 0 ? parts.join(' AND ') : null;
  }
  if (type === 'boolean') {
    if (String(value) === 'true') return `${target} = true`;
    if (String(value) === 'false') return `${target} = false`;
    return null;
  }
  if (type === 'number' || type === 'float' || type === 'reference' || property.isId()) {
    const bounds = property.isId() || type === 'reference' ? ([1, 2_147_483_647] as [number, number]) : integerBounds(column.type);
    const values = bounds
      ? numbersOf(value, bounds)
      : listOf(value).map((text) => {
          const n = Number(text);
          if (!Number.isFinite(n) || Math.abs(n) > 1e15) throw new FilterValueError(`Фильтр ${label}: ожидается число, получено «${text.slice(0, 40)}».`);
          return n;
        });
    if (values.length === 0) return null;
    return values.length === 1 ? `${target} = ${bind(values[0])}` : `${target} = ANY(${bind(values)})`;
  }
  if (property.availableValues() || column.type === 'uuid' || type === 'uuid') {
    return `${target}::text = ${bind(String(value))}`;
  }
  if (type === 'string' || type === 'textarea' || type === 'richtext') {
    const text = String(value ?? '').trim();
    return text === '' ? null : `${target} ILIKE ${bind(`%${escapeLike(text)}%`)}`;
  }
  return null;
}

/** Binds values to named parameters of the query (`:f0`, `:f1`, …): values never enter the SQL. */
export function binder(qb: SelectQueryBuilder<ObjectLiteral>, prefix: string): Bind {
  let index = 0;
  return (value) => {
    const name = `${prefix}${index++}`;
    qb.setParameter(name, value);
    return `:${name}`;
  };
}
