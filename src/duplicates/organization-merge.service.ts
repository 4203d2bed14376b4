import type { DataSource, EntityManager } from 'typeorm';
import { MERGE_FIELDS, defaultChoices, differingFields, mergedValues } from '../domain/organization-merge.js';
import { isIsoDate, ruDate } from '../domain/form-values.js';

/**
 * Merging two organizations into one, and undoing a merge exactly (issue 26). One transaction each; both cards locked
 * in id order first, so two merges of overlapping pairs, or a clerk's save during a merge, wait for each other.
 *
 * Every column that references organizations is handled here (test/duplicates/organization-merge.db.test.ts fails
 * when a new one appears in the schema without being listed):
 */
export const ORGANIZATION_REFERENCES: { table: string; column: string; onMerge: string }[] = [
  { table: 'organizations_messages', column: 'organization_id', onMerge: 'letters move; a letter linked to both stays linked once' },
  { table: 'organization_documents', column: 'organization_id', onMerge: 'documents of a type the kept card lacks move; the others stay on the merged card' },
  { table: 'resources', column: 'owner_id', onMerge: 'move (deleted ones too)' },
  { table: 'responsibilities', column: 'organization_id', onMerge: 'move' },
  { table: 'egrul_checks', column: 'organization_id', onMerge: 'moves when the kept card has none; otherwise kept in the merge record' },
  { table: 'organizations', column: 'head_id', onMerge: 'branches of the merged card become the kept card’s' },
  { table: 'organizations', column: 'merged_into_id', onMerge: 'the merge itself: the merged card points to the kept one' },
  { table: 'organization_merges', column: 'kept_id', onMerge: 'the merge record' },
  { table: 'organization_merges', column: 'merged_id', onMerge: 'the merge record' },
  { table: 'duplicate_dismissals', column: 'organization_id', onMerge: 'stays: a «не дубль» mark is about the pair it was made for' },
  { table: 'duplicate_dismissals', column: 'other_id', onMerge: 'stays: a «не дубль» mark is about the pair it was made for' },
];

/** A merge or an undo refused, with the reasons in Russian (nothing was written). */
export class MergeRefusal extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
  }
}

/** What moved, per table: the ids (with the versions the rows were left with, to tell a later change). */
export interface MovedRows {
  letters: number[];
  /** Letters linked to both cards: the merged card's link was dropped. */
  lettersLinkedToBoth: number[];
  documents: [id: number, version: number][];
  /** Documents of a type the kept card has: they stay on the merged card. */
  documentsStaying: number[];
  resources: [id: number, version: number][];
  responsibilities: [id: number, version: number][];
  branches: [id: number, version: number][];
  /** The merged card's EGRUL check: moved to the kept card, or dropped (kept here) when the kept card has its own. */
  egrulCheck: { moved: boolean; checkedAt?: string; dropped?: Record<string, unknown> } | null;
}

export interface MergeResult {
  /** The moved letters' search words, made again after the commit (the merge itself is done when this starts). */
  searchRefreshed: Promise<void>;
  mergeId: number;
  keptId: number;
  mergedId: number;
  moved: MovedRows;
  fields: Record<string, { kept: unknown; merged: unknown; chosen: unknown }>;
}

const title = (row: Record<string, unknown>) => `«${String(row.short_name || row.full_name || `№ ${String(row.id)}`)}»`;

/**
 * Why these cards cannot be merged: the merge's and the preview's rule. Either card may already be merged into
 * another; the kept card must be active, the other may be inactive (an old closed card holding half of the letters —
 * the undo brings it back inactive).
 */
const cardRefusals = (kept: Record<string, unknown>, merged: Record<string, unknown>): string[] => [
  ...[kept, merged].filter((row) => row.merged_into_id !== null).map((row) => `Карточка ${title(row)} уже объединена с другой.`),
  ...(kept.merged_into_id === null && !kept.is_active ? [`Карточка ${title(kept)} недействующая: оставить можно только действующую.`] : []),
];

async function lockTwo(manager: EntityManager, ids: number[]): Promise<Record<string, unknown>[]> {
  return manager.query(`SELECT * FROM organizations WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [ids]);
}

/** The organizations' columns a restore writes back: all but the id, the version (the database's) and the search text (derived). */
async function restorableColumns(manager: EntityManager): Promise<string[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'organizations'
        AND column_name NOT IN ('id', 'version', 'search_text') ORDER BY ordinal_position`,
  );
  return rows.map((row) => row.name);
}

