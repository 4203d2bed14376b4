import type { ExportDefinition } from '../engine/export/table-format.js';

/** «Выгрузить» of the organizations list: Russian headers and SQL on the list's alias `e`. */
export const organizationExport: ExportDefinition = {
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
};
