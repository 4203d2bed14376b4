import { beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** Postal codes in addresses fill an organization's region and add a resource's regions; the index list shows districts. */
describe('postal codes in the panel', () => {
  const db = useTestDatabase('postal_http');
  const app = useTestApp(db);
  beforeEach(async () => {
    await db.truncate();
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await db.dataSource.query(
      `INSERT INTO addresses (index, locality, area, region_id) VALUES
         ('428038', 'Чебоксары', NULL, 21), ('450112', 'Уфа', NULL, 2), ('630123', 'Новосибирск', NULL, 54), ('101000', 'Москва', NULL, 77)`,
    );
  });

  it('fills an empty region of an organization from the postal code in its address', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const created = await clerk
      .post('/admin/api/resources/Organization/actions/new')
      .field('fullName', 'ООО "ВОЛГА"')
      .field('factualAddress', '428038, Чувашская Республика, г. Чебоксары, ул. Победы, д. 3');
    expect(created.body.notice.type).toBe('success');
    expect(Number(created.body.record.params.regionId)).toBe(21);
    expect((await db.dataSource.query(`SELECT region_id FROM organizations WHERE full_name = 'ООО "ВОЛГА"'`))[0].region_id).toBe(21);
  });

  it('keeps a region chosen by hand, and leaves it empty when the codes disagree or are unknown', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const chosen = await clerk
      .post('/admin/api/resources/Organization/actions/new')
      .field('fullName', 'Выбранный регион')
      .field('factualAddress', '428038, Чебоксары')
      .field('regionId', '77');
    expect(Number(chosen.body.record.params.regionId)).toBe(77);
    const two = await clerk
      .post('/admin/api/resources/Organization/actions/new')
      .field('fullName', 'Два адреса')
      .field('factualAddress', '428038 Чебоксары; 450112 Уфа');
    expect(two.body.record.params.regionId ?? null).toBeNull();
    const unknown = await clerk
      .post('/admin/api/resources/Organization/actions/new')
      .field('fullName', 'Неизвестный индекс')
      .field('factualAddress', '999999, где-то');
    expect(unknown.body.record.params.regionId ?? null).toBeNull();
  });

  it("adds the regions of a resource's postal codes to its regions, without duplicates on re-save", async () => {
    const [{ id: ownerId }] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('Владелец') RETURNING id`);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const addresses = 'Серверная часть:\n428038, Чувашская Республика, г. Чебоксары\nАРМ:\n450112, г. Уфа;\n630123, г. Новосибирск';
    const created = await clerk
      .post('/admin/api/resources/Resource/actions/new')
      .field('name', 'ГАС "Переправосудие"')
      .field('ownerId', String(ownerId))
      .field('factualAddresses', addresses);
    expect(created.body.notice.type).toBe('success');
    const id = created.body.record.params.id;
    const regions = async () =>
      (await db.dataSource.query('SELECT region_id FROM resources_regions WHERE resource_id = $1 ORDER BY 1', [id])).map(
        (r: { region_id: number }) => r.region_id,
      );
    expect(await regions()).toEqual([2, 21, 54]);
    await clerk
      .post(`/admin/api/resources/Resource/records/${id}/edit`)
      .field('name', 'ГАС "Переправосудие" 2')
      .field('factualAddresses', `${addresses}\n101000, Москва`);
    expect(await regions()).toEqual([2, 21, 54, 77]);
  });

  it('lists postal indexes with their federal district, read-only', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const list = await clerk.get('/admin/api/resources/Address/actions/list?sortBy=index&direction=asc');
    expect(list.body.records.map((r: { params: { index: string; okrug: string } }) => [r.params.index, r.params.okrug])).toEqual([
      ['101000', 'Центральный'],
      ['428038', 'Приволжский'],
      ['450112', 'Приволжский'],
      ['630123', 'Сибирский'],
    ]);
    const edit = await clerk.post('/admin/api/resources/Address/records/101000/edit').field('locality', 'Не Москва');
    expect(edit.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
  });
});
