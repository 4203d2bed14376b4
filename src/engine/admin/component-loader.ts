import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

/**
 * The panel's React components. They are always bundled from their TSX sources in <project>/components
 * (also when the server runs from dist/), so the sources ship with the runtime (stack-notes §2).
 */
function findComponentsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'components');
    if (existsSync(path.join(candidate, 'engine', 'date-value.tsx'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('components/ directory with the panel components not found');
    dir = parent;
  }
}

const COMPONENTS_DIR = findComponentsDir();
const source = (file: string) => path.join(COMPONENTS_DIR, file);

export const componentLoader = new ComponentLoader();

/** Our replacements of AdminJS's built-in components (dates as дд.мм.гггг without time-zone shifts, Да/Нет, Russian select texts, the list with its page-size choice). */
export const OVERRIDES = {
  DefaultDatetimeListProperty: source('engine/date-value.tsx'),
  DefaultDatetimeShowProperty: source('engine/date-value.tsx'),
  DefaultDatetimeEditProperty: source('engine/date-edit.tsx'),
  DefaultDatetimeFilterProperty: source('engine/date-filter.tsx'),
  BooleanPropertyValue: source('engine/boolean-value.tsx'),
  DefaultBooleanFilterProperty: source('engine/boolean-filter.tsx'),
  DefaultFilterProperty: source('engine/default-filter.tsx'),
  DefaultReferenceFilterProperty: source('engine/reference-filter.tsx'),
  DefaultReferenceEditProperty: source('engine/reference-edit.tsx'),
  DefaultListAction: source('engine/list-with-page-size.tsx'),
  // «new» and «edit»: AdminJS's forms with a draft that survives an expired session (components/engine/record-form.tsx)
  DefaultNewAction: source('engine/record-form.tsx'),
  DefaultEditAction: source('engine/record-form.tsx'),
  DefaultTextareaEditProperty: source('engine/text-edit.tsx'),
  // one-line fields: an error goes once the value is changed (components/engine/use-field-error.ts)
  DefaultEditProperty: source('engine/string-edit.tsx'),
  LoggedIn: source('engine/logged-in.tsx'),
  ActionHeader: source('engine/action-header.tsx'),
  Breadcrumbs: source('engine/breadcrumbs.tsx'),
} as const;

for (const [name, file] of Object.entries(OVERRIDES)) {
  componentLoader.override(name, file);
}

/** Components added under our own names (used by resource options). */
export const Components = {
  Dashboard: componentLoader.add('Dashboard', source('dashboard/dashboard.tsx')),
  EgrulImport: componentLoader.add('EgrulImport', source('egrul/egrul-import.tsx')),
  DocumentAttach: componentLoader.add('DocumentAttach', source('documents/document-attach.tsx')),
  OrganizationDocuments: componentLoader.add('OrganizationDocuments', source('documents/organization-documents.tsx')),
  OrganizationLetters: componentLoader.add('OrganizationLetters', source('letters/organization-letters.tsx')),
  OrganizationResources: componentLoader.add('OrganizationResources', source('resources/organization-resources.tsx')),
  ScanLink: componentLoader.add('ScanLink', source('documents/scan-link.tsx')),
  ReferenceMultiEdit: componentLoader.add('ReferenceMultiEdit', source('engine/reference-multi-edit.tsx')),
  // AdminJS renders nothing in the filter for array properties; this one takes several values
  ReferenceMultiFilter: componentLoader.add('ReferenceMultiFilter', source('engine/reference-multi-filter.tsx')),
  ReferenceListValue: componentLoader.add('ReferenceListValue', source('engine/reference-list-value.tsx')),
  ExportLinks: componentLoader.add('ExportLinks', source('engine/export-links.tsx')),
  OutsourcingList: componentLoader.add('OutsourcingList', source('resources/outsourcing-list.tsx')),
  MessageThread: componentLoader.add('MessageThread', source('letters/message-thread.tsx')),
  ContactsEdit: componentLoader.add('ContactsEdit', source('organizations/contacts-edit.tsx')),
  OrganizationMerge: componentLoader.add('OrganizationMerge', source('duplicates/organization-merge.tsx')),
  PossibleDuplicates: componentLoader.add('PossibleDuplicates', source('duplicates/possible-duplicates.tsx')),
  ContactsValue: componentLoader.add('ContactsValue', source('organizations/contacts-value.tsx')),
  TextPreview: componentLoader.add('TextPreview', source('engine/text-preview.tsx')),
  InnEdit: componentLoader.add('InnEdit', source('organizations/inn-edit.tsx')),
  RequisitesCheck: componentLoader.add('RequisitesCheck', source('organizations/requisites-check.tsx')),
  OrganizationUnits: componentLoader.add('OrganizationUnits', source('organizations/organization-units.tsx')),
  RecordHistory: componentLoader.add('RecordHistory', source('history/record-history.tsx')),
  JournalEntry: componentLoader.add('JournalEntry', source('history/journal-entry.tsx')),
  JournalCell: componentLoader.add('JournalCell', source('history/journal-cell.tsx')),
  EgrulStatus: componentLoader.add('EgrulStatus', source('egrul/egrul-status.tsx')),
  EgrulStatusValue: componentLoader.add('EgrulStatusValue', source('egrul/egrul-status-value.tsx')),
  EgrulBulkImport: componentLoader.add('EgrulBulkImport', source('egrul/egrul-bulk-import.tsx')),
  CodeValue: componentLoader.add('CodeValue', source('engine/code-value.tsx')),
  RecordLinkValue: componentLoader.add('RecordLinkValue', source('engine/record-link-value.tsx')),
  DeleteConfirm: componentLoader.add('DeleteConfirm', source('engine/delete-confirm.tsx')),
  OrganizationIdentity: componentLoader.add('OrganizationIdentity', source('organizations/organization-identity.tsx')),
  LettersBulkEdit: componentLoader.add('LettersBulkEdit', source('letters/letters-bulk-edit.tsx')),
  LetterDirectionValue: componentLoader.add('LetterDirectionValue', source('letters/letter-direction-value.tsx')),
  LetterDirectionEdit: componentLoader.add('LetterDirectionEdit', source('letters/letter-direction-edit.tsx')),
  IncomingOnlyEdit: componentLoader.add('IncomingOnlyEdit', source('letters/incoming-only-edit.tsx')),
  LetterNumberEdit: componentLoader.add('LetterNumberEdit', source('letters/letter-number-edit.tsx')),
  LetterStatusValue: componentLoader.add('LetterStatusValue', source('letters/letter-status-value.tsx')),
  OptionsEdit: componentLoader.add('OptionsEdit', source('engine/options-edit.tsx')),
  OptionsFilter: componentLoader.add('OptionsFilter', source('engine/options-filter.tsx')),
  ReferenceText: componentLoader.add('ReferenceText', source('engine/reference-text.tsx')),
  CardSectionsNav: componentLoader.add('CardSectionsNav', source('engine/card-sections-nav.tsx')),
  DeletedNotice: componentLoader.add('DeletedNotice', source('engine/deleted-notice.tsx')),
  LegacyNumber: componentLoader.add('LegacyNumber', source('engine/legacy-number.tsx')),
  RestoreResource: componentLoader.add('RestoreResource', source('resources/restore-resource.tsx')),
} as const;
