import { z } from 'zod';
import { AppError } from '../errors.js';
import type { EgrulDetail } from './egrul-organization.js';
import { idOfRelativeAddress, pageOfServiceLink, type EgrulQuery } from './egrul-query.js';

/**
 * Client of the egrul_fts_api service (../shared/spec/egrul-api.md). Every URL is built here from the
 * configured base and validated parameters; nothing a browser sent is ever fetched. Every answer is
 * checked (status, Content-Type, shape) before use, with a timeout on the whole exchange.
 */

export type EgrulFailure =
  | 'not-configured'
  | 'unreachable'
  | 'timeout'
  | 'http-status'
  | 'redirect'
  | 'not-json'
  | 'malformed'
  | 'page-not-found'
  | 'not-found'
  | 'too-large';

/** A failed exchange with the service: `message` holds the technical cause (logged), `userMessage` the Russian text. */
export class EgrulServiceError extends AppError {
  constructor(
    readonly failure: EgrulFailure,
    message: string,
    userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`EGRUL_${failure.toUpperCase().replace(/-/g, '_')}`, message, userMessage, options);
  }
}

export interface EgrulListItem {
  fullName: string;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  /** The service's id for the detail request; ids change on every reload of the service's data. */
  serviceId: number;
}

export interface EgrulSearchPage {
  items: EgrulListItem[];
  /** Total matches (0 when the service answered a bare `[]`). */
  count: number;
  page: number;
  nextPage: number | null;
  previousPage: number | null;
  /** The date the service's data was loaded (`date_info`), not the FNS extract date. */
  dataLoadedOn: string | null;
}

/** What the user is doing when the service is asked: its messages say what did not happen. */
export type EgrulOperation = 'search' | 'import' | 'fill' | 'check';
type Operation = EgrulOperation;

const NOT_DONE: Record<Operation, string> = {
  search: 'Поиск не выполнен',
  import: 'Организация не добавлена',
  fill: 'Форма не заполнена — заполните её вручную',
  check: 'Организация не сверена',
};

export interface EgrulClient {
  readonly configured: boolean;
  search(query: EgrulQuery, page?: number): Promise<EgrulSearchPage>;
  /** Exact lookup on the list endpoint (`inn`, `kpp`, `ogrn`), first page. */
  lookup(filters: { inn?: string; kpp?: string; ogrn?: string; isMain?: boolean }, operation?: Operation): Promise<EgrulSearchPage>;
  retrieve(serviceId: number, operation?: Operation): Promise<EgrulDetail>;
}

export interface EgrulClientSettings {
  serviceUrl: string | undefined;
  timeoutMs: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** The service's fixed page size (DRF PAGE_SIZE; it has no page-size parameter). */
export const EGRUL_PAGE_SIZE = 20;

const nullableString = z.string().nullable();
const ListItemSchema = z.object({
  full_name: z.string(),
  short_name: nullableString,
  inn: nullableString,
  kpp: nullableString,
  relative_addr: z.string(),
});
const EnvelopeSchema = z.object({
  count: z.number().int().min(0),
  next: nullableString,
  previous: nullableString,
  date_info: nullableString.optional(),
  results: z.array(ListItemSchema).max(1000),
});
const DetailSchema = z.object({
  full_name: z.string(),
  short_name: nullableString,
  inn: nullableString,
  kpp: nullableString,
  ogrn: z.string(),
  factual_address: z.string(),
  region_code: nullableString,
});

const NOT_CONFIGURED_MESSAGE =
  'Поиск по ЕГРЮЛ не настроен: администратору нужно указать адрес сервиса egrul_fts_api в настройке EGRUL_SERVICE_URL (например, http://127.0.0.1:28961/) и перезапустить сервер.';

const TYPE_NAMES: Record<string, string> = {
  string: 'строка',
  number: 'число',
  integer: 'целое число',
  null: 'пусто (null)',
  array: 'список',
  object: 'объект',
  boolean: 'да/нет',
  undefined: 'ничего',
};

/** Zod's findings in Russian: «нет поля count», «поле full_name: ожидается строка, получено пусто (null)». */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join('.') || 'ответ целиком';
      if (issue.code === 'invalid_type' && issue.received === 'undefined') return `нет поля ${field}`;
      if (issue.code === 'invalid_type') {
        return `поле ${field}: ожидается ${TYPE_NAMES[issue.expected] ?? issue.expected}, получено ${TYPE_NAMES[issue.received] ?? issue.received}`;
      }
      if (issue.code === 'too_big') return `поле ${field}: слишком много элементов`;
      if (issue.code === 'too_small') return `поле ${field}: слишком мало (меньше допустимого)`;
      return `поле ${field}: недопустимое значение`;
    })
    .join('; ');
}

