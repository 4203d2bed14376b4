import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEgrulClient, EgrulServiceError, type EgrulClient, type EgrulFailure } from '../../src/egrul/egrul-client.js';
import { classifyEgrulQuery, type EgrulQuery } from '../../src/egrul/egrul-query.js';
import { startEgrulStub, type EgrulStub, type EgrulStubFailure } from '../support/egrul-stub.js';

const q = (text: string) => classifyEgrulQuery(text) as EgrulQuery;

describe('EGRUL client against the stub service', () => {
  let stub: EgrulStub;
  let client: EgrulClient;
  beforeAll(async () => {
    stub = await startEgrulStub();
    client = createEgrulClient({ serviceUrl: stub.url, timeoutMs: 5000 }); // a local stub: generous on a busy machine
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.fail(null));

  it('looks an INN up with the exact filter and reads the envelope', async () => {
    const page = await client.search(q('2222222222'));
    expect(stub.requests.at(-1)).toBe('/api/organizations/?inn=2222222222');
    expect(page).toMatchObject({ count: 1, page: 1, nextPage: null, previousPage: null, dataLoadedOn: '2026-11-27' });
    expect(page.items).toEqual([
      {
        fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "КОМПАНИЯ "ЧУДЕСА"',
        shortName: 'ООО "КОМПАНИЯ ЧУДЕСА"',
        inn: '2222222222',
        kpp: '333333333',
        serviceId: 1,
      },
    ]);
  });

  it('looks up OGRN and KPP with their filters', async () => {
    expect((await client.search(q('2222222222222'))).items.map((i) => i.kpp)).toEqual(['444444444', '444444445', '444444446']);
    expect(stub.requests.at(-1)).toBe('/api/organizations/?ogrn=2222222222222');
    expect((await client.search(q('444444445'))).items.map((i) => i.serviceId)).toEqual([3]);
    expect(stub.requests.at(-1)).toBe('/api/organizations/?kpp=444444445');
  });

  it('does not ask the service for a 15-digit OGRNIP (EGRUL has legal entities only)', async () => {
    const before = stub.requests.length;
    expect((await client.search(q('304500116000157'))).count).toBe(0);
    expect(stub.requests.length).toBe(before);
  });

  it('searches words with fts-search and pages with page numbers it builds itself', async () => {
    const first = await client.search(q('ООО "Ромашка"'));
    expect(first).toMatchObject({ count: 450, page: 1, nextPage: 2, previousPage: null });
    expect(first.items).toHaveLength(20);
    const second = await client.search(q('ООО "Ромашка"'), 2);
    expect(second).toMatchObject({ page: 2, nextPage: 3, previousPage: 1 });
    expect(second.items[0]).toMatchObject({ inn: '0626279951', serviceId: 40148 });
    const url = new URL(stub.requests.at(-1) as string, 'http://x');
    expect(url.pathname).toBe('/api/organizations/fts-search/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'ООО "Ромашка"', page: '2' });
  });

  it('reads a bare [] (no match, or only stop words) as zero results', async () => {
    expect(await client.search(q('zzzzqqq'))).toMatchObject({ count: 0, items: [] });
    expect(await client.search(q('общество с ограниченной ответственностью'))).toMatchObject({ count: 0, items: [] });
  });

  it('retrieves a detail record by the id it parsed itself', async () => {
    expect(await client.retrieve(3)).toMatchObject({ inn: '3333333333', kpp: '444444445', region_code: '65' });
    expect(stub.requests.at(-1)).toBe('/api/organizations/3/');
  });

  const failures: [string, EgrulStubFailure | 'stopped', EgrulFailure, RegExp][] = [
    ['a slow service', { kind: 'slow', delayMs: 2000 }, 'timeout', /не ответил за 0,5 с|не ответил за 0.5 с/],
    ['a 500 with HTML', { kind: 'server-error' }, 'http-status', /внутренней ошибке \(500\)/],
    ['a 502 from nginx', { kind: 'status', status: 502, body: '<html>Bad Gateway</html>' }, 'http-status', /502/],
    ['HTML instead of JSON', { kind: 'html' }, 'not-json', /не данными JSON/],
    ['a cut-off JSON', { kind: 'broken-json' }, 'not-json', /повреждённый ответ/],
    ['JSON of another shape', { kind: 'malformed' }, 'malformed', /неожиданном формате/],
    [
      'a 400 with field errors',
      { kind: 'status', status: 400, body: '{"inn":["Убедитесь, что это значение содержит не менее 10 символов (сейчас 5)."]}' },
      'http-status',
      /отклонил запрос \(400\): Убедитесь/,
    ],
    ['a dropped connection', { kind: 'reset' }, 'unreachable', /недоступен/],
    ['a redirect', { kind: 'status', status: 301, body: '' }, 'redirect', /перенаправлением/],
  ];
  it.each(failures)('turns %s into a Russian message', async (_name, failure, expected, message) => {
    stub.fail(failure as EgrulStubFailure);
    // the slow service against a client that waits half a second; the others against the usual one
    const subject = (failure as EgrulStubFailure).kind === 'slow' ? createEgrulClient({ serviceUrl: stub.url, timeoutMs: 500 }) : client;
    const error = await subject.search(q('ромашка')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgrulServiceError);
    expect((error as EgrulServiceError).failure).toBe(expected);
    expect((error as EgrulServiceError).userMessage).toMatch(message);
    expect((error as EgrulServiceError).message).toContain('fts-search'); // the technical cause names the request
  });

  it('reports an unreachable service and a missing setting', async () => {
    const closed = await startEgrulStub();
    await closed.close();
    const error = await createEgrulClient({ serviceUrl: closed.url, timeoutMs: 500 })
      .search(q('ромашка'))
      .catch((e: unknown) => e);
    expect((error as EgrulServiceError).failure).toBe('unreachable');
    expect((error as EgrulServiceError).message).toMatch(/ECONNREFUSED/);

    const unconfigured = createEgrulClient({ serviceUrl: undefined, timeoutMs: 500 });
    expect(unconfigured.configured).toBe(false);
    const missing = await unconfigured.search(q('ромашка')).catch((e: unknown) => e);
    expect((missing as EgrulServiceError).failure).toBe('not-configured');
    expect((missing as EgrulServiceError).userMessage).toContain('EGRUL_SERVICE_URL');
  });

  it('reports a page that is gone and a record that is gone', async () => {
    expect(((await client.search(q('ромашка'), 99).catch((e: unknown) => e)) as EgrulServiceError).failure).toBe('page-not-found');
    expect(((await client.retrieve(999999999).catch((e: unknown) => e)) as EgrulServiceError).failure).toBe('not-found');
  });

  it('adds the trailing slash the service needs to the base URL and keeps a path prefix', async () => {
    await createEgrulClient({ serviceUrl: stub.url.replace(/\/$/, ''), timeoutMs: 5000 }).search(q('2222222222'));
    expect(stub.requests.at(-1)).toBe('/api/organizations/?inn=2222222222');
    await createEgrulClient({ serviceUrl: `${stub.url}egrul`, timeoutMs: 5000 })
      .search(q('2222222222'))
      .catch(() => undefined);
    expect(stub.requests.at(-1)).toBe('/egrul/api/organizations/?inn=2222222222');
  });
});
