import { beforeEach, describe, expect, it } from 'vitest';
import { runAs } from '../../src/engine/db/actor.js';
import { NAME_SIMILARITY_THRESHOLD } from '../../src/domain/duplicate-reasons.js';
import { mergeOrganizations, undoMerge } from '../../src/duplicates/organization-merge.service.js';
import { dismissPair, possibleDuplicates, restorePair } from '../../src/duplicates/possible-duplicates.service.js';
import { useTestDatabase } from '../support/db.js';

/**
 * Issue 26, «Возможные дубли»: each rule finds its pairs and leaves out what is not a duplicate (a head and its
 * branch, two branches of one head, names in other regions or only alike); «не дубль» hides a pair and is recorded on
 * both cards; a merge from the list takes the pair off it.
 */
describe('possible duplicates', () => {
  const db = useTestDatabase('possible_duplicates');
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  beforeEach(() => db.truncate());
  const organization = async (values: Record<string, unknown>): Promise<number> => {
    const columns = Object.keys(values);
    const [row] = await q(
      `INSERT INTO organizations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return row.id as number;
  };
  const pairsOf = async (reason: Parameters<typeof possibleDuplicates>[1]['reason'] = null) =>
    (await possibleDuplicates(db.dataSource, { reason })).pairs.map((p) => ({ ids: [p.kept.id, p.other.id], reasons: p.reasons, similarity: p.similarity }));

  it('names without their legal form; the similarity figures the threshold is argued with', async () => {
    const keys = await q(
      `SELECT organization_name_key('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»') AS a, organization_name_key('ООО "Ромашка"') AS b,
              organization_name_key('ФГУП «Главный радиочастотный центр»') AS c, organization_name_key('ПАО "Газпром нефть"') AS d,
              organization_name_key('ООО') AS e, organization_name_key('Ооо-Лайн') AS f`,
    );
    expect(keys).toEqual([{ a: 'ромашка', b: 'ромашка', c: 'главный радиочастотный центр', d: 'газпром нефть', e: null, f: 'лайн' }]);
    const [figures] = await q(
      `SELECT round(similarity('ромашка', 'ромашка м')::numeric, 2) AS suffix, round(similarity('газпром', 'газпром нефть')::numeric, 2) AS group_company,
              round(similarity('транснефтепродукт', 'транснефтипродукт')::numeric, 2) AS typo17, round(similarity('ростелеком', 'ростилеком')::numeric, 2) AS typo10,
              round(similarity('информационные технологии', 'информационые технологии')::numeric, 2) AS dropped`,
    );
    expect(figures).toEqual({ suffix: '0.80', group_company: '0.57', typo17: '0.71', typo10: '0.57', dropped: '0.89' });
    expect(NAME_SIMILARITY_THRESHOLD).toBe(0.7);
  });

  it('finds each rule’s pairs and leaves out heads with their branches, other regions and names only alike', async () => {
    // the same INN: with a KPP and without one
    const withKpp = await organization({ full_name: 'АО "АЛЬФА"', inn: '7701000001', kpp: '770101001', region_id: 77 });
    const withoutKpp = await organization({ full_name: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "АЛЬФА-ДУБЛЬ"', inn: '7701000001', region_id: 50 });
    // a head with two branches (same INN, other KPPs): not duplicates
    const head = await organization({ full_name: 'ПАО "БЕТА"', inn: '7702000002', kpp: '770201001', ogrn: '1027700000002', region_id: 77 });
    await organization({ full_name: 'ПАО "БЕТА" филиал 1', inn: '7702000002', kpp: '540201001', ogrn: '1027700000002', region_id: 54, head_id: head });
    await organization({ full_name: 'ПАО "БЕТА" филиал 2', inn: '7702000002', kpp: '660201001', ogrn: '1027700000002', region_id: 66, head_id: head });
    // the same OGRN under another INN (a typo in one of them)
    const ogrnA = await organization({ full_name: 'ООО "ГАММА"', inn: '7703000003', ogrn: '1037700000003', region_id: 77 });
    const ogrnB = await organization({ full_name: 'ООО "ДЕЛЬТА"', inn: '7703000030', ogrn: '1037700000003', region_id: 78 });
    // a head card closed, its branch still pointing to it, and the head entered again
    const oldHead = await organization({ full_name: 'АО "ЭПСИЛОН"', inn: '7704000004', kpp: '770401001', region_id: 77, is_active: false });
    const branch = await organization({ full_name: 'АО "ЭПСИЛОН" филиал', inn: '7704000004', kpp: '780401001', region_id: 78, head_id: oldHead });
    const newHead = await organization({ full_name: 'АО "ЭПСИЛОН" (новая карточка)', inn: '7704000004', kpp: '770401001', region_id: 77 });
    // an inactive twin without branches
    const closed = await organization({ full_name: 'ООО "ДЗЕТА"', inn: '7705000005', kpp: '770501001', region_id: 23, is_active: false });
    const open = await organization({ full_name: 'ООО "ДЗЕТА ПЛЮС"', inn: '7705000005', kpp: '770501001', region_id: 23 });
    // names in one region: equal without the legal form, and one letter more; not: another region, another company
    const romashka = await organization({ full_name: 'ООО "Ромашка"', region_id: 16 });
    const romashkaFull = await organization({ full_name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»', region_id: 16 });
    const romashkaM = await organization({ full_name: 'ООО "Ромашка М"', region_id: 16 });
    await organization({ full_name: 'ООО "Ромашка"', region_id: 17 });
    await organization({ full_name: 'ПАО "Газпром"', region_id: 16 });
    await organization({ full_name: 'ПАО "Газпром нефть"', region_id: 16 });

    const all = await pairsOf();
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    expect(all.map((p) => ({ ...p, ids: sorted(p.ids) }))).toEqual([
      { ids: sorted([withKpp, withoutKpp]), reasons: ['inn'], similarity: null },
      { ids: sorted([ogrnA, ogrnB]), reasons: ['ogrn'], similarity: null },
      // the branch is not linked to the head entered again: the same INN, another KPP
      { ids: sorted([branch, newHead]), reasons: ['inn'], similarity: null },
      { ids: sorted([oldHead, newHead]), reasons: ['branchHead', 'inactiveTwin'], similarity: null },
      { ids: sorted([closed, open]), reasons: ['inactiveTwin'], similarity: null },
      { ids: sorted([romashka, romashkaFull]), reasons: ['name'], similarity: 1 },
      { ids: sorted([romashka, romashkaM]), reasons: ['name'], similarity: 0.8 },
      { ids: sorted([romashkaFull, romashkaM]), reasons: ['name'], similarity: 0.8 },
    ]);
    // the card suggested to keep: the one with a KPP; the active one
    expect(all[0]!.ids[0]).toBe(withKpp);
    expect(all[3]!.ids[0]).toBe(newHead);
    expect(all[4]!.ids[0]).toBe(open);
    expect((await pairsOf('name')).length).toBe(3);
    expect(await pairsOf('branchHead')).toEqual([{ ids: [newHead, oldHead], reasons: ['branchHead'], similarity: null }]);
    const page = await possibleDuplicates(db.dataSource, { page: 2 });
    expect(page).toMatchObject({ total: 8, page: 2, pairs: [] });
  });

  it('«не дубль» hides a pair, is recorded on both cards and can be taken back; a merge takes the pair off the list', async () => {
    const [{ id: adminId }] = await q(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('a@cert.test', 'Админ', 'admin', 'x') RETURNING id`,
    );
    const first = await organization({ full_name: 'АО "ОМЕГА"', inn: '7706000006', kpp: '770601001', region_id: 77 });
    const second = await organization({ full_name: 'АО "ОМЕГА"', inn: '7706000006', region_id: 77 });
    expect((await pairsOf()).map((p) => p.reasons)).toEqual([['inn', 'name']]);

    const admin = { id: adminId as number, name: 'Админ (a@cert.test)', source: 'panel' as const };
    expect(await runAs(admin, () => dismissPair(db.dataSource, second, first, adminId))).toBe(true);
    expect(await runAs(admin, () => dismissPair(db.dataSource, first, second, adminId))).toBe(true); // again: nothing new
    expect(await pairsOf()).toEqual([]);
    const entries = await q(`SELECT action, anchors, actor_id AS "actorId" FROM audit_log WHERE table_name = 'duplicate_dismissals' ORDER BY id`);
    expect(entries).toEqual([{ action: 'insert', anchors: [`organizations:${first}`, `organizations:${second}`], actorId: adminId }]);
    expect(await dismissPair(db.dataSource, first, 999_999, adminId)).toBe(false);

    await runAs(admin, () => restorePair(db.dataSource, first, second));
    expect((await pairsOf()).length).toBe(1);

    const merged = await runAs(admin, () => mergeOrganizations(db.dataSource, { keptId: first, mergedId: second, choices: {} }));
    await merged.searchRefreshed;
    expect(await pairsOf()).toEqual([]);
    const undone = await runAs(admin, () => undoMerge(db.dataSource, { mergeId: merged.mergeId }));
    await undone.searchRefreshed;
    expect((await pairsOf()).length).toBe(1);
  });

  it('merges an inactive twin into the active card and the undo brings it back inactive', async () => {
    const active = await organization({ full_name: 'ООО "СИГМА"', inn: '7707000007', kpp: '770701001', region_id: 77 });
    const inactive = await organization({ full_name: 'ООО "СИГМА" (старая)', inn: '7707000007', kpp: '770701001', region_id: 77, is_active: false });
    const actor = { name: 'тест', source: 'cli' as const };
    const merged = await runAs(actor, () => mergeOrganizations(db.dataSource, { keptId: active, mergedId: inactive, choices: {} }));
    await merged.searchRefreshed;
    expect(await q(`SELECT is_active, merged_into_id FROM organizations WHERE id = $1`, [inactive])).toEqual([{ is_active: false, merged_into_id: active }]);
    const undone = await runAs(actor, () => undoMerge(db.dataSource, { mergeId: merged.mergeId }));
    await undone.searchRefreshed;
    expect(await q(`SELECT is_active, merged_into_id FROM organizations WHERE id = $1`, [inactive])).toEqual([{ is_active: false, merged_into_id: null }]);
    // the kept card must be active
    await expect(runAs(actor, () => mergeOrganizations(db.dataSource, { keptId: inactive, mergedId: active, choices: {} }))).rejects.toThrow(
      'оставить можно только действующую',
    );
  });
});
