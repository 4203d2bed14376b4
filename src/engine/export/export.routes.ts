import type { Router } from 'express';
import { Filter, flat, type BaseResource } from 'adminjs';
import type { DataSource } from 'typeorm';
import { contentDisposition } from '../../domain/document-file.js';
import { todayIn } from '../../domain/organization.js';
import type { Logger } from '../../logger.js';
import { RegistryResource } from '../admin/adapter/registry-resource.js';
import { asyncRoute, currentUser, HttpError } from '../http/kit.js';
import { streamExport } from './export.service.js';
import { exportColumnsOf, type ExportDefinition } from './table-format.js';
import { accessRoutes } from '../http/access-router.js';

export interface ExportRoutesDependencies {
  dataSource: DataSource;
  timeZone: string;
  logger: Logger;
  /** The exportable lists by panel resource. */
  exports: Record<string, ExportDefinition>;
  /** The panel's resource of an entity name (for the list's filters and order), or undefined. */
  findResource(resourceId: string): BaseResource | undefined;
}

/** GET /export/:resource.csv|xlsx (mounted at /admin/data): the list with the panel's filters and order, streamed. */
export function exportRoutes(deps: ExportRoutesDependencies): Router {
  const { dataSource, logger } = deps;
  const routes = accessRoutes();
  // the current list (its filters and order, as in the panel's URL) as CSV or XLSX, streamed
  routes.get(
    '/export/:resourceId.:format',
    'logged-in',
    asyncRoute(async (req, res) => {
      const { resourceId, format } = req.params;
      const definition = deps.exports[resourceId ?? ''];
      const resource = deps.findResource(resourceId ?? '');
      if (!definition || !(resource instanceof RegistryResource) || (format !== 'csv' && format !== 'xlsx')) {
        throw new HttpError(404, 'Такой выгрузки нет.');
      }
      if (definition.adminOnly && currentUser(req)?.role !== 'admin') {
        throw new HttpError(403, 'Эта выгрузка доступна только администраторам.');
      }
      const query = flat.unflatten(req.query as Record<string, unknown>) as { filters?: Record<string, unknown>; sortBy?: string; direction?: string };
      const defaults = (resource.decorate().options.sort ?? {}) as { sortBy?: string; direction?: string };
      const filter = new Filter(query.filters ?? {}, resource);
      const ordered = resource.orderedQuery(filter, {
        sortBy: query.sortBy ?? defaults.sortBy,
        direction: (query.direction ?? defaults.direction) === 'desc' ? 'desc' : 'asc',
      });
      const fileName = `${definition.fileName}-${todayIn(deps.timeZone)}.${format}`;
      res.set({
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(fileName),
        'Cache-Control': 'private, no-store',
      });
      try {
        const rows = await streamExport({ dataSource, query: ordered, columns: exportColumnsOf(definition), format, sheetName: definition.fileName, out: res });
        res.end();
        logger.info('list exported', { resourceId, format, rows, user: currentUser(req)?.email });
      } catch (error) {
        logger.warn('export failed', { resourceId, format, error });
        // before the first row the error handler answers; after it, the download is cut (never a half file taken for whole)
        if (!res.headersSent) throw error;
        res.destroy();
      }
    }),
  );

  return routes.router;
}
