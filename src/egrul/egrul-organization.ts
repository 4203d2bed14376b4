/**
 * An EGRUL detail record turned into our organization's fields (pure).
 * As the original (original-app.md §6.2): names upper case, a missing short name replaced by the full one;
 * unlike it, the source's text is kept otherwise (only surrounding and repeated spaces go), a placeholder
 * address ("НЕ УКАЗАН") is stored as no address, and `region_code` "00" or null means no region.
 */
export interface EgrulDetail {
  full_name: string;
  short_name: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string;
  factual_address: string;
  region_code: string | null;
}

export interface ImportedOrganizationFields {
  fullName: string;
  shortName: string;
  inn: string;
  kpp: string | null;
  ogrn: string;
  factualAddress: string | null;
  /** The FNS region code as our regions' id, or null when EGRUL gives none. */
  regionCode: number | null;
}

/** A field of the service's answer that cannot be imported; `field` is the service's field name. */
export class EgrulFieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`EGRUL field ${field}: ${problem}`);
    this.name = 'EgrulFieldError';
  }
}

const ADDRESS_PLACEHOLDERS = new Set(['', 'НЕ УКАЗАН', 'НЕ УКАЗАНО']);

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

export function organizationFieldsFromEgrul(detail: EgrulDetail): ImportedOrganizationFields {
  const fullName = tidy(detail.full_name).toUpperCase();
  if (fullName === '') throw new EgrulFieldError('full_name', 'empty');
  const shortName = detail.short_name && tidy(detail.short_name) !== '' ? tidy(detail.short_name).toUpperCase() : fullName;

  const inn = detail.inn?.trim() ?? '';
  if (!/^([0-9]{10}|[0-9]{12})$/.test(inn)) throw new EgrulFieldError('inn', `not 10 or 12 digits: ${JSON.stringify(detail.inn)}`);
  const kpp = detail.kpp?.trim() ? detail.kpp.trim().toUpperCase() : null;
  if (kpp !== null && !/^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/.test(kpp)) throw new EgrulFieldError('kpp', `not a KPP: ${JSON.stringify(detail.kpp)}`);
  const ogrn = detail.ogrn.trim();
  if (!/^([0-9]{13}|[0-9]{15})$/.test(ogrn)) throw new EgrulFieldError('ogrn', `not 13 or 15 digits: ${JSON.stringify(detail.ogrn)}`);

  const address = tidy(detail.factual_address);
  const factualAddress = ADDRESS_PLACEHOLDERS.has(address.toUpperCase()) ? null : address;

  let regionCode: number | null = null;
  if (detail.region_code !== null && detail.region_code.trim() !== '') {
    const code = detail.region_code.trim();
    if (!/^[0-9]{1,3}$/.test(code)) throw new EgrulFieldError('region_code', `not a region code: ${JSON.stringify(code)}`);
    regionCode = Number(code) === 0 ? null : Number(code);
  }
  return { fullName, shortName, inn, kpp, ogrn, factualAddress, regionCode };
}
