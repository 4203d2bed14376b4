import { searchWords } from '../domain/search-text.js';
import type { VirtualFilter } from '../engine/admin/adapter/filter-sql.js';

/** Postal indexes: the start of an index, or words of the locality and district. */
export const addressSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return [
      ...search.numbers.map((n) => `"e"."index" LIKE ${bind(`${n}%`)}`),
      ...search.words.map((w) => `registry_search_text("e"."locality", "e"."area") LIKE ${bind(`%${w}%`)}`),
    ].join(' AND ');
  },
  first(value, bind) {
    const numbers = searchWords(value)?.numbers ?? [];
    return numbers.length ? `"e"."index" = ANY(${bind(numbers)})` : null;
  },
};
