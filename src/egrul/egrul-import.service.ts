import { textLimit } from '../domain/field-values.js';
import type { DataSource, EntityManager } from 'typeorm';
import { assertWritable } from '../engine/admin/adapter/write-checks.js';
import { Organization } from '../../entities/organization.entity.js';
import { UserInputError } from '../errors.js';
import { requisiteProblems } from '../domain/organization.js';
import { findActiveTwin } from '../organizations/organization.service.js';
import { EgrulServiceError, type EgrulClient, type EgrulListItem, type EgrulOperation, type EgrulSearchPage } from './egrul-client.js';
import { EgrulFieldError, organizationFieldsFromEgrul, type EgrulDetail, type ImportedOrganizationFields } from './egrul-organization.js';
import { classifyEgrulQuery, describeEgrulQuery } from './egrul-query.js';

/** Search and import from EGRUL: the client for the service, our database for "already in the registry". */

export interface EgrulSearchRow extends EgrulListItem {
  /** Our active organization with the same INN+KPP, or null. */
  registryId: number | null;
  /** Cards that may be the same organization: a deactivated one with the same INN+KPP, one with the INN and no KPP. */
  possibleDuplicates: PossibleDuplicate[];
}

export interface PossibleDuplicate {
  id: number;
  fullName: string;
  kpp: string | null;
  isActive: boolean;
  /** Why it may be the same: «отключена» (same INN+KPP, not active) or «без КПП» (same INN, no KPP). */
  reason: 'inactive' | 'no-kpp';
}

export interface EgrulSearchResult extends Omit<EgrulSearchPage, 'items'> {
  rows: EgrulSearchRow[];
  /** What was searched, in words ("ИНН 7707083893", «ромашка»). */
  searched: string;
  /** Why nothing can be found, when the query type itself explains it. */
  hint: string | null;
}

export interface EgrulImportKey {
  serviceId: number;
  inn: string;
  kpp: string | null;
}

export interface EgrulImportResult {
  created: boolean;
  organizationId: number;
  name: string;
  /** Set when the organization was imported without a region, with the reason. */
  regionWarning: string | null;
}

/** Our active organizations among the rows, by INN+KPP, in one query (served by uq_organizations_active_inn_kpp). */
export async function findRegisteredOrganizations(
  manager: EntityManager,
  rows: readonly { inn: string | null; kpp: string | null }[],
): Promise<Map<string, number>> {
  const keyed = rows.filter((row): row is { inn: string; kpp: string | null } => row.inn !== null);
  const found = new Map<string, number>();
  if (keyed.length === 0) return found;
  const result: { id: number; inn: string; kpp: string }[] = await manager.query(
    `SELECT min(id) AS id, inn, coalesce(kpp, '') AS kpp FROM organizations
     WHERE is_active AND (inn, coalesce(kpp, '')) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))
     GROUP BY inn, coalesce(kpp, '')`,
    [keyed.map((row) => row.inn), keyed.map((row) => row.kpp ?? '')],
  );
  for (const row of result) found.set(registryKey(row.inn, row.kpp), row.id);
  return found;
}

const registryKey = (inn: string, kpp: string | null) => `${inn}/${kpp ?? ''}`;

/**
 * Our cards that may be the same organization as the rows, in one query: the same INN+KPP but deactivated, or the
 * same INN with no KPP at all (a card made by hand), by the row's INN+KPP key.
 */
export async function findPossibleDuplicates(
  manager: EntityManager,
  rows: readonly { inn: string | null; kpp: string | null }[],
): Promise<Map<string, PossibleDuplicate[]>> {
  const keyed = rows.filter((row): row is { inn: string; kpp: string | null } => row.inn !== null);
  const found = new Map<string, PossibleDuplicate[]>();
  if (keyed.length === 0) return found;
  const candidates: { id: number; full_name: string; inn: string; kpp: string | null; is_active: boolean }[] = await manager.query(
    `SELECT id, full_name, inn, kpp, is_active FROM organizations
     WHERE inn = ANY($1::varchar[]) AND (kpp IS NULL OR NOT is_active) ORDER BY is_active DESC, id LIMIT 500`,
    [[...new Set(keyed.map((row) => row.inn))]],
  );
  for (const row of keyed) {
    const key = registryKey(row.inn, row.kpp);
    const matches: PossibleDuplicate[] = [];
    for (const c of candidates.filter((candidate) => candidate.inn === row.inn)) {
      const sameKpp = (c.kpp ?? '') === (row.kpp ?? '');
      if (sameKpp ? !c.is_active : c.kpp === null && row.kpp !== null) {
        matches.push({ id: c.id, fullName: c.full_name, kpp: c.kpp, isActive: c.is_active, reason: sameKpp ? 'inactive' : 'no-kpp' });
      }
    }
    if (matches.length > 0) found.set(key, matches.slice(0, 5));
  }
  return found;
}

