/**
 * What a user typed into the EGRUL search box, and how the service is asked for it (pure).
 * The service (egrul-api.md §4.3–4.4) looks requisites up exactly on /api/organizations/ and names by
 * full-text search on /api/organizations/fts-search/; it validates only lengths, so we decide here.
 */
export type EgrulQuery =
  | { kind: 'inn'; value: string }
  | { kind: 'inn-kpp'; value: string; kpp: string }
  | { kind: 'invalid'; value: string; problem: string }
  | { kind: 'ogrn'; value: string }
  | { kind: 'kpp'; value: string }
  | { kind: 'ogrnip'; value: string }
  | { kind: 'text'; value: string };

/** gunicorn refuses request lines over 4094 bytes; a Cyrillic letter takes 6 percent-encoded bytes. */
export const MAX_TEXT_QUERY_LENGTH = 300;

const KPP_PATTERN = /^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/;

const PREFIX = /^(ИНН|ОГРН|ОГРНИП|КПП)\s*[:№]?\s*/iu;

/**
 * Classifies the search text: a 10/12-digit INN, a 13-digit OGRN, a 9-character KPP are exact lookups, an INN
 * followed by a KPP with any separator (space, «/», «,», «;», «-») is one organization or branch; the words
 * ИНН, ОГРН, КПП before a number say which it is. A 15-digit OGRNIP is an individual entrepreneur, who is not in
 * EGRUL. A number of another length (11, 14 digits: a typo) is not a name: it is reported. Anything else is a
 * name search. Spaces inside a number (`77 07 083893`) are ignored; control characters (the service fails with
 * a 500 on a NUL byte) are dropped. Returns null for an empty query. Pure.
 */
export function classifyEgrulQuery(input: string): EgrulQuery | null {
  const text = input
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  const prefix = PREFIX.exec(text)?.[1]?.toUpperCase();
  const body = prefix ? text.slice(PREFIX.exec(text)![0].length) : text;
  const pair = /^([0-9]{10}|[0-9]{12})\s*[/,;\\ -]\s*(?:КПП\s*[:№]?\s*)?([0-9]{4}[0-9A-Za-z]{2}[0-9]{3})$/iu.exec(body);
  if (pair && (!prefix || prefix === 'ИНН')) return { kind: 'inn-kpp', value: pair[1]!, kpp: pair[2]!.toUpperCase() };
  const compact = body.replace(/[ -]/g, '').toUpperCase();
  if (/^[0-9]+$/.test(compact)) {
    const length = compact.length;
    const invalid = (problem: string): EgrulQuery => ({ kind: 'invalid', value: compact, problem });
    if (prefix === 'ИНН' && length === 19) return { kind: 'inn-kpp', value: compact.slice(0, 10), kpp: compact.slice(10) };
    if (prefix === 'ИНН') {
      return length === 10 || length === 12 ? { kind: 'inn', value: compact } : invalid(`ИНН — 10 цифр (организация) или 12 (ИП), а введено ${length}.`);
    }
    if (prefix === 'ОГРН') {
      return length === 13
        ? { kind: 'ogrn', value: compact }
        : length === 15
          ? { kind: 'ogrnip', value: compact }
          : invalid(`ОГРН — 13 цифр, а введено ${length}.`);
    }
    if (prefix === 'ОГРНИП') return length === 15 ? { kind: 'ogrnip', value: compact } : invalid(`ОГРНИП — 15 цифр, а введено ${length}.`);
    if (prefix === 'КПП') return length === 9 ? { kind: 'kpp', value: compact } : invalid(`КПП — 9 символов, а введено ${length}.`);
    if (length === 10 || length === 12) return { kind: 'inn', value: compact };
    if (length === 13) return { kind: 'ogrn', value: compact };
    if (length === 15) return { kind: 'ogrnip', value: compact };
    if (length === 9) return { kind: 'kpp', value: compact };
    // INN and KPP typed together without a separator (as the bulk list reads them): 10 + 9 digits
    if (length === 19) return { kind: 'inn-kpp', value: compact.slice(0, 10), kpp: compact.slice(10) };
    if (length >= 8 && length <= 16) {
      return invalid(`Число из ${length} цифр — не реквизит: ИНН — 10 или 12 цифр, КПП — 9, ОГРН — 13, ОГРНИП — 15. Проверьте, не пропущена ли цифра.`);
    }
  }
  if (prefix === 'КПП' && KPP_PATTERN.test(compact)) return { kind: 'kpp', value: compact };
  if (!prefix && KPP_PATTERN.test(compact)) return { kind: 'kpp', value: compact };
  if (prefix) return { kind: 'invalid', value: body, problem: `После «${prefix}» ожидается число, а введено «${body.slice(0, 40)}».` };
  return { kind: 'text', value: text.slice(0, MAX_TEXT_QUERY_LENGTH) };
}

/** A human description of the query for the results header. */
export function describeEgrulQuery(query: EgrulQuery): string {
  switch (query.kind) {
    case 'inn':
      return `ИНН ${query.value}`;
    case 'inn-kpp':
      return `ИНН ${query.value}, КПП ${query.kpp}`;
    case 'invalid':
      return `«${query.value}»`;
    case 'ogrn':
      return `ОГРН ${query.value}`;
    case 'kpp':
      return `КПП ${query.value}`;
    case 'ogrnip':
      return `ОГРНИП ${query.value}`;
    case 'text':
      return `«${query.value}»`;
  }
}

/**
 * The page number carried by one of the service's `next`/`previous` links (absolute URLs built from
 * whatever Host we used). The link itself is never followed: only the number is kept, and the server
 * builds the next request from its own base URL. The link back to page 1 has no `page` parameter.
 */
export function pageOfServiceLink(link: string | null): number | null {
  if (link === null) return null;
  let url: URL;
  try {
    url = new URL(link, 'http://egrul.invalid/');
  } catch {
    return null;
  }
  const page = url.searchParams.get('page');
  if (page === null) return 1;
  return /^[1-9][0-9]{0,6}$/.test(page) ? Number(page) : null;
}

/** The service's numeric id from a list item's `relative_addr` (`/api/organizations/17/`), or null. */
export function idOfRelativeAddress(relativeAddress: string): number | null {
  const match = /^\/api\/organizations\/([1-9][0-9]{0,11})\/$/.exec(relativeAddress);
  return match ? Number(match[1]) : null;
}
