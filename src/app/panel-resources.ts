import type { DataSource } from 'typeorm';
import { attachDocumentAction } from '../documents/documents.actions.js';
import { orgAdmDocResource } from '../documents/org-adm-doc.resource.js';
import { organizationDocumentResource } from '../documents/organization-document.resource.js';
import type { ScanStorage } from '../documents/scan-storage.js';
import type { EgrulClient } from '../egrul/egrul-client.js';
import { egrulBulkImportAction, egrulImportAction } from '../egrul/egrul-import.action.js';
import { mergeWithAction, possibleDuplicatesAction } from '../duplicates/merge.action.js';
import type { ResourceDefinition } from '../engine/admin/resource-definition.js';
import type { ExportColumn } from '../engine/export/table-format.js';
import { auditResource } from '../history/audit.resource.js';
import type { ChangeHistory } from '../history/history.service.js';
import { messageResource } from '../letters/message.resource.js';
import type { Logger } from '../logger.js';
import { organizationResource } from '../organizations/organization.resource.js';
import { addressResource, industryResource, okrugResource, regionResource } from '../postal-index/reference.resources.js';
import { resourceResource } from '../resources/resource.resource.js';
import { responsibilityResource } from '../resources/responsibility.resource.js';
import { userResource } from '../users/user.resource.js';

/** What the panel's sections run on, made once by the app. */
export interface PanelServices {
  dataSource: DataSource;
  timeZone: string;
  logger: Logger;
  storage: ScanStorage;
  /** The one EGRUL client of the app. */
  egrul: EgrulClient;
  /** The change history (made from these sections' words, hence asked for when a request needs it). */
  history: () => ChangeHistory;
  /** The journal export's columns (with the sections' field labels). */
  journalColumns: () => ExportColumn[];
}

/**
 * Every panel section, in menu order, each made by its feature's factory with the services it needs. What one
 * feature adds to another's section (the EGRUL import and «Прикрепить документ» on organizations) is wired here.
 */
export function panelResources(services: PanelServices): ResourceDefinition[] {
  const { dataSource, timeZone, logger, storage, egrul } = services;
  const documents = { dataSource, storage, logger: logger.child('documents') };
  return [
    organizationResource({
      dataSource,
      actions: {
        egrulImport: egrulImportAction({ dataSource, egrul, logger: logger.child('egrul') }),
        egrulBulkImport: egrulBulkImportAction(),
        attachDocument: attachDocumentAction(documents),
        mergeWith: mergeWithAction(),
        possibleDuplicates: possibleDuplicatesAction(),
      },
    }),
    orgAdmDocResource,
    organizationDocumentResource(documents),
    messageResource({ dataSource, timeZone }),
    resourceResource({ dataSource }),
    responsibilityResource,
    okrugResource,
    regionResource,
    industryResource,
    addressResource,
    userResource,
    auditResource({ history: services.history, journalColumns: services.journalColumns }),
  ];
}
