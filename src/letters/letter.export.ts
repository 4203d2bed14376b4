import type { ExportDefinition } from '../engine/export/table-format.js';
import { letterSortExpressions } from './letter.filters.js';
import { letterStatusSql, todaySql } from './letter-status.service.js';

/**
 * «Выгрузить» of the letters list: Russian headers and SQL on the list's alias `e`; the executor, the due date and the
 * answer status («today» in the registry's time zone) as the list shows them.
 */
export const letterExport = (timeZone: string): ExportDefinition => ({
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
    { header: 'Исполнитель', sql: letterSortExpressions.executorId!({ timeZone }), kind: 'text' },
    { header: 'Срок ответа', sql: '"e"."due_date"', kind: 'date' },
    {
      header: 'Статус ответа',
      sql: `CASE ${letterStatusSql('"e"', todaySql(timeZone))} WHEN 'overdue' THEN 'Просрочено' WHEN 'waiting' THEN 'Ждёт ответа' WHEN 'answered' THEN 'Отвечено' ELSE '' END`,
      kind: 'text',
    },
  ],
});
