import express, { type RequestHandler, type Router } from 'express';
import { requireLogin, requireRole } from './kit.js';

/**
 * The panel's own routes declare who may call them, and the declaration is the check: `routes.get(path, access,
 * …handlers)` puts the access check before every handler (body parsers included), and records the route in the
 * router's access table. The census test (test/http/route-census.db.test.ts) enumerates the running app's routes and
 * fails on any that is not in a table — a route added with plain `router.get` cannot pass unnoticed.
 *
 * - 'logged-in': anyone signed in (a finer rule may live in the handler: the history of a user's card);
 * - { admin: message }: admins only, others get 403 with the message.
 */
export type RouteAccess = 'logged-in' | { admin: string };

export type AccessTable = Map<string, RouteAccess>;

export interface AccessRoutes {
  readonly router: Router;
  get(path: string, access: RouteAccess, ...handlers: RequestHandler[]): void;
  post(path: string, access: RouteAccess, ...handlers: RequestHandler[]): void;
}

const TABLE = Symbol('accessTable');
type WithTable = Router & { [TABLE]?: AccessTable };

export function accessRoutes(): AccessRoutes {
  const router: WithTable = express.Router();
  const table: AccessTable = new Map();
  router[TABLE] = table;
  const add =
    (method: 'get' | 'post') =>
    (path: string, access: RouteAccess, ...handlers: RequestHandler[]) => {
      const key = `${method.toUpperCase()} ${path}`;
      if (table.has(key)) throw new Error(`route declared twice: ${key}`);
      table.set(key, access);
      router[method](path, access === 'logged-in' ? requireLogin : requireRole('admin', access.admin), ...handlers);
    };
  return { router, get: add('get'), post: add('post') };
}

/** The access table of a router made by `accessRoutes`, or of several mounted on one (`combined`). */
export function accessTableOf(router: Router): AccessTable | undefined {
  return (router as WithTable)[TABLE];
}

/** A router that runs `before` (the session, the login), then mounts `routers`, and carries their tables together. */
export function combinedAccessRoutes(before: RequestHandler[], routers: Router[]): Router {
  const combined: WithTable = express.Router();
  if (before.length > 0) combined.use(...before);
  const table: AccessTable = new Map();
  for (const router of routers) {
    const own = accessTableOf(router);
    if (!own) throw new Error('a router without an access table: build it with accessRoutes()');
    for (const [key, access] of own) {
      if (table.has(key)) throw new Error(`route declared twice: ${key}`);
      table.set(key, access);
    }
    combined.use(router);
  }
  combined[TABLE] = table;
  return combined;
}
