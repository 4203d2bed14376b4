import type { Express, Router } from 'express';
import { accessTableOf, type AccessTable } from '../../src/engine/http/access-router.js';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { tableDigest, useTestDatabase } from '../support/db.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  regexp: RegExp;
}

/** The routers mounted at `mount`, from the running app's own router stack (Express 4). */
function mountedAt(app: Express, mount: string): Layer[] {
  const root = (app as unknown as { _router: { stack: Layer[] } })._router.stack;
  return root.filter((layer) => !layer.route && layer.handle.stack && layer.regexp.test(mount) && !layer.regexp.test('/admin/anything-else'));
}

/** The access table the code declares for the routes mounted at `mount` (src/engine/http/access-router.ts). */
function declaredAccess(app: Express, mount: string): AccessTable {
  const table: AccessTable = new Map();
  for (const layer of mountedAt(app, mount)) for (const [route, access] of accessTableOf(layer.handle as unknown as Router) ?? []) table.set(route, access);
  return table;
}

/** Every route of the routers mounted at `mount`, walked in the router stack (not taken from any table). */
function routesUnder(app: Express, mount: string): string[] {
  const mounted = mountedAt(app, mount);
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle.stack) walk(layer.handle.stack);
    }
  };
  for (const layer of mounted) walk(layer.handle.stack!);
  return [...new Set(found)].sort();
}

const SAMPLE: Record<string, string> = { table: 'organizations', token: '0'.repeat(32), resourceId: 'AuditEntry', format: 'csv' };
const concrete = (path: string) => path.replace(/:([A-Za-z]+)/g, (_m, name: string) => SAMPLE[name] ?? '1');

/**
 * The census of the panel's own routes, enumerated from the running app: each is in the access table; without a
 * login each answers 401; a clerk gets 403 from every admin route; no GET changes a table, whoever sends it.
 */
describe('route census of /admin/data', () => {
  const db = useTestDatabase('route_census');
  const app = useTestApp(db, () => ({ EGRUL_SERVICE_URL: 'http://127.0.0.1:9/' }));
  beforeAll(async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('АО "МАРШРУТ"', '7707083893')`);
  });
  // the journal records logins, which the census makes
  const snapshot = () => tableDigest(db.dataSource, ['audit_log']);

  it('knows every route, refuses each without a login, a clerk on every admin route, and no GET changes anything', async () => {
    const routes = routesUnder(app.app, '/admin/data');
    const ACCESS = declaredAccess(app.app, '/admin/data');
    expect(routes.length).toBeGreaterThan(20);
    expect(
      routes.filter((route) => !ACCESS.has(route)),
      'routes without a declared access (built without accessRoutes)',
    ).toEqual([]);
    expect([...ACCESS.keys()].sort()).toEqual(routes);
    // the sensitive ones, spot-checked against the declaration
    for (const route of ['GET /journal/:entryId', 'POST /journal/:entryId/restore', 'POST /organizations/:id/egrul-apply', 'POST /egrul-bulk/preview']) {
      expect(ACCESS.get(route), route).toEqual({ admin: expect.any(String) });
    }
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const admin = await loginAs(app.app, 'admin@cert.test');
    for (const route of routes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string];
      const url = `/admin/data${concrete(path)}`;
      const send = (agent: ReturnType<typeof request> | typeof clerk) => (method === 'GET' ? agent.get(url) : agent.post(url).send({ fields: ['fullName'] }));
      const anonymous = await send(request(app.app));
      expect(anonymous.status, `${route} without a login`).toBe(401);
      const access = ACCESS.get(route)!;
      if (access !== 'logged-in') {
        const before = await snapshot();
        const refused = await send(clerk);
        expect(refused.status, `${route} as a clerk`).toBe(403);
        expect(refused.body.message, `${route} as a clerk`).toBe(access.admin);
        expect(await snapshot(), `${route} as a clerk changed a table`).toBe(before);
      }
      if (method === 'GET') {
        for (const agent of [clerk, admin]) {
          const before = await snapshot();
          await send(agent);
          expect(await snapshot(), `GET ${url} changed a table`).toBe(before);
        }
      }
    }
    process.stdout.write(`route census: ${routes.length} routes of /admin/data checked\n`);
  }, 120_000);
});
