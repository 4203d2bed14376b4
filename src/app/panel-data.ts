import type { RequestHandler, Router } from 'express';
import type { BaseResource } from 'adminjs';
import type { DataSource } from 'typeorm';
import { dashboardRoutes } from '../dashboard/dashboard.routes.js';
import { documentsRoutes } from '../documents/documents.routes.js';
import { mergeRoutes } from '../duplicates/merge.routes.js';
import type { ScanStorage } from '../documents/scan-storage.js';
import { egrulBulkRoutes } from '../egrul/egrul-bulk.routes.js';
import { egrulCheckRoutes } from '../egrul/egrul-check.routes.js';
import type { EgrulClient } from '../egrul/egrul-client.js';
import { exportRoutes } from '../engine/export/export.routes.js';
import type { ExportDefinition } from '../engine/export/table-format.js';
import { combinedAccessRoutes } from '../engine/http/access-router.js';
import { requireLogin } from '../engine/http/kit.js';
import { historyRoutes } from '../history/history.routes.js';
import type { ChangeHistory } from '../history/history.service.js';
import { lettersRoutes } from '../letters/letters.routes.js';
import type { Logger } from '../logger.js';
import { organizationCardRoutes } from '../organizations/organization-card.routes.js';

/**
 * The panel's own data routes (mounted at /admin/data), each feature's behind the panel's session and login:
 *   /organizations/:id/documents, /documents/:id/scan   documents and scans (src/documents/documents.routes.ts)
 *   /organizations/:id/letters|resources|…              the card's sections (src/organizations/organization-card.routes.ts)
 *   /export/:resource.csv|xlsx                          a list as a file (src/engine/export/export.routes.ts)
 *   /history/…, /journal/…                              the change history (src/history/history.routes.ts)
 *   /letters/…                                          the letter form's lookups (src/letters/letters.routes.ts)
 *   /organizations/:id/egrul-check|egrul-apply          «Сверка с ЕГРЮЛ» (src/egrul/egrul-check.routes.ts)
 *   /egrul-bulk/…                                       bulk import by a list of INNs (src/egrul/egrul-bulk.routes.ts)
 *   /organizations/:id/merge…, /merges/:id/undo        merging two organizations (src/duplicates/merge.routes.ts)
 *   /dashboard/report.xlsx                              «Выгрузить отчёт», the lead's figures (src/dashboard/dashboard.routes.ts)
 */
export interface PanelDataDependencies {
  dataSource: DataSource;
  storage: ScanStorage;
  timeZone: string;
  logger: Logger;
  /** The panel's session middleware (same store and cookie as AdminJS). */
  session: RequestHandler;
  /** The panel's resource of an entity name (exports with the list's filters, the EGRUL apply's write path), or undefined. */
  findResource(resourceId: string): BaseResource | undefined;
  exports: Record<string, ExportDefinition>;
  history: ChangeHistory;
  egrul: EgrulClient;
  /** Patterns of a letter's «наш номер» by direction (config). */
  letterNumbers: { incoming: string; outgoing: string };
}

export function panelDataRouter(deps: PanelDataDependencies): Router {
  const { dataSource, logger, timeZone } = deps;
  // each feature's routes declare their access (src/engine/http/access-router.ts); the census test reads the table
  return combinedAccessRoutes(
    [deps.session, requireLogin],
    [
      historyRoutes(deps.history),
      lettersRoutes({ dataSource, timeZone, numberPatterns: deps.letterNumbers }),
      egrulCheckRoutes({
        dataSource,
        egrul: deps.egrul,
        timeZone,
        logger: logger.child('egrul-check'),
        organizations: () => deps.findResource('Organization'),
      }),
      egrulBulkRoutes({ dataSource, egrul: deps.egrul, timeZone, logger: logger.child('egrul-bulk') }),
      documentsRoutes({ dataSource, storage: deps.storage, timeZone, logger: logger.child('documents') }),
      organizationCardRoutes(dataSource, timeZone),
      dashboardRoutes(dataSource, timeZone),
      mergeRoutes(dataSource, logger.child('merge')),
      exportRoutes({ dataSource, timeZone, logger: logger.child('export'), exports: deps.exports, findResource: deps.findResource }),
    ],
  );
}
