/**
 * An organization of the registry compared with its unit in EGRUL (pure): full name, short name, OGRN, KPP,
 * address and region. Names and addresses are compared as a person reads them — case, ё/е, quotes, punctuation
 * and spacing aside; codes exactly.
 */

export type EgrulCheckStatus = 'actual' | 'changed' | 'missing' | 'failed';

export const EGRUL_STATUS_TEXT: Record<EgrulCheckStatus, string> = {
  actual: 'Актуальна',
  changed: 'Есть изменения',
  missing: 'Нет в ЕГРЮЛ — возможно, ликвидирована или реорганизована',
  failed: 'Не удалось проверить',
};

/** The compared fields, as the organization's properties, with their Russian labels. */
export const COMPARED_FIELDS = {
  fullName: 'Полное наименование',
  shortName: 'Сокращенное наименование',
  ogrn: 'ОГРН',
  kpp: 'КПП',
  factualAddress: 'Адрес местонахождения',
  regionId: 'Регион',
} as const;

export type ComparedField = keyof typeof COMPARED_FIELDS;

export interface ComparedValues {
  fullName: string | null;
  shortName: string | null;
  ogrn: string | null;
  kpp: string | null;
  factualAddress: string | null;
  regionId: number | null;
}

export interface EgrulDifference {
  field: ComparedField;
  /** What the registry holds. */
  registry: string | number | null;
  /** What EGRUL says, in the registry's form (a region as our id): the value an admin may apply. */
  egrul: string | number | null;
}

/** Text as a person compares it: lower case, ё as е, only letters and digits, single spaces. */
export function comparableText(value: string | null): string {
  return (value ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^0-9a-zа-я]+/g, ' ')
    .trim();
}

const sameText = (a: string | null, b: string | null) => comparableText(a) === comparableText(b);
const sameCode = (a: string | null, b: string | null) => (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/**
 * The differences between the registry and EGRUL. A short name the registry does not have is a difference only
 * when EGRUL's differs from the full name (the import stores the full name then); an address or region EGRUL does
 * not give is not a difference (EGRUL saying nothing does not make ours wrong).
 */
export function compareWithEgrul(registry: ComparedValues, egrul: ComparedValues): EgrulDifference[] {
  const differences: EgrulDifference[] = [];
  const add = (field: ComparedField) => differences.push({ field, registry: registry[field], egrul: egrul[field] });
  if (!sameText(registry.fullName, egrul.fullName)) add('fullName');
  const registryShort = registry.shortName ?? registry.fullName;
  if (!sameText(registryShort, egrul.shortName ?? egrul.fullName)) add('shortName');
  if (!sameCode(registry.ogrn, egrul.ogrn)) add('ogrn');
  if (!sameCode(registry.kpp, egrul.kpp)) add('kpp');
  if (egrul.factualAddress !== null && !sameText(registry.factualAddress, egrul.factualAddress)) add('factualAddress');
  if (egrul.regionId !== null && registry.regionId !== egrul.regionId) add('regionId');
  return differences;
}
