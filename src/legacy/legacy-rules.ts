/**
 * How a row of the old service (cert_ecosystem, original-app.md §2) becomes a row of this registry. Pure: no I/O.
 *
 * The old data's quirks are kept, not silently fixed: a value that passes this registry's invariants is brought as it
 * is, with a line in the report where it fails a check (a bad INN checksum, a date in the future); a value that would
 * break an invariant PostgreSQL enforces here (the INN, KPP and OGRN formats, an outgoing letter with a sender's
 * requisites, a period that ends before it starts) is set aside: the field stays empty, the value is kept in the
 * record's notes (legacy_ids.notes) and in the report. Nothing is dropped without a line.
 */
import { checkInn, checkKpp, checkOgrn } from '../domain/requisites.js';
import { registrationNumberKey } from '../domain/search-text.js';

export type Outcome = 'imported' | 'merged' | 'skipped';

/** A line of the report: what was done with an old record, and why it is worth a look. */
export interface ReportLine {
  table: string;
  oldId: string;
  newId: number | null;
  outcome: Outcome;
  /** what the team should look at, in Russian */
  reason: string;
  field?: string;
  value?: string;
}

/** A value left out of the record because this registry cannot hold it; kept in the record's notes. */
export type SetAside = Record<string, string>;

export interface Converted<T> {
  row: T;
  /** lines about this record (imported as is and flagged, or a field set aside) */
  lines: Omit<ReportLine, 'table' | 'oldId' | 'newId' | 'outcome'>[];
  setAside: SetAside;
}

/** The old service stored '' for «nothing» (§10.2.9): empty text is no value. */
export const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const s = String(value);
  return s.trim() === '' ? null : s;
};

/** A DATE column read as 'YYYY-MM-DD' text (the reader asks PostgreSQL for text). */
const day = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

const inFuture = (value: string | null, today: string) => value !== null && value > today;

// ---------------------------------------------------------------- organizations

export interface OldOrganization {
  org_id: number;
  date_added: string | null;
  date_updated: string | null;
  full_name: string | null;
  short_name: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  factual_address: string | null;
  boss_position: string | null;
  boss_fio: string | null;
  contacts: string | null;
  date_agreement: string | null;
  agreement_unit: string | null;
  is_gov: boolean | null;
  is_military: boolean | null;
  is_active: boolean | null;
  uuid: string | null;
  region_id: number | null;
}

export interface NewOrganization {
  fullName: string;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  factualAddress: string | null;
  regionId: number | null;
  bossPosition: string | null;
  bossFio: string | null;
  contacts: string | null;
  dateAgreement: string | null;
  agreementUnit: string | null;
  isGov: boolean;
  isMilitary: boolean;
  isActive: boolean;
}

export function convertOrganization(old: OldOrganization, today: string, knownRegions: ReadonlySet<number>): Converted<NewOrganization> {
  const lines: Converted<NewOrganization>['lines'] = [];
  const setAside: SetAside = {};
  const aside = (field: string, value: string, reason: string) => {
    setAside[field] = value;
    lines.push({ field, value, reason });
  };

  const fullName = text(old.full_name) ?? text(old.short_name);
  if (!text(old.full_name)) lines.push({ field: 'Полное наименование', reason: fullName ? 'полного наименования нет: взято сокращённое' : 'нет наименования' });

  let inn = text(old.inn)?.trim() ?? null;
  if (inn !== null) {
    const check = checkInn(inn);
    if (!check.ok && !/^(\d{10}|\d{12})$/.test(inn)) {
      aside('ИНН', inn, `${check.reason}: ИНН не перенесён (значение в отчёте и на карточке)`);
      inn = null;
    } else if (!check.ok) lines.push({ field: 'ИНН', value: inn, reason: `${check.reason}: перенесён как есть` });
  }
  let kpp = text(old.kpp)?.trim().toUpperCase() ?? null;
  if (kpp !== null) {
    const check = checkKpp(kpp);
    if (!check.ok) {
      aside('КПП', kpp, `${check.reason}: КПП не перенесён`);
      kpp = null;
    }
  }
  let ogrn = text(old.ogrn)?.trim() ?? null;
  if (ogrn !== null) {
    const check = checkOgrn(ogrn);
    if (!check.ok && !/^(\d{13}|\d{15})$/.test(ogrn)) {
      aside('ОГРН', ogrn, `${check.reason}: ОГРН не перенесён`);
      ogrn = null;
    } else if (!check.ok) lines.push({ field: 'ОГРН', value: ogrn, reason: `${check.reason}: перенесён как есть` });
  }
  let regionId = old.region_id;
  if (regionId !== null && !knownRegions.has(regionId)) {
    aside('Регион', String(regionId), `региона с кодом ${regionId} нет в справочнике: регион не указан`);
    regionId = null;
  }
  const dateAgreement = day(old.date_agreement);
  if (inFuture(dateAgreement, today)) lines.push({ field: 'Дата соглашения', value: dateAgreement!, reason: 'дата в будущем: перенесена как есть' });
  if (old.is_active === null) lines.push({ field: 'Действующая', reason: 'признак не задан (строка вставлена в обход приложения): считается действующей' });

  return {
    row: {
      fullName: fullName ?? `Организация № ${old.org_id} старой системы`,
      shortName: text(old.short_name),
      inn,
      kpp,
      ogrn,
      factualAddress: text(old.factual_address),
      regionId,
      bossPosition: text(old.boss_position),
      bossFio: text(old.boss_fio),
      contacts: text(old.contacts),
      dateAgreement,
      agreementUnit: text(old.agreement_unit),
      isGov: old.is_gov === true,
      isMilitary: old.is_military === true,
      isActive: old.is_active !== false,
    },
    lines,
    setAside,
  };
}

