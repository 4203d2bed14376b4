import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';

/**
 * The counts the database keeps for the dashboard (migration DashboardFigures) equal a count of the rows after any mix
 * of inserts, updates that move rows between keys, deletes and truncates, and after concurrent transactions.
 */
describe('the dashboard’s counts kept by the database', () => {
  const db = useTestDatabase('dashboard_tallies');
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  /** The kept counts and a fresh count of the rows, as comparable lists (zero counts left out). */
  async function keptAndCounted() {
    const kept = await q(
      `SELECT 'day ' || day || ' ' || direction AS key, n::int AS n FROM letter_day_counts WHERE n <> 0
       UNION ALL SELECT figure || ' ' || key, n::int FROM tallies WHERE n <> 0 ORDER BY 1`,
    );
    const counted = await q(
      `SELECT 'day ' || our_date || ' ' || direction AS key, count(*)::int AS n FROM messages WHERE our_date IS NOT NULL GROUP BY 1
       UNION ALL SELECT 'organizations ' || coalesce(region_id::text, '') || ':' || (date_agreement IS NOT NULL)::text, count(*)::int FROM organizations WHERE is_active GROUP BY 1
       UNION ALL SELECT 'egrul ' || status, count(*)::int FROM egrul_checks GROUP BY 1
       UNION ALL SELECT 'documents ' || org_adm_doc_id, count(*)::int FROM organization_documents GROUP BY 1
       ORDER BY 1`,
    );
    return { kept, counted };
  }

  it('follow inserts, key-moving updates, deletes and a truncate', async () => {
    await q(
      `INSERT INTO organizations (full_name, region_id, date_agreement, is_active)
       SELECT 'ООО "СЧЁТ ' || g || '"', CASE WHEN g % 5 = 0 THEN NULL ELSE 60 + g % 7 END, CASE WHEN g % 3 = 0 THEN DATE '2024-01-01' END, g % 9 <> 0
         FROM generate_series(1, 60) g`,
    );
    await q(`INSERT INTO org_adm_docs (name) VALUES ('Устав'), ('Положение')`);
    await q(
      `INSERT INTO organization_documents (organization_id, org_adm_doc_id) SELECT o.id, d.id FROM organizations o CROSS JOIN org_adm_docs d WHERE o.id % 2 = 0 OR d.name = 'Устав'`,
    );
    await q(
      `INSERT INTO egrul_checks (organization_id, checked_at, status) SELECT id, now(), (ARRAY['actual','changed','missing','failed'])[1 + id % 4] FROM organizations WHERE id % 3 <> 0`,
    );
    await q(
      `INSERT INTO messages (direction, our_number, our_date, information)
       SELECT CASE WHEN g % 3 = 0 THEN 'outgoing' ELSE 'incoming' END, 'С-' || g, DATE '2025-01-01' + g % 40, 'письмо' FROM generate_series(1, 300) g`,
    );
    expect((await keptAndCounted()).kept).toEqual((await keptAndCounted()).counted);

    await q(`UPDATE organizations SET region_id = 77 WHERE id % 4 = 0`);
    await q(`UPDATE organizations SET is_active = NOT is_active WHERE id % 5 = 1`);
    await q(`UPDATE organizations SET date_agreement = NULL WHERE id % 6 = 0`);
    await q(`UPDATE organizations SET contacts = 'тел. 1'`); // moves nothing
    await q(`UPDATE egrul_checks SET status = 'actual' WHERE status = 'failed'`);
    await q(`DELETE FROM egrul_checks WHERE organization_id % 7 = 0`);
    await q(`DELETE FROM organization_documents WHERE id % 3 = 0`);
    await q(`UPDATE messages SET our_date = our_date + 100 WHERE id % 4 = 0`);
    await q(`UPDATE messages SET direction = 'outgoing' WHERE id % 11 = 0 AND direction = 'incoming'`);
    await q(`UPDATE messages SET our_date = NULL WHERE id % 13 = 0`);
    await q(`DELETE FROM messages WHERE id % 5 = 0`);
    await q(`DELETE FROM organizations WHERE id % 10 = 3`); // with their checks and documents (cascade)
    const after = await keptAndCounted();
    expect(after.kept).toEqual(after.counted);
    expect(after.kept.length).toBeGreaterThan(40);

    await q(`TRUNCATE egrul_checks`);
    const truncated = await keptAndCounted();
    expect(truncated.kept).toEqual(truncated.counted);
    expect(truncated.kept.some((row: { key: string }) => row.key.startsWith('egrul '))).toBe(false);
  });

  it('stay exact when concurrent transactions change the same days, regions and types', async () => {
    const [{ id: charter }] = await q(`SELECT id FROM org_adm_docs WHERE name = 'Устав'`);
    const writers = Array.from({ length: 8 }, async (_, w) => {
      const runner = db.dataSource.createQueryRunner();
      await runner.connect();
      try {
        for (let round = 0; round < 5; round++) {
          await runner.startTransaction();
          const [{ id }] = await runner.query(
            `INSERT INTO organizations (full_name, region_id, date_agreement) VALUES ($1, 77, CASE WHEN $2 % 2 = 0 THEN DATE '2024-02-02' END) RETURNING id`,
            [`ООО "ПАРАЛЛЕЛЬ ${w}-${round}"`, round],
          );
          await runner.query(`INSERT INTO organization_documents (organization_id, org_adm_doc_id) VALUES ($1, $2)`, [id, charter]);
          await runner.query(`INSERT INTO egrul_checks (organization_id, checked_at, status) VALUES ($1, now(), 'changed')`, [id]);
          await runner.query(
            `INSERT INTO messages (direction, our_number, our_date, information) SELECT 'incoming', $1 || '-' || g, DATE '2025-03-01' + g % 3, 'письмо' FROM generate_series(1, 4) g`,
            [`П${w}-${round}`],
          );
          if (round % 2 === 1) await runner.query(`UPDATE organizations SET region_id = 66 WHERE id = $1`, [id]);
          await (round === 4 && w % 3 === 0 ? runner.rollbackTransaction() : runner.commitTransaction());
        }
      } finally {
        await runner.release();
      }
    });
    await Promise.all(writers);
    const { kept, counted } = await keptAndCounted();
    expect(kept).toEqual(counted);
  });
});