/** A possible duplicate in words, for messages. */
export const describeDuplicate = (d: PossibleDuplicate): string => `«${d.fullName}» (${d.reason === 'inactive' ? 'отключена' : 'ИНН тот же, КПП не указан'})`;

/** Reactivates a deactivated card (admins, from the import): refused when an active twin exists. */
export async function reactivateOrganization(dataSource: DataSource, organizationId: number): Promise<{ name: string }> {
  const [row] = await dataSource.query('SELECT id, full_name, inn, kpp, is_active FROM organizations WHERE id = $1', [organizationId]);
  if (!row) throw new UserInputError('Такой организации в реестре нет — обновите результаты поиска.');
  if (row.is_active) return { name: row.full_name };
  const twin = row.inn ? await findActiveTwin(dataSource.manager, row.inn, row.kpp, null) : null;
  if (twin) throw new UserInputError(`Восстановить нельзя: действующая организация с теми же ИНН и КПП уже есть — «${twin.fullName}».`);
  // in a transaction of its own, so that the change history names the admin (src/engine/db/actor.ts)
  await dataSource.transaction((manager) => manager.getRepository(Organization).update(organizationId, { isActive: true }));
  return { name: row.full_name };
}

export async function searchEgrul(dataSource: DataSource, client: EgrulClient, text: string, page: number): Promise<EgrulSearchResult> {
  const query = classifyEgrulQuery(text);
  if (!query) throw new UserInputError('Введите наименование организации, ИНН, ОГРН или КПП.');
  if (query.kind === 'invalid') throw new UserInputError(query.problem);
  const result = await client.search(query, page);
  const registered = await findRegisteredOrganizations(dataSource.manager, result.items);
  const duplicates = await findPossibleDuplicates(dataSource.manager, result.items);
  const { items, ...rest } = result;
  return {
    ...rest,
    searched: describeEgrulQuery(query),
    hint: query.kind === 'ogrnip' ? 'ОГРНИП (15 цифр) принадлежит индивидуальному предпринимателю; в ЕГРЮЛ только юридические лица.' : null,
    rows: items.map((item) => {
      const registryId = item.inn === null ? null : (registered.get(registryKey(item.inn, item.kpp)) ?? null);
      return {
        ...item,
        registryId,
        possibleDuplicates: registryId === null && item.inn !== null ? (duplicates.get(registryKey(item.inn, item.kpp)) ?? []) : [],
      };
    }),
  };
}

/** Checks the key the browser sent back: only these values are used, never a URL. */
export function parseImportKey(payload: Record<string, unknown>): EgrulImportKey {
  const serviceId = String(payload.serviceId ?? '');
  const inn = String(payload.inn ?? '').trim();
  const kpp = String(payload.kpp ?? '')
    .trim()
    .toUpperCase();
  if (!/^[1-9][0-9]{0,11}$/.test(serviceId)) throw new UserInputError('Не указана организация из результатов поиска ЕГРЮЛ — повторите поиск.');
  if (!/^([0-9]{10}|[0-9]{12})$/.test(inn)) throw new UserInputError('ИНН организации из ЕГРЮЛ должен состоять из 10 или 12 цифр — повторите поиск.');
  if (kpp !== '' && !/^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/.test(kpp)) {
    throw new UserInputError('КПП организации из ЕГРЮЛ должен состоять из 9 символов — повторите поиск.');
  }
  return { serviceId: Number(serviceId), inn, kpp: kpp === '' ? null : kpp };
}