/** The key of the «one active organization per INN+KPP» rule (uq_organizations_active_inn_kpp). */
export const activeTwinKey = (row: { inn: string | null; kpp: string | null; isActive: boolean }): string | null =>
  row.isActive && row.inn !== null ? `${row.inn}/${row.kpp ?? ''}` : null;

/**
 * The organization's uuid names its scans' directory: the old one where it is a uuid, otherwise one made from the old
 * id, so that a rerun after a kill puts every scan at the same path as the first try did.
 */
export function organizationUuid(oldUuid: string | null, oldId: number, digest: (text: string) => string): string {
  const given = text(oldUuid)?.trim().toLowerCase();
  if (given && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(given)) return given;
  const hex = digest(`cert-ecosystem legacy organization ${oldId}`).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------- letters

export interface OldMessage {
  message_id: number;
  date_inbox_approved: string | null;
  number_inbox_approved: string | null;
  date_registered: string | null;
  our_inbox_number: string | null;
  date_approved: string | null;
  our_outbox_number: string | null;
  information: string | null;
  datetime_created: string | null;
  parent_id: number | null;
}

export interface NewMessage {
  direction: 'incoming' | 'outgoing';
  ourNumber: string | null;
  ourDate: string | null;
  theirNumber: string | null;
  theirDate: string | null;
  information: string;
}

/**
 * The old rule (§2.4): a letter is outgoing when both our outgoing number and its date are set; anything else is
 * incoming. An outgoing letter keeps no sender's requisites here: those the old row also had are set aside.
 */
export function convertMessage(old: OldMessage, today: string): Converted<NewMessage> {
  const lines: Converted<NewMessage>['lines'] = [];
  const setAside: SetAside = {};
  const aside = (field: string, value: string, reason: string) => {
    setAside[field] = value;
    lines.push({ field, value, reason });
  };
  const outgoing = text(old.our_outbox_number) !== null && day(old.date_approved) !== null;
  const row: NewMessage = outgoing
    ? {
        direction: 'outgoing',
        ourNumber: text(old.our_outbox_number),
        ourDate: day(old.date_approved),
        theirNumber: null,
        theirDate: null,
        information: old.information ?? '',
      }
    : {
        direction: 'incoming',
        ourNumber: text(old.our_inbox_number),
        ourDate: day(old.date_registered),
        theirNumber: text(old.number_inbox_approved),
        theirDate: day(old.date_inbox_approved),
        information: old.information ?? '',
      };
  if (outgoing) {
    const extra: [string, string | null][] = [
      ['Наш входящий номер', text(old.our_inbox_number)],
      ['Дата регистрации', day(old.date_registered)],
      ['Номер отправителя', text(old.number_inbox_approved)],
      ['Дата подписи отправителем', day(old.date_inbox_approved)],
    ];
    for (const [field, value] of extra) if (value !== null) aside(field, value, 'у исходящего письма заполнены реквизиты входящего: не перенесены');
  } else {
    if (text(old.our_outbox_number) !== null) {
      aside('Исходящий номер', old.our_outbox_number!, 'исходящий номер без даты подписи: письмо перенесено как входящее');
    }
    if (day(old.date_approved) !== null) aside('Дата подписи исходящего', old.date_approved!, 'дата исходящего без номера: письмо перенесено как входящее');
    if (row.ourDate !== null && row.theirDate !== null && row.ourDate < row.theirDate) {
      aside('Дата подписи отправителем', row.theirDate, `зарегистрировано (${row.ourDate}) раньше, чем подписано отправителем: дата отправителя не перенесена`);
      row.theirDate = null;
    }
  }
  for (const [field, value] of [
    ['Дата', row.ourDate],
    ['Дата отправителя', row.theirDate],
  ] as const) {
    if (inFuture(value, today)) lines.push({ field, value: value!, reason: 'дата в будущем: перенесена как есть' });
  }
  if (row.information.trim() === '') lines.push({ field: 'Содержание', reason: 'содержание пустое' });
  return { row, lines, setAside };
}

/** The «наш номер» key of the unique index ux_messages_our_number_per_year, or null when the index does not apply. */
export const ourNumberKey = (row: { direction: string; ourNumber: string | null; ourDate: string | null }): string | null =>
  row.ourNumber !== null && row.ourDate !== null ? `${row.direction}/${row.ourDate.slice(0, 4)}/${registrationNumberKey(row.ourNumber)}` : null;

/**
 * Old ids of letters whose parent link must be dropped: a letter that answers itself, or one in a loop of answers
 * (A answers B answers A; the old service never checked), broken at the loop's smallest id.
 */
export function brokenThreads(parents: ReadonlyMap<number, number | null>): Map<number, string> {
  const broken = new Map<number, string>();
  const state = new Map<number, 1 | 2>(); // 1: on the current path, 2: done
  for (const start of parents.keys()) {
    if (state.has(start)) continue;
    const path: number[] = [];
    let at: number | null | undefined = start;
    while (at !== null && at !== undefined && !state.has(at)) {
      state.set(at, 1);
      path.push(at);
      at = parents.get(at);
    }
    if (at !== null && at !== undefined && state.get(at) === 1) {
      const loop = path.slice(path.indexOf(at));
      const smallest = Math.min(...loop);
      broken.set(smallest, loop.length === 1 ? 'письмо указано основанием самого себя' : `основания писем образуют круг (${loop.join(' → ')})`);
    }
    for (const id of path) state.set(id, 2);
  }
  return broken;
}

// ---------------------------------------------------------------- resources, outsourcing, documents

export interface OldResource {
  resource_id: number;
  date_added: string | null;
  date_updated: string | null;
  is_okii: boolean | null;
  fstec_reg_number: string | null;
  name: string | null;
  category: number | null;
  date_added_to_fstec: string | null;
  date_updated_to_fstec: string | null;
  factual_addresses: string | null;
  resp_worker: string | null;
  is_active: boolean | null;
  ip_pool: string | null;
  dns_pool: string | null;
  org_id: number | null;
}

export interface NewResource {
  name: string;
  isOkii: boolean;
  fstecRegNumber: string | null;
  category: number | null;
  dateAddedToFstec: string | null;
  dateUpdatedToFstec: string | null;
  factualAddresses: string | null;
  respWorker: string | null;
  ipPool: string | null;
  dnsPool: string | null;
  deleted: boolean;
}

export function convertResource(old: OldResource, today: string): Converted<NewResource> {
  const lines: Converted<NewResource>['lines'] = [];
  const setAside: SetAside = {};
  let category = old.category;
  if (category !== null && (category < 0 || category > 3)) {
    setAside['Категория'] = String(category);
    lines.push({ field: 'Категория', value: String(category), reason: 'категория значимости вне 0–3: не перенесена' });
    category = null;
  }
  for (const [field, value] of [
    ['Дата внесения в реестр ФСТЭК', day(old.date_added_to_fstec)],
    ['Дата изменения в реестре ФСТЭК', day(old.date_updated_to_fstec)],
  ] as const) {
    if (inFuture(value, today)) lines.push({ field, value: value!, reason: 'дата в будущем: перенесена как есть' });
  }
  return {
    row: {
      name: text(old.name) ?? `Ресурс № ${old.resource_id} старой системы`,
      isOkii: old.is_okii === true,
      fstecRegNumber: text(old.fstec_reg_number),
      category,
      dateAddedToFstec: day(old.date_added_to_fstec),
      dateUpdatedToFstec: day(old.date_updated_to_fstec),
      factualAddresses: text(old.factual_addresses),
      respWorker: text(old.resp_worker),
      ipPool: text(old.ip_pool),
      dnsPool: text(old.dns_pool),
      deleted: old.is_active === false,
    },
    lines,
    setAside,
  };
}

export interface OldResponsibility {
  org_id: number;
  resource_id: number;
  date_start: string;
  date_end: string;
  props: string | null;
  comment: string | null;
}

export function convertResponsibility(
  old: OldResponsibility,
): Converted<{ dateStart: string; dateEnd: string | null; props: string | null; comment: string | null }> {
  const lines: Converted<unknown>['lines'] = [];
  const setAside: SetAside = {};
  let dateEnd: string | null = day(old.date_end);
  if (dateEnd !== null && dateEnd < old.date_start) {
    setAside['Дата окончания'] = dateEnd;
    lines.push({ field: 'Дата окончания', value: dateEnd, reason: `окончание раньше начала (${old.date_start}): дата окончания не перенесена` });
    dateEnd = null;
  }
  return { row: { dateStart: old.date_start, dateEnd, props: text(old.props), comment: text(old.comment) }, lines, setAside };
}

export const responsibilityOldId = (old: Pick<OldResponsibility, 'org_id' | 'resource_id' | 'date_end'>) => `${old.org_id}:${old.resource_id}:${old.date_end}`;
export const documentOldId = (old: { org_id: number; orgadm_id: number }) => `${old.org_id}:${old.orgadm_id}`;

/**
 * Where the old service kept an organization's scan of a document type (§6.4):
 * `<root>/<first two characters of the organization's uuid, upper case>/<uuid>/<type's name_prefix>.pdf`.
 */
export function oldScanPath(organizationUuid: string, namePrefix: string): string {
  return `${organizationUuid.slice(0, 2).toUpperCase()}/${organizationUuid}/${namePrefix}.pdf`;
}

/** Names compared the way a person would: case, «ё», spaces and quotes ignored. */
export const nameKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^0-9a-zа-я]+/g, '');
