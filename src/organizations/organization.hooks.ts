import { ValidationError, type ActionContext, type ActionRequest, type Before } from 'adminjs';
import { Address } from '../../entities/address.entity.js';
import { suggestRegionForAddress } from '../postal-index/address-regions.service.js';
import { Organization } from '../../entities/organization.entity.js';
import { checkOrganizationRequisites } from '../domain/organization.js';
import { findActiveTwin } from './organization.service.js';
import { registryToday } from '../engine/admin/hooks/registry-today.js';

/** Optional text fields of the form: an empty field is stored as NULL, not '' (the original's §10.2.9). */
const OPTIONAL_TEXT = ['shortName', 'inn', 'kpp', 'ogrn', 'factualAddress', 'bossPosition', 'bossFio', 'contacts', 'dateAgreement', 'agreementUnit'];

/**
 * Validates an organization before any write (domain rules in src/domain/organization.ts), refuses a second active
 * organization with the same INN+KPP naming the existing one, and stores normalised values. Thin adapter.
 */
export const validateOrganization: Before = async (request: ActionRequest, context: ActionContext) => {
  if (request.method !== 'post' || !request.payload) return request;
  const stored = context.record?.params ?? {};
  const result = checkOrganizationRequisites(request.payload, registryToday(context), { inn: stored.inn, kpp: stored.kpp, ogrn: stored.ogrn });
  if (!result.ok) {
    throw new ValidationError(Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, { message }])));
  }
  const { value } = result;
  const recordId = context.record ? Number(context.record.id()) : null;
  const active = context.record ? context.record.params.isActive !== false : true;
  if (value.inn && active) {
    const twin = await findActiveTwin(Organization.getRepository().manager, value.inn, value.kpp, recordId);
    if (twin) {
      const message = `Организация с ИНН ${value.inn}${value.kpp ? ` и КПП ${value.kpp}` : ' без КПП'} уже есть в реестре: «${twin.fullName}»`;
      // the form links the existing card (the id travels in the error's type)
      throw new ValidationError({ inn: { message, type: `duplicate:${twin.id}` } });
    }
  }
  const payload: Record<string, unknown> = { ...request.payload, ...value };
  for (const field of OPTIONAL_TEXT) {
    if (typeof payload[field] === 'string' && (payload[field] as string).trim() === '') payload[field] = null;
  }
  request.payload = payload;
  return request;
};

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || value === '__FORM_VALUE_NULL__';

/** Organization form: no region chosen, but the address has a known postal code → that code's region. */
export const fillRegionFromPostalCode: Before = async (request: ActionRequest) => {
  if (request.method !== 'post' || !request.payload) return request;
  if (!isEmpty(request.payload.regionId)) return request;
  const regionId = await suggestRegionForAddress(Address.getRepository().manager, request.payload.factualAddress as string | undefined);
  if (regionId !== null) request.payload = { ...request.payload, regionId: String(regionId) };
  return request;
};
