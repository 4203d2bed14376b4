import type { ActionResponse, After, RecordJSON } from 'adminjs';
import { Address } from '../../entities/address.entity.js';
import { okrugNamesOfRegions } from './address-regions.service.js';

/**
 * The postal indexes' panel adapter (the organization and resource forms' region hooks are in their features). They use the manager of the DataSource the
 * entities are registered with (the one the AdminJS adapter itself uses).
 */
const manager = () => Address.getRepository().manager;

/** Postal index list and card: the federal district of each row's region (one query per page). */
export const addOkrugNames: After<ActionResponse> = async (response) => {
  const records = (response.records ?? (response.record ? [response.record] : [])) as RecordJSON[];
  const names = await okrugNamesOfRegions(
    manager(),
    records.map((r) => Number(r.params.regionId)).filter((id) => Number.isInteger(id) && id > 0),
  );
  for (const record of records) record.params.okrug = names.get(Number(record.params.regionId)) ?? '';
  return response;
};
