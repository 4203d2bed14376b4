import { prefixUpperBound, searchWords } from '../../domain/search-text.js';
import type { Bind, VirtualFilter } from '../adapter/registry-resource.js';

/** The panel's virtual filters: SQL on the list's alias `e` (see RegistryResource). */

const ids = (value: string): number[] =>
  value
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

const likeAll = (expression: string, words: string[], bind: Bind) => words.map((word) => `${expression} LIKE ${bind(`%${word}%`)}`);

/** Digits start one of the columns (a range, served by their B-tree indexes); from 3 digits they may also occur in the text. */
function numberCondition(number: string, columns: string[], text: string | null, bind: Bind): string {
  const upper = prefixUpperBound(number);
  const ranges = columns.map((column) => (upper ? `(${column} >= ${bind(number)} AND ${column} < ${bind(upper)})` : `${column} >= ${bind(number)}`));
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

/** Letters: any number (ours or theirs) and words of the text. */
export const messageFilters: VirtualFilter[] = [textSearch];

/** Resources: words of the name and the registration number. */
export const resourceFilters: VirtualFilter[] = [textSearch];
