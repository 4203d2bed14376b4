import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { asyncRoute, positiveId } from '../engine/http/kit.js';
import {
  organizationLetters,
  organizationOutsourcing,
  organizationResources,
  organizationSectionCounts,
  organizationUnits,
  resourceOutsourcing,
} from './organization-card.service.js';

/**
 * The organization card's sections over HTTP (mounted at /admin/data, behind the panel's login; read-only):
 *   GET /organizations/:id/letters|resources|outsourcing|units|section-counts, /resources/:id/outsourcing
 */
export function organizationCardRoutes(dataSource: DataSource): Router {
  const router = express.Router();
  // letters (newest first), active resources with their regions, outsourcing (on the organization: both sides;
  // on the resource), branches, and the counts of the card's sections; a bad id gets `none`
  const cardSection = (load: (id: number) => Promise<unknown>, key: string, none: unknown = []) =>
    asyncRoute(async (req, res) => {
      const id = positiveId(req.params.id);
      res.json({ [key]: id === null ? none : await load(id) });
    });
  router.get(
    '/organizations/:id/letters',
    cardSection((id) => organizationLetters(dataSource.manager, id), 'letters'),
  );
  router.get(
    '/organizations/:id/resources',
    cardSection((id) => organizationResources(dataSource.manager, id), 'resources'),
  );
  router.get(
    '/organizations/:id/outsourcing',
    cardSection((id) => organizationOutsourcing(dataSource.manager, id), 'outsourcing'),
  );
  router.get(
    '/organizations/:id/units',
    cardSection((id) => organizationUnits(dataSource.manager, id), 'units'),
  );
  router.get(
    '/organizations/:id/section-counts',
    cardSection((id) => organizationSectionCounts(dataSource.manager, id), 'counts', null),
  );
  router.get(
    '/resources/:id/outsourcing',
    cardSection((id) => resourceOutsourcing(dataSource.manager, id), 'outsourcing'),
  );

  return router;
}
