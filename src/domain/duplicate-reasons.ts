/**
 * Why two organization cards may be one (issue 26, «Возможные дубли»). The rules run in PostgreSQL
 * (src/duplicates/possible-duplicates.service.ts); their names and the name rule's threshold are here.
 */
export const DUPLICATE_REASONS = {
  inn: 'Тот же ИНН, КПП другой или не указан',
  ogrn: 'Тот же ОГРН',
  inactiveTwin: 'Недействующая карточка с теми же ИНН и КПП',
  branchHead: 'Головная организация филиала заведена ещё раз',
  name: 'Похожее наименование в том же регионе',
} as const;

export type DuplicateReason = keyof typeof DUPLICATE_REASONS;

export const isDuplicateReason = (value: unknown): value is DuplicateReason => typeof value === 'string' && Object.hasOwn(DUPLICATE_REASONS, value);

/**
 * The name rule: the trigram similarity (pg_trgm) of the two names without their legal forms. At 0.7 a name with one
 * added letter or word suffix («ромашка» and «ромашка м», 0.8) or a one-letter typo in a name of 14 letters or more
 * is a candidate, while a name that is another one plus a word («газпром» and «газпром нефть», 0.57) is not — such
 * pairs are usually a group's different companies, and they would fill the list. Measured figures are in
 * test/duplicates/possible-duplicates.db.test.ts.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.7;
