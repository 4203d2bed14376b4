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
    if (existsSync(path.join(candidate, 'date-value.tsx'))) return candidate;
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
  DefaultDatetimeListProperty: source('date-value.tsx'),
  DefaultDatetimeShowProperty: source('date-value.tsx'),
  DefaultDatetimeEditProperty: source('date-edit.tsx'),
  DefaultDatetimeFilterProperty: source('date-filter.tsx'),
  BooleanPropertyValue: source('boolean-value.tsx'),
  DefaultBooleanFilterProperty: source('boolean-filter.tsx'),
  DefaultFilterProperty: source('default-filter.tsx'),
  DefaultReferenceFilterProperty: source('reference-filter.tsx'),
  DefaultReferenceEditProperty: source('reference-edit.tsx'),
  DefaultListAction: source('list-with-page-size.tsx'),
  DefaultTextareaEditProperty: source('text-edit.tsx'),
  LoggedIn: source('logged-in.tsx'),
  ActionHeader: source('action-header.tsx'),
  Breadcrumbs: source('breadcrumbs.tsx'),
} as const;

for (const [name, file] of Object.entries(OVERRIDES)) {
  componentLoader.override(name, file);
}

/** Components added under our own names (used by resource options). */
export const Components = {
  Dashboard: componentLoader.add('Dashboard', source('dashboard.tsx')),
  EgrulImport: componentLoader.add('EgrulImport', source('egrul-import.tsx')),
  DocumentAttach: componentLoader.add('DocumentAttach', source('document-attach.tsx')),
  OrganizationDocuments: componentLoader.add('OrganizationDocuments', source('organization-documents.tsx')),
  OrganizationLetters: componentLoader.add('OrganizationLetters', source('organization-letters.tsx')),
  OrganizationResources: componentLoader.add('OrganizationResources', source('organization-resources.tsx')),
  ScanLink: componentLoader.add('ScanLink', source('scan-link.tsx')),
  ReferenceMultiEdit: componentLoader.add('ReferenceMultiEdit', source('reference-multi-edit.tsx')),
  // AdminJS renders nothing in the filter for array properties; this one takes several values
  ReferenceMultiFilter: componentLoader.add('ReferenceMultiFilter', source('reference-multi-filter.tsx')),
  ReferenceListValue: componentLoader.add('ReferenceListValue', source('reference-list-value.tsx')),
  ExportLinks: componentLoader.add('ExportLinks', source('export-links.tsx')),
  OutsourcingList: componentLoader.add('OutsourcingList', source('outsourcing-list.tsx')),
  MessageThread: componentLoader.add('MessageThread', source('message-thread.tsx')),
  ContactsEdit: componentLoader.add('ContactsEdit', source('contacts-edit.tsx')),
  ContactsValue: componentLoader.add('ContactsValue', source('contacts-value.tsx')),
  TextPreview: componentLoader.add('TextPreview', source('text-preview.tsx')),
  InnEdit: componentLoader.add('InnEdit', source('inn-edit.tsx')),
  RequisitesCheck: componentLoader.add('RequisitesCheck', source('requisites-check.tsx')),
  OrganizationUnits: componentLoader.add('OrganizationUnits', source('organization-units.tsx')),
  RecordHistory: componentLoader.add('RecordHistory', source('record-history.tsx')),
  JournalEntry: componentLoader.add('JournalEntry', source('journal-entry.tsx')),
  JournalCell: componentLoader.add('JournalCell', source('journal-cell.tsx')),
  EgrulStatus: componentLoader.add('EgrulStatus', source('egrul-status.tsx')),
  EgrulStatusValue: componentLoader.add('EgrulStatusValue', source('egrul-status-value.tsx')),
  EgrulBulkImport: componentLoader.add('EgrulBulkImport', source('egrul-bulk-import.tsx')),
  CodeValue: componentLoader.add('CodeValue', source('code-value.tsx')),
  LetterDirectionEdit: componentLoader.add('LetterDirectionEdit', source('letter-direction-edit.tsx')),
  IncomingOnlyEdit: componentLoader.add('IncomingOnlyEdit', source('incoming-only-edit.tsx')),
  LetterNumberEdit: componentLoader.add('LetterNumberEdit', source('letter-number-edit.tsx')),
  LetterStatusValue: componentLoader.add('LetterStatusValue', source('letter-status-value.tsx')),
  OptionsEdit: componentLoader.add('OptionsEdit', source('options-edit.tsx')),
  OptionsFilter: componentLoader.add('OptionsFilter', source('options-filter.tsx')),
  ReferenceText: componentLoader.add('ReferenceText', source('reference-text.tsx')),
  CardSectionsNav: componentLoader.add('CardSectionsNav', source('card-sections-nav.tsx')),
  DeletedNotice: componentLoader.add('DeletedNotice', source('deleted-notice.tsx')),
} as const;
