import { BaseProperty, BaseRecord, flat, type BaseResource, type ParamsType, type PropertyType, type RecordError } from 'adminjs';
import { VERSION_CONFLICT, type VersionConflictProblem } from './version-conflict.js';

/** The property a resource with `titleOf` names its records by (set as its titleProperty, hidden everywhere). */
export const RECORD_TITLE = 'recordTitle';

/**
 * A record named by its resource's `titleOf`: AdminJS reads a title as the value of the resource's title property
 * (ResourceDecorator.titleOf → record.get), so that property's value is computed here.
 */
export class RegistryRecord extends BaseRecord {
  constructor(
    params: ParamsType,
    resource: BaseResource,
    private readonly titleOf?: (params: Record<string, unknown>) => string | null,
  ) {
    super(params, resource);
  }
  /** A save refused for a version conflict puts the other's values and the current version into the form. */
  override async update(params: Record<string, unknown>, context?: Parameters<BaseRecord['update']>[1]): Promise<BaseRecord> {
    await super.update(params, context);
    const problem = this.baseError as (RecordError & Partial<VersionConflictProblem>) | null;
    if (problem?.type === VERSION_CONFLICT && problem.taken) {
      this.storeParams(flat.flatten(problem.taken));
      this.baseError = { type: VERSION_CONFLICT, message: problem.message };
    }
    return this;
  }

  override get(propertyPath?: string, options?: Parameters<BaseRecord['get']>[1]): ReturnType<BaseRecord['get']> {
    if (propertyPath === RECORD_TITLE && this.titleOf) return this.titleOf(flat.unflatten(this.params) as Record<string, unknown>) ?? `№ ${String(this.id())}`;
    return super.get(propertyPath, options);
  }
}

/** A property that is not a column: a many-to-many relation, a virtual filter, the record's title. */
export class ExtraProperty extends BaseProperty {
  constructor(
    path: string,
    private readonly propertyType: PropertyType,
    private readonly referenced: string | null,
    private readonly array: boolean,
    sortable = false,
  ) {
    super({ path, type: propertyType, isSortable: sortable });
  }
  override type(): PropertyType {
    return this.propertyType;
  }
  override reference(): string | null {
    return this.referenced;
  }
  override isArray(): boolean {
    return this.array;
  }
}
