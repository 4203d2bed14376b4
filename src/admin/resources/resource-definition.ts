import type { BaseEntity } from 'typeorm';
import type { ResourceOptions } from 'adminjs';

/** One panel section: the entity, its AdminJS options and its Russian names. */
export interface ResourceDefinition {
  entity: typeof BaseEntity;
  options: ResourceOptions;
  /** The section's name in the menu and headers. */
  label: string;
  /** Russian property labels, by property path. */
  properties: Record<string, string>;
}

export const defineResource = (definition: ResourceDefinition): ResourceDefinition => definition;
