import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEgrulClient } from '../../src/egrul/egrul-client.js';
import { runEgrulCheck } from '../../src/egrul/egrul-check.service.js';
import { useTestDatabase } from '../support/db.js';
import { generatedUnit, startEgrulStub, type EgrulStub, type Unit } from '../support/egrul-stub.js';

/**
 * Issue 22 item 1: a unit is its INN and KPP together. The stub's generated unit 9 is a head with two branches
 * (ids 1000019 and 1000020, KPP <first four of the INN>02001 and …02002), as the real service serves them: one INN,
 * three rows. The registry holds all three, the branches linked to the head.
 */
describe('the EGRUL check and branches', () => {
  const db = useTestDatabase('egrul_branches');
  let stub: EgrulStub;
  const head = generatedUnit(9);
  const branch = (k: 1 | 2): Unit => ({
    ...head,
    id: 1_000_000 + 9 * 2 + k,
    full_name: `ФИЛИАЛ ${k} ${head.full_name}`,
    short_name: `ФИЛИАЛ ${k} ${head.short_name}`,
    kpp: `${head.inn!.slice(0, 4)}0200${k}`,
    is_main: false,
  });
  beforeEach(async () => {
    await db.truncate();
    stub = await startEgrulStub(0, { generated: 12 });
  });
  afterEach(() => stub.close());
  const client = () => createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 });

  const card = async (unit: Unit, headId: number | null = null): Promise<number> => {
    const [row] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn, factual_address, region_id, head_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [unit.full_name, unit.short_name, unit.inn, unit.kpp, unit.ogrn, unit.factual_address, Number(unit.region_code), headId],
    );
    return row.id;
  };
  const seedHeadAndBranches = async () => {
    const headId = await card(head);
    return { headId, branch1: await card(branch(1), headId), branch2: await card(branch(2), headId) };
  };
  const check = async () => {
    await runEgrulCheck(db.dataSource, client(), { scope: { kind: 'all' }, concurrency: 2 });
    const rows: { id: number; status: string; differences: unknown[]; problem: string | null; service_id: number | null }[] = await db.dataSource.query(
      `SELECT organization_id AS id, status, differences, problem, service_id FROM egrul_checks ORDER BY 1`,
    );
    return new Map(rows.map((r) => [r.id, r]));
  };

  it('compares each of a head and its branches with its own unit', async () => {
    const { headId, branch1, branch2 } = await seedHeadAndBranches();
    const result = await check();
    expect(result.get(headId)).toMatchObject({ status: 'actual', service_id: head.id });
    expect(result.get(branch1)).toMatchObject({ status: 'actual', service_id: branch(1).id });
    expect(result.get(branch2)).toMatchObject({ status: 'actual', service_id: branch(2).id });
  });

  it('a branch whose KPP changed is «нет в ЕГРЮЛ» with the hint «КПП изменился?», never offered the head’s values', async () => {
    const { headId, branch1, branch2 } = await seedHeadAndBranches();
    await check(); // the service ids are known now
    const newKpp = `${head.inn!.slice(0, 4)}02009`;
    stub.changeUnit(branch(1).id, { kpp: newKpp });
    const result = await check();
    expect(result.get(branch1)).toMatchObject({ status: 'missing', differences: [], service_id: branch(1).id });
    expect(result.get(branch1)!.problem).toBe(
      `КПП изменился? В ЕГРЮЛ у этого ИНН есть подразделение с КПП ${newKpp} («ФИЛИАЛ 1 ${head.short_name}»), которого нет в реестре.`,
    );
    expect(result.get(headId)).toMatchObject({ status: 'actual', service_id: head.id });
    expect(result.get(branch2)).toMatchObject({ status: 'actual' });
  });

  it('a branch deleted from EGRUL, and a head deleted while its branches remain, are «нет в ЕГРЮЛ»', async () => {
    const { headId, branch1, branch2 } = await seedHeadAndBranches();
    await check();
    stub.removeUnit(branch(2).id);
    let result = await check();
    expect(result.get(branch2)).toMatchObject({ status: 'missing', differences: [], problem: null });
    expect(result.get(branch1)).toMatchObject({ status: 'actual' });
    stub.removeUnit(head.id);
    result = await check();
    expect(result.get(headId)).toMatchObject({ status: 'missing', differences: [] });
    expect(result.get(branch1)).toMatchObject({ status: 'actual' });
  });

  it('a lone card whose legal entity moved (its only unit, the head, has a new KPP) shows the KPP as a change', async () => {
    const lone = generatedUnit(3);
    const id = await card(lone);
    const movedKpp = `${lone.inn!.slice(0, 2)}9901001`;
    stub.changeUnit(lone.id, { kpp: movedKpp });
    const result = await check();
    expect(result.get(id)).toMatchObject({ status: 'changed', differences: [{ field: 'kpp', registry: lone.kpp, egrul: movedKpp }], service_id: lone.id });
  });

  it('a head card without branches in the registry is «нет в ЕГРЮЛ» when EGRUL keeps only a branch of its INN', async () => {
    const id = await card(head);
    stub.removeUnit(head.id);
    stub.removeUnit(branch(2).id);
    const result = await check();
    expect(result.get(id)).toMatchObject({ status: 'missing', differences: [] });
    expect(result.get(id)!.problem).toMatch(/^КПП изменился\? В ЕГРЮЛ у этого ИНН есть подразделение с КПП \d{4}02001/);
  });
});
