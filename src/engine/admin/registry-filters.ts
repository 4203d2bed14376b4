import { joinedDigitGroups, normalizeSearchText, prefixUpperBound, registrationNumberKey, registrationNumberQuery, searchWords } from '../../domain/search-text.js';
import { todayIn } from '../../domain/organization.js';
import type { Bind, VirtualFilter } from './adapter/registry-resource.js';

/** The panel's virtual filters: SQL on the list's alias `e` (see RegistryResource). */

const ids = (value: string): number[] =>
  value
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

const likeAll = (expression: string, words: string[], bind: Bind) => words.map((word) => `${expression} LIKE ${bind(`%${word}%`)}`);

/** `column` starts with the digits `number`: a range, which the column's B-tree index serves. */
function digitPrefix(column: string, number: string, bind: Bind): string {
  const upper = prefixUpperBound(number);
  return upper ? `(${column} >= ${bind(number)} AND ${column} < ${bind(upper)})` : `${column} >= ${bind(number)}`;
}

/** Digits start one of the columns (a range, served by their B-tree indexes); from 3 digits they may also occur in the text. */
function numberCondition(number: string, columns: string[], text: string | null, bind: Bind): string {
  const ranges = columns.map((column) => digitPrefix(column, number, bind));
  if (text && number.length >= 3) ranges.push(`${text} LIKE ${bind(`%${number}%`)}`);
  return ranges.join(' OR ');
}

/**
 * The normalised text of a row, kept by a trigger and indexed with trigrams (migration 1795816302825): an
 * organization's names, a letter's numbers and text, a resource's name and registration number.
 */
const SEARCH_TEXT = `"e"."search_text"`;

/** «ромашка», «ооо ромашка москва», «7707», «7707083893 773601001»: words in the names, digits in INN/KPP/OGRN. */
export const organizationSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  cappedCount: true,
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return [
      ...likeAll(SEARCH_TEXT, search.words, bind),
      ...search.numbers.map((n) => `(${numberCondition(n, ['"e"."inn"', '"e"."kpp"', '"e"."ogrn"'], SEARCH_TEXT, bind)})`),
    ].join(' AND ');
  },
  // the organization whose INN or OGRN is exactly the number typed comes first
  first(value, bind) {
    const numbers = searchWords(value)?.numbers ?? [];
    return numbers.length ? `("e"."inn" = ANY(${bind(numbers)}) OR "e"."ogrn" = ANY(${bind(numbers)}))` : null;
  },
};

/** «Сверка с ЕГРЮЛ» filter's values: a stored status, never checked, or not checked for N days. */
export const EGRUL_FILTER_VALUES: Record<string, string> = {
  changed: 'Есть изменения',
  missing: 'Нет в ЕГРЮЛ',
  failed: 'Не удалось проверить',
  actual: 'Актуальна',
  never: 'Не сверялась',
  stale30: 'Не сверялась 30 дней',
  stale90: 'Не сверялась 90 дней',
  stale365: 'Не сверялась год',
};

export const egrulStatusFilter: VirtualFilter = {
  path: 'egrulStatus',
  type: 'string',
  where(value, bind) {
    const check = `SELECT 1 FROM egrul_checks c WHERE c.organization_id = "e"."id"`;
    if (['changed', 'missing', 'failed', 'actual'].includes(value)) return `EXISTS (${check} AND c.status = ${bind(value)})`;
    if (value === 'never') return `NOT EXISTS (${check})`;
    const days = /^stale(\d+)$/.exec(value)?.[1];
    if (days) return `NOT EXISTS (${check} AND c.checked_at >= now() - make_interval(days => ${bind(Number(days))}))`;
    return 'false';
  },
};

export const organizationFilters: VirtualFilter[] = [
  organizationSearch,
  egrulStatusFilter,
  {
    path: 'okrugId',
    type: 'reference',
    reference: 'Okrug',
    // the district's regions are looked up once, so the organizations' region index serves the rest
    where: (value, bind) => (ids(value).length ? `"e"."region_id" = ANY(ARRAY(SELECT id FROM regions WHERE okrug_id = ANY(${bind(ids(value))})))` : null),
  },
  {
    // "has all of these document types"
    path: 'documentTypes',
    type: 'reference',
    reference: 'OrgAdmDoc',
    isArray: true,
    cappedCount: true,
    where(value, bind) {
      const types = [...new Set(ids(value))];
      if (types.length === 0) return null;
      // one probe of the (organization, type) unique index per type
      return types
        .map((type) => `EXISTS (SELECT 1 FROM organization_documents d WHERE d.organization_id = "e"."id" AND d.org_adm_doc_id = ${bind(type)})`)
        .join(' AND ');
    },
  },
  {
    path: 'hasAgreement',
    type: 'boolean',
    where: (value) => (value === 'true' ? `"e"."date_agreement" IS NOT NULL` : value === 'false' ? `"e"."date_agreement" IS NULL` : null),
  },
  {
    // a CII subject: owns an active (not deleted) resource that is a significant CII object
    path: 'isCiiSubject',
    type: 'boolean',
    where(value) {
      const exists = `EXISTS (SELECT 1 FROM resources r WHERE r.owner_id = "e"."id" AND r.is_okii AND r.deleted_at IS NULL)`;
      return value === 'true' ? exists : value === 'false' ? `NOT ${exists}` : null;
    },
  },
];

