import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEgrulClient, EgrulServiceError, type EgrulClient } from '../../src/egrul/egrul-client.js';
import { importFromEgrul } from '../../src/egrul/egrul-import.service.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { startEgrulStub, type EgrulStub, type EgrulStubFailure } from '../support/egrul-stub.js';

const ACTION = '/admin/api/resources/Organization/actions/egrulImport';

interface Answer {
  egrul?: {
    configured?: boolean;
    canImport?: boolean;
    count?: number;
    rows?: { inn: string; kpp: string; serviceId: number; registryId: number | null; registryUrl: string | null }[];
    created?: boolean;
    organizationId?: number;
  };
  error?: { message: string };
  redirectUrl?: string;
  notice?: { message: string; type: string };
}

describe('EGRUL search and import', () => {
  const db = useTestDatabase('egrul');
  let stub: EgrulStub;
  let client: EgrulClient;
  beforeAll(async () => {
    stub = await startEgrulStub();
    // 2 s: the suite runs beside other heavy tests on two cores (at 400 ms a loaded CI run timed out real answers)
    client = createEgrulClient({ serviceUrl: stub.url, timeoutMs: 2000 });
  });
  afterAll(() => stub?.close());
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: stub.url, EGRUL_TIMEOUT_MS: '2000' }));

  const organizations = async () =>
    (await db.dataSource.query(`SELECT id, full_name, short_name, inn, kpp, ogrn, factual_address, region_id FROM organizations ORDER BY id`)) as {
      id: number;
      full_name: string;
      short_name: string;
      inn: string;
      kpp: string | null;
      ogrn: string;
      factual_address: string | null;
      region_id: number | null;
    }[];
  const insertOrganization = async (inn: string, kpp: string | null, fullName = 'МБУ "СТОПРОЦЕНТНЫЙ ДОМ КУЛЬТУРЫ"', active = true) => {
    const [row] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn, kpp, is_active) VALUES ($1, $2, $3, $4) RETURNING id`, [
      fullName,
      inn,
      kpp,
      active,
    ]);
    return row.id as number;
  };

  beforeEach(async () => {
    stub.reset();
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
  });

  describe('the import service', () => {
    it('creates the organization from the detail record, with its region', async () => {
      const result = await importFromEgrul(db.dataSource, client, { serviceId: 3, inn: '3333333333', kpp: '444444445' });
      expect(result).toMatchObject({ created: true, regionWarning: null });
      expect(await organizations()).toEqual([
        {
          id: result.organizationId,
          full_name: '"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"',
          short_name: '"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"',
          inn: '3333333333',
          kpp: '444444445',
          ogrn: '2222222222222',
          factual_address: 'КВ-Л. ИЛЬИЧЕВА, Д. 1111, ПГТ. ЮЖНО-КУРИЛЬСК, САХАЛИНСКАЯ ОБЛАСТЬ, 694500',
          region_id: 65,
        },
      ]);
    });

    it('creates nothing the second time and returns the existing organization', async () => {
      const first = await importFromEgrul(db.dataSource, client, { serviceId: 1, inn: '2222222222', kpp: '333333333' });
      const requestsBefore = stub.requests.length;
      const second = await importFromEgrul(db.dataSource, client, { serviceId: 1, inn: '2222222222', kpp: '333333333' });
      expect(second).toMatchObject({ created: false, organizationId: first.organizationId });
      expect(stub.requests.length).toBe(requestsBefore); // found in the registry before asking the service
      expect(await organizations()).toHaveLength(1);
    });

    it('imports a branch with no address and region code "00" without a region, and says so', async () => {
      const result = await importFromEgrul(db.dataSource, client, { serviceId: 4, inn: '3333333333', kpp: '444444446' });
      expect(result.created).toBe(true);
      expect(result.regionWarning).toMatch(/не указан регион/);
      expect(await organizations()).toMatchObject([{ factual_address: null, region_id: null }]);
    });

    it('imports the regions EGRUL uses that the seed lacked (95), and refuses a code still missing instead of a card without its region', async () => {
      const answer = (code: string) => ({
        full_name: 'ООО "НОВЫЙ РЕГИОН"',
        short_name: null,
        inn: '2222222222',
        kpp: '333333333',
        ogrn: '1111111111111',
        factual_address: 'Г. ЭНСК',
        region_code: code,
      });
      stub.respond('/api/organizations/1/', answer('88'));
      await expect(importFromEgrul(db.dataSource, client, { serviceId: 1, inn: '2222222222', kpp: '333333333' })).rejects.toThrow(
        /^Региона с кодом 88 из ЕГРЮЛ нет в справочнике регионов — организация не добавлена/,
      );
      expect(await organizations()).toEqual([]);
      stub.respond('/api/organizations/1/', answer('95'));
      const result = await importFromEgrul(db.dataSource, client, { serviceId: 1, inn: '2222222222', kpp: '333333333' });
      expect(result.regionWarning).toBeNull();
      expect(await organizations()).toMatchObject([{ full_name: 'ООО "НОВЫЙ РЕГИОН"', region_id: 95 }]);
    });

    it('finds the record again by INN+KPP when the service id now names another organization', async () => {
      // the service reloaded its data: id 1 is now somebody else
      const result = await importFromEgrul(db.dataSource, client, { serviceId: 1, inn: '3333333333', kpp: '444444445' });
      expect(result.created).toBe(true);
      expect(await organizations()).toMatchObject([{ inn: '3333333333', kpp: '444444445', region_id: 65 }]);
      // then the head unit of the INN is asked for (to link branches): is_main spelled true, never 1
      expect(stub.requests.slice(-4)).toEqual([
        '/api/organizations/1/',
        '/api/organizations/?inn=3333333333&kpp=444444445',
        '/api/organizations/3/',
        '/api/organizations/?inn=3333333333&is_main=true',
      ]);
    });

    it('an inactive organization with the same INN+KPP is a possible duplicate: the import asks, and creates the card when told to', async () => {
      await insertOrganization('3333333333', '444444445', 'ЛИКВИДИРОВАННАЯ', false);
      await expect(importFromEgrul(db.dataSource, client, { serviceId: 3, inn: '3333333333', kpp: '444444445' })).rejects.toThrow(/Возможный дубль/);
      expect(await organizations()).toHaveLength(1);
      expect(
        (await importFromEgrul(db.dataSource, client, { serviceId: 3, inn: '3333333333', kpp: '444444445' }, { evenIfPossibleDuplicate: true })).created,
      ).toBe(true);
      expect(await organizations()).toHaveLength(2);
    });

    it('two imports of the same organization at the same moment create one', async () => {
      // all settled before the test ends: an import still running would commit into the next test's database
      const settled = await Promise.allSettled(
        Array.from({ length: 6 }, () => importFromEgrul(db.dataSource, client, { serviceId: 2, inn: '3333333333', kpp: '444444444' })),
      );
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      const results = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof importFromEgrul>>>).value);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.organizationId)).size).toBe(1);
      expect(await organizations()).toHaveLength(1);
    });

    const failures: [string, EgrulStubFailure][] = [
      ['timeout', { kind: 'slow', delayMs: 4000 }],
      ['5xx', { kind: 'server-error' }],
      ['HTML', { kind: 'html' }],
      ['broken JSON', { kind: 'broken-json' }],
      ['wrong shape', { kind: 'malformed' }],
      ['4xx', { kind: 'status', status: 403, body: '{"detail":"Доступ запрещён"}' }],
      ['dropped connection', { kind: 'reset' }],
    ];
    it.each(failures)('writes nothing when the service fails: %s', async (_name, failure) => {
      stub.fail(failure);
      await expect(importFromEgrul(db.dataSource, client, { serviceId: 3, inn: '3333333333', kpp: '444444445' })).rejects.toBeInstanceOf(EgrulServiceError);
      expect(await organizations()).toEqual([]);
    });

    it('writes nothing when a field of the record is bad', async () => {
      stub.respond('/api/organizations/3/', {
        full_name: 'ООО "ПЛОХОЙ ОГРН"',
        short_name: null,
        inn: '3333333333',
        kpp: '444444445',
        ogrn: '12345',
        factual_address: 'Г. ЭНСК',
        region_code: '65',
      });
      const error = (await importFromEgrul(db.dataSource, client, { serviceId: 3, inn: '3333333333', kpp: '444444445' }).catch(
        (e: unknown) => e,
      )) as EgrulServiceError;
      expect(error.failure).toBe('malformed');
      expect(error.userMessage).toContain('«ogrn»');
      expect(await organizations()).toEqual([]);
    });
  });

  describe('the "Импорт из ЕГРЮЛ" action', () => {
    it('tells the component that the service is configured and who may import', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      expect(((await admin.get(ACTION)).body as Answer).egrul).toEqual({ configured: true, canImport: true });
      expect(((await clerk.get(ACTION)).body as Answer).egrul).toEqual({ configured: true, canImport: false });
    });

    it('searches and marks the rows already in the registry, with a link to the card', async () => {
      const existing = await insertOrganization('3333333333', '444444444');
      await insertOrganization('3333333333', '444444446', 'НЕДЕЙСТВУЮЩИЙ ФИЛИАЛ', false);
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const answer = (await clerk.post(ACTION).send({ operation: 'search', query: '3333333333', page: '1' })).body as Answer;
      expect(answer.error).toBeUndefined();
      expect(answer.egrul?.count).toBe(3);
      expect(answer.egrul?.rows?.map((r) => [r.kpp, r.registryId, r.registryUrl])).toEqual([
        ['444444444', existing, `/admin/resources/Organization/records/${existing}/show`],
        ['444444445', null, null],
        ['444444446', null, null], // only active organizations count
      ]);
    });

    it('a clerk may search but not import', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      const answer = (await clerk.post(ACTION).send({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' })).body as Answer;
      expect(answer.error?.message).toBe('Добавлять организации из ЕГРЮЛ могут только администраторы.');
      expect(await organizations()).toEqual([]);
    });

    it('an admin imports and is sent to the new card with a success message; again, to the same card', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      const first = (await admin.post(ACTION).send({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' })).body as Answer;
      const [organization] = await organizations();
      if (!organization) throw new Error('the organization was not created');
      expect(first.egrul).toEqual({ created: true, organizationId: organization.id });
      expect(first.redirectUrl).toBe(`/admin/resources/Organization/records/${organization.id}/show`);
      expect(first.notice).toEqual({ type: 'success', message: 'Организация «"ПЕРЕДВИЖНОЙ ЛАЗАРЕТ"» добавлена из ЕГРЮЛ.' });
      const again = (await admin.post(ACTION).send({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' })).body as Answer;
      expect(again.egrul).toEqual({ created: false, organizationId: organization.id });
      expect(again.notice?.message).toMatch(/уже есть в реестре/);
      expect(await organizations()).toHaveLength(1);
      // the change history names the admin and the register as the source
      const [entry] = await db.dataSource.query(`SELECT actor_name, source, details FROM audit_log WHERE table_name = 'organizations' AND action = 'insert'`);
      expect(entry).toMatchObject({ source: 'egrul', actor_name: 'admin@cert.test (admin@cert.test)', details: { egrul: 'egrul_fts_api' } });
      // and the import counts as a check: «актуальна», with the unit's id for the next check
      expect(await db.dataSource.query(`SELECT status, service_id FROM egrul_checks WHERE organization_id = $1`, [organization.id])).toEqual([
        { status: 'actual', service_id: 3 },
      ]);
    });

    it('two admins adding the same row at the same moment create one organization', async () => {
      const one = await loginAs(app.app, 'admin@cert.test');
      await createTestUser(db, 'admin2@cert.test', 'admin');
      const two = await loginAs(app.app, 'admin2@cert.test');
      const payload = { operation: 'add', serviceId: '1', inn: '2222222222', kpp: '333333333' };
      const answers = await Promise.all([one.post(ACTION).send(payload), two.post(ACTION).send(payload)]);
      expect(answers.map((a) => (a.body as Answer).egrul?.created).sort()).toEqual([false, true]);
      expect(await organizations()).toHaveLength(1);
    });

    it('shows the service failure as a Russian message and writes nothing', async () => {
      const admin = await loginAs(app.app, 'admin@cert.test');
      stub.fail({ kind: 'server-error' });
      const search = (await admin.post(ACTION).send({ operation: 'search', query: 'ромашка', page: '1' })).body as Answer;
      expect(search.error?.message).toMatch(/Сервис ЕГРЮЛ сообщил о внутренней ошибке \(500\)/);
      const add = (await admin.post(ACTION).send({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' })).body as Answer;
      expect(add.error?.message).toMatch(/внутренней ошибке/);
      expect(await organizations()).toEqual([]);
    });

    it('never fetches anything the browser sent: only an id, INN and KPP, each validated', async () => {
      const other = await startEgrulStub();
      try {
        const admin = await loginAs(app.app, 'admin@cert.test');
        const before = stub.requests.length;
        for (const payload of [
          { operation: 'add', serviceId: '../../admin', inn: '3333333333', kpp: '444444445' },
          { operation: 'add', serviceId: `${other.url}api/organizations/3/`, inn: '3333333333', kpp: '' },
          { operation: 'add', serviceId: '3', inn: '3333', kpp: '444444445' },
          { operation: 'add', serviceId: '3', inn: '3333333333', kpp: '4444' },
        ]) {
          const answer = (await admin.post(ACTION).send(payload)).body as Answer;
          expect(answer.error?.message).toMatch(/повторите поиск/);
        }
        const search = (
          await admin.post(ACTION).send({ operation: 'search', query: 'чудеса', page: '1', next: `${other.url}api/organizations/?page=2`, url: other.url })
        ).body as Answer;
        expect(search.egrul?.count).toBe(1);
        expect(other.requests).toEqual([]);
        expect(stub.requests.slice(before)).toEqual(['/api/organizations/fts-search/?q=%D1%87%D1%83%D0%B4%D0%B5%D1%81%D0%B0']);
        expect(await organizations()).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('asks for a query and rejects a bad page number', async () => {
      const clerk = await loginAs(app.app, 'clerk@cert.test');
      expect(((await clerk.post(ACTION).send({ operation: 'search', query: '   ', page: '1' })).body as Answer).error?.message).toBe(
        'Введите наименование организации, ИНН, ОГРН или КПП.',
      );
      expect(((await clerk.post(ACTION).send({ operation: 'search', query: 'ромашка', page: '0' })).body as Answer).error?.message).toBe(
        'Неверный номер страницы результатов.',
      );
    });

    describe('"Заполнить из ЕГРЮЛ" on the organization form', () => {
      const fill = async (inn: string, kpp = '') =>
        (await (await loginAs(app.app, 'clerk@cert.test')).post(ACTION).send({ operation: 'fill', inn, kpp })).body as {
          egrul?: {
            kind: string;
            values?: Record<string, unknown>;
            regionName?: string;
            notes?: string[];
            choices?: { kpp: string; fullName: string }[];
            registryUrl?: string;
          };
          error?: { message: string };
        };

      it("gives the form values of the INN's organization, with its region, and writes nothing", async () => {
        const answer = await fill(' 2222222222 ');
        expect(answer.error).toBeUndefined();
        expect(answer.egrul).toEqual({
          kind: 'values',
          values: {
            fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "КОМПАНИЯ "ЧУДЕСА"',
            shortName: 'ООО "КОМПАНИЯ ЧУДЕСА"',
            inn: '2222222222',
            kpp: '333333333',
            ogrn: '1111111111111',
            factualAddress: 'ПР-КТ. ЛЕНИНА, Д. 00А, Г. ОКТЯБРЬСКИЙ, РЕСПУБЛИКА БАШКОРТОСТАН, 452613',
            regionId: 2,
          },
          regionName: 'Республика Башкортостан',
          // the service's own fixture has requisites that fail the checks: the form is told so
          notes: [
            expect.stringMatching(
              /^Реквизиты в ЕГРЮЛ не проходят проверку \(ИНН 2222222222: неверная контрольная сумма; ОГРН 1111111111111: неверное контрольное число\)/,
            ),
          ],
          registryId: null,
        });
        expect(await organizations()).toEqual([]);
      });

      it('lets the clerk choose between the head organization and its branches, then fills the chosen one', async () => {
        const existing = await insertOrganization('3333333333', '444444445');
        const choose = await fill('3333333333');
        expect(choose.egrul?.kind).toBe('choose');
        expect(choose.egrul?.choices?.map((c) => c.kpp)).toEqual(['444444444', '444444445', '444444446']);
        const branch = await fill('3333333333', '444444445');
        expect(branch.egrul).toMatchObject({
          kind: 'values',
          values: { kpp: '444444445', regionId: 65 },
          registryUrl: `/admin/resources/Organization/records/${existing}/show`,
        });
        expect(branch.egrul?.notes).toEqual([
          'Эта организация уже есть в реестре: «МБУ "СТОПРОЦЕНТНЫЙ ДОМ КУЛЬТУРЫ"».',
          expect.stringContaining('не проходят проверку'),
        ]);
      });

      it.each([
        ['123', '', 'ИНН: введите 10 или 12 цифр, чтобы заполнить форму из ЕГРЮЛ.'],
        ['500100732259', '', 'В ЕГРЮЛ нет организации с ИНН 500100732259 (ИНН из 12 цифр обычно у ИП, а их в ЕГРЮЛ нет).'],
        ['2222222222', '12', 'КПП: 9 символов, например 773601001.'],
        ['0000000000', '', 'В ЕГРЮЛ нет организации с ИНН 0000000000.'],
      ])('refuses %s / %s with a Russian message, asking nothing of the service when the input is wrong', async (inn, kpp, message) => {
        const before = stub.requests.length;
        expect((await fill(inn, kpp)).error?.message).toBe(message);
        // a well-formed INN is looked up (the register holds some 12-digit ones); a malformed one asks nothing
        if (inn !== '0000000000' && inn !== '500100732259') expect(stub.requests.length).toBe(before);
      });

      it('reports a service failure as a message', async () => {
        stub.fail({ kind: 'html' });
        expect((await fill('2222222222')).error?.message).toContain('ответил не данными JSON');
      });
    });

    it('an anonymous request is refused with 401 before it is read', async () => {
      const response = await request(app.app).post(ACTION).send({ operation: 'search', query: 'ромашка' });
      expect(response.status).toBe(401);
    });
  });

  describe('without EGRUL_SERVICE_URL', () => {
    const unconfigured = useTestApp(db);
    it('explains which setting is missing', async () => {
      const admin = await loginAs(unconfigured.app, 'admin@cert.test');
      expect(((await admin.get(ACTION)).body as Answer).egrul).toEqual({ configured: false, canImport: true });
      const answer = (await admin.post(ACTION).send({ operation: 'search', query: 'ромашка', page: '1' })).body as Answer;
      expect(answer.error?.message).toContain('EGRUL_SERVICE_URL');
    });
  });
});
