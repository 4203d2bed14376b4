/**
 * Rules for an organization's requisites (domain.md §3), pure. Messages are Russian, keyed by field.
 */
import { checkDateNotInFuture, cleanText as clean } from './form-values.js';
import { TEXT_LIMITS } from './field-values.js';
import { checkInn, checkKpp, checkOgrn } from './requisites.js';

export interface OrganizationRequisites {
  fullName: string;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  dateAgreement: string | null;
}

export type OrganizationCheck = { ok: true; value: OrganizationRequisites } | { ok: false; errors: Partial<Record<keyof OrganizationRequisites, string>> };

type Requisite = 'inn' | 'kpp' | 'ogrn';

/** What is wrong with INN, KPP and OGRN (checksums, formats, the pairings), by field; normalised values. */
function requisiteErrors(input: { inn?: unknown; kpp?: unknown; ogrn?: unknown }): {
  values: Record<Requisite, string | null>;
  errors: Partial<Record<Requisite, string>>;
} {
  const errors: Partial<Record<Requisite, string>> = {};
  let inn = clean(input.inn);
  if (inn) {
    const result = checkInn(inn);
    if (result.ok) inn = result.value;
    else errors.inn = result.reason;
  }
  let kpp = clean(input.kpp);
  if (kpp) {
    const result = checkKpp(kpp);
    if (result.ok) kpp = result.value;
    else errors.kpp = result.reason;
    if (inn?.length === 12) errors.kpp = 'КПП есть только у организаций: у ИП (ИНН из 12 цифр) поле КПП оставьте пустым';
  }
  const ogrn = clean(input.ogrn);
  if (ogrn) {
    const result = checkOgrn(ogrn);
    if (!result.ok) errors.ogrn = result.reason;
    else if (inn && !errors.inn && (inn.length === 10) !== (ogrn.length === 13)) {
      errors.ogrn =
        inn.length === 10
          ? `ИНН из 10 цифр — организация: ОГРН должен содержать 13 цифр, получено ${ogrn.length}`
          : `ИНН из 12 цифр — ИП: нужен ОГРНИП из 15 цифр, получено ${ogrn.length}`;
    }
  }
  return { values: { inn, kpp, ogrn }, errors };
}

/**
 * The requisites of a record that do not pass the checks (as stored: from EGRUL, which holds such values, or
 * from before the checks), one message each; shown on the card and in the form as «не прошли проверку».
 */
export function requisiteProblems(stored: { inn?: unknown; kpp?: unknown; ogrn?: unknown }): string[] {
  return Object.values(requisiteErrors(stored).errors);
}

/**
 * `today` is the registry's calendar date, 'YYYY-MM-DD'. `stored` holds the record's saved requisites: a value
 * left as it was is accepted even when it fails a check (the register has such INNs and OGRNs, and a card must
 * stay saveable); a new or changed value must pass.
 */
export function checkOrganizationRequisites(
  input: Record<string, unknown>,
  today: string,
  stored: { inn?: unknown; kpp?: unknown; ogrn?: unknown } = {},
): OrganizationCheck {
  const errors: Partial<Record<keyof OrganizationRequisites, string>> = {};
  const fullName = clean(input.fullName);
  if (!fullName) errors.fullName = 'Укажите полное наименование организации';

  const requisites = requisiteErrors(input);
  const unchanged = (field: Requisite) => {
    const before = clean(stored[field]);
    return before !== null && before === clean(input[field]);
  };
  for (const [field, message] of Object.entries(requisites.errors) as [Requisite, string][]) {
    // the pairing rules concern both fields: kept when neither of the pair changed
    const keep = unchanged(field) && (field === 'inn' || unchanged('inn') || clean(input.inn) === null);
    if (!keep) errors[field] = message;
  }
  const agreement = checkDateNotInFuture(input.dateAgreement, today, 'Дата подписания соглашения');
  if ('error' in agreement) errors.dateAgreement = agreement.error;
  const dateAgreement = 'date' in agreement ? agreement.date : null;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const keptAsStored = (field: Requisite) => (requisites.errors[field] ? clean(input[field]) : requisites.values[field]);
  return { ok: true, value: { fullName: fullName as string, inn: keptAsStored('inn'), kpp: keptAsStored('kpp'), ogrn: keptAsStored('ogrn'), dateAgreement } };
}

/** The longest contacts text kept (a page of names, phones and addresses). */
export const CONTACTS_MAX_LENGTH = TEXT_LIMITS.Organization!.contacts!;

/** Contacts edited on their own (from the list or the card): trimmed, empty is none, bounded. */
export function checkContacts(input: unknown): { ok: true; value: string | null } | { ok: false; error: string } {
  if (input !== undefined && input !== null && typeof input !== 'string') return { ok: false, error: 'Контакты: ожидается текст' };
  const text = (input ?? '').replace(/\r\n?/g, '\n').trim();
  if (text.length > CONTACTS_MAX_LENGTH) {
    return { ok: false, error: `Контакты: не длиннее ${CONTACTS_MAX_LENGTH} знаков (сейчас ${text.length})` };
  }
  return { ok: true, value: text === '' ? null : text };
}

/** Today's date in a time zone, 'YYYY-MM-DD' (the registry's "today", not the server's). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts; // en-CA formats as YYYY-MM-DD
}
