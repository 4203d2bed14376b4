import { readFileSync, readdirSync } from 'node:fs';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { innCheckDigits, ogrnCheckDigit } from '../../src/domain/requisites.js';

/**
 * A stand-in for egrul_fts_api (../shared/spec/egrul-api.md) on 127.0.0.1 and a random port, for tests,
 * benchmarks and trying the import by hand (`npx tsx scripts/egrul-stub.ts`).
 *
 * - A request recorded in test/fixtures/egrul-samples (INDEX.md there) gets the recorded body, byte for byte
 *   except that `next`/`previous` carry the Host we were called with, as the real service builds them.
 * - Anything else is answered by the same rules from a small table of the units in the samples: exact
 *   `inn`/`ogrn`/`kpp`/`is_main` filters with the service's length checks, 20 per page, 404 for a bad page,
 *   `[]` for a full-text search with no match, 405 for other methods, 301 without the trailing slash.
 *   Units seen only in list samples get a made-up detail (OGRN with a valid check digit, region from the
 *   INN's first two digits, an address with a postal code).
 * - `fail(mode)` makes every following request fail in one of the ways a real deployment can.
 */

export type EgrulStubFailure =
  | { kind: 'slow'; delayMs: number }
  | { kind: 'server-error' } // gunicorn/Django 500, HTML
  | { kind: 'html' } // 200 with an HTML page (browsable API, a wrong URL behind nginx)
  | { kind: 'broken-json' } // 200 application/json, cut off
  | { kind: 'malformed' } // 200 JSON of the wrong shape (fields renamed by a new service version)
  | { kind: 'status'; status: number; body?: string } // any status with a JSON body
  | { kind: 'reloading' } // the service's full reload (its table truncated): lists of count 0, details a JSON 404
  | { kind: 'oversized' } // 200 JSON of 3 MB (a proxy's error page, a runaway answer)
  | { kind: 'reset' }; // the connection is dropped without an answer

export interface EgrulStub {
  url: string;
  /** Path and query of every request received, in order. */
  readonly requests: string[];
  fail(failure: EgrulStubFailure | null): void;
  /** Answers this path (and query, as received) with this body until reset(), e.g. a detail with a bad field. */
  respond(pathAndQuery: string, body: unknown, status?: number): void;
  /** Back to the recorded answers: no failure, no `respond` overrides (the units' changes stay). */
  reset(): void;
  /** Changes a unit in the service's data, as an update of the register does (a new KPP, a new name). */
  changeUnit(id: number, patch: Partial<Omit<Unit, 'id'>>): void;
  /** Deletes a unit from the service's data (a liquidated organization or a closed branch). */
  removeUnit(id: number): void;
  close(): Promise<void>;
}

export interface Unit {
  id: number;
  full_name: string;
  short_name: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string;
  factual_address: string;
  region_code: string | null;
  is_main: boolean;
}

const SAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'egrul-samples');
const RECORDED_HOST = 'http://127.0.0.1:28961';
const PAGE_SIZE = 20;

export const sample = (file: string): string => readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
const sampleJson = <T>(file: string): T => JSON.parse(sample(file)) as T;

/** Recorded requests (path + decoded query with the parameters sorted by name) → sample file. */
const RECORDED: Record<string, string> = {
  '/api/': '00_api_root.json',
  '/api/organizations/?inn=2222222222': '04_list_inn.json',
  '/api/organizations/?ogrn=2222222222222': '05_list_ogrn_with_branches.json',
  '/api/organizations/?inn=3333333333&is_main=True': '06_list_inn_is_main_true.json',
  '/api/organizations/?is_main=false&ogrn=2222222222222': '07_list_ogrn_branches_only.json',
  '/api/organizations/?kpp=444444445': '08_list_kpp.json',
  '/api/organizations/?inn=0000000000': '09_list_no_match.json',
  '/api/organizations/1/': '13_retrieve_1.json',
  '/api/organizations/3/': '14_retrieve_branch_3.json',
  '/api/organizations/fts-search/?q=чудеса': '16_fts_chudesa.json',
  '/api/organizations/fts-search/?q=ООО "Ромашка"': '17_fts_ooo_romashka.json',
  '/api/organizations/fts-search/?page=2&q=ООО "Ромашка"': '18_fts_ooo_romashka_page2.json',
  '/api/organizations/fts-search/?q=общество с ограниченной ответственностью': '19_fts_only_stopwords_empty_list.json',
};

