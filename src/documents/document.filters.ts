import { searchWords } from '../domain/search-text.js';
import type { VirtualFilter } from '../engine/admin/adapter/filter-sql.js';

/** Documents: the organization's name or INN, the document type, the requisites. */
export const documentSearch: VirtualFilter = {
  path: 'q',
  type: 'string',
  where(value, bind) {
    const search = searchWords(value);
    if (!search) return null;
    return [...search.words, ...search.numbers]
      .map((word) => {
        const like = bind(`%${word}%`);
        const organizations = /^\d+$/.test(word) ? `o.inn LIKE ${bind(`${word}%`)}` : `o.search_text LIKE ${like}`;
        return (
          `("e"."organization_id" IN (SELECT o.id FROM organizations o WHERE ${organizations})` +
          ` OR "e"."org_adm_doc_id" IN (SELECT t.id FROM org_adm_docs t WHERE registry_search_text(t.name, '') LIKE ${like})` +
          ` OR registry_search_text("e"."props", "e"."comment") LIKE ${like})`
        );
      })
      .join(' AND ');
  },
};