/**
 * The detail record of the key's organization. The service's ids change whenever its data is reloaded, so
 * the record fetched by id must carry the key's INN+KPP; otherwise it is found again by INN+KPP.
 */
async function fetchDetail(client: EgrulClient, key: EgrulImportKey, operation: EgrulOperation = 'import'): Promise<EgrulDetail> {
  const matches = (detail: { inn: string | null; kpp: string | null }) => detail.inn === key.inn && (detail.kpp ?? '') === (key.kpp ?? '');
  try {
    const detail = await client.retrieve(key.serviceId, operation);
    if (matches(detail)) return detail;
  } catch (error) {
    if (!(error instanceof EgrulServiceError && error.failure === 'not-found')) throw error;
  }
  const found = await client.lookup({ inn: key.inn, kpp: key.kpp ?? undefined }, operation);
  const item = found.items.find(matches);
  if (!item) {
    throw new EgrulServiceError(
      'not-found',
      `no EGRUL record with INN ${key.inn} KPP ${key.kpp ?? '-'} (service id ${key.serviceId})`,
      `Организация с ИНН ${key.inn}${key.kpp ? ` и КПП ${key.kpp}` : ''} не найдена в ЕГРЮЛ (данные сервиса могли обновиться) — повторите поиск.`,
    );
  }
  const detail = await client.retrieve(item.serviceId, operation);
  if (!matches(detail)) {
    throw new EgrulServiceError(
      'malformed',
      `organizations/${item.serviceId}: INN/KPP differ from the list`,
      'Сервис ЕГРЮЛ вернул сведения о другой организации — повторите поиск.',
    );
  }
  return detail;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Links a newly imported unit with the others of its INN in the registry: a branch to its head (the active card
 * with the head's KPP), or the head to the branches that have none yet.
 */
export async function linkBranches(manager: EntityManager, organizationId: number, inn: string, kpp: string | null, headKpp: string | null): Promise<void> {
  if ((kpp ?? '') === (headKpp ?? '')) {
    await manager.query(
      // a card of the INN without a KPP is a possible duplicate of the head («добавить всё равно»), never its branch
      `UPDATE organizations SET head_id = $1 WHERE inn = $2 AND id <> $1 AND is_active AND head_id IS NULL AND kpp IS NOT NULL AND kpp <> coalesce($3, '')`,
      [organizationId, inn, headKpp],
    );
    return;
  }
  const [head] = await manager.query(`SELECT id FROM organizations WHERE inn = $1 AND coalesce(kpp, '') = coalesce($2, '') AND is_active ORDER BY id LIMIT 1`, [
    inn,
    headKpp,
  ]);
  if (head) await manager.query('UPDATE organizations SET head_id = $1 WHERE id = $2', [head.id, organizationId]);
}

/** An import refused for a region code the reference lacks: what to do about it. */
export const regionMissingMessage = (code: number | null) =>
  `Региона с кодом ${String(code).padStart(2, '0')} из ЕГРЮЛ нет в справочнике регионов — организация не добавлена. ` +
  'Администратор добавляет регион в разделе «Регионы», затем повторите.';

/** Our region for EGRUL's region code (the codes are our regions' ids), or why there is none. */
async function regionOfEgrul(
  manager: EntityManager,
  regionCode: number | null,
): Promise<{ regionId: number | null; regionName: string | null; problem: 'none-in-egrul' | 'not-in-reference' | null }> {
  if (regionCode === null) return { regionId: null, regionName: null, problem: 'none-in-egrul' };
  const [region] = await manager.query(`SELECT id, name FROM regions WHERE id = $1`, [regionCode]);
  return region ? { regionId: region.id, regionName: region.name, problem: null } : { regionId: null, regionName: null, problem: 'not-in-reference' };
}

/** What "Заполнить из ЕГРЮЛ" puts into the organization form. */
export type EgrulFormFill =
  | {
      kind: 'values';
      values: { fullName: string; shortName: string; inn: string; kpp: string | null; ogrn: string; factualAddress: string | null; regionId: number | null };
      regionName: string | null;
      /** Things the clerk should know before saving (no region, already in the registry). */
      notes: string[];
      registryId: number | null;
    }
  | { kind: 'choose'; choices: { kpp: string | null; fullName: string }[] };

/**
 * The organization form's "Заполнить из ЕГРЮЛ": the EGRUL record of the typed INN (and KPP, when the INN has a
 * head organization and branches) as form values. Nothing is written; the form's own checks run on saving.
 */
export async function egrulFormFill(dataSource: DataSource, client: EgrulClient, input: { inn: unknown; kpp?: unknown }): Promise<EgrulFormFill> {
  const inn = String(input.inn ?? '').replace(/\s+/g, '');
  const kpp = String(input.kpp ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
  // the same rule as the search: 10 or 12 digits (the register holds some organizations with 12-digit INNs)
  if (!/^([0-9]{10}|[0-9]{12})$/.test(inn)) throw new UserInputError('ИНН: введите 10 или 12 цифр, чтобы заполнить форму из ЕГРЮЛ.');
  if (kpp !== '' && !/^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/.test(kpp)) throw new UserInputError('КПП: 9 символов, например 773601001.');
  const found = await client.lookup(kpp === '' ? { inn } : { inn, kpp }, 'fill');
  const items = found.items.filter((item) => item.inn === inn);
  if (items.length === 0) {
    throw new UserInputError(
      `В ЕГРЮЛ нет организации с ИНН ${inn}${kpp ? ` и КПП ${kpp}` : ''}${inn.length === 12 ? ' (ИНН из 12 цифр обычно у ИП, а их в ЕГРЮЛ нет)' : ''}.`,
    );
  }
  if (items.length > 1) {
    return { kind: 'choose', choices: items.map((item) => ({ kpp: item.kpp, fullName: item.fullName })) };
  }
  const item = items[0] as EgrulListItem;
  const detail = await fetchDetail(client, { serviceId: item.serviceId, inn, kpp: item.kpp }, 'fill');
  let fields;
  try {
    fields = organizationFieldsFromEgrul(detail);
  } catch (error) {
    if (!(error instanceof EgrulFieldError)) throw error;
    throw new EgrulServiceError(
      'malformed',
      error.message,
      `Сервис ЕГРЮЛ вернул некорректное поле «${error.field}» (${error.problem}); заполните форму вручную.`,
      { cause: error },
    );
  }
  const region = await regionOfEgrul(dataSource.manager, fields.regionCode);
  const twin = await findActiveTwin(dataSource.manager, fields.inn, fields.kpp, null);
  const notes: string[] = [];
  if (region.problem === 'none-in-egrul') notes.push('В ЕГРЮЛ не указан регион — выберите его.');
  if (region.problem === 'not-in-reference') notes.push(`Региона с кодом ${String(fields.regionCode).padStart(2, '0')} нет в справочнике — выберите регион.`);
  if (twin) notes.push(`Эта организация уже есть в реестре: «${twin.fullName}».`);
  const problems = requisiteProblems(fields);
  if (problems.length > 0) {
    notes.push(
      `Реквизиты в ЕГРЮЛ не проходят проверку (${problems.join('; ')}): новая карточка с ними не сохранится — добавьте организацию через «Импорт из ЕГРЮЛ», он сохраняет реквизиты как в реестре.`,
    );
  }
  const { regionCode: _code, ...values } = fields;
  return { kind: 'values', values: { ...values, regionId: region.regionId }, regionName: region.regionName, notes, registryId: twin?.id ?? null };
}

/**
 * Saves an organization made from its EGRUL record (in the caller's transaction). The import is a check against
 * EGRUL too: the card is «актуальна» as of now, and its next check asks for this unit directly.
 */
export async function saveImportedOrganization(
  manager: EntityManager,
  fields: ImportedOrganizationFields,
  regionId: number | null,
  serviceId: number,
): Promise<Organization> {
  // the write checks every write path shares (lengths, types, the region's existence), before anything is written
  const values = await assertWritable(
    manager,
    Organization,
    {
      fullName: fields.fullName,
      shortName: fields.shortName,
      inn: fields.inn,
      kpp: fields.kpp,
      ogrn: fields.ogrn,
      factualAddress: fields.factualAddress,
      regionId,
      isGov: false,
      isMilitary: false,
      isActive: true,
    },
    true,
  );
  const organization = manager.create(Organization, values);
  await manager.save(organization);
  await manager.query(`INSERT INTO egrul_checks (organization_id, checked_at, status, differences, service_id) VALUES ($1, now(), 'actual', '[]', $2)`, [
    organization.id,
    serviceId,
  ]);
  return organization;
}

/**
 * Creates the organization from its EGRUL record in one transaction, or finds the active one with the same
 * INN+KPP. Concurrent imports of one organization are serialised by an advisory lock on its INN+KPP, and the
 * partial unique index would refuse a second row anyway. Nothing is written on any failure.
 */
export async function importFromEgrul(
  dataSource: DataSource,
  client: EgrulClient,
  key: EgrulImportKey,
  options: { evenIfPossibleDuplicate?: boolean } = {},
): Promise<EgrulImportResult> {
  const existing = await findActiveTwin(dataSource.manager, key.inn, key.kpp, null);
  if (existing) return { created: false, organizationId: existing.id, name: existing.fullName, regionWarning: null };
  if (!options.evenIfPossibleDuplicate) {
    const possible = (await findPossibleDuplicates(dataSource.manager, [key])).get(registryKey(key.inn, key.kpp)) ?? [];
    if (possible.length > 0) {
      throw new UserInputError(
        `Возможный дубль: в реестре уже есть ${possible.map(describeDuplicate).join(', ')}. Откройте карточку, восстановите её или добавьте организацию всё равно.`,
      );
    }
  }

  const detail = await fetchDetail(client, key);
  let fields;
  try {
    fields = organizationFieldsFromEgrul(detail);
  } catch (error) {
    if (!(error instanceof EgrulFieldError)) throw error;
    throw new EgrulServiceError(
      'malformed',
      error.message,
      `Сервис ЕГРЮЛ вернул некорректное поле «${error.field}» (${error.problem}). Организация не добавлена — сообщите администратору.`,
      { cause: error },
    );
  }
  // the same limits as the organization form (no write path stores what the form could not save)
  for (const [field, label] of [
    ['fullName', 'полное наименование'],
    ['shortName', 'сокращённое наименование'],
    ['factualAddress', 'адрес'],
  ] as const) {
    const value = fields[field];
    const limit = textLimit('Organization', field);
    if (typeof value === 'string' && [...value].length > limit) {
      throw new EgrulServiceError(
        'malformed',
        `${field} longer than ${limit}`,
        `Сервис ЕГРЮЛ вернул ${label} длиннее ${limit} символов. Организация не добавлена — сообщите администратору.`,
      );
    }
  }
  // the head unit of this INN in EGRUL, to link a branch and its head when both are in the registry; the import does
  // not depend on it (a failure here only leaves the link out)
  let headKpp: string | null | undefined;
  try {
    const heads = await client.lookup({ inn: key.inn, isMain: true });
    headKpp = heads.items.find((item) => item.inn === key.inn)?.kpp;
  } catch {
    headKpp = undefined;
  }

  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('organizations.inn_kpp'), hashtext($1))`, [registryKey(fields.inn, fields.kpp)]);
      const twin = await findActiveTwin(manager, fields.inn, fields.kpp, null);
      if (twin) return { created: false, organizationId: twin.id, name: twin.fullName, regionWarning: null };

      const region = await regionOfEgrul(manager, fields.regionCode);
      const regionId = region.regionId;
      // a card is never stored without the region EGRUL gives (it would stay «есть изменения» for ever)
      if (region.problem === 'not-in-reference') throw new UserInputError(regionMissingMessage(fields.regionCode));
      const regionWarning = region.problem === 'none-in-egrul' ? 'В ЕГРЮЛ не указан регион — организация добавлена без региона, укажите его в карточке.' : null;
      const organization = await saveImportedOrganization(manager, fields, regionId, key.serviceId);
      if (headKpp !== undefined) await linkBranches(manager, organization.id, fields.inn, fields.kpp, headKpp);
      return { created: true, organizationId: organization.id, name: organization.fullName, regionWarning };
    });
  } catch (error) {
    if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
      // an organization with this INN+KPP was created by hand at the same moment
      const twin = await findActiveTwin(dataSource.manager, fields.inn, fields.kpp, null);
      if (twin) return { created: false, organizationId: twin.id, name: twin.fullName, regionWarning: null };
    }
    throw error;
  }
}
