import { flat } from 'adminjs';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata.js';
import { listOf, quote, type JunctionTable } from './filter-sql.js';

/**
 * Many-to-many relations (owning side) as array-of-reference properties: read for a page with one query per
 * relation, taken from a form (`regions.0 = 5`, or AdminJS's empty-array marker) and saved with the row.
 */
export interface ManyToManyRelation extends JunctionTable {
  relation: RelationMetadata;
}

/** The entity's owning many-to-many relations, by property. */
export function manyToManyRelationsOf(metadata: EntityMetadata): Map<string, ManyToManyRelation> {
  return new Map(
    metadata.manyToManyRelations
      .filter((relation) => relation.isOwning && relation.junctionEntityMetadata)
      .map((relation) => {
        const junction = relation.junctionEntityMetadata!;
        return [
          relation.propertyName,
          {
            relation,
            junction: junction.tableName,
            ownerColumn: junction.ownerColumns[0]!.databaseName,
            inverseColumn: junction.inverseColumns[0]!.databaseName,
          },
        ];
      }),
  );
}

/** Sets each many-to-many property of the rows to the related ids (one query per relation for the whole page). */
export async function loadManyToMany(
  manager: EntityManager,
  relations: ReadonlyMap<string, ManyToManyRelation>,
  idPath: string,
  instances: ObjectLiteral[],
): Promise<void> {
  if (instances.length === 0 || relations.size === 0) return;
  const ids = instances.map((instance) => instance[idPath]);
  for (const [path, m] of relations) {
    const rows: { owner: number; other: number }[] = await manager.query(
      `SELECT ${quote(m.ownerColumn)} AS owner, ${quote(m.inverseColumn)} AS other FROM ${quote(m.junction)} WHERE ${quote(m.ownerColumn)} = ANY($1) ORDER BY 2`,
      [ids],
    );
    const byOwner = new Map<number, number[]>();
    for (const row of rows) byOwner.set(row.owner, [...(byOwner.get(row.owner) ?? []), row.other]);
    for (const instance of instances) instance[path] = byOwner.get(instance[idPath]) ?? [];
  }
}

/**
 * Splits a form's flat params into the plain columns and the many-to-many ids by property; `dropped` paths (the
 * virtual filters' properties) are removed. A relation whose value is not a list of record numbers is `malformed`.
 */
export function takeManyToMany(
  params: Record<string, unknown>,
  relations: ReadonlyMap<string, ManyToManyRelation>,
  dropped: Iterable<string>,
): { plain: Record<string, unknown>; relations: Map<string, number[]>; malformed: string[] } {
  const unflattened = flat.unflatten(params) as Record<string, unknown>;
  const taken = new Map<string, number[]>();
  const malformed: string[] = [];
  for (const path of relations.keys()) {
    if (!(path in unflattened)) continue;
    const raw = unflattened[path];
    const items = Array.isArray(raw) ? raw.map(String) : listOf(raw === '__FORM_VALUE_EMPTY_ARRAY__' ? '' : raw);
    if (items.some((item) => !/^[0-9]{1,10}$/.test(item.trim()))) malformed.push(path);
    else taken.set(path, items.map(Number));
    delete unflattened[path];
  }
  for (const path of dropped) delete unflattened[path];
  return { plain: flat.flatten(unflattened), relations: taken, malformed };
}
