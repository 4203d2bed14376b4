import type { ActionResponse, After, PropertyOptions, RecordActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { legacyNumberText } from '../domain/legacy-origin.js';
import { Components } from '../engine/admin/component-loader.js';

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
    const [row] = await dataSource.query(
      `SELECT old_id AS "oldId", outcome, notes FROM legacy_ids WHERE table_name = $1 AND new_id = $2 AND outcome IN ('imported', 'merged') ORDER BY run_id LIMIT 1`,
      [table, id],
    );
    if (row) {
      record.params[LEGACY_NUMBER_PROPERTY] = legacyNumberText({ ...row, oldCreated: null, oldUpdated: null, runAt: new Date(), runBy: null });
    }
    return response;
  };
