import { searchWords } from '../domain/search-text.js';
import { HttpError } from '../engine/http/kit.js';

/** The most document types the «Документы» filter takes at once (the form offers a dozen or so). */
export const MAX_DOCUMENT_TYPES = 50;
import type { VirtualFilter } from '../engine/admin/adapter/filter-sql.js';
import { SEARCH_TEXT, ids, likeAll, numberCondition } from '../engine/admin/adapter/search-sql.js';

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
      if (types.length > MAX_DOCUMENT_TYPES) {
        throw new HttpError(400, `Фильтр «Документы»: не больше ${MAX_DOCUMENT_TYPES} видов документов сразу, выбрано ${types.length}.`);
      }
      // one condition whatever the number of types: the organizations having every one of them, found once from
      // the documents of those types (their type index) rather than probed per organization
      return `"e"."id" IN (SELECT d.organization_id FROM organization_documents d WHERE d.org_adm_doc_id = ANY(${bind(types)}) GROUP BY d.organization_id HAVING count(*) = ${bind(types.length)})`;
    },
  },
  {
    // "has no document of any of these types" (the dashboard's «без документа» leads here: no «Устав», say)
    path: 'missingDocumentTypes',
    type: 'reference',
    reference: 'OrgAdmDoc',
    isArray: true,
    where(value, bind) {
      const types = [...new Set(ids(value))];
      if (types.length === 0) return null;
      if (types.length > MAX_DOCUMENT_TYPES) {
        throw new HttpError(400, `Фильтр «Нет документов видов»: не больше ${MAX_DOCUMENT_TYPES} видов документов сразу, выбрано ${types.length}.`);
      }
      return `NOT EXISTS (SELECT 1 FROM organization_documents d WHERE d.organization_id = "e"."id" AND d.org_adm_doc_id = ANY(${bind(types)}))`;
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
