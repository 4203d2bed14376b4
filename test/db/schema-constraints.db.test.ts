import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';

/** The data defects of the original (§10.2) are impossible at the database level too. */
describe('schema constraints', () => {
  const db = useTestDatabase('constraints');
  beforeEach(() => db.truncate());

  const insertOrganization = (fields: Record<string, unknown>) => {
    const columns = Object.keys(fields);
    return db.dataSource.query(
      `INSERT INTO organizations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(fields),
    );
  };

  it('accepts 10- and 12-digit INNs and refuses other shapes', async () => {
    await insertOrganization({ full_name: 'ЮЛ', inn: '7707083893' });
    await insertOrganization({ full_name: 'ИП', inn: '500301234567' });
    await expect(insertOrganization({ full_name: 'X', inn: '77070838931' })).rejects.toThrow(/ck_organizations_inn_format/);
    await expect(insertOrganization({ full_name: 'X', kpp: '77360100' })).rejects.toThrow(/ck_organizations_kpp_format/);
    await expect(insertOrganization({ full_name: 'X', ogrn: '10277001321951' })).rejects.toThrow(/ck_organizations_ogrn_format/);
  });

  it('refuses a second active organization with the same INN+KPP, allows a branch and a liquidated twin', async () => {
    await insertOrganization({ full_name: 'Головная', inn: '7707083893', kpp: '773601001' });
    await expect(insertOrganization({ full_name: 'Дубль', inn: '7707083893', kpp: '773601001' })).rejects.toThrow(/uq_organizations_active_inn_kpp/);
    await insertOrganization({ full_name: 'Филиал', inn: '7707083893', kpp: '773602001' });
    await insertOrganization({ full_name: 'Ликвидированная', inn: '7707083893', kpp: '773601001', is_active: false });
  });

  it('treats an empty KPP as a value: two active organizations with the same INN and no KPP are refused', async () => {
    await insertOrganization({ full_name: 'ИП', inn: '500301234567' });
    await expect(insertOrganization({ full_name: 'ИП дубль', inn: '500301234567' })).rejects.toThrow(/uq_organizations_active_inn_kpp/);
  });

  it('gives every organization a uuid and created/updated timestamps by default', async () => {
    const [{ id }] = await insertOrganization({ full_name: 'С умолчаниями' });
    const [row] = await db.dataSource.query('SELECT uuid, created_at, updated_at, is_active, is_gov FROM organizations WHERE id = $1', [id]);
    expect(row.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.created_at).toBeInstanceOf(Date);
    expect(row.is_active).toBe(true);
    expect(row.is_gov).toBe(false);
  });

  it('keeps association tables free of duplicate pairs', async () => {
    const [{ id: orgId }] = await insertOrganization({ full_name: 'Владелец' });
    const [{ id: resourceId }] = await db.dataSource.query(`INSERT INTO resources (name, owner_id) VALUES ('Ресурс', $1) RETURNING id`, [orgId]);
    await db.dataSource.query('INSERT INTO resources_regions (resource_id, region_id) VALUES ($1, 77)', [resourceId]);
    await expect(db.dataSource.query('INSERT INTO resources_regions (resource_id, region_id) VALUES ($1, 77)', [resourceId])).rejects.toThrow(/duplicate key/);
    const [{ id: messageId }] = await db.dataSource.query(
      `INSERT INTO messages (direction, information) VALUES ('incoming', 'Текст письма длиной') RETURNING id`,
    );
    await db.dataSource.query('INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)', [messageId, orgId]);
    await expect(db.dataSource.query('INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)', [messageId, orgId])).rejects.toThrow(
      /duplicate key/,
    );
  });

  it('does not let a region deletion take resources, nor an organization with resources be hard-deleted', async () => {
    const [{ id: orgId }] = await insertOrganization({ full_name: 'Владелец', region_id: 50 });
    await db.dataSource.query(`INSERT INTO resources (name, owner_id) VALUES ('Ресурс', $1)`, [orgId]);
    await expect(db.dataSource.query('DELETE FROM organizations WHERE id = $1', [orgId])).rejects.toThrow(/fk_resources_owner/);
  });

  it('keeps a letter either incoming or outgoing, registered no earlier than signed', async () => {
    await expect(
      db.dataSource.query(`INSERT INTO messages (direction, information, their_number) VALUES ('outgoing', 'Исходящее письмо', '12')`),
    ).rejects.toThrow(/ck_messages_outgoing_has_no_sender_requisites/);
    await expect(
      db.dataSource.query(
        `INSERT INTO messages (direction, information, our_date, their_date) VALUES ('incoming', 'Входящее письмо', '2024-01-01', '2024-01-05')`,
      ),
    ).rejects.toThrow(/ck_messages_registered_after_signed/);
    await expect(db.dataSource.query(`INSERT INTO messages (direction, information) VALUES ('internal', 'Служебная записка')`)).rejects.toThrow(
      /ck_messages_direction/,
    );
  });

  it('keeps DATE values as strings, unshifted', async () => {
    const [{ id }] = await insertOrganization({ full_name: 'Дата', date_agreement: '2024-03-01' });
    const [row] = await db.dataSource.query('SELECT date_agreement FROM organizations WHERE id = $1', [id]);
    expect(row.date_agreement).toBe('2024-03-01');
  });
});
