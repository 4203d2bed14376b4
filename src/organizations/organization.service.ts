import type { EntityManager } from 'typeorm';

/** An active organization with the same INN and KPP (empty KPP counts as a value), other than `exceptId`. */
export async function findActiveTwin(
  manager: EntityManager,
  inn: string,
  kpp: string | null,
  exceptId: number | null,
): Promise<{ id: number; fullName: string } | null> {
  const rows: { id: number; full_name: string }[] = await manager.query(
    `SELECT id, full_name FROM organizations
     WHERE is_active AND inn = $1 AND coalesce(kpp, '') = coalesce($2, '') AND ($3::int IS NULL OR id <> $3)
     LIMIT 1`,
    [inn, kpp, exceptId],
  );
  const row = rows[0];
  return row ? { id: row.id, fullName: row.full_name } : null;
}
