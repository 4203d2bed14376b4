import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { INDUSTRIES, OKRUGS, REGIONS } from '../../migrations/reference-data.js';
import { innCheckDigits, ogrnCheckDigit } from '../../src/domain/requisites.js';
import { makePdf } from './pdf.js';

/** The old service's DDL (test/fixtures/legacy/old-schema.sql), written from its migrations. */
export const OLD_SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'legacy', 'old-schema.sql');

export const validInn = (body9: string) => body9 + innCheckDigits(body9);
export const validOgrn = (body12: string) => body12 + ogrnCheckDigit(body12);

/** The old database's schema and its seeded reference tables (okrugs, regions, industries, as its migration seeds them). */
export async function createOldSchema(client: pg.Client): Promise<void> {
  await client.query(await readFile(OLD_SCHEMA_FILE, 'utf8'));
  await client.query(`INSERT INTO okrugs (okrug_id, name) SELECT * FROM unnest($1::int[], $2::text[])`, [
    OKRUGS.map((o) => o.id),
    OKRUGS.map((o) => o.name.slice(0, 20)),
  ]);
  await client.query(`INSERT INTO regions (region_id, name, okrug_id) SELECT * FROM unnest($1::int[], $2::text[], $3::int[])`, [
    REGIONS.map((r) => r.id),
    REGIONS.map((r) => r.name.slice(0, 70)),
    REGIONS.map((r) => r.okrugId),
  ]);
  await client.query(`INSERT INTO industries (industry_id, name) SELECT * FROM unnest($1::int[], $2::text[])`, [
    INDUSTRIES.map((i) => i.id),
    INDUSTRIES.map((i) => i.name),
  ]);
}

export const UUID = {
  first: 'a3f1c2de-0000-4000-8000-000000000001',
  second: '0b000000-0000-4000-8000-000000000002',
  twin: 'ff000000-0000-4000-8000-000000000004',
};

/** The PDF scans the fixture writes, by old path (relative to the files root). */
export interface OldScans {
  charterOfFirst: Buffer;
}

/**
 * A small old database with every quirk the move-in must keep and report (issue 23), and its scans in the old layout
 * (`<UUID[:2] upper>/<uuid>/<name_prefix>.pdf`): one present, one missing, one zero-byte, one not a PDF.
 */
