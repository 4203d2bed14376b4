import type { DataSource } from 'typeorm';
import { ACTION_TEXT, type ColumnKind, type TableWords, type Vocabulary } from '../domain/describe-entry.js';
import { journalExport } from './journal.export.js';
import type { ExportColumn } from '../engine/export/table-format.js';
import type { ResourceDefinition } from '../engine/admin/resource-definition.js';
import { JOURNAL_SOURCES, JOURNAL_TABLES } from './audit.resource.js';
import { fieldKindOf } from '../engine/admin/adapter/write-checks.js';

/**
 * The change history's words, from what the panel already says: each section's name, each field's Russian label,
 * select labels, and the tables references point to (TypeORM's metadata). A link table (a letter's organizations)
 * gets its two sides' labels.
 */
export function historyVocabulary(dataSource: DataSource, definitions: readonly ResourceDefinition[]): Vocabulary {
  const vocabulary: Vocabulary = {};
  for (const definition of definitions) {
    const metadata = dataSource.getMetadata(definition.entity);
    const properties = definition.options.properties ?? {};
    const table: TableWords = { label: definition.label, resourceId: definition.entity.name, columns: {} };
    for (const column of metadata.columns) {
      const path = column.propertyPath;
      const reference = column.relationMetadata?.isManyToOne ? column.relationMetadata.inverseEntityMetadata.tableName : undefined;
      const available = properties[path]?.availableValues;
      const field = fieldKindOf(column);
      const kind: ColumnKind =
        column.databaseName === 'password_hash'
          ? 'secret'
          : reference
            ? 'reference'
            : available
              ? 'select'
              : field === 'date' || field === 'timestamp' || field === 'boolean'
                ? field
                : 'text';
      table.columns[column.databaseName] = {
        label: definition.properties[path] ?? (column.relationMetadata ? definition.properties[column.relationMetadata.propertyName] : undefined) ?? path,
        kind,
        ...(reference ? { reference } : {}),
        ...(available ? { options: Object.fromEntries(available.map((v) => [String(v.value), v.label ?? String(v.value)])) } : {}),
      };
    }
    vocabulary[metadata.tableName] = table;
    for (const relation of metadata.manyToManyRelations.filter((r) => r.isOwning && r.junctionEntityMetadata)) {
      const junction = relation.junctionEntityMetadata!;
      const inverseTable = relation.inverseEntityMetadata.tableName;
      vocabulary[junction.tableName] = {
        label: definition.properties[relation.propertyName] ?? junction.tableName,
        link: true,
        columns: Object.fromEntries([
          ...junction.ownerColumns.map((c) => [c.databaseName, { label: definition.label, kind: 'reference' as const, reference: metadata.tableName }]),
          ...junction.inverseColumns.map((c) => [
            c.databaseName,
            { label: definition.properties[relation.propertyName] ?? inverseTable, kind: 'reference' as const, reference: inverseTable },
          ]),
        ]),
      };
    }
  }
  // a table without an entity of its own: the pairs marked «не дубль» (src/duplicates/possible-duplicates.service.ts)
  vocabulary.duplicate_dismissals = {
    label: JOURNAL_TABLES.duplicate_dismissals!,
    link: true,
    columns: {
      organization_id: { label: 'Организация', kind: 'reference', reference: 'organizations' },
      other_id: { label: 'Не дубль с', kind: 'reference', reference: 'organizations' },
      dismissed_at: { label: 'Когда отмечено', kind: 'timestamp' },
      dismissed_by: { label: 'Кто отметил', kind: 'reference', reference: 'users' },
    },
  };
  return vocabulary;
}

/** The panel's exports: the lists', and the journal's with the same field labels as the history (admins only). */
/** The journal export's columns, with the sections' field labels. */
export function journalColumns(vocabulary: Vocabulary, timeZone: string): ExportColumn[] {
  const fields = Object.fromEntries(
    Object.entries(vocabulary).map(([table, words]) => [table, Object.fromEntries(Object.entries(words.columns).map(([column, w]) => [column, w.label]))]),
  );
  return journalExport({ tables: JOURNAL_TABLES, fields, actions: ACTION_TEXT, sources: JOURNAL_SOURCES }, timeZone).columns;
}