const STOP_WORDS = new Set(['общество', 'ограниченной', 'ответственностью', 'с', 'в', 'и', 'не', 'на', 'по']);

function buildUnits(): Map<number, Unit> {
  const units = new Map<number, Unit>();
  const lists = readdirSync(SAMPLES_DIR).filter((f) => /^\d+_(list|fts)_.*\.json$/.test(f));
  for (const file of lists) {
    const body = sampleJson<unknown>(file);
    if (!body || Array.isArray(body) || !('results' in (body as object))) continue;
    for (const item of (body as { results: { full_name: string; short_name: string | null; inn: string | null; kpp: string | null; relative_addr: string }[] })
      .results) {
      const id = Number(/\/(\d+)\/$/.exec(item.relative_addr)?.[1]);
      if (units.has(id)) continue;
      const first12 = `1${String(id).padStart(11, '0')}`;
      units.set(id, {
        id,
        ...item,
        ogrn: first12 + ogrnCheckDigit(first12),
        factual_address: `УЛ. ТЕСТОВАЯ, Д. ${id % 200}, Г. ПРИМЕРНЫЙ, ${String(100000 + (id % 800000)).padStart(6, '0')}`,
        region_code: item.inn ? item.inn.slice(0, 2) : '00',
        is_main: true,
      });
    }
  }
  // what the samples say about particular units (egrul-samples/INDEX.md)
  const recordedDetails: Record<number, string> = { 1: '13_retrieve_1.json', 3: '14_retrieve_branch_3.json' };
  for (const [id, file] of Object.entries(recordedDetails)) {
    const unit = units.get(Number(id));
    if (unit) Object.assign(unit, sampleJson<Partial<Unit>>(file));
  }
  for (const id of [2, 3, 4]) {
    const unit = units.get(id);
    if (unit) Object.assign(unit, { ogrn: '2222222222222', is_main: id === 2 });
  }
  const branchWithoutAddress = units.get(4);
  if (branchWithoutAddress) Object.assign(branchWithoutAddress, { factual_address: 'НЕ УКАЗАН', region_code: '00' });
  return units;
}

const detailOf = (unit: Unit) => ({
  full_name: unit.full_name,
  short_name: unit.short_name,
  inn: unit.inn,
  kpp: unit.kpp,
  ogrn: unit.ogrn,
  factual_address: unit.factual_address,
  region_code: unit.region_code,
});
const itemOf = (unit: Unit) => ({
  full_name: unit.full_name,
  short_name: unit.short_name,
  inn: unit.inn,
  kpp: unit.kpp,
  relative_addr: `/api/organizations/${unit.id}/`,
});

const lengthError = (value: string, min: number, max: number): string[] | null => {
  if (value.length < min) return [`Убедитесь, что это значение содержит не менее ${min} символов (сейчас ${value.length}).`];
  if (value.length > max) return [`Убедитесь, что это значение содержит не более ${max} символов (сейчас ${value.length}).`];
  return null;
};

/**
 * The i-th of the generated units (1-based) that `startEgrulStub({ generated })` adds to the samples' units: a head
 * organization with a valid 10-digit INN (500000001 and its check digit, …), a KPP, an OGRN with a valid check
 * digit, an address and a region. Benchmarks seed the registry from the same function.
 */
export function generatedUnit(i: number): Unit {
  const body = String(500_000_000 + i);
  const inn = body + innCheckDigits(body);
  const first12 = `1${String(100_000_000_000 + i).slice(-11)}`;
  return {
    id: 100_000 + i,
    full_name: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ОРГАНИЗАЦИЯ ${i}"`,
    short_name: `ООО "ОРГАНИЗАЦИЯ ${i}"`,
    inn,
    kpp: `${inn.slice(0, 4)}01001`,
    ogrn: first12 + ogrnCheckDigit(first12),
    factual_address: `${String(100000 + (i % 800000)).padStart(6, '0')}, Г. ПРИМЕРНЫЙ, УЛ. ТЕСТОВАЯ, Д. ${i % 200}`,
    region_code: String(1 + (i % 79)).padStart(2, '0'),
    is_main: true,
  };
}

export interface EgrulStubOptions {
  /** Generated units added to the samples' (see generatedUnit). */
  generated?: number;
  /** Each answer waits a random time in this range (ms), as a real service over a network. */
  latencyMs?: [number, number];
}

