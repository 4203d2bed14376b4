import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { tableDigest, useTestDatabase } from '../support/db.js';

/** Who may call each of the panel's own routes (/admin/data): every route the running app has must be here. */
const ACCESS: Record<string, 'logged-in' | 'admin'> = {
  'GET /history/:table/:id': 'logged-in', // users' cards: admins (checked by the history's rules)
  'GET /journal/:entryId': 'admin',
  'GET /journal/:entryId/state': 'admin',
  'POST /journal/:entryId/restore': 'admin',
  'GET /letters/next-number': 'logged-in',
  'GET /letters/options': 'logged-in',
  'GET /letters/executors': 'logged-in',
  'GET /organizations/:id/egrul-check': 'logged-in',
  'POST /organizations/:id/egrul-check': 'logged-in',
  'POST /organizations/:id/egrul-apply': 'admin',
  'POST /egrul-bulk/preview': 'admin',
  'POST /egrul-bulk/:token/import': 'admin',
  'GET /egrul-bulk/:token/report': 'admin',
  'GET /organizations/:organizationId/documents': 'logged-in',
  'POST /organizations/:organizationId/documents': 'logged-in',
  'GET /documents/:documentId/scan': 'logged-in',
  'GET /organizations/:id/letters': 'logged-in',
  'GET /organizations/:id/resources': 'logged-in',
  'GET /organizations/:id/outsourcing': 'logged-in',
  'GET /organizations/:id/units': 'logged-in',
  'GET /organizations/:id/section-counts': 'logged-in',
  'GET /resources/:id/outsourcing': 'logged-in',
  'GET /export/:resourceId.:format': 'logged-in', // the journal's export: admins (checked by its definition)
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  regexp: RegExp;
}

/** Every route of the router mounted at `mount`, from the running app's own router stack (Express 4). */
function routesUnder(app: Express, mount: string): string[] {
  const root = (app as unknown as { _router: { stack: Layer[] } })._router.stack;
  const mounted = root.filter((layer) => !layer.route && layer.handle.stack && layer.regexp.test(mount) && !layer.regexp.test('/admin/anything-else'));
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
    expect(routes.length).toBeGreaterThan(20);
    expect(
      routes.filter((route) => !(route in ACCESS)),
      'routes missing from the access table',
    ).toEqual([]);
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const admin = await loginAs(app.app, 'admin@cert.test');
    for (const route of routes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string];
      const url = `/admin/data${concrete(path)}`;
      const send = (agent: ReturnType<typeof request> | typeof clerk) => (method === 'GET' ? agent.get(url) : agent.post(url).send({ fields: ['fullName'] }));
      const anonymous = await send(request(app.app));
      expect(anonymous.status, `${route} without a login`).toBe(401);
      if (ACCESS[route] === 'admin') {
        const before = await snapshot();
        const refused = await send(clerk);
        expect(refused.status, `${route} as a clerk`).toBe(403);
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
