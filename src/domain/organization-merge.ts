/**
 * Merging two organization cards (issue 26), the pure part: which fields are merged, the default choice for each,
 * and the values the kept card takes. Columns are the database's (snake_case), values as PostgreSQL returns them.
 */

/** The card's fields a merge chooses between, with their labels (the form shows the differing ones first). */
export const MERGE_FIELDS: Record<string, string> = {
  full_name: 'Полное наименование',
  short_name: 'Сокращённое наименование',
  inn: 'ИНН',
  kpp: 'КПП',
  ogrn: 'ОГРН',
  factual_address: 'Фактический адрес',
  region_id: 'Регион',
  boss_position: 'Должность руководителя',
  boss_fio: 'ФИО руководителя',
  contacts: 'Контакты',
  date_agreement: 'Дата соглашения',
  agreement_unit: 'Подразделение по соглашению',
  is_gov: 'Государственная',
  is_military: 'Военная',
};

/** For a field: the kept card's value, the other's, or both joined (text fields: contacts). */
export type MergeChoice = 'kept' | 'merged' | 'joined';

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
const same = (a: unknown, b: unknown) => (isEmpty(a) && isEmpty(b)) || String(a ?? '') === String(b ?? '');

/** The fields whose values differ, in the form's order. */
export const differingFields = (kept: Record<string, unknown>, merged: Record<string, unknown>): string[] =>
  Object.keys(MERGE_FIELDS).filter((field) => !same(kept[field], merged[field]));

/** The default: the kept card's value, the other's where the kept one is empty. */
export function defaultChoices(kept: Record<string, unknown>, merged: Record<string, unknown>): Record<string, MergeChoice> {
  return Object.fromEntries(Object.keys(MERGE_FIELDS).map((field) => [field, isEmpty(kept[field]) && !isEmpty(merged[field]) ? 'merged' : 'kept'] as const));
}

export class MergeChoiceError extends Error {}

/**
 * The values the kept card takes, and for the history each differing field's {kept, merged, chosen}. A choice for a
 * field that is not merged, or «joined» for a field that is not text, is refused with the field's label.
 */
export function mergedValues(
  kept: Record<string, unknown>,
  merged: Record<string, unknown>,
  asked: Record<string, unknown> = {},
): { values: Record<string, unknown>; fields: Record<string, { kept: unknown; merged: unknown; chosen: unknown }> } {
  const choices = defaultChoices(kept, merged);
  for (const [field, choice] of Object.entries(asked)) {
    const label = MERGE_FIELDS[field];
    if (!label) throw new MergeChoiceError(`Поле «${field.slice(0, 40)}» при объединении не выбирается.`);
    if (choice !== 'kept' && choice !== 'merged' && choice !== 'joined') {
      throw new MergeChoiceError(`Поле «${label}»: выберите значение одной из карточек.`);
    }
    if (choice === 'joined' && field !== 'contacts' && field !== 'factual_address') {
      throw new MergeChoiceError(`Поле «${label}»: объединить можно только контакты и адрес, здесь выберите одно значение.`);
    }
    choices[field] = choice;
  }
  const values: Record<string, unknown> = {};
  const fields: Record<string, { kept: unknown; merged: unknown; chosen: unknown }> = {};
  for (const field of Object.keys(MERGE_FIELDS)) {
    const choice = choices[field]!;
    const value =
      choice === 'kept'
        ? kept[field]
        : choice === 'merged'
          ? merged[field]
          : [kept[field], merged[field]].filter((v) => !isEmpty(v)).join(field === 'contacts' ? '\n' : '; ') || null;
    values[field] = value ?? null;
    if (!same(kept[field], merged[field]) || !same(kept[field], value)) {
      fields[field] = { kept: kept[field] ?? null, merged: merged[field] ?? null, chosen: value ?? null };
    }
  }
  return { values, fields };
}
