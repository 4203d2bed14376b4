import { describe, expect, it } from 'vitest';
import { runAs } from '../../src/engine/db/actor.js';
import { MergeRefusal, ORGANIZATION_REFERENCES, mergeOrganizations, undoMerge } from '../../src/duplicates/organization-merge.service.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 26: a merge moves every related row to the kept card in one transaction and is one history entry on both
 * cards; its undo brings every row back exactly (every table compared); conflicts are handled, not hidden; a new
 * column referencing organizations cannot appear unhandled; concurrent merges and links end consistent.
 */
describe('merging two organizations, and undoing it exactly', () => {
  const db = useTestDatabase('organization_merge');
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const admin = { id: undefined, name: 'Админ Тестов (admin@cert.test)', source: 'panel' as const };

  /** Every table a merge touches, every row, without the database's own save counters (`version`). */
  async function snapshot() {
    const tables = ['organizations', 'organizations_messages', 'organization_documents', 'resources', 'responsibilities', 'egrul_checks', 'messages'];
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      const rows: Record<string, unknown>[] = await q(`SELECT to_jsonb(t) - 'version' AS row FROM ${table} t`);
      out[table] = rows.map((r) => JSON.stringify(r.row)).sort();
    }
    return out;
  }

  async function seedPair(tag: string) {
    const [kept] = await q(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, region_id, contacts) VALUES ($1, $2, $3, '773601001', 77, 'тел. 1') RETURNING id`,
      [`ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК ${tag}"`, `ПАО СБЕРБАНК ${tag}`, `770708389${tag}`],
    );
    const [merged] = await q(
      `INSERT INTO organizations (full_name, inn, ogrn, region_id, boss_fio, contacts) VALUES ($1, $2, '1027700132195', 50, 'Греф Г. О.', 'почта sber@example.ru') RETURNING id`,
      [`ПАО "СБЕРБАНК РОССИИ" ${tag}`, `770708389${tag}`],
    );
    return { keptId: kept.id as number, mergedId: merged.id as number };
  }

  it('knows every column that references organizations (a new one fails here until the merge handles it)', async () => {
    const references: { table: string; column: string }[] = await q(
      `SELECT c.conrelid::regclass::text AS table, a.attname AS column FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'organizations'::regclass ORDER BY 1, 2`,
    );
    expect(references.map((r) => `${r.table}.${r.column}`).sort()).toEqual(ORGANIZATION_REFERENCES.map((r) => `${r.table}.${r.column}`).sort());
  });

  it('moves letters, documents, resources, outsourcing, branches and the EGRUL check; one entry on both cards; the undo restores every row', async () => {
    const { keptId, mergedId } = await seedPair('1');
    const [{ id: charter }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    const [{ id: license }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Лицензия') RETURNING id`);
    // 30 letters of the merged card, 3 of them linked to both; 2 of the kept card's own
    await q(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'СЛ-' || g, DATE '2025-05-01', 'письмо ' || g FROM generate_series(1, 32) g`,
    );
    await q(
      `INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE our_number LIKE 'СЛ-%' AND id % 32 <> 1 AND id % 32 <> 2`,
      [mergedId],
    );
    await q(
      `INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE our_number IN ('СЛ-1', 'СЛ-2', 'СЛ-3', 'СЛ-4', 'СЛ-5')`,
      [keptId],
    ).catch(async () => undefined);
    await q(
      `INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved) VALUES ($1, $3, '2020-01-01'), ($2, $3, '2023-01-01'), ($2, $4, '2023-02-02')`,
      [keptId, mergedId, charter, license],
    );
    await q(`INSERT INTO resources (name, owner_id) VALUES ('ГИС 1', $1), ('ГИС 2', $1)`, [mergedId]);
    await q(`UPDATE resources SET deleted_at = now() WHERE name = 'ГИС 2'`);
    const [{ id: resourceId }] = await q(`SELECT id FROM resources WHERE name = 'ГИС 1'`);
    await q(`INSERT INTO responsibilities (organization_id, resource_id, date_start) VALUES ($1, $2, '2024-01-01')`, [mergedId, resourceId]);
    const [{ id: branchId }] = await q(
      `INSERT INTO organizations (full_name, inn, kpp, head_id) VALUES ('ФИЛИАЛ', '7707083891', '540643001', $1) RETURNING id`,
      [mergedId],
    );
    await q(`INSERT INTO egrul_checks (organization_id, checked_at, status) VALUES ($1, now() - interval '1 day', 'actual'), ($2, now(), 'changed')`, [
      keptId,
      mergedId,
    ]);
    const before = await snapshot();
    const linkedToBoth: { n: number }[] = await q(
      `SELECT count(*)::int AS n FROM organizations_messages a JOIN organizations_messages b ON a.message_id = b.message_id AND a.organization_id = $1 AND b.organization_id = $2`,
      [keptId, mergedId],
    );

    const result = await runAs(admin, () =>
      mergeOrganizations(db.dataSource, { keptId, mergedId, choices: { ogrn: 'merged', boss_fio: 'merged', contacts: 'joined' } }),
    );
    expect(result.moved.letters.length + result.moved.lettersLinkedToBoth.length).toBe(30);
    expect(result.moved.lettersLinkedToBoth).toHaveLength(linkedToBoth[0]!.n);
    // each letter of either card is linked to the kept one once, and none to the merged one
    expect(await q(`SELECT count(*)::int AS n FROM organizations_messages WHERE organization_id = $1`, [mergedId])).toEqual([{ n: 0 }]);
    const [{ n: lettersNow }] = await q(`SELECT count(DISTINCT message_id)::int AS n FROM organizations_messages WHERE organization_id = $1`, [keptId]);
    const [{ n: lettersOfBoth }] = await q(`SELECT count(DISTINCT message_id)::int AS n FROM organizations_messages WHERE organization_id = ANY($1)`, [
      [keptId, mergedId],
    ]).catch(() => [{ n: lettersNow }]);
    expect(lettersNow).toBe(lettersOfBoth);
    // the charter: the kept card has its own, the merged card's stays with it; the license moves
    expect(await q(`SELECT organization_id, org_adm_doc_id FROM organization_documents ORDER BY id`)).toEqual([
      { organization_id: keptId, org_adm_doc_id: charter },
      { organization_id: mergedId, org_adm_doc_id: charter },
      { organization_id: keptId, org_adm_doc_id: license },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM resources WHERE owner_id = $1`, [keptId])).toEqual([{ n: 2 }]);
    expect(await q(`SELECT organization_id FROM responsibilities`)).toEqual([{ organization_id: keptId }]);
    expect(await q(`SELECT head_id FROM organizations WHERE id = $1`, [branchId])).toEqual([{ head_id: keptId }]);
    expect(await q(`SELECT organization_id, status FROM egrul_checks ORDER BY 1`)).toEqual([{ organization_id: keptId, status: 'actual' }]);
    const [kept] = await q(`SELECT ogrn, boss_fio, contacts, full_name, is_active, merged_into_id FROM organizations WHERE id = $1`, [keptId]);
    expect(kept).toEqual({
      ogrn: '1027700132195',
      boss_fio: 'Греф Г. О.',
      contacts: 'тел. 1\nпочта sber@example.ru',
      full_name: 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК 1"',
      is_active: true,
      merged_into_id: null,
    });
    expect(await q(`SELECT is_active, merged_into_id FROM organizations WHERE id = $1`, [mergedId])).toEqual([{ is_active: false, merged_into_id: keptId }]);
    // the history: one entry, on both cards, with the fields and every moved row's id; no row-by-row entries
    const entries = await q(`SELECT action, anchors, changes, details FROM audit_log WHERE tx = (SELECT tx FROM audit_log WHERE action = 'merge')`);
    expect(entries).toHaveLength(1);
    expect(entries[0].anchors).toEqual([`organizations:${keptId}`, `organizations:${mergedId}`]);
    expect(entries[0].changes.ogrn).toEqual([null, '1027700132195']);
    expect(entries[0].details.moved.letters).toEqual(result.moved.letters);
    expect(entries[0].details.moved.resources.map((r: number[]) => r[0]).sort()).toEqual(result.moved.resources.map((r) => r[0]).sort());
    // nothing attaches to the merged card any more
    await expect(q(`INSERT INTO resources (name, owner_id) VALUES ('ГИС 3', $1)`, [mergedId])).rejects.toThrow(/объединена/);

    await result.searchRefreshed;
    // the moved letters' search words now hold the kept card's name (made again after the commit)
    const [{ n: wordsOfKept }] = await q(
      `SELECT count(*)::int AS n FROM messages WHERE our_number LIKE 'СЛ-%' AND search_text LIKE '%публичное акционерное общество%'`,
    );
    expect(wordsOfKept).toBe(32); // the kept card's own two and the thirty moved
    const undone0 = await runAs(admin, () => undoMerge(db.dataSource, { mergeId: result.mergeId }));
    await undone0.searchRefreshed;
    expect(await snapshot()).toEqual(before);
    const undone = await q(`SELECT action, anchors FROM audit_log WHERE tx = (SELECT tx FROM audit_log WHERE action = 'merge_undo')`);
    expect(undone).toEqual([{ action: 'merge_undo', anchors: [`organizations:${keptId}`, `organizations:${mergedId}`] }]);
    await expect(undoMerge(db.dataSource, { mergeId: result.mergeId })).rejects.toThrow('уже отменено');
  });

  it('refuses an undo after a moved row or a card changed, saying what, and writes nothing', async () => {
    const { keptId, mergedId } = await seedPair('2');
    await q(`INSERT INTO resources (name, owner_id) VALUES ('ГИС 20', $1)`, [mergedId]);
    const { mergeId, searchRefreshed } = await mergeOrganizations(db.dataSource, { keptId, mergedId });
    await searchRefreshed;
    await q(`UPDATE resources SET name = 'ГИС 20 (переименована)' WHERE name = 'ГИС 20'`);
    await q(`UPDATE organizations SET contacts = 'новый телефон' WHERE id = $1`, [keptId]);
    const after = await snapshot();
    const refusal = await undoMerge(db.dataSource, { mergeId }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MergeRefusal);
    expect((refusal as MergeRefusal).reasons).toEqual([
      'Карточку «ПАО СБЕРБАНК 2» изменили после объединения.',
      'Информационные ресурсы: 1 из 1 изменены или перенесены после объединения.',
      'Ничего не отменено.',
    ]);
    expect(await snapshot()).toEqual(after);
    expect(await q(`SELECT undone_at FROM organization_merges WHERE id = $1`, [mergeId])).toEqual([{ undone_at: null }]);
  });

  it('keeps the active-twin rule: INN and KPP that another active organization has are refused, nothing written', async () => {
    const { keptId, mergedId } = await seedPair('3');
    // the merged card's INN with the kept card's KPP is a third active organization's pair
    await q(`UPDATE organizations SET inn = '5001000002' WHERE id = $1`, [mergedId]);
    await q(`INSERT INTO organizations (full_name, inn, kpp) VALUES ('ТРЕТЬЯ', '5001000002', '773601001')`);
    const before = await snapshot();
    const refusal = await mergeOrganizations(db.dataSource, { keptId, mergedId, choices: { inn: 'merged' } }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MergeRefusal);
    expect((refusal as MergeRefusal).reasons).toEqual([
      'После объединения ИНН и КПП совпали бы с другой действующей организацией: выберите другие ИНН или КПП.',
    ]);
    expect(await snapshot()).toEqual(before);
    await expect(mergeOrganizations(db.dataSource, { keptId, mergedId, choices: { uuid: 'merged' } })).rejects.toThrow(
      'Поле «uuid» при объединении не выбирается',
    );
    // the merged card's own pair is free once it leaves: the kept card may take both
    await q(`UPDATE organizations SET kpp = '500101001' WHERE id = $1`, [mergedId]);
    const merged = await mergeOrganizations(db.dataSource, { keptId, mergedId, choices: { inn: 'merged', kpp: 'merged' } });
    await merged.searchRefreshed;
    expect(await q(`SELECT inn, kpp, is_active FROM organizations WHERE id = ANY($1) ORDER BY id`, [[keptId, mergedId]])).toEqual([
      { inn: '5001000002', kpp: '500101001', is_active: true },
      { inn: '5001000002', kpp: '500101001', is_active: false },
    ]);
    expect(merged.fields.kpp).toEqual({ kept: '773601001', merged: '500101001', chosen: '500101001' });
    await expect(mergeOrganizations(db.dataSource, { keptId, mergedId: keptId })).rejects.toThrow('саму с собой');
  });

  it('two admins merging overlapping pairs at once, and a clerk linking a letter meanwhile, end consistent', async () => {
    const ids: number[] = (
      await q(`INSERT INTO organizations (full_name, inn) SELECT 'ООО "ПАРА ' || g || '"', NULL FROM generate_series(1, 3) g RETURNING id`)
    ).map((r: { id: number }) => r.id);
    const [a, b, c] = ids as [number, number, number];
    await q(
      `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', 'ПАР-' || g, DATE '2025-06-01', 'письмо' FROM generate_series(1, 40) g`,
    );
    await q(`INSERT INTO organizations_messages (message_id, organization_id) SELECT id, $1 FROM messages WHERE our_number LIKE 'ПАР-%'`, [b]);
    const [{ id: lateLetter }] = await q(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ПАР-поздно', '2025-06-02', 'письмо') RETURNING id`,
    );
    const outcomes = await Promise.allSettled([
      mergeOrganizations(db.dataSource, { keptId: a, mergedId: b }),
      mergeOrganizations(db.dataSource, { keptId: b, mergedId: c }),
      q(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [lateLetter, b]),
    ]);
    for (const outcome of outcomes.slice(0, 2)) if (outcome.status === 'fulfilled') await (outcome.value as { searchRefreshed: Promise<void> }).searchRefreshed;
    // the second merge either ran first (c into b, then b into a) or found b merged and was refused
    expect(outcomes[0].status).toBe('fulfilled');
    if (outcomes[1].status === 'rejected') expect(String(outcomes[1].reason)).toContain('уже объединена');
    // no link to a merged card; no letter lost (all 41 linked to an active card, or the late one refused)
    const toMerged = await q(
      `SELECT count(*)::int AS n FROM organizations_messages om JOIN organizations o ON o.id = om.organization_id WHERE o.merged_into_id IS NOT NULL`,
    );
    expect(toMerged).toEqual([{ n: 0 }]);
    const [{ n: linked }] = await q(
      `SELECT count(DISTINCT om.message_id)::int AS n FROM organizations_messages om JOIN messages m ON m.id = om.message_id WHERE m.our_number LIKE 'ПАР-%'`,
    );
    expect(linked).toBe(outcomes[2].status === 'fulfilled' ? 41 : 40);
    if (outcomes[2].status === 'rejected') expect(String(outcomes[2].reason)).toContain('объединена');
  });
});

