import type { ExportColumn } from '../engine/export/table-format.js';

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
               FROM jsonb_each("e"."changes") c WHERE c.key NOT IN ('search_text', 'created_at', 'updated_at', 'version'))`,
        kind: 'text',
      },
      { header: 'Подробности', sql: `"e"."details"::text`, kind: 'text' },
      { header: 'Роль базы данных', sql: '"e"."db_role"', kind: 'text' },
    ],
  };
}
