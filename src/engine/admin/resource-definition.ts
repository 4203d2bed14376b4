import type { BaseEntity } from 'typeorm';
import type { ResourceOptions } from 'adminjs';
import type { RegistryResourceOptions } from './adapter/registry-resource.js';
import type { VirtualFilter } from './adapter/filter-sql.js';
import type { ExportDefinition } from '../export/table-format.js';

/** One panel section: the entity, its AdminJS options and its Russian names. */
export interface ResourceDefinition {
  entity: typeof BaseEntity;
  options: ResourceOptions;
  /** The section's name in the menu and headers, and its list's heading («Письма», not «Список»). */
  label: string;
  /** The heading of its «new» form and the list's button: «Новое письмо» (default «Создать»). */
  newLabel?: string;
  /** Russian property labels, by property path. */
  properties: Record<string, string>;
  /** Filters that are SQL conditions rather than columns (search box, "has documents of these types", …). */
  virtualFilters?: VirtualFilter[];
  /** Exact row count kept in `row_counts` (organizations, letters). */
  countedTable?: string;
  /** Messages for database constraints, by constraint name. */
  constraintMessages?: RegistryResourceOptions['constraintMessages'];
  /** The record's name (heading, breadcrumb, tab, references) when one column is not enough. */
  titleOf?: RegistryResourceOptions['titleOf'];
  /** Sorting by what is not one column (see RegistryResourceOptions.sortExpressions). */
  sortExpressions?: RegistryResourceOptions['sortExpressions'];
  /** «Выгрузить»: the list as CSV or XLSX with these columns (the panel adds the action and the route serves it). */
  export?: ExportDefinition;
}

/** A section's definition; every section's records carry `version` (optimistic concurrency), labelled here once. */
export const defineResource = (definition: ResourceDefinition): ResourceDefinition => ({
  ...definition,
  properties: { version: 'Версия записи', ...definition.properties },
});
