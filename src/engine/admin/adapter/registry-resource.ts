import { Resource as TypeormResource } from '@adminjs/typeorm';
import { BaseResource, flat, NotFoundError, type BaseProperty, type BaseRecord, type Filter, type FilterElement, type ParamsType } from 'adminjs';
import { In, type BaseEntity, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { FieldRule } from '../../../domain/field-values.js';
import { binder, filterCondition, type Bind, type VirtualFilter } from './filter-sql.js';
import { ListPlanner } from './list-plan.js';
import { loadManyToMany, manyToManyRelationsOf, takeManyToMany, type ManyToManyRelation } from './many-to-many.js';
import { ExtraProperty, RECORD_TITLE, RegistryRecord } from './registry-record.js';
import { fieldErrorsAsValidationError, refusalAsValidationError } from './validation-errors.js';
import { formVersion, versionConflict } from './version-conflict.js';
import { quote } from './filter-sql.js';
import { checkWrite, fieldRulesOf, type ConstraintMessages } from './write-checks.js';

/**
 * The TypeORM adapter with what AdminJS + @adminjs/typeorm lack (stack-notes §3, P1–P5), composed of:
 * - filter-sql.ts: every filter element as SQL (case-insensitive text, many-to-many, virtual filters, dates);
 * - list-plan.ts: counting (row_counts, capped counts) and collecting a page (walking the sort index);
 * - many-to-many.ts: array-of-reference properties listed, shown and saved;
 * - write-checks.ts: values and references checked before a write, database refusals as field messages (P3/P4);
 * - registry-record.ts: records named by the resource's `titleOf`.
 * A list is one query with a stable order (the sort column, then the id); an entity with a delete-date column is
 * soft-deleted.
 */
export interface RegistryResourceOptions {
  virtualFilters?: VirtualFilter[];
  /** The registry's time zone: a date filter on a timestamp means that calendar day there. */
  timeZone?: string;
  /** A table whose exact row count is kept in `row_counts` (by triggers): an unfiltered list reads it there. */
  countedTable?: string;
  /** Maps a database constraint to the field whose message it is, with the message. */
  constraintMessages?: ConstraintMessages;
  /** A record's name wherever the panel names it (heading, breadcrumb, tab, references), from its own fields. */
  titleOf?: (params: Record<string, unknown>) => string | null;
  /** The fields' Russian labels (a version conflict names the fields changed). */
  labels?: Record<string, string>;
  /**
   * Sorting by what is not one column: an SQL expression on the alias `e` per property path (the executor's name,
   * a letter's first organization, its answer status, an organization's short name). A path that is no column becomes
   * a sortable virtual property of the list.
   */
  sortExpressions?: Record<string, SortExpression>;
}

/** An SQL expression on the alias `e` a list is sorted by, given the registry's time zone. */
export type SortExpression = (context: { timeZone: string }) => string;

/** Wraps @adminjs/typeorm's Resource (its properties and type conversion) and replaces its queries and writes. */
export class RegistryResource extends BaseResource {
  private readonly base: TypeormResource;
  private readonly manyToMany: Map<string, ManyToManyRelation>;
  private readonly virtual: Map<string, VirtualFilter>;
  private readonly extraProperties: Map<string, ExtraProperty>;
  private readonly entity: typeof BaseEntity;
  private readonly planner: ListPlanner;

  constructor(
    entity: typeof BaseEntity,
    private readonly registryOptions: RegistryResourceOptions = {},
  ) {
    super(entity);
    this.base = new TypeormResource(entity);
    this.entity = entity;
    this.manyToMany = manyToManyRelationsOf(this.metadata);
    this.virtual = new Map((registryOptions.virtualFilters ?? []).map((filter) => [filter.path, filter]));
    const sorted = registryOptions.sortExpressions ?? {};
    this.extraProperties = new Map([
      ...Object.keys(sorted).map((path) => [path, new ExtraProperty(path, 'string', null, false, true)] as const),
      ...[...this.manyToMany].map(
        ([path, m]) => [path, new ExtraProperty(path, 'reference', m.relation.inverseEntityMetadata.name, true, path in sorted)] as const,
      ),
      ...[...this.virtual].map(([path, f]) => [path, new ExtraProperty(path, f.type, f.reference ?? null, f.isArray ?? false, path in sorted)] as const),
      ...(registryOptions.titleOf ? [[RECORD_TITLE, new ExtraProperty(RECORD_TITLE, 'string', null, false)] as const] : []),
    ]);
    this.planner = new ListPlanner({
      manager: () => this.repository.manager,
      query: (filter) => this.query(filter),
      hasCappedFilter: (filter) => this.activeElements(filter).some((e) => this.virtual.get(e.path)?.cappedCount),
      hasFirstConditions: (filter) => this.firstConditions(filter, () => 'NULL').length > 0,
      countedRows: () => this.countedRows(),
      isWalkable: (path) => path === this.idName() || this.metadata.indices.some((i) => !i.isSpatial && !i.isFulltext && i.columns[0]?.propertyPath === path),
    });
  }

  override databaseName(): string {
    return this.base.databaseName();
  }
  override databaseType(): string {
    return this.base.databaseType();
  }
  override id(): string {
    return this.base.id();
  }
  name(): string {
    return this.base.name();
  }
  idName(): string {
    return this.base.idName();
  }

  override properties(): BaseProperty[] {
    const columns = this.base.properties().map((p) => this.sortableIfSorted(p));
    const taken = new Set(columns.map((p) => p.path()));
    // a virtual filter may refine a column's own filter (an exact match instead of «contains»): one property
    return [...columns, ...[...this.extraProperties.values()].filter((p) => !taken.has(p.path()))];
  }

  /** A column with a sort expression is sortable (a reference, which @adminjs/typeorm never sorts: the executor by name). */
  private sortableIfSorted(column: BaseProperty): BaseProperty {
    if (!(column.path() in (this.registryOptions.sortExpressions ?? {})) || column.isSortable()) return column;
    return Object.create(column, { isSortable: { value: () => true } }) as BaseProperty;
  }

  override property(path: string): BaseProperty | null {
    if (path === RECORD_TITLE) return this.extraProperties.get(path) ?? null;
    const column = this.base.property(path);
    return column ? this.sortableIfSorted(column) : (this.extraProperties.get(path) ?? null);
  }

  private get repository() {
    return this.entity.getRepository();
  }
  private get metadata() {
    return this.repository.metadata;
  }

  /** The filter's elements with a value (a virtual filter's blank value filters nothing). */
  private activeElements(filter: Filter): FilterElement[] {
    return (Object.values(filter?.filters ?? {}) as FilterElement[]).filter(
      (e) => !this.virtual.has(e.path) || (typeof e.value === 'string' && e.value.trim() !== ''),
    );
  }

  /** The list's query: every filter element as one SQL condition (all of them AND-ed). */
  query(filter: Filter): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.repository.createQueryBuilder('e');
    const bind = binder(qb, 'f');
    const context = {
      metadata: this.metadata,
      labels: this.registryOptions.labels,
      timeZone: this.registryOptions.timeZone ?? 'UTC',
      virtual: this.virtual,
      manyToMany: this.manyToMany,
      property: (path: string) => this.base.property(path),
    };
    for (const element of Object.values(filter?.filters ?? {}) as FilterElement[]) {
      const condition = filterCondition(element, context, bind);
      if (condition) qb.andWhere(`(${condition})`);
    }
    return qb;
  }

  /** The active virtual filters' «list these first» conditions. */
  private firstConditions(filter: Filter, bind: Bind): string[] {
    return this.activeElements(filter).flatMap((element) => {
      const first = this.virtual.get(element.path)?.first;
      const condition = first ? first(String(element.value).trim(), bind) : null;
      return condition ? [`(${condition})`] : [];
    });
  }

  /** The list's query in the list's order: exact matches first, the sort column, then the id (stable pages). */
  orderedQuery(filter: Filter, sort: { sortBy?: string; direction?: 'asc' | 'desc' } = {}): SelectQueryBuilder<ObjectLiteral> {
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    const sortColumn = sort.sortBy ? this.metadata.columns.find((c) => c.propertyPath === sort.sortBy) : undefined;
    const sortExpression = sort.sortBy ? this.registryOptions.sortExpressions?.[sort.sortBy] : undefined;
    const qb = this.query(filter);
    const first = this.firstConditions(filter, binder(qb, 'first'));
    if (first.length) qb.addOrderBy(`CASE WHEN ${first.join(' OR ')} THEN 0 ELSE 1 END`, 'ASC');
    // PostgreSQL's own NULL placement (so the column's index serves the sort), except that a descending sort
    // on a column with empty values lists those last
    if (sortExpression) qb.addOrderBy(`(${sortExpression({ timeZone: this.registryOptions.timeZone ?? 'UTC' })})`, direction, 'NULLS LAST');
    else if (sortColumn) qb.addOrderBy(`e.${sortColumn.propertyPath}`, direction, sortColumn.isNullable && direction === 'DESC' ? 'NULLS LAST' : undefined);
    return qb.addOrderBy(`e.${this.idName()}`, direction);
  }

  override count(filter: Filter, context?: object): Promise<number> {
    return this.planner.count(filter, context);
  }

  /** The table's exact row count kept by triggers in `row_counts`, if it is one of those tables. */
  private async countedRows(): Promise<number | null> {
    const table = this.registryOptions.countedTable;
    if (!table) return null;
    const [row] = await this.repository.query(`SELECT n FROM row_counts WHERE table_name = $1`, [table]);
    return row ? Number(row.n) : null;
  }

  override async find(
    filter: Filter,
    params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } } = {},
  ): Promise<BaseRecord[]> {
    const { limit = 10, offset = 0, sort = {} } = params;
    const page = this.orderedQuery(filter, sort).offset(offset).limit(limit);
    const instances = await this.planner.rows(filter, sort.sortBy ?? this.idName(), offset + limit, page);
    await loadManyToMany(this.repository.manager, this.manyToMany, this.idName(), instances);
    return instances.map((instance) => this.record(instance as ParamsType));
  }

  private record(params: ParamsType): BaseRecord {
    return new RegistryRecord(params, this, this.registryOptions.titleOf);
  }

  /** A value that cannot be this table's key (a filter's "5,7" that AdminJS tries to resolve) finds nothing. */
  private isKey(id: string | number): boolean {
    const type = this.metadata.primaryColumns[0]?.type;
    return !(type === 'int' || type === 'integer' || type === Number) || /^-?[0-9]{1,10}$/.test(String(id));
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    if (!this.isKey(id)) return null;
    // a soft-deleted row too: its card says it was deleted (and an admin may restore it) instead of «not found»
    const instance = await this.repository.findOne({ where: { [this.idName()]: id }, withDeleted: true });
    if (!instance) return null;
    await loadManyToMany(this.repository.manager, this.manyToMany, this.idName(), [instance]);
    return this.record(instance as ParamsType);
  }

  override async findMany(ids: (string | number)[]): Promise<BaseRecord[]> {
    const keys = ids.filter((id) => this.isKey(id));
    if (keys.length === 0) return [];
    const instances = await this.repository.findBy({ [this.idName()]: In(keys) });
    return instances.map((instance) => this.record(instance as ParamsType));
  }

  /** The columns a write may set, with their rules (the form's limits come from them too). */
  fieldRules(): FieldRule[] {
    return fieldRulesOf(this.metadata);
  }

  /** The write checks (write-checks.ts) on a form's params; their refusals as AdminJS field errors. */
  private async checkedWrite(
    params: Record<string, unknown>,
    creating: boolean,
  ): Promise<{ values: Record<string, unknown>; relations: Map<string, number[]> }> {
    const { plain, relations, malformed } = takeManyToMany(params, this.manyToMany, this.virtual.keys());
    const { values, errors } = await checkWrite(this.repository.manager, this.metadata, {
      values: flat.unflatten(plain) as Record<string, unknown>,
      relations,
      creating,
    });
    for (const path of malformed) errors[path] = 'Ожидается список номеров записей — выберите значения из списка';
    if (Object.keys(errors).length > 0) throw fieldErrorsAsValidationError(errors);
    return { values, relations };
  }

  override async create(params: Record<string, unknown>): Promise<ParamsType> {
    const { values, relations } = await this.checkedWrite(params, true);
    const instance = this.repository.create(values as ObjectLiteral) as ObjectLiteral;
    for (const [path, ids] of relations) instance[path] = ids.map((id) => ({ id }));
    await this.saveChecked(instance);
    return instance;
  }

  /**
   * A save of a form: under a lock of the row, and only over the version the form was opened with (`version`, sent
   * by every edit form; a client that sends none is not checked). A record changed meanwhile by someone else is not
   * overwritten: the answer says who changed what, with their values put into the form (version-conflict.ts).
   */
  override async update(pk: string | number, params: Record<string, unknown> = {}): Promise<ParamsType> {
    if (!this.isKey(pk)) throw new NotFoundError(`record ${pk} of ${this.id()} not found`, 'update');
    const { values, relations } = await this.checkedWrite(params, false);
    const versioned = this.metadata.columns.some((c) => c.propertyPath === 'version');
    const expected = versioned ? formVersion(params.version) : undefined;
    return this.repository.manager.transaction(async (manager) => {
      const repository = manager.getRepository<ObjectLiteral>(this.metadata.target);
      const instance = await repository.findOne({ where: { [this.idName()]: pk }, lock: { mode: 'pessimistic_write' } });
      if (!instance) throw new NotFoundError(`record ${pk} of ${this.id()} not found`, 'update');
      if (expected !== undefined && Number(instance.version) !== expected) {
        const conflict = await versionConflict(manager, {
          table: this.metadata.tableName,
          recordId: String(pk),
          since: expected,
          propertyOf: (column) => this.metadata.findColumnWithDatabaseName(column)?.propertyPath,
          labelOf: (property) => this.registryOptions.labels?.[property] ?? property,
          submitted: params,
          current: flat.flatten(instance) as Record<string, unknown>,
          timeZone: this.registryOptions.timeZone ?? 'UTC',
        });
        if (conflict) throw conflict;
      }
      for (const [key, value] of Object.entries(values)) instance[key] = value;
      for (const [path, ids] of relations) instance[path] = ids.map((id) => ({ id }));
      try {
        await repository.save(instance);
      } catch (error) {
        throw refusalAsValidationError(error, this.metadata, this.registryOptions.constraintMessages);
      }
      if (versioned) {
        // the form goes on from the version it saved
        const [saved] = (await manager.query(
          `SELECT version FROM ${quote(this.metadata.tableName)} WHERE ${quote(this.metadata.primaryColumns[0]!.databaseName)} = $1`,
          [pk],
        )) as { version: number }[];
        instance.version = saved?.version;
      }
      return instance;
    });
  }

  override async delete(pk: string | number): Promise<void> {
    const instance = await this.repository.findOneBy({ [this.idName()]: pk });
    if (!instance) return;
    try {
      if (this.metadata.deleteDateColumn) await this.repository.softRemove(instance);
      else await this.repository.remove(instance);
    } catch (error) {
      throw refusalAsValidationError(error, this.metadata, this.registryOptions.constraintMessages);
    }
  }

  private async saveChecked(instance: ObjectLiteral): Promise<void> {
    try {
      await this.repository.save(instance);
    } catch (error) {
      throw refusalAsValidationError(error, this.metadata, this.registryOptions.constraintMessages);
    }
  }
}