const pairs = (rows: { id: number; version: number }[]): [number, number][] => rows.map((row) => [row.id, row.version]);

/**
 * Merges `mergedId` into `keptId`: the kept card takes the chosen values (the default: its own, the other's where its
 * own is empty), every related row moves to it, the merged card is deactivated and points to it. One history entry
 * on both cards tells the fields and the moved rows.
 */
export async function mergeOrganizations(
  dataSource: DataSource,
  input: { keptId: number; mergedId: number; choices?: Record<string, unknown>; actorId?: number | null },
): Promise<MergeResult> {
  const { keptId, mergedId } = input;
  if (keptId === mergedId) throw new MergeRefusal(['Карточку нельзя объединить саму с собой.']);
  try {
    const merge = await dataSource.transaction(async (manager) => {
      const locked = await lockTwo(manager, [keptId, mergedId]);
      const kept = locked.find((row) => row.id === keptId);
      const merged = locked.find((row) => row.id === mergedId);
      if (!kept || !merged) throw new MergeRefusal(['Одной из организаций нет в реестре.']);
      const reasons = cardRefusals(kept, merged);
      if (reasons.length) throw new MergeRefusal(reasons);
      const { values, fields } = mergedValues(kept, merged, input.choices);

      // registered first (both cards as PostgreSQL holds them, to the microsecond): from here on the per-row history leaves this transaction to the merge's entry
      const [{ id: mergeId }] = await manager.query(
        `INSERT INTO organization_merges (kept_id, merged_id, actor_id, kept_before, merged_before, fields)
         SELECT $1, $2, $3, (SELECT to_jsonb(o) FROM organizations o WHERE id = $1), (SELECT to_jsonb(o) FROM organizations o WHERE id = $2), $4
         RETURNING id`,
        [keptId, mergedId, input.actorId ?? null, JSON.stringify(fields)],
      );

      const both: { message_id: number }[] = await manager.query(
        `WITH gone AS (DELETE FROM organizations_messages m WHERE m.organization_id = $2
            AND EXISTS (SELECT 1 FROM organizations_messages k WHERE k.message_id = m.message_id AND k.organization_id = $1)
          RETURNING message_id) SELECT message_id FROM gone ORDER BY 1`,
        [keptId, mergedId],
      );
      // re-pointed in place; their search words (which hold their organizations' names) are made again after the
      // commit, a thousand letters a statement (refreshLetterSearch): rewriting 10,000 letters inside the merge took 7 s
      const letters: { message_id: number }[] = await manager.query(
        `WITH moved AS (UPDATE organizations_messages SET organization_id = $1 WHERE organization_id = $2 RETURNING message_id) SELECT message_id FROM moved ORDER BY 1`,
        [keptId, mergedId],
      );
      // (UPDATE … RETURNING inside a CTE: TypeORM answers a bare one with [rows, count])
      const documents = await manager.query(
        `WITH moved AS (UPDATE organization_documents d SET organization_id = $1 WHERE d.organization_id = $2
            AND NOT EXISTS (SELECT 1 FROM organization_documents k WHERE k.organization_id = $1 AND k.org_adm_doc_id = d.org_adm_doc_id)
          RETURNING id, version) SELECT * FROM moved ORDER BY id`,
        [keptId, mergedId],
      );
      const staying: { id: number }[] = await manager.query(`SELECT id FROM organization_documents WHERE organization_id = $1 ORDER BY id`, [mergedId]);
      const resources = await manager.query(
        `WITH moved AS (UPDATE resources SET owner_id = $1 WHERE owner_id = $2 RETURNING id, version) SELECT * FROM moved ORDER BY id`,
        [keptId, mergedId],
      );
      const responsibilities = await manager.query(
        `WITH moved AS (UPDATE responsibilities SET organization_id = $1 WHERE organization_id = $2 RETURNING id, version) SELECT * FROM moved ORDER BY id`,
        [keptId, mergedId],
      );
      const branches = await manager.query(
        `WITH moved AS (UPDATE organizations SET head_id = $1 WHERE head_id = $2 AND id <> $1 RETURNING id, version) SELECT * FROM moved ORDER BY id`,
        [keptId, mergedId],
      );
      const [keptCheck] = await manager.query(`SELECT checked_at FROM egrul_checks WHERE organization_id = $1`, [keptId]);
      const [mergedCheck] = await manager.query(`SELECT to_jsonb(c) AS row, c.checked_at FROM egrul_checks c WHERE organization_id = $1`, [mergedId]);
      let egrulCheck: MovedRows['egrulCheck'] = null;
      if (mergedCheck && keptCheck) {
        await manager.query(`DELETE FROM egrul_checks WHERE organization_id = $1`, [mergedId]);
        egrulCheck = { moved: false, dropped: mergedCheck.row };
      } else if (mergedCheck) {
        await manager.query(`UPDATE egrul_checks SET organization_id = $1 WHERE organization_id = $2`, [keptId, mergedId]);
        egrulCheck = { moved: true, checkedAt: new Date(mergedCheck.checked_at).toISOString() };
      }

      // the merged card leaves the active ones first, so that the kept card may take its INN and KPP
      const [mergedAfter] = await manager.query(
        `WITH changed AS (UPDATE organizations SET is_active = false, merged_into_id = $1 WHERE id = $2 RETURNING version) SELECT version FROM changed`,
        [keptId, mergedId],
      );
      const columns = Object.keys(MERGE_FIELDS);
      const [keptAfter] = await manager.query(
        `WITH changed AS (UPDATE organizations SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')},
                head_id = CASE WHEN head_id = $${columns.length + 2} THEN NULL ELSE head_id END
          WHERE id = $1 RETURNING version) SELECT version FROM changed`,
        [keptId, ...columns.map((column) => values[column]), mergedId],
      );
      const moved: MovedRows = {
        letters: letters.map((row) => row.message_id),
        lettersLinkedToBoth: both.map((row) => row.message_id),
        documents: pairs(documents),
        documentsStaying: staying.map((row) => row.id),
        resources: pairs(resources),
        responsibilities: pairs(responsibilities),
        branches: pairs(branches),
        egrulCheck,
      };
      await manager.query(`UPDATE organization_merges SET kept_version = $2, merged_version = $3, moved = $4 WHERE id = $1`, [
        mergeId,
        keptAfter.version,
        mergedAfter.version,
        JSON.stringify(moved),
      ]);
      // one history entry on both cards: the fields' values and the moved rows (written by the database, migration OrganizationMerge)
      await manager.query(`SELECT merge_history($1)`, [mergeId]);
      return { mergeId, keptId, mergedId, moved, fields };
    });
    return { ...merge, searchRefreshed: refreshLetterSearch(dataSource, merge.moved.letters) };
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    if (constraint === 'uq_organizations_active_inn_kpp') {
      throw new MergeRefusal(['После объединения ИНН и КПП совпали бы с другой действующей организацией: выберите другие ИНН или КПП.']);
    }
    throw error;
  }
}

