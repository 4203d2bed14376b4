import type { ActionResponse, After, RecordJSON } from 'adminjs';
import { Address } from '../../entities/address.entity.js';
import { addRegionsFromAddresses } from '../postal-index/address-regions.service.js';

/** Resource form: the regions of the postal codes in its addresses are added to its regions after saving. */
export const addResourceRegionsFromPostalCodes: After<ActionResponse> = async (response, request) => {
  const record = response.record as RecordJSON | undefined;
  if (request.method !== 'post' || !record?.id || Object.keys(record.errors ?? {}).length > 0) return response;
  await addRegionsFromAddresses(Address.getRepository().manager, Number(record.id), record.params.factualAddresses as string | undefined);
  return response;
};
