import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeSearchText } from '../../src/domain/search-text.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
interface ListAnswer {
  records: { id: string; params: Record<string, unknown> }[];
  meta: { total: number };
}

describe('lists: search box, filters, many-to-many, soft delete, letter rules', () => {
  const db = useTestDatabase('lists');
  const app = useTestApp(db);
  let clerk: Agent;
  const org: Record<string, number> = {};
  const docType: Record<string, number> = {};

  const insertOrg = async (key: string, values: Record<string, unknown>) => {
    const columns = Object.keys(values);
    const [row] = await db.dataSource.query(
      `INSERT INTO organizations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    org[key] = row.id;
  };

  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await insertOrg('romashkaMsk', {
      full_name: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"',
      short_name: 'ООО "РОМАШКА"',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      region_id: 77,
      factual_address: 'г. Москва',
      date_agreement: '2024-05-01',
      is_gov: true,
    });
    await insertOrg('romashkaEkb', { full_name: 'АО «Ромашка-Урал»', short_name: 'АО РОМАШКА УРАЛ', inn: '6658000001', region_id: 66 });
    await insertOrg('yolka', { full_name: 'ООО "ЁЛКА"', inn: '5001000002', region_id: 50, date_agreement: '2023-01-15' });
    await insertOrg('elka', { full_name: 'ООО "ЕЛКА-ПЛЮС"', inn: '5001000003', region_id: 50 });
    await insertOrg('noRegion', { full_name: 'ИП Иванов', inn: '500100732259' });
    for (const name of ['Устав', 'Соглашение', 'Положение о защите']) {
      const [row] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ($1) RETURNING id`, [name]);
      docType[name] = row.id;
    }
    const attach = (o: string, t: string) =>
      db.dataSource.query(`INSERT INTO organization_documents (organization_id, org_adm_doc_id) VALUES ($1, $2)`, [org[o], docType[t]]);
    await attach('romashkaMsk', 'Устав');
    await attach('romashkaMsk', 'Соглашение');
    await attach('yolka', 'Устав');
    await db.dataSource.query(`INSERT INTO resources (name, is_okii, owner_id) VALUES ('ГАС Ромашка', true, $1)`, [org.romashkaMsk]);
    await db.dataSource.query(`INSERT INTO resources (name, is_okii, owner_id, deleted_at) VALUES ('Удалённый ОКИИ', true, $1, now())`, [org.yolka]);
    clerk = await loginAs(app.app, 'clerk@cert.test');
  });

  const list = async (resource: string, query: Record<string, string>): Promise<ListAnswer> => {
    const response = await clerk.get(`/admin/api/resources/${resource}/actions/list`).query({ perPage: '100', ...query });
    expect(response.status).toBe(200);
    return response.body as ListAnswer;
  };
  const organizationsWhere = async (filters: Record<string, string>) =>
    (await list('Organization', Object.fromEntries(Object.entries(filters).map(([k, v]) => [`filters.${k}`, v])))).records
      .map((r) => Number(r.id))
      .sort((a, b) => a - b);
  const ids = (...keys: string[]) => keys.map((k) => org[k] as number).sort((a, b) => a - b);

  describe('the organizations search box', () => {
    it.each([
      ['ромашка', ['romashkaMsk', 'romashkaEkb']],
      ['РОМАШКА', ['romashkaMsk', 'romashkaEkb']],
      ['"Ромашка"', ['romashkaMsk', 'romashkaEkb']],
      ['ромашка урал', ['romashkaEkb']],
      ['урал ромашка', ['romashkaEkb']],
      ['ёлка', ['yolka', 'elka']], // ё = е
      ['елка', ['yolka', 'elka']],
      ['ЕЛКА-ПЛЮС', ['elka']],
      ['7707', ['romashkaMsk']],
      ['7707083893', ['romashkaMsk']],
      ['773601', ['romashkaMsk']],
      ['1027700', ['romashkaMsk']],
      ['5001', ['yolka', 'elka', 'noRegion']],
      ['ромашка 6658', ['romashkaEkb']],
      ['ромашка лес', []],
    ])('%s', async (query, expected) => {
      expect(await organizationsWhere({ q: query })).toEqual(ids(...expected));
    });

    it('normalises text in the database exactly as src/domain/search-text.ts does, and keeps it current', async () => {
      const [stored] = await db.dataSource.query(`SELECT search_text FROM organizations WHERE id = $1`, [org.yolka]);
      // its names, then its address and its region's name (migration SearchByPlace)
      expect(stored.search_text).toBe(normalizeSearchText('ООО "ЁЛКА"  Московская область'));
      const samples = ['ООО «Ёлка-2» "Test" №5', 'АО "РОМАШКА"', 'Щука-Ъ, Эхо; Юг/Яр_Zz'];
      for (const sample of samples) {
        const [row] = await db.dataSource.query(`SELECT registry_search_text($1, NULL) AS text`, [sample]);
        expect(row.text).toBe(normalizeSearchText(`${sample} `));
      }
    });

    it('also drives the organization picker of other forms', async () => {
      const response = await clerk.get(`/admin/api/resources/Organization/actions/search/${encodeURIComponent('ромашка урал')}`);
      expect(response.body.records.map((r: { id: string }) => Number(r.id))).toEqual([org.romashkaEkb]);
    });
  });

  describe('organization filters, combinable', () => {
    it('regions (several) and federal district, alone and together (the original crashed on that)', async () => {
      expect(await organizationsWhere({ regionId: '77' })).toEqual(ids('romashkaMsk'));
      expect(await organizationsWhere({ regionId: '77,50' })).toEqual(ids('romashkaMsk', 'yolka', 'elka'));
      expect(await organizationsWhere({ okrugId: '1' })).toEqual(ids('romashkaMsk', 'yolka', 'elka')); // Центральный
      expect(await organizationsWhere({ okrugId: '6' })).toEqual(ids('romashkaEkb')); // Уральский
      expect(await organizationsWhere({ okrugId: '1,6' })).toEqual(ids('romashkaMsk', 'romashkaEkb', 'yolka', 'elka'));
      expect(await organizationsWhere({ okrugId: '1', regionId: '50' })).toEqual(ids('yolka', 'elka'));
      expect(await organizationsWhere({ okrugId: '6', regionId: '50' })).toEqual([]);
    });

    it('"has all of these document types" is an AND', async () => {
      expect(await organizationsWhere({ documentTypes: String(docType['Устав']) })).toEqual(ids('romashkaMsk', 'yolka'));
      expect(await organizationsWhere({ documentTypes: `${docType['Устав']},${docType['Соглашение']}` })).toEqual(ids('romashkaMsk'));
      expect(await organizationsWhere({ documentTypes: `${docType['Устав']},${docType['Положение о защите']}` })).toEqual([]);
      expect(await organizationsWhere({ okrugId: '1', documentTypes: String(docType['Устав']) })).toEqual(ids('romashkaMsk', 'yolka'));
    });

    it('keeps the list order with the document-types filter (its matches are sorted, not walked)', async () => {
      const order = async (query: Record<string, string>) =>
        (await list('Organization', { 'filters.documentTypes': String(docType['Устав']), ...query })).records.map((r) => Number(r.id));
      expect(await order({ sortBy: 'fullName', direction: 'asc' })).toEqual([org.romashkaMsk, org.yolka]); // «ОБЩЕСТВО…» < «ООО…»
      expect(await order({ sortBy: 'fullName', direction: 'desc' })).toEqual([org.yolka, org.romashkaMsk]);
      await db.dataSource.query(`UPDATE organizations SET updated_at = now() + interval '1 hour' WHERE id = $1`, [org.romashkaMsk]);
      expect(await order({})).toEqual([org.romashkaMsk, org.yolka]);
      await db.dataSource.query(`UPDATE organizations SET updated_at = now() + interval '2 hour' WHERE id = $1`, [org.yolka]);
      expect(await order({})).toEqual([org.yolka, org.romashkaMsk]);
    });

    it('agreement, CII subject (active resources only), gov flag, dates, with the search', async () => {
      expect(await organizationsWhere({ hasAgreement: 'true' })).toEqual(ids('romashkaMsk', 'yolka'));
      expect(await organizationsWhere({ hasAgreement: 'false' })).toEqual(ids('romashkaEkb', 'elka', 'noRegion'));
      expect(await organizationsWhere({ isCiiSubject: 'true' })).toEqual(ids('romashkaMsk')); // ЁЛКА's CII resource is deleted
      expect(await organizationsWhere({ isGov: 'true' })).toEqual(ids('romashkaMsk'));
      expect(await organizationsWhere({ 'dateAgreement~~from': '2024-01-01', 'dateAgreement~~to': '2024-12-31' })).toEqual(ids('romashkaMsk'));
      expect(await organizationsWhere({ q: 'елка', hasAgreement: 'true', regionId: '50' })).toEqual(ids('yolka'));
    });

    it('counts an unfiltered list exactly from the counter the triggers keep', async () => {
      const total = async () => ((await clerk.get('/admin/api/resources/Organization/actions/list')).body as ListAnswer).meta.total;
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
      expect(await total()).toBe(n);
      const [extra] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('Временная'), ('Временная 2') RETURNING id`);
      expect(await total()).toBe(n + 2);
      await db.dataSource.query(`DELETE FROM organizations WHERE full_name LIKE 'Временная%'`);
      expect(await total()).toBe(n);
      expect(extra.id).toBeGreaterThan(0);
    });

    it('answers a list without form layouts and with only the titles of referenced records', async () => {
      const body = (await clerk.get('/admin/api/resources/Organization/actions/list').query({ 'filters.q': 'ромашка' })).body;
      const row = body.records.find((r: { id: number }) => r.id === org.romashkaMsk);
      expect(row.params).toMatchObject({ inn: '7707083893', regionId: 77 });
      expect(row.recordActions.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['show', 'edit', 'attachDocument', 'editContacts']));
      // a row's actions as its menu uses them: no layout, no page settings
      expect(row.recordActions.every((a: Record<string, unknown>) => !('layout' in a) && !('containerWidth' in a))).toBe(true);
      expect(row.populated.regionId).toMatchObject({ id: 77, title: 'Москва', params: {} });
      expect(row.populated.regionId.recordActions.map((a: { name: string }) => a.name)).toEqual(['show']);
      // the record itself, opened, is complete; what it refers to is a title there too (issue 21: a reference names only)
      const shown = (await clerk.get(`/admin/api/resources/Organization/records/${org.romashkaMsk}/show`)).body.record;
      expect(shown.recordActions.find((a: { name: string }) => a.name === 'edit').layout).not.toBeNull();
      expect(shown.params).toMatchObject({ inn: '7707083893', regionId: 77 });
      expect(shown.populated.regionId).toMatchObject({ id: 77, title: 'Москва', params: {} });
    });

    it('sorts by the last change first by default and pages 20 at a time', async () => {
      await db.dataSource.query(`UPDATE organizations SET updated_at = now() + interval '1 day' WHERE id = $1`, [org.elka]);
      const answer = (await clerk.get('/admin/api/resources/Organization/actions/list')).body as ListAnswer & { meta: { perPage: number } };
      expect(Number(answer.records[0]?.id)).toBe(org.elka);
      expect(answer.meta.perPage).toBe(20);
    });
  });

  describe('letters', () => {
    const create = (fields: Record<string, string>) => {
      let request = clerk.post('/admin/api/resources/Message/actions/new');
      for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
      return request;
    };
    const valid = () => ({
      direction: 'incoming',
      ourNumber: '161-10-11/22',
      ourDate: '2025-03-05',
      theirNumber: 'ЛПУ-16',
      theirDate: '2025-03-03',
      information: 'Запрос сведений о ресурсах',
      'organizations.0': String(org.romashkaMsk),
      'organizations.1': String(org.yolka),
    });

    it('links one letter to two organizations; it appears on both cards and filters by organization', async () => {
      const response = await create(valid());
      expect(response.body.record.errors).toEqual({});
      const id = Number(response.body.record.id);
      const linked = await db.dataSource.query(`SELECT organization_id FROM organizations_messages WHERE message_id = $1 ORDER BY 1`, [id]);
      expect(linked.map((r: { organization_id: number }) => r.organization_id)).toEqual(ids('romashkaMsk', 'yolka'));
      for (const key of ['romashkaMsk', 'yolka']) {
        const card = await clerk.get(`/admin/data/organizations/${org[key]}/letters`);
        expect(card.body.letters.map((l: { id: number }) => l.id)).toContain(id);
      }
      const shown = await clerk.get(`/admin/api/resources/Message/records/${id}/show`);
      expect([shown.body.record.params['organizations.0'], shown.body.record.params['organizations.1']].map(Number).sort((a, b) => a - b)).toEqual(
        ids('romashkaMsk', 'yolka'),
      );
      const byOrganization = await list('Message', { 'filters.organizations': String(org.yolka) });
      expect(byOrganization.records.map((r) => Number(r.id))).toEqual([id]);
      expect((await list('Message', { 'filters.q': '161-10' })).records.map((r) => Number(r.id))).toEqual([id]);
      expect((await list('Message', { 'filters.q': 'запрос РЕСУРСАХ' })).records.map((r) => Number(r.id))).toEqual([id]);
      expect((await list('Message', { 'filters.theirNumber': 'лпу' })).records.map((r) => Number(r.id))).toEqual([id]); // ILIKE
      expect((await list('Message', { 'filters.q': 'отказ' })).records).toEqual([]);

      const edited = await clerk
        .post(`/admin/api/resources/Message/records/${id}/edit`)
        .field('direction', 'incoming')
        .field('information', 'Запрос сведений о ресурсах')
        .field('ourDate', '2025-03-05')
        .field('theirDate', '2025-03-03')
        .field('organizations.0', String(org.elka));
      expect(edited.body.record.errors).toEqual({});
      const after = await db.dataSource.query(`SELECT organization_id FROM organizations_messages WHERE message_id = $1`, [id]);
      expect(after).toEqual([{ organization_id: org.elka }]);
    });

    it.each([
      [{ information: 'коротко' }, 'information', /не короче 10 символов/],
      [{ 'organizations.0': '', 'organizations.1': '' }, 'organizations', /хотя бы одну организацию/],
      [{ ourDate: '2999-01-01' }, 'ourDate', /не может быть позже сегодняшнего дня/],
      [{ ourDate: '2025-03-01' }, 'ourDate', /не может быть раньше даты подписи письма отправителем/],
      [{ direction: 'outgoing' }, 'theirNumber', /У исходящего письма нет номера отправителя/],
      [{ direction: '' }, 'direction', /входящее или исходящее/],
    ])('refuses %j with a message on %s and writes nothing', async (change, field, message) => {
      const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM messages`);
      const response = await create({ ...valid(), ...change });
      expect(response.body.record.errors[field]?.message).toMatch(message);
      expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM messages`)).toEqual(before);
    });
  });

  describe('outsourcing', () => {
    it("is shown on the resource and on both organizations' cards", async () => {
      const [resource] = await db.dataSource.query(`INSERT INTO resources (name, owner_id) VALUES ('АСУ ТП', $1) RETURNING id`, [org.romashkaEkb]);
      await db.dataSource.query(`INSERT INTO responsibilities (organization_id, resource_id, date_start, props) VALUES ($1, $2, '2025-01-10', 'Договор № 5')`, [
        org.elka,
        resource.id,
      ]);
      const expected = [
        { providerId: org.elka, resourceId: resource.id, ownerId: org.romashkaEkb, dateStart: '2025-01-10', dateEnd: null, props: 'Договор № 5' },
      ];
      for (const url of [
        `/admin/data/resources/${resource.id}/outsourcing`,
        `/admin/data/organizations/${org.elka}/outsourcing`,
        `/admin/data/organizations/${org.romashkaEkb}/outsourcing`,
      ]) {
        expect((await clerk.get(url)).body.outsourcing).toMatchObject(expected);
      }
      expect((await clerk.get(`/admin/data/organizations/${org.yolka}/outsourcing`)).body.outsourcing).toEqual([]);
    });
  });

  describe('resources', () => {
    it('saves two regions and two industries, filters by them, and a soft delete hides the resource everywhere', async () => {
      const created = await clerk
        .post('/admin/api/resources/Resource/actions/new')
        .field('name', 'ГИС Учёт')
        .field('isOkii', 'true')
        .field('ownerId', String(org.elka))
        .field('regions.0', '77')
        .field('regions.1', '50')
        .field('industries.0', '1')
        .field('industries.1', '3');
      expect(created.body.record.errors).toEqual({});
      const id = Number(created.body.record.id);
      expect(await db.dataSource.query(`SELECT region_id FROM resources_regions WHERE resource_id = $1 ORDER BY 1`, [id])).toEqual([
        { region_id: 50 },
        { region_id: 77 },
      ]);
      expect(await db.dataSource.query(`SELECT industry_id FROM resources_industries WHERE resource_id = $1 ORDER BY 1`, [id])).toEqual([
        { industry_id: 1 },
        { industry_id: 3 },
      ]);
      expect((await list('Resource', { 'filters.regions': '50' })).records.map((r) => Number(r.id))).toEqual([id]);
      expect((await list('Resource', { 'filters.industries': '3', 'filters.regions': '77' })).records.map((r) => Number(r.id))).toEqual([id]);
      expect((await list('Resource', { 'filters.q': 'учет' })).records.map((r) => Number(r.id))).toEqual([id]);
      expect(await organizationsWhere({ isCiiSubject: 'true' })).toEqual(ids('romashkaMsk', 'elka'));
      expect((await clerk.get(`/admin/data/organizations/${org.elka}/resources`)).body.resources).toEqual([
        { id, name: 'ГИС Учёт', fstecRegNumber: null, category: null, isOkii: true, regions: ['Московская область', 'Москва'].sort() },
      ]);

      const edited = await clerk
        .post(`/admin/api/resources/Resource/records/${id}/edit`)
        .field('name', 'ГИС Учёт')
        .field('ownerId', String(org.elka))
        .field('regions.0', '77')
        .field('industries', '__FORM_VALUE_EMPTY_ARRAY__');
      expect(edited.body.record.errors).toEqual({});
      expect(await db.dataSource.query(`SELECT region_id FROM resources_regions WHERE resource_id = $1`, [id])).toEqual([{ region_id: 77 }]);
      expect(await db.dataSource.query(`SELECT industry_id FROM resources_industries WHERE resource_id = $1`, [id])).toEqual([]);

      const deleted = await clerk.post(`/admin/api/resources/Resource/records/${id}/delete`);
      expect(deleted.body.notice?.type).toBe('success');
      const [row] = await db.dataSource.query(`SELECT deleted_at FROM resources WHERE id = $1`, [id]);
      expect(row.deleted_at).not.toBeNull(); // kept, marked deleted
      const visible = await list('Resource', {});
      expect(visible.records.map((r) => Number(r.id))).not.toContain(id);
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM resources WHERE deleted_at IS NULL`);
      expect(visible.meta.total).toBe(n); // the counter follows soft deletes
      expect((await list('Resource', { 'filters.regions': '77' })).records).toEqual([]);
      expect(await organizationsWhere({ isCiiSubject: 'true' })).toEqual(ids('romashkaMsk'));
      expect((await clerk.get(`/admin/data/organizations/${org.elka}/resources`)).body.resources).toEqual([]);
    });
  });
});
