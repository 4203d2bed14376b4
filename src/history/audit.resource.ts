import { AUDIT_ACTIONS, AuditEntry } from '../../entities/audit-entry.entity.js';
import type { After, ListActionResponse, RecordActionResponse } from 'adminjs';
import { ACTION_TEXT, entryHeading, summaryLine } from '../domain/describe-entry.js';
import type { ExportColumn } from '../engine/export/table-format.js';
import type { ChangeHistory } from './history.service.js';
import { isAdmin } from '../engine/admin/access.js';
import { Components } from '../engine/admin/component-loader.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { defineResource, type ResourceDefinition } from '../engine/admin/resource-definition.js';

/** The sections of the journal's «Раздел» filter (tables), in Russian. */
export const JOURNAL_TABLES: Record<string, string> = {
  organizations: 'Организации',
  messages: 'Письма',
  organizations_messages: 'Организации писем',
  duplicate_dismissals: 'Отметки «не дубль»',
  resources: 'Информационные ресурсы',
  resources_regions: 'Регионы ресурсов',
  resources_industries: 'Сферы ресурсов',
  responsibilities: 'Аутсорсинг',
  organization_documents: 'Документы организаций',
  org_adm_docs: 'Виды документов',
  users: 'Пользователи',
  regions: 'Регионы',
  okrugs: 'Федеральные округа',
  industries: 'Сферы КИИ',
  addresses: 'Почтовые индексы',
  audit_log: 'Журнал изменений',
};

export const JOURNAL_SOURCES: Record<string, string> = {
  panel: 'Панель',
  egrul: 'Импорт из ЕГРЮЛ',
  cli: 'Командная строка',
  server: 'Сервер (при запуске)',
  sql: 'SQL (в обход панели)',
};

const adminOnlyReading = { isAccessible: isAdmin };
const never = { isAccessible: false };

/**
 * «Журнал изменений» (admins only): every entry of the change history, with filters by user, section, action,
 * record and dates, exportable; an entry's page shows its changes in words, the record as it was after it, and
 * «Восстановить» for a deleted organization, letter or resource.
 */
export const auditResource = ({ history, journalColumns }: { history: () => ChangeHistory; journalColumns: () => ExportColumn[] }): ResourceDefinition => {
  /** The journal's rows: each entry's changes in one line, instead of the raw columns (which the list never shows). */
  const journalSummaries: After<ListActionResponse> = async (response) => {
    const ids = response.records.map((record) => String(record.params.id));
    const entries = await history().entries(ids);
    const described = new Map((await history().describe(entries)).map((entry) => [entry.id, entry]));
    const titles = await history().recordTitles(entries);
    for (const record of response.records) {
      const id = String(record.params.id);
      const entry = described.get(id);
      for (const key of Object.keys(record.params)) if (/^(changes|details|anchors)(\.|$)/.test(key)) delete record.params[key];
      record.params.summary = entry ? summaryLine(entry) : '';
      record.params.recordTitle = titles.get(id) ?? (record.params.recordId ? `№ ${String(record.params.recordId)}` : '');
    }
    return response;
  };
  /** An entry's page is headed by its record («Письмо Вх. № ВХ-15 от 01.12.2026»), not by the entry's number. */
  const headedByRecord: After<RecordActionResponse> = async (response) => {
    const entry = response.record ? await history().entry(String(response.record.params.id)) : null;
    if (entry && response.record) response.record.title = entryHeading(entry, (await history().recordTitles([entry])).get(entry.id) ?? null);
    return response;
  };
  return defineResource({
    entity: AuditEntry,
    label: 'Журнал изменений',
    export: { fileName: 'журнал изменений', adminOnly: true, columns: journalColumns },
    properties: {
      id: '№',
      at: 'Когда',
      actorName: 'Кто',
      actorId: 'Пользователь (ID)',
      source: 'Откуда',
      action: 'Действие',
      tableName: 'Раздел',
      recordId: 'Запись (ID)',
      recordTitle: 'Запись',
      summary: 'Изменения',
      changes: 'Изменённые поля',
      details: 'Подробности',
      anchors: 'Карточки',
      tx: 'Транзакция',
      entryView: 'Запись журнала',
      dbRole: 'Роль базы данных',
    },
    // exact matches: a text filter would find 15 and 150 for 5, and «organizations_messages» for «messages»
    virtualFilters: [
      { path: 'recordId', type: 'string', where: (value, bind) => (/^[0-9/]{1,40}$/.test(value) ? `"e"."record_id" = ${bind(value)}` : 'false') },
      ...(['tableName', 'action', 'source'] as const).map((path) => ({
        path,
        type: 'string' as const,
        where: (value: string, bind: (v: unknown) => string) => `"e".${path === 'tableName' ? '"table_name"' : `"${path}"`} = ${bind(value)}`,
      })),
    ],
    options: {
      navigation: NAVIGATION.administration,
      titleProperty: 'id',
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['at', 'actorName', 'action', 'tableName', 'recordTitle', 'summary'],
      filterProperties: ['actorName', 'tableName', 'action', 'recordId', 'source', 'at'],
      showProperties: ['entryView'],
      properties: {
        id: { isVisible: { list: false, show: false, edit: false, filter: false } },
        at: { type: 'datetime' },
        actorName: { description: 'Часть имени или адреса почты', props: { placeholder: 'иванова' }, components: { list: Components.JournalCell } },
        action: {
          availableValues: AUDIT_ACTIONS.map((value) => ({ value, label: ACTION_TEXT[value] ?? value })),
          components: { list: Components.JournalCell },
        },
        tableName: {
          availableValues: Object.entries(JOURNAL_TABLES).map(([value, label]) => ({ value, label })),
          components: { list: Components.JournalCell },
        },
        source: { availableValues: Object.entries(JOURNAL_SOURCES).map(([value, label]) => ({ value, label })), components: { list: Components.JournalCell } },
        recordId: { description: 'Номер записи (ID) в разделе', props: { placeholder: '125' } },
        summary: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false } },
        recordTitle: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false } },
        entryView: { type: 'string', isSortable: false, components: { show: Components.JournalEntry } },
        changes: { isVisible: false },
        details: { isVisible: false },
        anchors: { isVisible: false },
        tx: { isVisible: false },
        dbRole: { isVisible: false },
        actorId: { isVisible: { list: false, show: false, edit: false, filter: true } },
      },
      actions: {
        list: { ...adminOnlyReading, after: [journalSummaries] },
        show: { ...adminOnlyReading, after: [headedByRecord] },
        search: adminOnlyReading,
        new: never,
        edit: never,
        delete: never,
        bulkDelete: never,
      },
    },
  });
};
