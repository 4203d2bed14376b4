import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import { asyncRoute, positiveId } from '../engine/http/kit.js';
import { todayIn } from '../domain/organization.js';
import {
  CARD_LETTER_SORTS,
  CARD_LETTERS_PAGE,
  organizationLetters,
  organizationOutsourcing,
  organizationResources,
  organizationSectionCounts,
  organizationUnits,
  resourceOutsourcing,
} from './organization-card.service.js';
import { accessRoutes } from '../engine/http/access-router.js';

/**
 * The organization card's sections over HTTP (mounted at /admin/data, behind the panel's login; read-only):
 *   GET /organizations/:id/letters|resources|outsourcing|units|section-counts, /resources/:id/outsourcing
 */
export function organizationCardRoutes(dataSource: DataSource, timeZone: string): Router {
  const routes = accessRoutes();
  // letters (newest first), active resources with their regions, outsourcing (on the organization: both sides;
  // on the resource), branches, and the counts of the card's sections; a bad id gets `none`
  const cardSection = (load: (id: number) => Promise<unknown>, key: string, none: unknown = []) =>
    asyncRoute(async (req, res) => {
      const id = positiveId(req.params.id);
      res.json({ [key]: id === null ? none : await load(id) });
    });
  // a page of 20 letters: ?page=N&sort=ourDate|executor|dueDate|status&direction=asc|desc (anything else: the default)
  routes.get(
    '/organizations/:id/letters',
    'logged-in',
    asyncRoute(async (req, res) => {
      const id = positiveId(req.params.id);
      if (id === null) return void res.json({ letters: [], total: 0, page: 1, perPage: CARD_LETTERS_PAGE });
      const sort = CARD_LETTER_SORTS.find((s) => s === req.query.sort);
      const direction = req.query.direction === 'asc' || req.query.direction === 'desc' ? req.query.direction : undefined;
      const page = positiveId(typeof req.query.page === 'string' ? req.query.page : undefined) ?? 1;
      res.json(
        await organizationLetters(dataSource.manager, id, { today: todayIn(timeZone), page, ...(sort ? { sort } : {}), ...(direction ? { direction } : {}) }),
      );
    }),
  );
  routes.get(
    '/organizations/:id/resources',
    'logged-in',
    cardSection((id) => organizationResources(dataSource.manager, id), 'resources'),
  );
  routes.get(
    '/organizations/:id/outsourcing',
    'logged-in',
    cardSection((id) => organizationOutsourcing(dataSource.manager, id), 'outsourcing'),
  );
  routes.get(
    '/organizations/:id/units',
    'logged-in',
    cardSection((id) => organizationUnits(dataSource.manager, id), 'units'),
  );
  routes.get(
    '/organizations/:id/section-counts',
    'logged-in',
    cardSection((id) => organizationSectionCounts(dataSource.manager, id), 'counts', null),
  );
  routes.get(
    '/resources/:id/outsourcing',
    'logged-in',
    cardSection((id) => resourceOutsourcing(dataSource.manager, id), 'outsourcing'),
  );

  return routes.router;
}