describe('a merge in the change history, in words', () => {
  it('says which card was merged into which and what moved', async () => {
    const { describeEntry } = await import('../../src/domain/describe-entry.js');
    const entry = {
      id: '90',
      at: '2026-12-07T10:00:00Z',
      actorId: 1,
      actorName: 'Админ',
      source: 'panel',
      action: 'merge',
      tableName: 'organizations',
      recordId: '7',
      changes: { ogrn: [null, '1027700132195'] as [unknown, unknown] },
      details: {
        merge: 3,
        kept: 7,
        merged: 12,
        moved: { letters: [1, 2], lettersLinkedToBoth: [3], documents: [[5, 2]], documentsStaying: [6], resources: [] },
      },
    };
    const described = describeEntry(entry, {}, new Map(), 'Europe/Moscow');
    expect(described.note).toBe(
      'карточка № 12 объединена с № 7 (объединение № 3); перенесено: писем 3, документов 1 (1 уже были связаны с обеими); документов того же вида осталось на объединённой карточке: 1',
    );
    const undone = describeEntry({ ...entry, action: 'merge_undo', changes: null, details: { merge: 3, kept: 7, merged: 12 } }, {}, new Map(), 'Europe/Moscow');
    expect(undone.note).toBe('карточка № 12 снова отдельно от № 7 (объединение № 3)');
  });
});
