import type { ActionRequest, ActionResponse, After, Before, RecordJSON } from 'adminjs';
import { Address } from '../../entities/address.entity.js';
import { addRegionsFromAddresses, okrugNamesOfRegions, suggestRegionForAddress } from './address-regions.service.js';

/**
 * Thin adapters between the panel and the postal-index services. They use the manager of the DataSource the
 * entities are registered with (the one the AdminJS adapter itself uses).
 */
const manager = () => Address.getRepository().manager;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || value === '__FORM_VALUE_NULL__';

/** Organization form: no region chosen, but the address has a known postal code → that code's region. */
export const fillRegionFromPostalCode: Before =
  async (request: ActionRequest) => {
    if (request.method !== 'post' || !request.payload) return request;
    if (!isEmpty(request.payload.regionId)) return request;
    const regionId = await suggestRegionForAddress(manager(), request.payload.factualAddress as string | undefined);
    if (regionId !== null) request.payload = { ...request.payload, regionId: String(regionId) };
    return request;
  };

/** Resource form: the regions of the postal codes in its addresses are added to its regions after saving. */
export const addResourceRegionsFromPostalCodes: After<ActionResponse> =
  async (response, request) => {
    const record = response.record as RecordJSON | undefined;
    if (request.method !== 'post' || !record?.id || Object.keys(record.errors ?? {}).length > 0) return response;
    await addRegionsFromAddresses(manager(), Number(record.id), record.params.factualAddresses as string | undefined);
    return response;
  };

/** Postal index list and card: the federal district of each row's region (one query per page). */
export const addOkrugNames: After<ActionResponse> =
  async (response) => {
    const records = (response.records ?? (response.record ? [response.record] : [])) as RecordJSON[];
    const names = await okrugNamesOfRegions(
      manager(),
      records.map((r) => Number(r.params.regionId)).filter((id) => Number.isInteger(id) && id > 0),
    );
    for (const record of records) record.params.okrug = names.get(Number(record.params.regionId)) ?? '';
    return response;
  };
