import type { EntityManager } from 'typeorm';
import { postalCodesIn } from '../domain/postal-index.js';

/**
 * Regions from the postal codes written in an address (the original compared an integer with the VARCHAR
 * code, which PostgreSQL refuses; here it is text against the primary key, an index lookup).
 */
export async function regionsOfAddressText(manager: EntityManager, address: string | null | undefined): Promise<number[]> {
  const codes = postalCodesIn(address);
  if (codes.length === 0) return [];
  const rows: { region_id: number }[] = await manager.query(
    'SELECT DISTINCT region_id FROM addresses WHERE index = ANY($1::varchar[]) AND region_id IS NOT NULL ORDER BY region_id',
    [codes],
  );
  return rows.map((r) => r.region_id);
}

/** The one region an organization's address points to, if its postal codes agree on one. */
export async function suggestRegionForAddress(manager: EntityManager, address: string | null | undefined): Promise<number | null> {
  const regions = await regionsOfAddressText(manager, address);
  return regions.length === 1 ? (regions[0] as number) : null;
}

/** Adds the regions found in a resource's addresses to its regions (never removes ones set by hand). */
export async function addRegionsFromAddresses(manager: EntityManager, resourceId: number, addresses: string | null | undefined): Promise<number[]> {
  const regions = await regionsOfAddressText(manager, addresses);
  if (regions.length > 0) {
    await manager.query('INSERT INTO resources_regions (resource_id, region_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [resourceId, regions]);
  }
  return regions;
}

/** Federal district names of the given regions (one query for a whole list page). */
export async function okrugNamesOfRegions(manager: EntityManager, regionIds: number[]): Promise<Map<number, string>> {
  if (regionIds.length === 0) return new Map();
  const rows: { id: number; name: string }[] = await manager.query(
    'SELECT r.id, o.name FROM regions r JOIN okrugs o ON o.id = r.okrug_id WHERE r.id = ANY($1::int[])',
    [[...new Set(regionIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
