/**
 * Builds a database in the old service's schema (test/fixtures/legacy/old-schema.sql) with its scans in the old
 * layout, to try `cert import legacy` by hand and for the benchmark. Not a test.
 *   npx tsx scripts/legacy-old-db.ts <postgresql URL of an empty database> <scans folder> --quirks
 *   npx tsx scripts/legacy-old-db.ts <url> <folder> --organizations 100000 --letters 300000 --resources 10000 --scans 1000
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createOldSchema, fillQuirkyOldDatabase } from '../test/support/legacy-fixture.js';
import { makePdf } from '../test/support/pdf.js';

export interface GeneratedSize {
  organizations: number;
  letters: number;
  resources: number;
  scans: number;
}

/** A large old database made by PostgreSQL itself (generate_series), every quirk sprinkled in at a low rate. */
export async function generateOldDatabase(client: pg.Client, filesRoot: string, size: GeneratedSize): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  // INNs with a right checksum mostly; every 500th has a wrong last digit, every 700th KPP is 8 characters
  await q(`
    CREATE FUNCTION pg_temp.inn10(body text) RETURNS text LANGUAGE sql AS $$
      SELECT body || (((2*substr(body,1,1)::int + 4*substr(body,2,1)::int + 10*substr(body,3,1)::int + 3*substr(body,4,1)::int + 5*substr(body,5,1)::int
                       + 9*substr(body,6,1)::int + 4*substr(body,7,1)::int + 6*substr(body,8,1)::int + 8*substr(body,9,1)::int) % 11) % 10)::text $$`);
  await q(
    `INSERT INTO organizations (org_id, date_added, date_updated, db_name, full_name, short_name, inn, kpp, ogrn, factual_address, boss_position, boss_fio,
                                contacts, date_agreement, is_gov, is_military, is_active, uuid, region_id)
     SELECT g, date '2019-01-01' + (g % 1500), date '2021-01-01' + (g % 900), 'x', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ОРГАНИЗАЦИЯ ' || g || '"',
            'ООО "ОРГ ' || g || '"',
            CASE WHEN g % 500 = 0 THEN left(pg_temp.inn10(lpad((100000000 + g)::text, 9, '0')), 9) || ((right(pg_temp.inn10(lpad((100000000 + g)::text, 9, '0')), 1)::int + 1) % 10)::text
                 ELSE pg_temp.inn10(lpad((100000000 + g)::text, 9, '0')) END,
            CASE WHEN g % 700 = 0 THEN '77010100' ELSE '7701' || lpad((g % 99 + 1)::text, 2, '0') || '001' END,
            NULL, 'г. Москва, ул. Тестовая, д. ' || g, 'Генеральный директор', 'Иванов Иван Иванович ' || g, 'тел. +7 495 ' || g,
            CASE WHEN g % 5 = 0 THEN date '2020-01-01' + (g % 1000) END, g % 7 = 0, g % 29 = 0, g % 50 <> 0,
            lower(substr(md5(g::text), 1, 8) || '-' || substr(md5(g::text), 9, 4) || '-4' || substr(md5(g::text), 14, 3) || '-8' || substr(md5(g::text), 18, 3) || '-' || substr(md5(g::text), 21, 12)),
            (ARRAY[77, 78, 50, 47, 16, 66, 54, 23, 2, 24])[g % 10 + 1]
       FROM generate_series(1, $1) g`,
    [size.organizations],
  );
  await q(`SELECT setval('organizations_org_id_seq', $1)`, [size.organizations]);
  await q(
    `INSERT INTO messages (message_id, date_inbox_approved, number_inbox_approved, date_registered, our_inbox_number, date_approved, our_outbox_number,
                           information, datetime_created, parent_id)
     SELECT g,
            CASE WHEN g % 3 <> 0 THEN date '2020-01-01' + (g % 1800) END, CASE WHEN g % 3 <> 0 THEN 'ИСХ-' || g END,
            CASE WHEN g % 3 <> 0 THEN date '2020-01-03' + (g % 1800) END, CASE WHEN g % 3 <> 0 THEN 'ВХ-' || g END,
            CASE WHEN g % 3 = 0 THEN date '2020-01-05' + (g % 1800) END, CASE WHEN g % 3 = 0 THEN 'ИСХ-' || g END,
            'О направлении сведений об объектах КИИ, письмо ' || g, timestamp '2020-01-01 09:00' + g * interval '7 minutes',
            CASE WHEN g % 3 = 0 AND g > 1 THEN g - 1 END
       FROM generate_series(1, $1) g`,
    [size.letters],
  );
  await q(`SELECT setval('messages_message_id_seq', $1)`, [size.letters]);
  // each letter with one organization, every fourth with a second one, every 1000th pair twice
  await q(
    `INSERT INTO organizations_messages (org_id, message_id)
     SELECT (g::bigint * 7919) % $2 + 1, g FROM generate_series(1, $1) g
     UNION ALL SELECT (g::bigint * 104729) % $2 + 1, g FROM generate_series(1, $1) g WHERE g % 4 = 0 AND (g::bigint * 104729) % $2 <> (g::bigint * 7919) % $2
     UNION ALL SELECT (g::bigint * 7919) % $2 + 1, g FROM generate_series(1, $1) g WHERE g % 1000 = 0`,
    [size.letters, size.organizations],
  );
  await q(
    `INSERT INTO resources (resource_id, date_added, date_updated, is_okii, fstec_reg_number, name, category, factual_addresses, is_active, org_id)
     SELECT g, date '2021-01-01' + (g % 600), date '2022-01-01' + (g % 300), g % 4 = 0, 'ФСТЭК-' || g, 'Информационная система ' || g, g % 4,
            'г. Москва', g % 20 <> 0, (g * 31) % $2 + 1
       FROM generate_series(1, $1) g`,
    [size.resources, size.organizations],
  );
  await q(`INSERT INTO regions_resources (region_id, resource_id) SELECT (ARRAY[77, 78, 50])[g % 3 + 1], g FROM generate_series(1, $1) g`, [size.resources]);
  await q(`INSERT INTO industries_resources (industry_id, resource_id) SELECT g % 13 + 1, g FROM generate_series(1, $1) g`, [size.resources]);
  await q(
    `INSERT INTO responsibilities (org_id, resource_id, date_start, date_end, props) SELECT (g * 17) % $2 + 1, g, date '2023-01-01', date '2025-01-01', 'Договор ' || g
       FROM generate_series(1, $1 / 2) g`,
    [size.resources, size.organizations],
  );
  await q(`INSERT INTO orgadm_docs (orgadm_id, date_added, name, name_prefix) VALUES (1, '2021-01-01', 'Устав организации', 'stvrgnzts'),
             (2, '2021-01-01', 'Соглашение о сотрудничестве', 'sglshnstrdnchstv')`);
  // documents: a charter for every 50th organization (its scan on disk for the first `scans` of them), an agreement without a file for every 100th
  await q(
    `INSERT INTO orgadmdocs_organizations (org_id, orgadm_id, date_approved, props)
     SELECT g, 1, date '2020-01-01' + (g % 900), '№ ' || g FROM generate_series(50, $1, 50) g
     UNION ALL SELECT g, 2, date '2021-01-01' + (g % 500), NULL FROM generate_series(100, $1, 100) g`,
    [size.organizations],
  );
  const charters: { org_id: number; uuid: string }[] = (
    await q(`SELECT org_id, uuid FROM organizations WHERE org_id % 50 = 0 ORDER BY org_id LIMIT $1`, [size.scans])
  ).rows;
  for (const [i, o] of charters.entries()) {
    const dir = path.join(filesRoot, o.uuid.slice(0, 2).toUpperCase(), o.uuid);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'stvrgnzts.pdf'), makePdf(60_000 + (i % 10) * 10_000, `устав ${o.org_id}`));
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [url, folder, ...rest] = process.argv.slice(2);
  if (!url || !folder) {
    process.stderr.write(
      'usage: tsx scripts/legacy-old-db.ts <postgresql URL> <scans folder> --quirks | --organizations N --letters N --resources N --scans N\n',
    );
    process.exit(1);
  }
  const option = (name: string, fallback: number) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? Number(rest[at + 1]) : fallback;
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await createOldSchema(client);
  if (rest.includes('--quirks')) await fillQuirkyOldDatabase(client, folder);
  else {
    await generateOldDatabase(client, folder, {
      organizations: option('organizations', 100_000),
      letters: option('letters', 300_000),
      resources: option('resources', 10_000),
      scans: option('scans', 1_000),
    });
  }
  await client.end();
}
