import type { PropertyOptions } from 'adminjs';
import { Components } from './component-loader.js';

/** A card's «История» (virtual, shown only on the card): the record's changes, newest first, from /admin/data/history. */
export const historySection = (table: string): PropertyOptions => ({
  type: 'string',
  isSortable: false,
  isVisible: { list: false, filter: false, edit: false, show: true },
  components: { show: Components.RecordHistory },
  props: { historyTable: table },
});
