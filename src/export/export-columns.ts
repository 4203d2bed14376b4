import type { ExportColumn } from './table-format.js';

/** What an exported list holds, by panel resource: Russian headers and SQL on the list's alias `e`. */
export const EXPORT_COLUMNS: Record<string, { fileName: string; columns: ExportColumn[] }> = {
  Organization: {
    fileName: 'организации',
    columns: [
      { header: 'Полное наименование', sql: '"e"."full_name"', kind: 'text' },
      { header: 'Сокращенное наименование', sql: '"e"."short_name"', kind: 'text' },
      { header: 'ИНН', sql: '"e"."inn"', kind: 'text' },
      { header: 'КПП', sql: '"e"."kpp"', kind: 'text' },
      { header: 'ОГРН', sql: '"e"."ogrn"', kind: 'text' },
      { header: 'Адрес местонахождения', sql: '"e"."factual_address"', kind: 'text' },
      { header: 'Регион', sql: '(SELECT name FROM regions r WHERE r.id = "e"."region_id")', kind: 'text' },
      { header: 'Федеральный округ', sql: '(SELECT o.name FROM regions r JOIN okrugs o ON o.id = r.okrug_id WHERE r.id = "e"."region_id")', kind: 'text' },
      { header: 'Должность руководителя', sql: '"e"."boss_position"', kind: 'text' },
      { header: 'ФИО руководителя', sql: '"e"."boss_fio"', kind: 'text' },
      { header: 'Контакты', sql: '"e"."contacts"', kind: 'text' },
      { header: 'Дата подписания соглашения', sql: '"e"."date_agreement"', kind: 'date' },
      { header: 'Главное подразделение', sql: '"e"."agreement_unit"', kind: 'text' },
      { header: 'ГОВ', sql: '"e"."is_gov"', kind: 'boolean' },
      { header: 'ВОЕН', sql: '"e"."is_military"', kind: 'boolean' },
      { header: 'Действующая', sql: '"e"."is_active"', kind: 'boolean' },
    ],
  },
  Message: {
    fileName: 'письма',
    columns: [
      { header: 'Тип письма', sql: `CASE "e"."direction" WHEN 'incoming' THEN 'Входящее' ELSE 'Исходящее' END`, kind: 'text' },
      { header: 'Наш номер', sql: '"e"."our_number"', kind: 'text' },
      { header: 'Наша дата (регистрации / подписи)', sql: '"e"."our_date"', kind: 'date' },
      { header: 'Номер отправителя', sql: '"e"."their_number"', kind: 'text' },
      { header: 'Дата подписи отправителем', sql: '"e"."their_date"', kind: 'date' },
      { header: 'О чем', sql: '"e"."information"', kind: 'text' },
      {
        header: 'Организации',
        sql: `(SELECT string_agg(coalesce(o.short_name, o.full_name), '; ' ORDER BY o.full_name) FROM organizations_messages om JOIN organizations o ON o.id = om.organization_id WHERE om.message_id = "e"."id")`,
        kind: 'text',
      },
    ],
  },
  Resource: {
    fileName: 'информационные ресурсы',
    columns: [
      { header: 'Наименование', sql: '"e"."name"', kind: 'text' },
      { header: 'ОКИИ', sql: '"e"."is_okii"', kind: 'boolean' },
      { header: 'Рег №', sql: '"e"."fstec_reg_number"', kind: 'text' },
      { header: 'Категория', sql: '"e"."category"', kind: 'number' },
      { header: 'Владелец', sql: '(SELECT coalesce(o.short_name, o.full_name) FROM organizations o WHERE o.id = "e"."owner_id")', kind: 'text' },
      { header: 'Регионы размещения', sql: `(SELECT string_agg(g.name, '; ' ORDER BY g.name) FROM resources_regions rr JOIN regions g ON g.id = rr.region_id WHERE rr.resource_id = "e"."id")`, kind: 'text' },
      { header: 'Сферы деятельности', sql: `(SELECT string_agg(i.name, '; ' ORDER BY i.name) FROM resources_industries ri JOIN industries i ON i.id = ri.industry_id WHERE ri.resource_id = "e"."id")`, kind: 'text' },
      { header: 'Адреса размещения', sql: '"e"."factual_addresses"', kind: 'text' },
    ],
  },
};
