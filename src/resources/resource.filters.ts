import { normalizeSearchText, registrationNumberKey } from '../domain/search-text.js';
import type { VirtualFilter } from '../engine/admin/adapter/filter-sql.js';
import { textSearch } from '../engine/admin/adapter/search-sql.js';

/** Resources: words of the name and the registration number; the resource named or numbered exactly so first. */
export const resourceFilters: VirtualFilter[] = [
  {
    ...textSearch,
    first(value, bind) {
      const name = `registry_search_text("e"."name", '') = ${bind(normalizeSearchText(`${value} `))}`;
      const key = registrationNumberKey(value);
      return key ? `(${name} OR registration_number_key("e"."fstec_reg_number") = ${bind(key)})` : name;
    },
  },
];