/** Every word (and number) must occur in the normalised text. */
const textSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  cappedCount: true,
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return likeAll(SEARCH_TEXT, [...search.words, ...search.numbers], bind).join(' AND ');
  },
};

const NUMBER_KEYS = ['registration_number_key("e"."our_number")', 'registration_number_key("e"."their_number")'];

/**
 * Letters' search box (its words and numbers are those of the letter and of its organizations, see
 * migration 1795816302831):
 * - a registration number («ИСХ-1234», «161-10-11/22», «вх 15») is matched as a whole, ours or the sender's, case,
 *   spaces and punctuation ignored: exactly, then as the start of a longer number (never in the middle: «ИСХ-1234»
 *   does not find «ИСХ-631234»); digits alone also find the letters of an organization whose INN starts with them;
 * - words must each occur in the letter (numbers, text) or in the name of one of its organizations.
 */
export const messageSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  cappedCount: true,
  where(value, bind, context) {
    const key = registrationNumberQuery(value);
    if (key) {
      const prefix = bind(`${key}%`);
      const byNumber = NUMBER_KEYS.map((column) => `${column} LIKE ${prefix}`);
      const digits = joinedDigitGroups(value) ?? (/^\s*\d+\s*$/.test(value) ? value.trim() : null);
      if (digits && digits.length >= 4) {
        byNumber.push(
          `"e"."id" IN (SELECT om.message_id FROM organizations_messages om JOIN organizations o ON o.id = om.organization_id WHERE ${digitPrefix('o.inn', digits, bind)})`,
        );
      }
      return `(${byNumber.join(' OR ')})`;
    }
    // words: the letter's search text holds its organizations' names and INNs too (migration 1795816302831)
    return textSearch.where(value, bind, context);
  },
  first(value, bind) {
    const key = registrationNumberQuery(value);
    return key ? `(${NUMBER_KEYS.map((column) => `${column} = ${bind(key)}`).join(' OR ')})` : null;
  },
};

/** SQL: the letter `alias` has an answer (an outgoing letter whose «Основание» it is; src/domain/letter-status.ts). */
export const answeredSql = (alias: string) => `EXISTS (SELECT 1 FROM messages reply WHERE reply.parent_id = ${alias}.id AND reply.direction = 'outgoing')`;

/** «Статус ответа»: the derived status of src/domain/letter-status.ts as SQL, «today» in the registry's time zone. */
export const letterStatusFilter: VirtualFilter = {
  path: 'status',
  type: 'string',
  where(value, bind, { timeZone }) {
    const today = bind(todayIn(timeZone));
    const open = `"e"."direction" = 'incoming' AND NOT ${answeredSql('"e"')}`;
    if (value === 'answered') return `"e"."direction" = 'incoming' AND ${answeredSql('"e"')}`;
    if (value === 'overdue') return `${open} AND "e"."due_date" < ${today}::date`;
    if (value === 'waiting') return `${open} AND "e"."due_date" >= ${today}::date`;
    return 'false';
  },
};

/** Letters: the search box, and the register's filters (issue 15). */
export const messageFilters: VirtualFilter[] = [messageSearch, letterStatusFilter];

/** Documents: the organization's name or INN, the document type, the requisites. */
export const documentSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return [...search.words, ...search.numbers]
      .map((word) => {
        const like = bind(`%${word}%`);
        const organizations = /^\d+$/.test(word) ? `o.inn LIKE ${bind(`${word}%`)}` : `o.search_text LIKE ${like}`;
        return (
          `("e"."organization_id" IN (SELECT o.id FROM organizations o WHERE ${organizations})` +
          ` OR "e"."org_adm_doc_id" IN (SELECT t.id FROM org_adm_docs t WHERE registry_search_text(t.name, '') LIKE ${like})` +
          ` OR registry_search_text("e"."props", "e"."comment") LIKE ${like})`
        );
      })
      .join(' AND ');
  },
};

/** Postal indexes: the start of an index, or words of the locality and district. */
export const addressSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return [
      ...search.numbers.map((n) => `"e"."index" LIKE ${bind(`${n}%`)}`),
      ...search.words.map((w) => `registry_search_text("e"."locality", "e"."area") LIKE ${bind(`%${w}%`)}`),
    ].join(' AND ');
  },
  first(value, bind) {
    const numbers = searchWords(value)?.numbers ?? [];
    return numbers.length ? `"e"."index" = ANY(${bind(numbers)})` : null;
  },
};

/** Resources: words of the name and the registration number; the resource named or numbered exactly so first. */
export const resourceFilters: VirtualFilter[] = [
  {
    ...textSearch,
    first(value, bind) {
      const name = `registry_search_text("e"."name", '') = ${bind(normalizeSearchText(`${value} `))}`;
      const key = registrationNumberKey(value);
      return key ? `(${name} OR registration_number_key("e"."fstec_reg_number") = ${bind(key)})` : name;
    },
  },
];