export async function startEgrulStub(port = 0, options: EgrulStubOptions = {}): Promise<EgrulStub> {
  const units = buildUnits();
  for (let i = 1; i <= (options.generated ?? 0); i += 1) {
    const unit = generatedUnit(i);
    units.set(unit.id, unit);
    // every 50th from the 9th has two branches: same INN and OGRN, their own KPP and address
    if (i % 50 === 9) {
      for (const k of [1, 2]) {
        const id = 1_000_000 + i * 2 + k;
        units.set(id, {
          ...unit,
          id,
          full_name: `ФИЛИАЛ ${k} ${unit.full_name}`,
          short_name: `ФИЛИАЛ ${k} ${unit.short_name}`,
          kpp: `${unit.inn!.slice(0, 4)}0200${k}`,
          is_main: false,
        });
      }
    }
  }
  // the list's filters by INN look here first (a scan of 100,000 units per request would be the stub's own cost)
  const byInn = new Map<string, Unit[]>();
  const indexByInn = () => {
    byInn.clear();
    for (const unit of units.values()) if (unit.inn) byInn.set(unit.inn, [...(byInn.get(unit.inn) ?? []), unit]);
  };
  indexByInn();
  const requests: string[] = [];
  let failure: EgrulStubFailure | null = null;
  const overrides = new Map<string, { status: number; body: string }>();
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), Vary: 'Accept' });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body));

  function paginate(req: IncomingMessage, url: URL, rows: Unit[], res: ServerResponse, bareEmpty: boolean) {
    if (rows.length === 0 && bareEmpty) return send(res, 200, '[]');
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const pageParam = url.searchParams.get('page');
    const page = pageParam === null ? 1 : pageParam === 'last' ? pages : /^[1-9][0-9]*$/.test(pageParam) ? Number(pageParam) : 0;
    if (page < 1 || page > pages) return sendJson(res, 404, { detail: 'Неправильная страница' });
    const link = (n: number) => {
      const target = new URL(url.pathname + url.search, `http://${req.headers.host}`);
      if (n === 1) target.searchParams.delete('page');
      else target.searchParams.set('page', String(n));
      return target.href;
    };
    sendJson(res, 200, {
      count: rows.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      date_info: '2026-11-27',
      results: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(itemOf),
    });
  }

  function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stub.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, sample('23_post_405.json'));
    if (!url.pathname.endsWith('/')) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      return res.end();
    }
    const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`);
    const recorded = RECORDED[decodeURIComponent(url.pathname) + (params.length > 0 ? `?${params.join('&')}` : '')];
    if (recorded) return send(res, 200, sample(recorded).replaceAll(RECORDED_HOST, `http://${req.headers.host}`));

    if (url.pathname === '/api/organizations/') {
      const errors: Record<string, string[]> = {};
      const filters: [keyof Unit, string, number, number][] = [
        ['inn', url.searchParams.get('inn') ?? '', 10, 12],
        ['ogrn', url.searchParams.get('ogrn') ?? '', 13, 13],
        ['kpp', url.searchParams.get('kpp') ?? '', 9, 9],
      ];
      for (const [field, value, min, max] of filters) {
        if (value === '') continue;
        if (value.includes('\0')) errors[field] = ['Данные содержат запрещённый символ: ноль-байт'];
        else {
          const error = lengthError(value, min, max);
          if (error) errors[field] = error;
        }
      }
      if (Object.keys(errors).length > 0) return sendJson(res, 400, errors);
      const isMain = url.searchParams.get('is_main');
      const main = isMain === 'true' || isMain === 'True' ? true : isMain === 'false' || isMain === 'False' ? false : null;
      const inn = url.searchParams.get('inn') ?? '';
      const rows = (inn !== '' ? (byInn.get(inn) ?? []) : [...units.values()])
        .filter((unit) => filters.every(([field, value]) => value === '' || unit[field] === value))
        .filter((unit) => main === null || unit.is_main === main)
        .sort((a, b) => a.id - b.id);
      return paginate(req, url, rows, res, false);
    }

    if (url.pathname === '/api/organizations/fts-search/') {
      const q = url.searchParams.get('q');
      if (q === null || q === '') return sendJson(res, 400, { detail: 'Не передан обязательный параметр q.' });
      if (q.includes('\0')) {
        return send(
          res,
          500,
          '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n',
          'text/html',
        );
      }
      const words = q
        .toLowerCase()
        .replace(/ё/g, 'е')
        .split(/[^0-9a-zа-я-]+/)
        .filter((w) => w !== '' && !STOP_WORDS.has(w));
      if (words.length === 0) return send(res, 200, '[]');
      // a rough stand-in for Russian stemming: a word matches a name word that starts with its stem
      const stems = words.map((w) => (w.length > 5 ? w.slice(0, w.length - 2) : w));
      const rows = [...units.values()]
        .filter((unit) => {
          const nameWords = `${unit.full_name} ${unit.short_name ?? ''}`
            .toLowerCase()
            .replace(/ё/g, 'е')
            .split(/[^0-9a-zа-я]+/);
          return stems.every((stem) => nameWords.some((word) => word.startsWith(stem)));
        })
        .sort((a, b) => a.full_name.localeCompare(b.full_name) || String(a.inn).localeCompare(String(b.inn)));
      return paginate(req, url, rows, res, true);
    }

    const detail = /^\/api\/organizations\/([^/]+)\/$/.exec(url.pathname);
    if (detail) {
      const id = detail[1] ?? '';
      const unit = /^[0-9]+$/.test(id) ? units.get(Number(id)) : undefined;
      return unit ? sendJson(res, 200, detailOf(unit)) : send(res, 404, sample('15_retrieve_404.json'));
    }
    // an address outside the service's routes: Django's own 404 page (HTML), as behind gunicorn with DEBUG off
    return send(
      res,
      404,
      '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
      'text/html',
    );
  }

  const [minLatency, maxLatency] = options.latencyMs ?? [0, 0];
  const server: Server = http.createServer((req, res) => {
    if (maxLatency > 0) {
      const wait = minLatency + Math.random() * (maxLatency - minLatency);
      return void setTimeout(() => handle(req, res), wait);
    }
    handle(req, res);
  });
  function handle(req: IncomingMessage, res: ServerResponse) {
    if (res.destroyed) return;
    requests.push(req.url ?? '');
    const current = failure;
    if (!current) {
      const override = overrides.get(req.url ?? '');
      return override ? send(res, override.status, override.body) : answer(req, res);
    }
    switch (current.kind) {
      case 'slow':
        return void setTimeout(() => (res.destroyed ? undefined : answer(req, res)), current.delayMs);
      case 'server-error':
        return send(
          res,
          500,
          '<!doctype html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>',
          'text/html',
        );
      case 'html':
        return send(
          res,
          200,
          '<!DOCTYPE html><html><head><title>Organization List – Django REST framework</title></head><body>…</body></html>',
          'text/html; charset=utf-8',
        );
      case 'broken-json':
        return send(res, 200, '{"count":1,"next":null,"previous":null,"results":[{"full_name":"ООО');
      case 'malformed':
        return req.url?.includes('/fts-search/') || /\/api\/organizations\/\?/.test(req.url ?? '')
          ? sendJson(res, 200, { total: 1, items: [{ name: 'ООО "РОМАШКА"', inn: '7707083893' }] })
          : sendJson(res, 200, { full_name: 'ООО "РОМАШКА"', short_name: null, inn: 7707083893, kpp: null, ogrn: null });
      case 'status':
        return send(res, current.status, current.body ?? JSON.stringify({ detail: 'Ошибка' }));
      case 'reloading':
        return /\/api\/organizations\/\d+\/$/.test(new URL(req.url ?? '/', 'http://stub.invalid').pathname)
          ? send(res, 404, sample('15_retrieve_404.json'))
          : sendJson(res, 200, { count: 0, next: null, previous: null, date_info: '2026-11-27', results: [] });
      case 'oversized':
        return sendJson(res, 200, { count: 1, next: null, previous: null, results: [], padding: 'я'.repeat(1_600_000) });
      case 'reset':
        return void req.socket.destroy();
    }
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${listening}/`,
    requests,
    fail(next) {
      failure = next;
    },
    respond(pathAndQuery, body, status = 200) {
      overrides.set(pathAndQuery, { status, body: JSON.stringify(body) });
    },
    reset() {
      failure = null;
      overrides.clear();
    },
    changeUnit(id, patch) {
      const unit = units.get(id);
      if (!unit) throw new Error(`egrul stub: no unit ${id}`);
      units.set(id, { ...unit, ...patch });
      indexByInn();
    },
    removeUnit(id) {
      units.delete(id);
      indexByInn();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
