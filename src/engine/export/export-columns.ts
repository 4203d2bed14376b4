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
  },
};

/** SQL literal of a text (for labels built into the journal's export query; never user input). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The journal's export (admins only): when (in the registry's time zone), who, from where, what, which record, and
 * the changes as «Поле: было → стало» with the panel's field labels (references as their numbers).
 */
export function journalExport(
  labels: { tables: Record<string, string>; fields: Record<string, Record<string, string>>; actions: Record<string, string>; sources: Record<string, string> },
  timeZone: string,
): { fileName: string; columns: ExportColumn[]; adminOnly: true } {
  const cases = (map: Record<string, string>, expression: string) =>
    `CASE ${expression} ${Object.entries(map)
      .map(([k, v]) => `WHEN ${literal(k)} THEN ${literal(v)}`)
      .join(' ')} ELSE ${expression} END`;
  const fieldLabels: Record<string, string> = {};
  for (const [table, fields] of Object.entries(labels.fields)) for (const [column, label] of Object.entries(fields)) fieldLabels[`${table}.${column}`] = label;
  return {
    fileName: 'журнал изменений',
    adminOnly: true,
    columns: [
      { header: '№', sql: '"e"."id"', kind: 'number' },
      { header: 'Когда', sql: `to_char("e"."at" AT TIME ZONE ${literal(timeZone)}, 'DD.MM.YYYY HH24:MI:SS')`, kind: 'text' },
      { header: 'Кто', sql: '"e"."actor_name"', kind: 'text' },
      { header: 'Откуда', sql: cases(labels.sources, '"e"."source"'), kind: 'text' },
      { header: 'Действие', sql: cases(labels.actions, '"e"."action"'), kind: 'text' },
      { header: 'Раздел', sql: cases(labels.tables, '"e"."table_name"'), kind: 'text' },
      { header: 'Запись (ID)', sql: '"e"."record_id"', kind: 'text' },
      {
        header: 'Изменения',
        sql: `(SELECT string_agg(${cases(fieldLabels, `"e"."table_name" || '.' || c.key`)} || ': ' ||
                 CASE WHEN c.key = 'password_hash' THEN 'изменён'
                      WHEN "e"."action" = 'insert' THEN coalesce(c.value->>1, '—')
                      WHEN "e"."action" = 'delete' THEN coalesce(c.value->>0, '—')
                      ELSE coalesce(c.value->>0, '—') || ' → ' || coalesce(c.value->>1, '—') END, '; ')
               FROM jsonb_each("e"."changes") c WHERE c.key NOT IN ('search_text', 'created_at', 'updated_at'))`,
        kind: 'text',
      },
      { header: 'Подробности', sql: `"e"."details"::text`, kind: 'text' },
    ],
  };
}
