import type { DataSource } from 'typeorm';
import { NAME_SIMILARITY_THRESHOLD, type DuplicateReason } from '../domain/duplicate-reasons.js';

/** One card of a pair, as the list shows it. */
export interface DuplicateCard {
  id: number;
  title: string;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  region: string | null;
  isActive: boolean;
  letters: number;
  documents: number;
}

/** A pair: the card suggested to keep first, then the one to merge into it. */
export interface DuplicatePair {
  kept: DuplicateCard;
  other: DuplicateCard;
  reasons: DuplicateReason[];
  /** The names' similarity (0…1) when the name rule found the pair. */
  similarity: number | null;
}

export interface DuplicatesPage {
  pairs: DuplicatePair[];
  /** Pairs of the whole list (with the filter), not only of the page. */
  total: number;
  page: number;
  perPage: number;
}

export const DUPLICATES_PER_PAGE = 50;

/**
 * The rules (between active cards, but for the inactive twin; a merged card is inactive and never listed):
 * - `inn`: the same INN, KPP different or missing (two active cards with the same INN and KPP cannot exist), except a
 *   head and its own branch and two branches of one head;
 * - `ogrn`: the same OGRN, with the same exceptions;
 * - `inactiveTwin`: an inactive card (not merged) with the INN and KPP of an active one — a card closed instead of
 *   merged, or a twin the move-in from the old service brought in as inactive (its letters stay on it);
 * - `branchHead`: such an inactive card is the head of active branches — the head was entered again as a separate
 *   organization, and the branches still point to the old card (two active cards with one INN and KPP cannot exist);
 * - `name`: the same region and names without their legal forms (`name_key`) either equal, or at least
 *   NAME_SIMILARITY_THRESHOLD similar (pg_trgm) among the names of that region that begin with the same four letters.
 *   The blocking by four letters is what makes it fast: comparing every two names of a region took 23 s on the bench
 *   registry (100k cards), the trigram index per card 200 s, an exact set-similarity join 2.5 s; this one with the
 *   rest of the list about 1.1–1.5 s. Its price: a typo in the first four letters, or the same words in another order,
 *   is not a name pair (such cards are still found when their INN or OGRN match).
 * Pairs marked «не дубль» are left out.
 */
const PAIRS_SQL = `
  WITH active AS MATERIALIZED (
    SELECT id, inn, kpp, ogrn, region_id, head_id, name_key FROM organizations WHERE is_active
  ),
  inn_twins AS MATERIALIZED (
    SELECT * FROM active WHERE inn IN (SELECT inn FROM active WHERE inn IS NOT NULL GROUP BY inn HAVING count(*) > 1)
  ),
  ogrn_twins AS MATERIALIZED (
    SELECT * FROM active WHERE ogrn IN (SELECT ogrn FROM active WHERE ogrn IS NOT NULL GROUP BY ogrn HAVING count(*) > 1)
  ),
  name_keys AS MATERIALIZED (
    SELECT region_id, name_key, array_agg(id ORDER BY id) AS ids FROM active WHERE name_key IS NOT NULL AND region_id IS NOT NULL GROUP BY region_id, name_key
  ),
  found AS (
    SELECT a.id AS first_id, b.id AS second_id, 'inn' AS reason, NULL::real AS similarity
      FROM inn_twins a JOIN inn_twins b ON b.inn = a.inn AND b.id > a.id
     WHERE ($1::text IS NULL OR $1 = 'inn')
       AND a.head_id IS DISTINCT FROM b.id AND b.head_id IS DISTINCT FROM a.id AND (a.head_id IS NULL OR a.head_id IS DISTINCT FROM b.head_id)
    UNION ALL
    SELECT a.id, b.id, 'ogrn', NULL
      FROM ogrn_twins a JOIN ogrn_twins b ON b.ogrn = a.ogrn AND b.id > a.id
     WHERE ($1::text IS NULL OR $1 = 'ogrn')
       AND a.head_id IS DISTINCT FROM b.id AND b.head_id IS DISTINCT FROM a.id AND (a.head_id IS NULL OR a.head_id IS DISTINCT FROM b.head_id)
    UNION ALL
    SELECT least(t.id, x.id), greatest(t.id, x.id), reason.name, NULL
      FROM organizations t JOIN active x ON x.inn = t.inn AND coalesce(x.kpp, '') = coalesce(t.kpp, '')
     CROSS JOIN LATERAL (
       SELECT 'inactiveTwin' AS name
       UNION ALL
       SELECT 'branchHead' WHERE EXISTS (SELECT 1 FROM organizations branch WHERE branch.head_id = t.id AND branch.is_active)
     ) reason
     WHERE ($1::text IS NULL OR $1 = reason.name) AND NOT t.is_active AND t.merged_into_id IS NULL
    UNION ALL
    SELECT least(x, y), greatest(x, y), 'name', alike.similarity
      FROM (SELECT a.ids AS ids_a, a.ids AS ids_b, 1::real AS similarity
              FROM name_keys a WHERE cardinality(a.ids) > 1
            UNION ALL
            SELECT a.ids, b.ids, similarity(a.name_key, b.name_key)
              FROM name_keys a JOIN name_keys b ON b.region_id = a.region_id AND left(b.name_key, 4) = left(a.name_key, 4) AND b.name_key > a.name_key
             WHERE similarity(a.name_key, b.name_key) >= $4) alike
      CROSS JOIN LATERAL unnest(alike.ids_a) x CROSS JOIN LATERAL unnest(alike.ids_b) y
     WHERE ($1::text IS NULL OR $1 = 'name') AND (alike.ids_a <> alike.ids_b OR x < y)
  ),
  pairs AS (
    SELECT first_id, second_id, array_agg(reason ORDER BY reason) AS reasons, max(similarity) AS similarity,
           min(CASE reason WHEN 'name' THEN 2 WHEN 'inn' THEN 0 WHEN 'ogrn' THEN 0 ELSE 1 END) AS strength
      FROM found f
     WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissals d WHERE d.organization_id = f.first_id AND d.other_id = f.second_id)
     GROUP BY first_id, second_id
  )
  SELECT counted.total, shown.*
    FROM (SELECT count(*) AS total FROM pairs) counted
    LEFT JOIN LATERAL (
      SELECT first_id, second_id, reasons, similarity FROM pairs
       ORDER BY strength, similarity DESC NULLS FIRST, first_id, second_id
       LIMIT $2 OFFSET $3
    ) shown ON true`;