/** The service's answer is over the size we read (the exchange itself worked). */
class ResponseTooLarge extends Error {}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ResponseTooLarge(`response of ${declared} bytes exceeds ${MAX_BODY_BYTES}`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ResponseTooLarge(`response exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createEgrulClient(settings: EgrulClientSettings, fetchImpl: typeof fetch = fetch): EgrulClient {
  const base = settings.serviceUrl ? new URL(settings.serviceUrl.endsWith('/') ? settings.serviceUrl : `${settings.serviceUrl}/`) : null;
  const seconds = Math.round(settings.timeoutMs / 100) / 10;

  async function getJson(
    path: string,
    params: Record<string, string | undefined>,
    notFound: 'page-not-found' | 'not-found',
    operation: Operation,
  ): Promise<unknown> {
    if (!base) throw new EgrulServiceError('not-configured', 'EGRUL_SERVICE_URL is not set', NOT_CONFIGURED_MESSAGE);
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    const where = `GET ${url.href}`;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        headers: { Accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      text = await readLimited(response);
    } catch (error) {
      if (error instanceof ResponseTooLarge) {
        throw new EgrulServiceError(
          'too-large',
          `${where}: ${error.message}`,
          `Сервис ЕГРЮЛ прислал слишком большой ответ (больше ${MAX_BODY_BYTES / 1048576} МБ) — ${operation === 'search' ? 'уточните запрос' : 'повторите позже'}; если повторится, сообщите администратору.`,
          { cause: error },
        );
      }
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new EgrulServiceError(
          'timeout',
          `${where}: no answer in ${settings.timeoutMs} ms`,
          operation === 'search'
            ? `Сервис ЕГРЮЛ не ответил за ${seconds} с. Попробуйте ещё раз позже или уточните запрос.`
            : `Сервис ЕГРЮЛ не ответил за ${seconds} с. ${NOT_DONE[operation]}; попробуйте позже, а если не поможет — сообщите администратору.`,
          { cause: error },
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
      throw new EgrulServiceError(
        'unreachable',
        `${where}: ${cause?.code ?? ''} ${cause?.message ?? (error as Error)?.message ?? String(error)}`.trim(),
        `Сервис ЕГРЮЛ недоступен (${base.host}): нет соединения. Попробуйте позже; если не поможет — сообщите администратору.`,
        { cause: error },
      );
    }

    const contentType = response.headers.get('content-type') ?? '';
    const isJson = /^application\/json\b/i.test(contentType);
    if (response.status >= 300 && response.status < 400) {
      throw new EgrulServiceError(
        'redirect',
        `${where}: ${response.status} to ${response.headers.get('location')}`,
        `Сервис ЕГРЮЛ ответил перенаправлением (${response.status}) — проверьте адрес в настройке EGRUL_SERVICE_URL.`,
      );
    }
    if (response.status === 404 && isJson) {
      throw notFound === 'page-not-found'
        ? new EgrulServiceError(
            'page-not-found',
            `${where}: 404 ${text.slice(0, 200)}`,
            operation === 'search'
              ? 'Такой страницы результатов в ЕГРЮЛ нет (данные сервиса могли обновиться) — повторите поиск.'
              : `${NOT_DONE[operation]}: сервис ЕГРЮЛ ответил «не найдено» на запрос списка — вероятно, он перезагружает данные или неисправен. Попробуйте позже; если повторится, сообщите администратору.`,
          )
        : new EgrulServiceError(
            'not-found',
            `${where}: 404 ${text.slice(0, 200)}`,
            operation === 'search'
              ? 'Организация не найдена в ЕГРЮЛ (данные сервиса могли обновиться) — повторите поиск.'
              : `${NOT_DONE[operation]}: сервис ЕГРЮЛ не нашёл её по своему номеру (его данные могли обновиться). Найдите её поиском ещё раз; если ответ повторится, сообщите администратору.`,
          );
    }
    if (response.status >= 500) {
      throw new EgrulServiceError(
        'http-status',
        `${where}: ${response.status} ${text.slice(0, 200)}`,
        `Сервис ЕГРЮЛ сообщил о внутренней ошибке (${response.status}). Попробуйте позже; если не поможет — сообщите администратору.`,
      );
    }
    if (response.status !== 200) {
      let detail = '';
      if (isJson) {
        try {
          const body = JSON.parse(text) as Record<string, unknown>;
          detail = Object.values(body)
            .flat()
            .filter((v) => typeof v === 'string')
            .join(' ');
        } catch {
          /* the status is enough */
        }
      }
      const rootHint =
        response.status === 404
          ? ` Проверьте, что EGRUL_SERVICE_URL — корень сервиса (например, http://egrul:8000/), без «api/» и других путей на конце; сейчас: ${base.href}`
          : '';
      throw new EgrulServiceError(
        'http-status',
        `${where}: ${response.status} ${text.slice(0, 200)}`,
        `Сервис ЕГРЮЛ отклонил запрос (${response.status})${detail ? `: ${detail}` : ''}.${rootHint}`,
      );
    }
    if (!isJson) {
      throw new EgrulServiceError(
        'not-json',
        `${where}: 200 with Content-Type "${contentType}": ${text.slice(0, 120)}`,
        'Сервис ЕГРЮЛ ответил не данными JSON, а, например, веб-страницей — проверьте адрес в настройке EGRUL_SERVICE_URL.',
      );
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new EgrulServiceError(
        'not-json',
        `${where}: invalid JSON: ${text.slice(0, 120)}`,
        'Сервис ЕГРЮЛ прислал повреждённый ответ (не JSON). Попробуйте ещё раз позже.',
        { cause: error },
      );
    }
  }

  function malformed(where: string, details: string, operation: Operation, cause?: unknown): EgrulServiceError {
    return new EgrulServiceError(
      'malformed',
      `${where}: unexpected answer: ${details}`,
      `Сервис ЕГРЮЛ вернул данные в неожиданном формате (${details}). ${NOT_DONE[operation]}; сообщите администратору — возможно, версия сервиса не та.`,
      { cause },
    );
  }

  function toSearchPage(body: unknown, page: number, where: string, bareListAllowed: boolean, operation: Operation): EgrulSearchPage {
    if (Array.isArray(body) && body.length === 0 && bareListAllowed) {
      return { items: [], count: 0, page: 1, nextPage: null, previousPage: null, dataLoadedOn: null };
    }
    const parsed = EnvelopeSchema.safeParse(body);
    if (!parsed.success) throw malformed(where, describeIssues(parsed.error), operation);
    const items: EgrulListItem[] = [];
    for (const [index, item] of parsed.data.results.entries()) {
      const serviceId = idOfRelativeAddress(item.relative_addr);
      if (serviceId === null) {
        throw malformed(where, `поле results.${index}.relative_addr: неожиданный адрес ${JSON.stringify(item.relative_addr).slice(0, 60)}`, operation);
      }
      items.push({ fullName: item.full_name, shortName: item.short_name, inn: item.inn, kpp: item.kpp, serviceId });
    }
    return {
      items,
      count: parsed.data.count,
      page,
      nextPage: pageOfServiceLink(parsed.data.next),
      previousPage: pageOfServiceLink(parsed.data.previous),
      dataLoadedOn: parsed.data.date_info ?? null,
    };
  }

  const pageParam = (page: number) => (page > 1 ? String(page) : undefined);

  return {
    configured: base !== null,

    async search(query, page = 1) {
      if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a positive integer, not ${page}`);
      switch (query.kind) {
        case 'ogrnip':
          // EGRUL holds legal entities only; the service validates ogrn as exactly 13 characters.
          return { items: [], count: 0, page: 1, nextPage: null, previousPage: null, dataLoadedOn: null };
        case 'invalid':
          throw new RangeError(`not a query for the service: ${query.problem}`);
        case 'text': {
          const body = await getJson('api/organizations/fts-search/', { q: query.value, page: pageParam(page) }, 'page-not-found', 'search');
          return toSearchPage(body, page, 'fts-search', true, 'search');
        }
        case 'inn-kpp': {
          const body = await getJson('api/organizations/', { inn: query.value, kpp: query.kpp, page: pageParam(page) }, 'page-not-found', 'search');
          return toSearchPage(body, page, 'organizations', false, 'search');
        }
        default: {
          const body = await getJson('api/organizations/', { [query.kind]: query.value, page: pageParam(page) }, 'page-not-found', 'search');
          return toSearchPage(body, page, 'organizations', false, 'search');
        }
      }
    },

    async lookup(filters, operation = 'import') {
      // is_main must be spelled true/false: the service silently drops 1, 0 and anything else (egrul-api.md §4.3)
      const isMain = filters.isMain === undefined ? undefined : filters.isMain ? 'true' : 'false';
      const body = await getJson(
        'api/organizations/',
        { inn: filters.inn, kpp: filters.kpp, ogrn: filters.ogrn, is_main: isMain },
        'page-not-found',
        operation,
      );
      return toSearchPage(body, 1, 'organizations', false, operation);
    },

    async retrieve(serviceId, operation = 'import') {
      if (!Number.isSafeInteger(serviceId) || serviceId < 1) throw new RangeError(`service id must be a positive integer, not ${serviceId}`);
      const where = `organizations/${serviceId}`;
      const body = await getJson(`api/organizations/${serviceId}/`, {}, 'not-found', operation);
      const parsed = DetailSchema.safeParse(body);
      if (!parsed.success) throw malformed(where, describeIssues(parsed.error), operation);
      return parsed.data;
    },
  };
}
