import type { BaseRecord, CurrentAdmin } from 'adminjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestUser, loginAs } from '../support/app.js';
import { tableDigest, useTestDatabase } from '../support/db.js';

/**
 * The access census: every action of every panel section, as every role, enumerated from the running app (not from a
 * list kept here), by GET and by POST with a hostile body. Wherever the action is not this role's, the answer is 403
 * with no record data, and no table changed (no hook, parser or hash ran before the refusal).
 */
describe('access census of the panel’s actions', () => {
  const db = useTestDatabase('census');
  let app: ReturnType<typeof buildTestApp>;
  const users: Record<'admin' | 'clerk', CurrentAdmin> = {} as never;

  beforeAll(async () => {
    app = buildTestApp(db);
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    for (const role of ['admin', 'clerk'] as const) {
      const [user] = await db.dataSource.query(`SELECT id, email, role FROM users WHERE email = $1`, [`${role}@cert.test`]);
      users[role] = { id: String(user.id), email: user.email, role: user.role } as unknown as CurrentAdmin;
    }
    const [org] = await db.dataSource.query(`INSERT INTO organizations (full_name, inn) VALUES ('АО "ПЕРЕПИСЬ"', '7707083893') RETURNING id`);
    const [type] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    await db.dataSource.query(`INSERT INTO organization_documents (organization_id, org_adm_doc_id) VALUES ($1, $2)`, [org.id, type.id]);
    const [letter] = await db.dataSource.query(
      `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'ВХ-1', '2026-12-01', 'тема') RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO organizations_messages (organization_id, message_id) VALUES ($1, $2)`, [org.id, letter.id]);
    const [resource] = await db.dataSource.query(`INSERT INTO resources (name, owner_id, deleted_at) VALUES ('ГАС', $1, now()) RETURNING id`, [org.id]);
    await db.dataSource.query(`INSERT INTO responsibilities (resource_id, organization_id) VALUES ($1, $2)`, [resource.id, org.id]).catch(() => undefined);
    await db.dataSource.query(`INSERT INTO addresses (index, region_id, locality) VALUES ('101000', 77, 'Москва')`).catch(() => undefined);
  });

  const snapshot = () => tableDigest(db.dataSource);

  it('refuses every action a role may not run with 403, no record data and no change, before any hook', async () => {
    const hostile = { action: 'bogus', email: 'x@x', password: 'a very long password indeed', role: 'admin', fullName: 'ВЗЛОМ', isActive: 'false' };
    const seen: string[] = [];
    let refusals = 0;
    for (const role of ['clerk', 'admin'] as const) {
      const agent = await loginAs(app.app, `${role}@cert.test`);
      for (const resource of app.admin.resources) {
        const decorated = resource.decorate();
        const [first] = (await resource.find({ filters: {} } as never, { limit: 1 })) as BaseRecord[];
        const record = first ? await resource.findOne(String(first.id())) : null;
        for (const [name, action] of Object.entries(decorated.actions)) {
          const type = (action as unknown as { action: { actionType: string } }).action.actionType;
          const path =
            type === 'record'
              ? record && `/admin/api/resources/${resource.id()}/records/${record.id()}/${name}`
              : type === 'bulk'
                ? record && `/admin/api/resources/${resource.id()}/bulk/${name}?recordIds=${record.id()}`
                : `/admin/api/resources/${resource.id()}/actions/${name}`;
          if (!path) continue;
          const allowed = type === 'resource' ? action.isAccessible(users[role]) : action.isAccessible(users[role], record ?? undefined);
          seen.push(`${role} ${resource.id()}.${name}: ${allowed ? 'allowed' : 'refused'}`);
          if (allowed) continue;
          for (const method of ['get', 'post'] as const) {
            const before = await snapshot();
            const answer = method === 'get' ? await agent.get(path) : await agent.post(path).send(hostile);
            const where = `${method.toUpperCase()} ${path} as ${role}`;
            expect(answer.status, where).toBe(403);
            expect(answer.body.notice, where).toEqual({ message: 'forbiddenError', type: 'error' });
            expect(Object.keys(answer.body.record?.params ?? {}), where).toEqual([]);
            expect(JSON.stringify(answer.body), where).not.toMatch(/ПЕРЕПИСЬ|7707083893|clerk@cert\.test|admin@cert\.test|ВХ-1/);
            expect(await snapshot(), where).toBe(before);
            refusals += 1;
          }
        }
      }
    }
    process.stdout.write(`access census: ${seen.length} role × section × action, ${refusals} refused requests checked\n`);
    // the census covered what matters: a clerk is refused the users' and the journal's sections whole
    expect(seen).toEqual(
      expect.arrayContaining([
        'clerk User.edit: refused',
        'clerk AuditEntry.show: refused',
        'clerk Organization.delete: refused',
        'admin Organization.show: allowed',
      ]),
    );
  }, 120_000);
});