/**
 * Undoes merge `mergeId`: both cards and every moved row back as they were, in one transaction, provided nothing
 * touched them since; otherwise refuses, saying what changed. The rows' versions go on counting (an edit form opened
 * before the undo must not save over it).
 */
export async function undoMerge(
  dataSource: DataSource,
  input: { mergeId: number; actorId?: number | null },
): Promise<{ keptId: number; mergedId: number; searchRefreshed: Promise<void> }> {
  const undone = await dataSource.transaction(async (manager) => {
    const [merge] = await manager.query(`SELECT * FROM organization_merges WHERE id = $1 FOR UPDATE`, [input.mergeId]);
    if (!merge) throw new MergeRefusal([`Объединения № ${input.mergeId} нет.`]);
    if (merge.undone_at) throw new MergeRefusal(['Это объединение уже отменено.']);
    const keptId: number = merge.kept_id;
    const mergedId: number = merge.merged_id;
    const moved = merge.moved as MovedRows;
    const locked = await lockTwo(manager, [keptId, mergedId]);
    const kept = locked.find((row) => row.id === keptId)!;
    const merged = locked.find((row) => row.id === mergedId)!;
    await manager.query(`UPDATE organization_merges SET undone_at = clock_timestamp(), undo_tx = pg_current_xact_id(), undone_by = $2 WHERE id = $1`, [
      input.mergeId,
      input.actorId ?? null,
    ]);

    // nothing touched since the merge: the cards' versions, and every moved row where the merge left it
    const reasons: string[] = [];
    if (kept.version !== merge.kept_version) reasons.push(`Карточку ${title(kept)} изменили после объединения.`);
    if (merged.version !== merge.merged_version) reasons.push(`Карточку ${title(merged)} изменили после объединения.`);
    const changedSince = async (table: string, column: string, rows: [number, number][], noun: string) => {
      if (rows.length === 0) return;
      const [{ n }] = await manager.query(
        `SELECT count(*)::int AS n FROM ${table} t JOIN unnest($1::int[], $2::int[]) AS m(id, version) ON m.id = t.id WHERE t.${column} = $3 AND t.version = m.version`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), keptId],
      );
      if (n !== rows.length) reasons.push(`${noun}: ${rows.length - n} из ${rows.length} изменены или перенесены после объединения.`);
    };
    await changedSince('organization_documents', 'organization_id', moved.documents, 'Документы');
    await changedSince('resources', 'owner_id', moved.resources, 'Информационные ресурсы');
    await changedSince('responsibilities', 'organization_id', moved.responsibilities, 'Аутсорсинг');
    await changedSince('organizations', 'head_id', moved.branches, 'Филиалы');
    if (moved.letters.length) {
      const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1 AND message_id = ANY($2)`, [
        keptId,
        moved.letters,
      ]);
      if (n !== moved.letters.length) reasons.push(`Письма: ${moved.letters.length - n} из ${moved.letters.length} отвязаны после объединения.`);
    }
    const [{ n: lettersOfMerged }] = await manager.query(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [mergedId]);
    if (lettersOfMerged > 0) reasons.push(`К объединённой карточке после объединения привязаны письма (${lettersOfMerged}).`);
    if (moved.egrulCheck?.moved) {
      const [check] = await manager.query(`SELECT checked_at FROM egrul_checks WHERE organization_id = $1`, [keptId]);
      if (!check || new Date(check.checked_at).toISOString() !== moved.egrulCheck.checkedAt) reasons.push('Организацию сверили с ЕГРЮЛ после объединения.');
    }
    if (reasons.length) throw new MergeRefusal([...reasons, 'Ничего не отменено.']);

    // the kept card first (its INN and KPP back), then the merged one active again, then its rows back to it (a
    // merged card takes no rows: organization_not_merged)
    const columns = await restorableColumns(manager);
    const restore = (id: number, before: unknown, only: string[]) =>
      manager.query(
        `UPDATE organizations SET (${only.join(', ')}) = (SELECT ${only.join(', ')} FROM jsonb_populate_record(NULL::organizations, $2)) WHERE id = $1`,
        [id, JSON.stringify(before)],
      );
    // the kept card's head last: it may be the merged card (a branch merged with its head)
    await restore(
      keptId,
      merge.kept_before,
      columns.filter((column) => column !== 'head_id'),
    );
    await restore(mergedId, merge.merged_before, columns);
    await restore(keptId, merge.kept_before, ['head_id', 'updated_at']);
    if (moved.letters.length) {
      await manager.query(`UPDATE organizations_messages SET organization_id = $2 WHERE organization_id = $1 AND message_id = ANY($3)`, [
        keptId,
        mergedId,
        moved.letters,
      ]);
    }
    if (moved.lettersLinkedToBoth.length) {
      await manager.query(`INSERT INTO organizations_messages (message_id, organization_id) SELECT unnest($1::int[]), $2`, [
        moved.lettersLinkedToBoth,
        mergedId,
      ]);
    }
    const back = async (table: string, column: string, rows: [number, number][]) => {
      if (rows.length) await manager.query(`UPDATE ${table} SET ${column} = $1 WHERE id = ANY($2)`, [mergedId, rows.map((r) => r[0])]);
    };
    await back('organization_documents', 'organization_id', moved.documents);
    await back('resources', 'owner_id', moved.resources);
    await back('responsibilities', 'organization_id', moved.responsibilities);
    await back('organizations', 'head_id', moved.branches);
    if (moved.egrulCheck?.moved) await manager.query(`UPDATE egrul_checks SET organization_id = $1 WHERE organization_id = $2`, [mergedId, keptId]);
    if (moved.egrulCheck?.dropped) {
      await manager.query(`INSERT INTO egrul_checks SELECT * FROM jsonb_populate_record(NULL::egrul_checks, $1)`, [JSON.stringify(moved.egrulCheck.dropped)]);
    }
    await manager.query(`SELECT merge_history($1)`, [input.mergeId]);
    return { keptId, mergedId, letters: moved.letters };
  });
  return { keptId: undone.keptId, mergedId: undone.mergedId, searchRefreshed: refreshLetterSearch(dataSource, undone.letters) };
}

/**
 * The search words of letters whose organizations changed, made again (the letters' trigger makes them from the
 * letter and its organizations), a thousand letters a statement, after the merge or undo that moved them.
 */
export async function refreshLetterSearch(dataSource: DataSource, letterIds: number[]): Promise<void> {
  for (let from = 0; from < letterIds.length; from += 1000) {
    await dataSource.query(`UPDATE messages SET search_text = NULL WHERE id = ANY($1)`, [letterIds.slice(from, from + 1000)]);
  }
}

/** What a merge would do, before it is made: the fields side by side (differing first) and what would move. */
export interface MergePreview {
  kept: { id: number; title: string };
  merged: { id: number; title: string };
  /** `keptText`/`mergedText`: the values as the card shows them (a region by its name, a date as ДД.ММ.ГГГГ). */
  fields: { field: string; label: string; kept: unknown; merged: unknown; keptText: string; mergedText: string; differs: boolean; choice: string }[];
  counts: {
    letters: number;
    lettersLinkedToBoth: number;
    documents: number;
    documentsStaying: number;
    resources: number;
    responsibilities: number;
    branches: number;
    egrulCheck: 'moves' | 'kept-in-record' | 'none';
  };
  refusals: string[];
}

export async function mergePreview(dataSource: DataSource, keptId: number, mergedId: number): Promise<MergePreview | null> {
  const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM organizations WHERE id = ANY($1)`, [[keptId, mergedId]]);
  const kept = rows.find((row) => row.id === keptId);
  const merged = rows.find((row) => row.id === mergedId);
  if (!kept || !merged || keptId === mergedId) return null;
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM organizations_messages m WHERE m.organization_id = $2
              AND NOT EXISTS (SELECT 1 FROM organizations_messages k WHERE k.message_id = m.message_id AND k.organization_id = $1)) AS letters,
            (SELECT count(*)::int FROM organizations_messages m JOIN organizations_messages k ON k.message_id = m.message_id AND k.organization_id = $1
              WHERE m.organization_id = $2) AS "lettersLinkedToBoth",
            (SELECT count(*)::int FROM organization_documents d WHERE d.organization_id = $2
              AND NOT EXISTS (SELECT 1 FROM organization_documents k WHERE k.organization_id = $1 AND k.org_adm_doc_id = d.org_adm_doc_id)) AS documents,
            (SELECT count(*)::int FROM organization_documents d WHERE d.organization_id = $2
              AND EXISTS (SELECT 1 FROM organization_documents k WHERE k.organization_id = $1 AND k.org_adm_doc_id = d.org_adm_doc_id)) AS "documentsStaying",
            (SELECT count(*)::int FROM resources WHERE owner_id = $2) AS resources,
            (SELECT count(*)::int FROM responsibilities WHERE organization_id = $2) AS responsibilities,
            (SELECT count(*)::int FROM organizations WHERE head_id = $2 AND id <> $1) AS branches,
            CASE WHEN NOT EXISTS (SELECT 1 FROM egrul_checks WHERE organization_id = $2) THEN 'none'
                 WHEN EXISTS (SELECT 1 FROM egrul_checks WHERE organization_id = $1) THEN 'kept-in-record' ELSE 'moves' END AS "egrulCheck"`,
    [keptId, mergedId],
  );
  const differing = new Set(differingFields(kept, merged));
  const choices = defaultChoices(kept, merged);
  const regions = new Map<unknown, string>(
    ((await dataSource.query(`SELECT id, name FROM regions WHERE id = ANY($1)`, [[kept.region_id, merged.region_id]])) as { id: number; name: string }[]).map(
      (r) => [r.id, r.name],
    ),
  );
  const text = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'region_id') return regions.get(value) ?? String(value);
    if (typeof value === 'boolean') return value ? 'да' : 'нет';
    return isIsoDate(String(value)) ? ruDate(String(value)) : String(value);
  };
  const fields = Object.entries(MERGE_FIELDS).map(([field, label]) => ({
    field,
    label,
    kept: kept[field] ?? null,
    merged: merged[field] ?? null,
    keptText: text(field, kept[field]),
    mergedText: text(field, merged[field]),
    differs: differing.has(field),
    choice: choices[field]!,
  }));
  const refusals = cardRefusals(kept, merged);
  return {
    kept: { id: keptId, title: title(kept) },
    merged: { id: mergedId, title: title(merged) },
    fields: [...fields.filter((f) => f.differs), ...fields.filter((f) => !f.differs)],
    counts,
    refusals,
  };
}
