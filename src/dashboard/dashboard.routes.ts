import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { contentDisposition } from '../domain/document-file.js';
import { todayIn } from '../domain/organization.js';
import { writeWorkbook } from '../engine/export/workbook.js';
import { accessRoutes } from '../engine/http/access-router.js';
import { asyncRoute, HttpError } from '../engine/http/kit.js';
import { overdueByExecutor } from '../letters/due-letters.service.js';
import { dashboardQuery } from './dashboard.js';
import { dashboardReportSheets } from './dashboard-report.js';
import { leadFigures } from './lead-figures.service.js';

/** GET /dashboard/report.xlsx (mounted at /admin/data, admins): «Выгрузить отчёт», the lead's figures for the period in the address. */
export function dashboardRoutes(dataSource: DataSource, timeZone: string): Router {
  const routes = accessRoutes();
  routes.get(
    '/dashboard/report.xlsx',
    { admin: 'Отчёт по сводке доступен только администраторам.' },
    asyncRoute(async (req, res) => {
      const today = todayIn(timeZone);
      const { period, periodError, documentTypeId } = dashboardQuery(req.query as Record<string, unknown>, today);
      if (periodError) throw new HttpError(400, periodError);
      const [figures, team] = await Promise.all([leadFigures(dataSource, period, documentTypeId), overdueByExecutor(dataSource, today)]);
      res.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`svodka-${period.from}-${period.to}.xlsx`),
        'Cache-Control': 'private, no-store',
      });
      await writeWorkbook(res, dashboardReportSheets(figures, team, today));
      res.end();
    }),
  );
  return routes.router;
}