const CARDS_SQL = `
  SELECT o.id, coalesce(nullif(o.short_name, ''), o.full_name) AS title, o.inn, o.kpp, o.ogrn, r.name AS region, o.is_active AS "isActive",
         (SELECT count(*) FROM organizations_messages l WHERE l.organization_id = o.id)::int AS letters,
         (SELECT count(*) FROM organization_documents d WHERE d.organization_id = o.id)::int AS documents
    FROM organizations o LEFT JOIN regions r ON r.id = o.region_id
   WHERE o.id = ANY($1)`;

/**
 * Which card of a pair to keep: the active one, then the one with a KPP, then the one with more letters and
 * documents, then the older one. The admin can keep the other (the merge page swaps them).
 */
function keptFirst(a: DuplicateCard, b: DuplicateCard): [DuplicateCard, DuplicateCard] {
  const score = (c: DuplicateCard) => [c.isActive ? 1 : 0, c.kpp ? 1 : 0, c.letters + c.documents, -c.id];
  const [sa, sb] = [score(a), score(b)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! > sb[i]! ? [a, b] : [b, a];
  return [a, b];
}

/** One page of «Возможные дубли», with the count of the whole list. */
export async function possibleDuplicates(dataSource: DataSource, options: { reason?: DuplicateReason | null; page?: number }): Promise<DuplicatesPage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const rows = await dataSource.transaction(async (manager) => {
    // one statement over every active card: sorts and hashes in memory, and no JIT (its compilation alone took 1.2 s)
    await manager.query(`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    const offset = (page - 1) * DUPLICATES_PER_PAGE;
    return (await manager.query(PAIRS_SQL, [options.reason ?? null, DUPLICATES_PER_PAGE, offset, NAME_SIMILARITY_THRESHOLD])) as {
      first_id: number;
      second_id: number;
      reasons: DuplicateReason[];
      similarity: number | null;
      total: string;
    }[];
  });
  const total = Number(rows[0]?.total ?? 0);
  const shown = rows.filter((row) => row.first_id !== null);
  const ids = [...new Set(shown.flatMap((r) => [r.first_id, r.second_id]))];
  const cards = new Map<number, DuplicateCard>(
    ids.length ? ((await dataSource.query(CARDS_SQL, [ids])) as DuplicateCard[]).map((c) => [c.id, c] as const) : [],
  );
  const pairs = shown.map((row) => {
    const [kept, other] = keptFirst(cards.get(row.first_id)!, cards.get(row.second_id)!);
    const similarity = row.similarity === null ? null : Math.round(Number(row.similarity) * 100) / 100;
    return { kept, other, reasons: row.reasons, similarity };
  });
  return { pairs, total, page, perPage: DUPLICATES_PER_PAGE };
}

/** Marks a pair «не дубль» (recorded in both cards' history by the table's trigger); marking it again changes nothing. */
export async function dismissPair(dataSource: DataSource, firstId: number, secondId: number, actorId: number | null): Promise<boolean> {
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  // a transaction of the application's: the history's entry names who marked it
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO duplicate_dismissals (organization_id, other_id, dismissed_by)
       SELECT $1, $2, $3 WHERE (SELECT count(*) FROM organizations WHERE id IN ($1, $2)) = 2
       ON CONFLICT DO NOTHING`,
      [low, high, actorId],
    );
    const rows: unknown[] = await manager.query(`SELECT 1 FROM duplicate_dismissals WHERE organization_id = $1 AND other_id = $2`, [low, high]);
    return rows.length > 0;
  });
}

/** Takes a «не дубль» mark back: the pair is listed again while a rule still finds it. */
export async function restorePair(dataSource: DataSource, firstId: number, secondId: number): Promise<void> {
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  await dataSource.transaction((manager) => manager.query(`DELETE FROM duplicate_dismissals WHERE organization_id = $1 AND other_id = $2`, [low, high]));
}