export async function fillQuirkyOldDatabase(client: pg.Client, filesRoot: string): Promise<OldScans> {
  const inn1 = validInn('770100001');
  const inn2 = validInn('770100002');
  const badChecksumInn = inn2.slice(0, 9) + String((Number(inn2[9]) + 1) % 10);
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  const org = (
    id: number,
    fields: Partial<
      Record<'full_name' | 'short_name' | 'inn' | 'kpp' | 'ogrn' | 'date_agreement' | 'uuid' | 'contacts' | 'date_added' | 'date_updated', string | null>
    > & {
      is_active?: boolean | null;
      region_id?: number | null;
      is_gov?: boolean;
    },
  ) =>
    q(
      `INSERT INTO organizations (org_id, date_added, date_updated, db_name, full_name, short_name, inn, kpp, ogrn, contacts, date_agreement,
                                  is_gov, is_military, is_active, uuid, region_id)
       VALUES ($1, $2, $3, 'db-name-of-the-old-service', $4, $5, $6, $7, $8, $9, $10, $11, false, $12, $13, $14)`,
      [
        id,
        fields.date_added ?? '2021-03-12',
        fields.date_updated ?? '2022-05-01',
        fields.full_name ?? `ОРГАНИЗАЦИЯ ${id}`,
        fields.short_name ?? `ОРГ ${id}`,
        fields.inn ?? null,
        fields.kpp ?? null,
        fields.ogrn ?? null,
        fields.contacts ?? null,
        fields.date_agreement ?? null,
        fields.is_gov ?? false,
        fields.is_active === undefined ? true : fields.is_active,
        fields.uuid === undefined ? `00000000-0000-4000-8000-${String(id).padStart(12, '0')}` : fields.uuid,
        fields.region_id === undefined ? 77 : fields.region_id,
      ],
    );
  await q(`INSERT INTO regions (region_id, name) VALUES (98, 'Регион, добавленный в старой базе вручную')`);
  await org(1, {
    full_name: 'АКЦИОНЕРНОЕ ОБЩЕСТВО "РОМАШКА"',
    short_name: 'АО "РОМАШКА"',
    inn: inn1,
    kpp: '770101001',
    ogrn: validOgrn('102770000001'),
    uuid: UUID.first,
    contacts: 'Иванов, +7 495 000-00-00',
    date_agreement: '2022-02-01',
    is_gov: true,
  });
  await org(2, { full_name: 'ООО "ВАСИЛЁК"', inn: badChecksumInn, kpp: '770201001', uuid: UUID.second });
  await org(3, { inn: validInn('770100003'), kpp: '12345' }); // a KPP of the wrong length
  await org(4, { full_name: 'АО "РОМАШКА" (ВВЕДЕНА ДВАЖДЫ)', inn: inn1, kpp: '770101001', uuid: UUID.twin }); // a duplicate active INN+KPP
  await org(5, { inn: validInn('770100005'), date_agreement: '2999-01-01' }); // a date in the future
  await org(6, { inn: validInn('770100006'), is_active: null, uuid: null }); // a row inserted by raw SQL
  await org(7, { full_name: 'ООО ЛИКВИДИРОВАНО', inn: validInn('770100007'), is_active: false });
  await org(8, { inn: '77O1000O8' }); // letters for digits
  await org(9, { inn: validInn('770100009'), region_id: 98 }); // no such region here
  await org(10, { inn: validInn('770100010'), ogrn: '1027700000999' }); // an OGRN with a bad check digit (13 digits)

  const msg = (id: number, fields: Record<string, string | number | null>) => {
    const columns = ['message_id', 'information', 'datetime_created', ...Object.keys(fields)];
    const values = [
      id,
      fields.information ?? `Письмо ${id} о направлении сведений`,
      `2023-01-${String(id).padStart(2, '0')} 10:00:00`,
      ...Object.values(fields),
    ];
    const unique = [...new Set(columns)];
    const params = unique.map((c) => values[columns.lastIndexOf(c)]);
    return q(`INSERT INTO messages (${unique.join(', ')}) VALUES (${unique.map((_c, i) => `$${i + 1}`).join(', ')})`, params);
  };
  await msg(1, { our_inbox_number: 'ВХ-1', date_registered: '2023-01-10', number_inbox_approved: 'ЛПУ-16', date_inbox_approved: '2023-01-05' });
  await msg(2, { our_outbox_number: 'ИСХ-1', date_approved: '2023-01-20', parent_id: 1 });
  await msg(4, { our_inbox_number: 'ВХ-4', date_registered: '2023-02-01' });
  await msg(3, { our_outbox_number: 'ИСХ-3', date_approved: '2023-02-03', parent_id: 4 }); // answers a letter of a larger id
  await msg(5, { our_inbox_number: 'ВХ-5', date_registered: '2023-02-05' });
  await q(`UPDATE messages SET parent_id = 5 WHERE message_id = 5`); // answers itself
  await msg(6, { our_inbox_number: 'ВХ-6', date_registered: '2023-02-06' });
  await msg(7, { our_outbox_number: 'ИСХ-7', date_approved: '2023-02-07', parent_id: 6 });
  await q(`UPDATE messages SET parent_id = 7 WHERE message_id = 6`); // 6 → 7 → 6
  await msg(8, { our_inbox_number: 'вх 1', date_registered: '2023-03-01' }); // the same number as letter 1 in 2023
  await msg(9, { our_outbox_number: 'ИСХ-9', date_approved: '2023-03-02', our_inbox_number: 'ВХ-99', number_inbox_approved: 'Б/Н' }); // outgoing with inbox requisites
  await msg(10, { our_inbox_number: 'ВХ-10', date_registered: '2023-03-01', date_inbox_approved: '2023-03-09' }); // registered before signed
  await msg(11, { our_inbox_number: 'ВХ-11', date_registered: '2999-12-31' }); // a date in the future
  await msg(12, { our_inbox_number: '', date_registered: null, information: '' }); // '' for nothing, no text
  await q(`INSERT INTO organizations_messages (org_id, message_id) VALUES (1, 1), (2, 1), (1, 1), (1, 2), (4, 2), (2, 3), (2, 4), (NULL, 12), (3, 5)`);

  await q(`INSERT INTO resources (resource_id, date_added, date_updated, is_okii, name, category, is_active, org_id, fstec_reg_number)
           VALUES (1, '2022-01-01', '2022-06-01', true, 'Сайт', 2, true, 1, 'ФСТЭК-1'),
                  (2, '2022-01-02', '2022-06-02', false, 'Почта', 1, false, 2, NULL),
                  (3, '2022-01-03', NULL, true, 'АСУ ТП', 7, true, 1, NULL)`);
  await q(`INSERT INTO regions_resources (region_id, resource_id) VALUES (77, 1), (77, 1), (50, 1), (98, 3)`);
  await q(`INSERT INTO industries_resources (industry_id, resource_id) VALUES (1, 1), (2, 1), (2, 1)`);
  await q(`INSERT INTO responsibilities (org_id, resource_id, date_start, date_end, props, comment)
           VALUES (2, 1, '2023-01-01', '2024-01-01', 'Договор 1', ''), (3, 1, '2024-05-01', '2024-01-01', 'Договор 2', 'конец раньше начала')`);

  await q(`INSERT INTO orgadm_docs (orgadm_id, date_added, date_updated, name, name_prefix)
           VALUES (1, '2021-01-01', '2021-01-01', 'Устав организации', 'stvrgnzts'),
                  (2, '2021-01-01', '2021-01-01', 'Соглашение о сотрудничестве', 'sglshnstrdnchstv'),
                  (3, '2021-01-01', '2021-01-01', 'Соглашение о сотрудничестве!', 'sglshnstrdnchstv')`);
  await q(`INSERT INTO orgadmdocs_organizations (org_id, orgadm_id, date_approved, props, comment)
           VALUES (1, 1, '2021-05-01', '№ 15', 'главный'), (1, 2, '2022-02-01', NULL, NULL), (2, 1, '2021-06-01', '', ''),
                  (4, 1, '2021-07-01', NULL, NULL), (6, 1, '2999-01-01', NULL, NULL)`);
  await q(
    `INSERT INTO methodical_docs (method_id, date_added, name, path_prefix, is_conf, is_active) VALUES (1, '2022-01-01', 'Методичка по КИИ', 'mtdchk', false, true)`,
  );
  await q(`INSERT INTO methodicaldocs_messages (method_id, message_id) VALUES (1, 1)`);

  const put = async (uuid: string, prefix: string, bytes: Buffer) => {
    const dir = path.join(filesRoot, uuid.slice(0, 2).toUpperCase(), uuid);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${prefix}.pdf`), bytes);
  };
  const charterOfFirst = makePdf(20_000, 'устав Ромашки');
  await put(UUID.first, 'stvrgnzts', charterOfFirst); // present; the agreement of org 1 is missing
  await put(UUID.second, 'stvrgnzts', Buffer.alloc(0)); // zero bytes
  await put(UUID.twin, 'stvrgnzts', Buffer.from('это не PDF, а текст\n')); // not a PDF
  return { charterOfFirst };
}
