import { describe, expect, it } from 'vitest';
import { undoRefusal } from '../../src/history/history.routes.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/** Issue 24, item 11: a delete's answer offers «Отменить»; only its author may use it, and only for a minute. */
describe('undoing a delete', () => {
  const db = useTestDatabase('undo_delete');
  const app = useTestApp(db);

  it('the author brings the letter back with its organization; nobody else can; an old delete goes to the journal', async () => {
    await createTestUser(db, 'admin@cert.test', 'admin');
    await createTestUser(db, 'other@cert.test', 'admin');
    const [{ id: org }] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('ООО "ЯБЛОКО"') RETURNING id`);
    const letter = async (number: string) => {
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', $1, '2026-01-10', 'о яблоках') RETURNING id`,
        [number],
      );
      await db.dataSource.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [id, org]);
      return id as number;
    };
    const admin = await loginAs(app.app, 'admin@cert.test');
    const other = await loginAs(app.app, 'other@cert.test');

    const first = await letter('ВХ-1');
    const deleted = await admin.post(`/admin/api/resources/Message/records/${first}/delete`);
    expect(deleted.body.notice.type).toBe('success');
    const entryId = deleted.body.undo.entryId as string;
    expect((await other.post(`/admin/data/journal/${entryId}/undo`)).status).toBe(404); // not theirs
    const undone = await admin.post(`/admin/data/journal/${entryId}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.id).toBe(first);
    expect(await db.dataSource.query(`SELECT organization_id FROM organizations_messages WHERE message_id = $1`, [first])).toEqual([{ organization_id: org }]);
    expect((await admin.post(`/admin/data/journal/${entryId}/undo`)).status).toBe(409); // already back

    // after the minute the author is sent to the journal (the rule, at a clock a minute and a second later)
    const [entry] = await db.dataSource.query(`SELECT actor_id AS "actorId", at FROM audit_log WHERE id = $1`, [entryId]);
    const at = new Date(entry.at).getTime();
    const [{ id: adminId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'admin@cert.test'`);
    expect(undoRefusal({ ...entry, restorable: true }, adminId, at + 30_000)).toBeNull();
    expect(undoRefusal({ ...entry, restorable: true }, adminId, at + 61_000)).toMatchObject({ status: 409 });
    expect(undoRefusal({ ...entry, restorable: true }, adminId + 1, at)).toMatchObject({ status: 404 });
    // a delete the history cannot restore (a user) offers nothing to undo
    const [{ id: userId }] = await db.dataSource.query(`SELECT id FROM users WHERE email = 'other@cert.test'`);
    const removedUser = await admin.post(`/admin/api/resources/User/records/${userId}/delete`);
    expect(removedUser.body.notice.type).toBe('success');
    expect(removedUser.body.undo).toBeUndefined();
  });
});
