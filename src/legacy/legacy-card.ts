import type { ActionResponse, After, PropertyOptions, RecordActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { legacyNumberText } from '../domain/legacy-origin.js';
import { Components } from '../engine/admin/component-loader.js';
import { legacyOriginOf } from './legacy-origin.service.js';

/** The card's virtual «№ в старой системе» (shown only on records brought from the old service). */
export const LEGACY_NUMBER_PROPERTY = 'legacyNumber';

export const legacyNumberProperty = (): PropertyOptions => ({
  type: 'string',
  isSortable: false,
  isVisible: { list: false, filter: false, edit: false, show: true },
  components: { show: Components.LegacyNumber },
});

/** Fills the card's «№ в старой системе» from legacy_ids (one indexed lookup). */
export const legacyNumberOnCard =
  <T extends ActionResponse = RecordActionResponse>(dataSource: DataSource, table: string): After<T> =>
  async (response) => {
    const record = (response as Partial<RecordActionResponse>).record;
    const id = Number(record?.params?.id);
    if (!record || !Number.isInteger(id)) return response;
    const origin = await legacyOriginOf(dataSource, table, id);
    if (origin) record.params[LEGACY_NUMBER_PROPERTY] = legacyNumberText(origin);
    return response;
  };
