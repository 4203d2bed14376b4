import type { ExportDefinition } from '../engine/export/table-format.js';

/** «Выгрузить» of the information resources list: Russian headers and SQL on the list's alias `e`. */
export const resourceExport: ExportDefinition = {
  fileName: 'информационные ресурсы',
  columns: [
    { header: 'Наименование', sql: '"e"."name"', kind: 'text' },
    { header: 'ОКИИ', sql: '"e"."is_okii"', kind: 'boolean' },
    { header: 'Рег №', sql: '"e"."fstec_reg_number"', kind: 'text' },
    { header: 'Категория', sql: '"e"."category"', kind: 'number' },
    { header: 'Владелец', sql: '(SELECT coalesce(o.short_name, o.full_name) FROM organizations o WHERE o.id = "e"."owner_id")', kind: 'text' },
    {
      header: 'Регионы размещения',
      sql: `(SELECT string_agg(g.name, '; ' ORDER BY g.name) FROM resources_regions rr JOIN regions g ON g.id = rr.region_id WHERE rr.resource_id = "e"."id")`,
      kind: 'text',
    },
    {
      header: 'Сферы деятельности',
      sql: `(SELECT string_agg(i.name, '; ' ORDER BY i.name) FROM resources_industries ri JOIN industries i ON i.id = ri.industry_id WHERE ri.resource_id = "e"."id")`,
      kind: 'text',
    },
    { header: 'Адреса размещения', sql: '"e"."factual_addresses"', kind: 'text' },
  ],
};
