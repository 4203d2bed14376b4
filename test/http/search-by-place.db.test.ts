import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 24, item 9: the organizations' search box finds by the words of the address and of the region's name. */
describe('searching organizations by place', () => {
  const db = useTestDatabase('search_place');
  const app = useTestApp(db);
  let clerk: Awaited<ReturnType<typeof loginAs>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    const insert = async (key: string, fullName: string, address: string | null, region: number | null) => {
      const [row] = await db.dataSource.query(
        `INSERT INTO organizations (full_name, short_name, factual_address, region_id) VALUES ($1, $1, $2, $3) RETURNING id`,
        [fullName, address, region],
      );
      ids[key] = row.id;
    };
    await insert('moscow', 'АО "РОМАШКА"', '125212, г. Москва, Ленинградское шоссе, д. 23А', 77);
    await insert('ural', 'АО "РОМАШКА-УРАЛ"', null, 66);
    await insert('other', 'ООО "ЛЮТИК"', '125212, г. Москва, ул. Полевая, д. 1', 77);
    clerk = await loginAs(app.app, 'clerk@cert.test');
  });

  const found = async (q: string) => {
    const response = await clerk.get('/admin/api/resources/Organization/actions/list').query({ 'filters.q': q, perPage: '100' });
    expect(response.status).toBe(200);
    return (response.body.records as { id: string }[]).map((r) => Number(r.id)).sort((a, b) => a - b);
  };

  it('«ромашка москва» finds the one in Москва; a region’s name, a street or a postal code are words of it too', async () => {
    expect(await found('ромашка москва')).toEqual([ids.moscow]);
    const [{ name: ural }] = await db.dataSource.query(`SELECT name FROM regions WHERE id = 66`);
    expect(await found(`ромашка ${ural.split(' ')[0]}`)).toEqual([ids.ural]);
    expect(await found('ленинградское')).toEqual([ids.moscow]);
    expect(await found('125212')).toEqual([ids.moscow, ids.other]);
    expect(await found('ромашка')).toEqual([ids.moscow, ids.ural]);
  });

  it('an organization moved to another region, or a region renamed: the search follows', async () => {
    await db.dataSource.query(`UPDATE organizations SET region_id = 66, factual_address = NULL WHERE id = $1`, [ids.other]);
    expect(await found('лютик москва')).toEqual([]);
    await db.dataSource.query(`UPDATE regions SET name = 'Свердловская обл. (переименована)' WHERE id = 66`);
    expect(await found('лютик переименована')).toEqual([ids.other]);
    expect(await found('ромашка переименована')).toEqual([ids.ural]);
  });
});
