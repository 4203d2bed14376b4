import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { createEgrulClient, EgrulServiceError } from '../../src/egrul/egrul-client.js';
import { importFromEgrul } from '../../src/egrul/egrul-import.service.js';
import { classifyEgrulQuery } from '../../src/egrul/egrul-query.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { startEgrulStub, type EgrulStub } from '../support/egrul-stub.js';

/** The EGRUL service at its edges (issue 12, items 2–5 and 8): each failure class its own Russian message. */
describe('EGRUL at its edges', () => {
  const db = useTestDatabase('egrul_edges');
  let stub: EgrulStub;
  beforeAll(async () => {
    stub = await startEgrulStub();
  });
  afterAll(() => stub?.close());
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: stub.url, EGRUL_TIMEOUT_MS: '2000' }));
  beforeEach(async () => {
    stub.reset();
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
  });
  const action = async (fields: Record<string, string>) => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    let call = admin.post('/admin/api/resources/Organization/actions/egrulImport');
    for (const [key, value] of Object.entries(fields)) call = call.field(key, value);
    return (await call).body as {
      egrul?: { rows?: { inn: string; kpp: string | null }[]; searched?: string; kind?: string; values?: Record<string, unknown> };
      error?: { message: string };
    };
  };

  it('says an answer over the size limit is too large, not that the service is unreachable', async () => {
    stub.respond('/api/organizations/fts-search/?q=%D0%B1%D0%BE%D0%BB%D1%8C%D1%88%D0%BE%D0%B9', {
      count: 1,
      next: null,
      previous: null,
      results: [],
      padding: 'x'.repeat(3 * 1024 * 1024),
    });
    const answer = await action({ operation: 'search', query: 'большой' });
    expect(answer.error?.message).toBe('Сервис ЕГРЮЛ прислал слишком большой ответ (больше 2 МБ) — уточните запрос; если повторится, сообщите администратору.');
  });

  it('tells an add that failed by a JSON 404 or a timeout what was not done and what to do, not «повторите поиск» or «уточните запрос»', async () => {
    stub.fail({ kind: 'status', status: 404, body: '{"detail":"Страница не найдена."}' });
    const missing = await action({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' });
    expect(missing.error?.message).toBe(
      'Организация не добавлена: сервис ЕГРЮЛ ответил «не найдено» на запрос списка — вероятно, он перезагружает данные или неисправен. Попробуйте позже; если повторится, сообщите администратору.',
    );
    stub.reset();
    stub.respond('/api/organizations/3/', { detail: 'Страница не найдена.' }, 404);
    const gone = await action({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' });
    expect(gone.error?.message).toBe(
      'Организация не добавлена: сервис ЕГРЮЛ не нашёл её по своему номеру (его данные могли обновиться). Найдите её поиском ещё раз; если ответ повторится, сообщите администратору.',
    );
    stub.fail({ kind: 'slow', delayMs: 3000 });
    const slow = await action({ operation: 'add', serviceId: '3', inn: '3333333333', kpp: '444444445' });
    expect(slow.error?.message).toMatch(/^Сервис ЕГРЮЛ не ответил за \d+ с\. Организация не добавлена; попробуйте позже/);
    expect(slow.error?.message).not.toContain('уточните запрос');
  });

  it('describes a wrong-format answer in Russian and about the operation in progress (a search is not an import)', async () => {
    stub.fail({ kind: 'malformed' });
    const search = await action({ operation: 'search', query: 'ромашка' });
    expect(search.error?.message).toMatch(
      /^Сервис ЕГРЮЛ вернул данные в неожиданном формате \(нет поля count; нет поля next; нет поля previous\)\. Поиск не выполнен;/,
    );
    expect(search.error?.message).not.toMatch(/Required|Expected|Импорт/);
    const fill = await action({ operation: 'fill', inn: '3333333333', kpp: '444444445' });
    expect(fill.error?.message).toContain('Форма не заполнена — заполните её вручную');
    expect(fill.error?.message).not.toMatch(/[A-Z][a-z]+ [a-z]+/); // no English sentence
  });

  it('hints that EGRUL_SERVICE_URL must be the service’s root when it answers 404 for a base ending in /api/', async () => {
    const client = createEgrulClient({ serviceUrl: new URL('api/', stub.url).href, timeoutMs: 2000 });
    const error = (await client.search({ kind: 'inn', value: '3333333333' }).catch((e: unknown) => e)) as EgrulServiceError;
    expect(error).toBeInstanceOf(EgrulServiceError);
    expect(error.userMessage).toContain('Проверьте, что EGRUL_SERVICE_URL — корень сервиса');
  });

  it('refuses an EGRUL_SERVICE_URL that is not http(s)', () => {
    expect(() => loadConfig({ EGRUL_SERVICE_URL: 'ftp://egrul.local/' })).toThrow(ConfigError);
    expect(() => loadConfig({ EGRUL_SERVICE_URL: 'http://egrul:8000/' })).not.toThrow();
  });

  it.each([
    ['3333333333 444444445', '3333333333', '444444445'],
    ['3333333333/444444445', '3333333333', '444444445'],
    ['ИНН 3333333333 КПП 444444445', '3333333333', '444444445'],
    ['3333333333, 444444445', '3333333333', '444444445'],
    ['3333333333444444445', '3333333333', '444444445'],
  ])('understands «%s» as INN and KPP', async (query, inn, kpp) => {
    const answer = await action({ operation: 'search', query });
    expect(answer.error).toBeUndefined();
    expect(answer.egrul?.searched).toBe(`ИНН ${inn}, КПП ${kpp}`);
    expect(answer.egrul?.rows?.map((row) => [row.inn, row.kpp])).toEqual([[inn, kpp]]);
  });

  it('understands the words ИНН, ОГРН, КПП before a number, and says what is wrong with an 11- or 14-digit number', async () => {
    expect((await action({ operation: 'search', query: 'ИНН 3333333333' })).egrul?.searched).toBe('ИНН 3333333333');
    expect(classifyEgrulQuery('ОГРН 1027700132195')).toEqual({ kind: 'ogrn', value: '1027700132195' });
    expect(classifyEgrulQuery('кпп: 773601001')).toEqual({ kind: 'kpp', value: '773601001' });
    const typo = await action({ operation: 'search', query: '33333333331' });
    expect(typo.error?.message).toBe(
      'Число из 11 цифр — не реквизит: ИНН — 10 или 12 цифр, КПП — 9, ОГРН — 13, ОГРНИП — 15. Проверьте, не пропущена ли цифра.',
    );
    expect((await action({ operation: 'search', query: '10277001321951' })).error?.message).toContain('Число из 14 цифр');
    expect((await action({ operation: 'search', query: 'ИНН 12345' })).error?.message).toBe('ИНН — 10 цифр (организация) или 12 (ИП), а введено 5.');
    expect(classifyEgrulQuery('ромашка 2024')).toEqual({ kind: 'text', value: 'ромашка 2024' });
  });

  it('fills the form for a 12-digit INN the register holds, as the search finds it (one rule for both)', async () => {
    const inn = '770100000013';
    const item = { full_name: 'ОБЩЕСТВО С ДВЕНАДЦАТИЗНАЧНЫМ ИНН', short_name: 'ООО "12"', inn, kpp: '770101001', relative_addr: '/api/organizations/901/' };
    stub.respond(`/api/organizations/?inn=${inn}`, { count: 1, next: null, previous: null, results: [item] });
    stub.respond('/api/organizations/901/', { ...item, ogrn: '1027700132195', factual_address: '101000, г. Москва, ул. Мясницкая, д. 1', region_code: '77' });
    const search = await action({ operation: 'search', query: inn });
    expect(search.egrul?.rows?.map((row) => row.inn)).toEqual([inn]);
    const fill = await action({ operation: 'fill', inn });
    expect(fill.error).toBeUndefined();
    expect(fill.egrul).toMatchObject({ kind: 'values', values: { inn, kpp: '770101001', regionId: 77 } });
  });

  it('leaves a saveable card for every organization of the stub’s register: import, open the form, change a field, save', async () => {
    const client = createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 });
    const units: { serviceId: number; inn: string; kpp: string | null }[] = [];
    for (let page = 1; ; page += 1) {
      const body = (await (await fetch(new URL(`api/organizations/${page > 1 ? `?page=${page}` : ''}`, stub.url))).json()) as {
        next: string | null;
        results: { inn: string | null; kpp: string | null; relative_addr: string }[];
      };
      for (const row of body.results) {
        if (row.inn) units.push({ serviceId: Number(/([0-9]+)\/$/.exec(row.relative_addr)![1]), inn: row.inn, kpp: row.kpp });
      }
      if (!body.next) break;
    }
    expect(units.length).toBeGreaterThan(10);
    const admin = await loginAs(app.app, 'admin@cert.test');
    let marked = 0;
    for (const unit of units) {
      const imported = await importFromEgrul(db.dataSource, client, unit);
      const shown = (await admin.get(`/admin/api/resources/Organization/records/${imported.organizationId}/edit`)).body.record.params as Record<
        string,
        unknown
      >;
      let call = admin.post(`/admin/api/resources/Organization/records/${imported.organizationId}/edit`);
      for (const field of [
        'fullName',
        'shortName',
        'inn',
        'kpp',
        'ogrn',
        'factualAddress',
        'regionId',
        'bossPosition',
        'bossFio',
        'contacts',
        'dateAgreement',
        'agreementUnit',
        'isGov',
        'isMilitary',
      ]) {
        call = call.field(field, field === 'bossFio' ? 'Иванов Иван Иванович' : String(shown[field] ?? ''));
      }
      const saved = (await call).body;
      expect(saved.notice.type, `${unit.inn}/${unit.kpp}: ${JSON.stringify(saved.record.errors)}`).toBe('success');
      const [row] = await db.dataSource.query('SELECT inn, kpp, ogrn, boss_fio FROM organizations WHERE id = $1', [imported.organizationId]);
      expect(row).toMatchObject({ inn: shown.inn, kpp: shown.kpp ?? null, ogrn: shown.ogrn, boss_fio: 'Иванов Иван Иванович' });
      const { requisiteProblems } = await import('../../src/domain/organization.js');
      if (requisiteProblems(row).length > 0) marked += 1;
    }
    // the register's own fixture has requisites that fail the checks (3333333333 / 444444444, 2222222222222): kept and marked
    expect(marked).toBeGreaterThan(0);
  });

  it('still checks a changed requisite: an unchanged failing INN is kept, a new failing one is refused', async () => {
    const [{ id }] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, inn, kpp, ogrn) VALUES ('МБУ "ИЗ ЕГРЮЛ"', '3333333333', '444444444', '2222222222222') RETURNING id`,
    );
    const admin = await loginAs(app.app, 'admin@cert.test');
    const kept = await admin
      .post(`/admin/api/resources/Organization/records/${id}/edit`)
      .field('fullName', 'МБУ "ИЗ ЕГРЮЛ"')
      .field('inn', '3333333333')
      .field('kpp', '444444444')
      .field('ogrn', '2222222222222');
    expect(kept.body.notice.type).toBe('success');
    const changed = await admin
      .post(`/admin/api/resources/Organization/records/${id}/edit`)
      .field('fullName', 'МБУ "ИЗ ЕГРЮЛ"')
      .field('inn', '3333333334')
      .field('kpp', '444444444')
      .field('ogrn', '2222222222222');
    expect(changed.body.notice.type).toBe('error');
    expect(changed.body.record.errors.inn.message).toBe('ИНН 3333333334: неверная контрольная сумма');
    const created = await admin.post('/admin/api/resources/Organization/actions/new').field('fullName', 'Новая').field('inn', '3333333333');
    expect(created.body.record.errors.inn.message).toBe('ИНН 3333333333: неверная контрольная сумма');
  });

  describe('possible duplicates (item 6)', () => {
    const insert = async (fullName: string, inn: string, kpp: string | null, active = true) =>
      (
        await db.dataSource.query('INSERT INTO organizations (full_name, inn, kpp, is_active) VALUES ($1, $2, $3, $4) RETURNING id', [
          fullName,
          inn,
          kpp,
          active,
        ])
      )[0].id as number;
    type Row = {
      inn: string;
      kpp: string | null;
      serviceId: number;
      registryId: number | null;
      possibleDuplicates: { id: number; reason: string; url: string }[];
    };
    const rowsOf = async (query: string) => ((await action({ operation: 'search', query })).egrul?.rows ?? []) as unknown as Row[];

    it('marks a deactivated card with the same INN+KPP and a hand-made card with the INN and no KPP, with links', async () => {
      const inactive = await insert('МБУ "СТАРАЯ КАРТОЧКА"', '3333333333', '444444445', false);
      const handMade = await insert('Дом культуры (вручную)', '3333333333', null);
      const rows = await rowsOf('3333333333');
      const branch = rows.find((row) => row.kpp === '444444445')!;
      expect(branch.registryId).toBeNull();
      expect(branch.possibleDuplicates.map((d) => [d.id, d.reason])).toEqual([
        [handMade, 'no-kpp'],
        [inactive, 'inactive'],
      ]);
      expect(branch.possibleDuplicates[0]!.url).toBe(`/admin/resources/Organization/records/${handMade}/show`);
      const other = rows.find((row) => row.kpp === '444444446')!;
      expect(other.possibleDuplicates.map((d) => d.reason)).toEqual(['no-kpp']);
    });

    it('does not import over a possible duplicate unless asked to, and then creates the card', async () => {
      await insert('МБУ "СТАРАЯ КАРТОЧКА"', '3333333333', '444444445', false);
      const [row] = await rowsOf('3333333333 444444445');
      const refused = await action({ operation: 'add', serviceId: String(row!.serviceId), inn: '3333333333', kpp: '444444445' });
      expect(refused.error?.message).toMatch(/^Возможный дубль: в реестре уже есть «МБУ "СТАРАЯ КАРТОЧКА"» \(отключена\)/);
      expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM organizations WHERE is_active`))[0].n)).toBe(0);
      const anyway = await action({ operation: 'add', serviceId: String(row!.serviceId), inn: '3333333333', kpp: '444444445', anyway: 'true' });
      expect(anyway.error).toBeUndefined();
      expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM organizations WHERE is_active AND kpp = '444444445'`))[0].n)).toBe(1);
    });

    it('«добавить всё равно» over a hand-made card without a KPP keeps it a possible duplicate, never a branch of the new head', async () => {
      const handMade = await insert('Дом культуры (вручную)', '3333333333', null);
      const head = (await rowsOf('3333333333 444444444'))[0]!;
      expect(head.possibleDuplicates.map((d) => d.id)).toEqual([handMade]);
      const anyway = await action({ operation: 'add', serviceId: String(head.serviceId), inn: '3333333333', kpp: '444444444', anyway: 'true' });
      expect(anyway.error).toBeUndefined();
      expect(await db.dataSource.query(`SELECT id, head_id FROM organizations WHERE inn = '3333333333' ORDER BY id`)).toEqual([
        { id: handMade, head_id: null },
        { id: expect.any(Number), head_id: null },
      ]);
    });

    it('reactivates the deactivated card instead (admins), and refuses when an active twin exists', async () => {
      const inactive = await insert('МБУ "СТАРАЯ КАРТОЧКА"', '3333333333', '444444445', false);
      const revived = (await action({ operation: 'reactivate', organizationId: String(inactive) })) as { error?: { message: string }; redirectUrl?: string };
      expect(revived.error).toBeUndefined();
      expect(revived.redirectUrl).toBe(`/admin/resources/Organization/records/${inactive}/show`);
      expect((await db.dataSource.query('SELECT is_active FROM organizations WHERE id = $1', [inactive]))[0].is_active).toBe(true);
      const [row] = await rowsOf('3333333333 444444445');
      expect(row!.registryId).toBe(inactive);
      const second = await insert('МБУ "ЕЩЁ ОДНА"', '3333333333', '444444445', false);
      expect((await action({ operation: 'reactivate', organizationId: String(second) })).error?.message).toContain(
        'действующая организация с теми же ИНН и КПП уже есть',
      );
    });
  });

  it('links branches to their head organization when both are in the registry, whichever comes first, and shows it on both cards (item 7)', async () => {
    const client = createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 });
    const units = (
      (await (await fetch(new URL('api/organizations/?inn=3333333333', stub.url))).json()) as { results: { kpp: string; relative_addr: string }[] }
    ).results;
    const head = ((await (await fetch(new URL('api/organizations/?inn=3333333333&is_main=true', stub.url))).json()) as { results: { kpp: string }[] })
      .results[0]!;
    const branches = units.filter((unit) => unit.kpp !== head.kpp);
    expect(branches.length).toBeGreaterThanOrEqual(2);
    const importUnit = async (kpp: string) => {
      const unit = units.find((u) => u.kpp === kpp)!;
      return (await importFromEgrul(db.dataSource, client, { serviceId: Number(/([0-9]+)\/$/.exec(unit.relative_addr)![1]), inn: '3333333333', kpp }))
        .organizationId;
    };
    const firstBranch = await importUnit(branches[0]!.kpp);
    expect((await db.dataSource.query('SELECT head_id FROM organizations WHERE id = $1', [firstBranch]))[0].head_id).toBeNull();
    const headId = await importUnit(head.kpp);
    const secondBranch = await importUnit(branches[1]!.kpp);
    const links = await db.dataSource.query('SELECT id, head_id FROM organizations ORDER BY id');
    expect(links).toEqual([
      { id: firstBranch, head_id: headId },
      { id: headId, head_id: null },
      { id: secondBranch, head_id: headId },
    ]);
    const admin = await loginAs(app.app, 'admin@cert.test');
    const ofHead = (await admin.get(`/admin/data/organizations/${headId}/units`)).body.units as { id: number; role: string }[];
    expect(ofHead.map((u) => [u.id, u.role]).sort()).toEqual(
      [
        [firstBranch, 'branch'],
        [secondBranch, 'branch'],
      ].sort(),
    );
    const ofBranch = (await admin.get(`/admin/data/organizations/${firstBranch}/units`)).body.units as { id: number; role: string }[];
    expect(ofBranch).toEqual([expect.objectContaining({ id: headId, role: 'head', kpp: head.kpp })]);
  });

  it('says in the form, when filling it from EGRUL, that the register’s requisites fail the checks and how to add such an organization', async () => {
    const fill = await action({ operation: 'fill', inn: '2222222222', kpp: '333333333' });
    expect((fill.egrul as { notes?: string[] } | undefined)?.notes?.join(' ')).toContain('не проходят проверку (ИНН 2222222222: неверная контрольная сумма');
    expect((fill.egrul as { notes?: string[] } | undefined)?.notes?.join(' ')).toContain('через «Импорт из ЕГРЮЛ»');
  });
});
