import type { DataSource } from 'typeorm';
import type { LegacyOrigin } from '../domain/legacy-origin.js';

/**
 * Where a record of this registry came from in the old service (legacy_ids with its run), or null for a record made
 * here: the card's «№ в старой системе» and the first line of the record's history read the same row.
 */
export async function legacyOriginOf(dataSource: DataSource, table: string, id: number): Promise<LegacyOrigin | null> {
  const [row] = await dataSource.query(
    `SELECT l.old_id AS "oldId", l.outcome, l.old_created AS "oldCreated", l.old_updated AS "oldUpdated", l.notes, r.started_at AS "runAt", r.actor_name AS "runBy"
       FROM legacy_ids l JOIN legacy_runs r ON r.id = l.run_id
      WHERE l.table_name = $1 AND l.new_id = $2 AND l.outcome IN ('imported', 'merged')
      ORDER BY r.id LIMIT 1`,
    [table, id],
  );
  return (row as LegacyOrigin | undefined) ?? null;
}
