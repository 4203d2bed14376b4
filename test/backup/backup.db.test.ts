import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { ArchiveDamagedError } from '../../src/backup/archive.js';
import { createBackup, restoreBackup, verifyBackup } from '../../src/backup/backup.service.js';
import { removeScan, removeWaitingScans } from '../../src/documents/document.service.js';
import { createScanStorage } from '../../src/documents/scan-storage.js';
import { writeScanChunks } from '../../src/documents/scan-database.js';
import { runAs } from '../../src/engine/db/actor.js';
import { createMigrationDataSource } from '../../src/engine/db/data-source.js';
import { mergeOrganizations } from '../../src/duplicates/organization-merge.service.js';
import { dropDatabase, queryOnce, recreateDatabase, withDatabaseName } from '../support/database-urls.js';
import { useTestDatabase } from '../support/db.js';

const KNOWN = migrations.map((Migration) => new Migration().name ?? Migration.name);

/** A minimal PDF with a body of its own (the scan checks look at the header and the end). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n${'x'.repeat(2000)}\n%%EOF\n`);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every table's rows as sorted JSON texts (inside an open transaction of `client`). */
async function tablesOf(client: pg.Client, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await client.query(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    out[table] = rows.map((r) => r.row as string).sort();
  }
  return out;
}

async function filesUnder(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.name === '.incoming') continue;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = sha(readFileSync(path.join(dir, entry.name)));
    }
  };
  await walk(root, '');
  return out;
}

/**
 * Issue 27: `cert backup` writes one archive of one point in time while writes go on; `cert restore` brings every
 * table's rows and every scan's bytes back exactly as they were at that point; a damaged or truncated archive is
 * refused by verify and by restore, which then writes nothing; newer migrations are applied after a restore.
 */
describe('backup and restore', () => {
  const db = useTestDatabase('backup_source');
  const serverUrl = inject('databaseServerUrl');
  const target = `cert_test_restore_${process.env.VITEST_POOL_ID ?? '0'}`;
  const targetUrl = withDatabaseName(serverUrl, target);
  const work = mkdtempSync(path.join(os.tmpdir(), 'cert-backup-'));
  const sourceFiles = path.join(work, 'files');
  const restoredFiles = path.join(work, 'restored-files');
  const archive = path.join(work, 'registry.certbackup');
  const migrate = (url: string) => async (count?: number) => {
    const dataSource = createMigrationDataSource(url, { count });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  };
  beforeAll(() => recreateDatabase(serverUrl, target));
  afterAll(async () => {
    await dropDatabase(serverUrl, target);
    rmSync(work, { recursive: true, force: true });
  });

  const files = (dir: string) => createScanStorage(dir, Number.MAX_SAFE_INTEGER);
  const storage = () => files(sourceFiles);
  /** A scan put where the panel puts them, with its document row's SHA-256 and size. */
  const placeScan = async (organizationUuid: string, text: string) => {
    const bytes = pdf(text);
    const relative = `${organizationUuid.slice(0, 2).toUpperCase()}/${organizationUuid}/${randomUUID()}.pdf`;
    await mkdir(path.dirname(path.join(sourceFiles, relative)), { recursive: true });
    writeFileSync(path.join(sourceFiles, relative), bytes);
    return { relative, sha256: sha(bytes), size: bytes.length };
  };

  it('backs up while letters are written and scans replaced, and restores every row and scan of that point', async () => {
    const q = (statement: string, params: unknown[] = []) => db.dataSource.query(statement, params);
    const actor = { name: 'Тест (test@cert.test)', source: 'panel' as const };
    // every kind of row: users, organizations with a branch, letters with links and an answer, resources with regions
    // and industries, outsourcing, document types and documents with scans, EGRUL checks and runs, bulk lists,
    // postal indexes, a move-in run, a merge, a «не дубль» mark; the history and the counters fill themselves
    const [{ id: userId }] = await q(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('b@cert.test', 'Бэкап', 'admin', 'scrypt$x') RETURNING id`,
    );
    await q(
      `INSERT INTO organizations (full_name, short_name, inn, kpp, ogrn, region_id, contacts, date_agreement)
       SELECT 'АКЦИОНЕРНОЕ ОБЩЕСТВО "КОПИЯ-' || g || '"', 'АО "КОПИЯ-' || g || '"', lpad((7700000000 + g * 7)::text, 10, '0'), '77010100' || (g % 10),
              '10277000' || lpad(g::text, 5, '0'), 77, 'тел. ' || g, CASE WHEN g % 3 = 0 THEN DATE '2024-05-06' END
         FROM generate_series(1, 40) g`,
    );
    const orgs: { id: number; uuid: string }[] = await q(`SELECT id, uuid FROM organizations ORDER BY id`);
    await q(`UPDATE organizations SET head_id = $1 WHERE id = $2`, [orgs[0]!.id, orgs[1]!.id]);
    await q(
      `INSERT INTO messages (direction, our_number, our_date, information, executor_id)
       SELECT CASE WHEN g % 3 = 0 THEN 'outgoing' ELSE 'incoming' END, 'Б-' || g, DATE '2025-01-01' + g, 'письмо ' || g, $1 FROM generate_series(1, 120) g`,
      [userId],
    );
    await q(`INSERT INTO organizations_messages (message_id, organization_id) SELECT m.id, $1 + (m.id % 40) FROM messages m`, [orgs[0]!.id]);
    await q(`UPDATE messages SET parent_id = id - 1 WHERE direction = 'outgoing'`);
    await q(`INSERT INTO resources (name, owner_id, is_okii, category) SELECT 'Ресурс ' || g, $1, g % 2 = 0, g % 4 FROM generate_series(1, 10) g`, [
      orgs[2]!.id,
    ]);
    await q(`INSERT INTO resources_regions (resource_id, region_id) SELECT id, 77 FROM resources`);
    await q(`INSERT INTO resources_industries (resource_id, industry_id) SELECT id, 1 FROM resources`);
    await q(`INSERT INTO responsibilities (organization_id, resource_id, date_start) SELECT $1, id, DATE '2025-01-01' FROM resources`, [orgs[3]!.id]);
    const [{ id: charter }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    for (const org of orgs.slice(0, 12)) {
      const scan = await placeScan(org.uuid, `устав ${org.id}`);
      await q(
        `INSERT INTO organization_documents (organization_id, org_adm_doc_id, props, file_path, file_sha256, file_size) VALUES ($1, $2, $6, $3, $4, $5)`,
        [org.id, charter, scan.relative, scan.sha256, scan.size, `№ ${org.id}`],
      );
    }
    // and one scan kept in PostgreSQL (FILES_STORAGE=database), written with its document
    const [{ id: license }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Лицензия') RETURNING id`);
    const inDatabase = pdf('скан в базе');
    await db.dataSource.transaction(async (manager) => {
      const filePath = storage().newPath(orgs[13]!.uuid);
      await manager.query(
        `INSERT INTO organization_documents (organization_id, org_adm_doc_id, props, file_path, file_sha256, file_size) VALUES ($1, $2, 'в базе', $3, $4, $5)`,
        [orgs[13]!.id, license, filePath, sha(inDatabase), inDatabase.length],
      );
      await writeScanChunks(manager, filePath, [inDatabase]);
    });
    await q(`INSERT INTO egrul_checks (organization_id, checked_at, status) VALUES ($1, now(), 'actual')`, [orgs[4]!.id]);
    await q(`INSERT INTO egrul_check_runs (scope) VALUES ('all')`);
    await q(`INSERT INTO egrul_bulk_lists (token, user_id, rows) VALUES (repeat('a', 32), $1, '[]')`, [userId]);
    await q(`INSERT INTO addresses (index, region_id) VALUES ('101000', 77), ('190000', 78)`);
    const [{ id: runId }] = await q(`INSERT INTO legacy_runs (source) VALUES ('тест') RETURNING id`);
    await q(`INSERT INTO legacy_ids (table_name, old_id, run_id, outcome) VALUES ('organizations', '1', $1, 'imported')`, [runId]);
    await q(`INSERT INTO duplicate_dismissals (organization_id, other_id) VALUES ($1, $2)`, [orgs[5]!.id, orgs[6]!.id]);
    await (
      await runAs(actor, () => mergeOrganizations(db.dataSource, { keptId: orgs[7]!.id, mergedId: orgs[8]!.id, choices: {} }))
    ).searchRefreshed;

    // writes going on: letters, each with its link, one transaction each; every third one replaces a scan
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await runAs(actor, () =>
          db.dataSource.transaction(async (manager) => {
            const [{ id }] = await manager.query(
              `INSERT INTO messages (direction, our_number, our_date, information) VALUES ('incoming', 'П-' || nextval('messages_id_seq'), DATE '2025-06-01', 'во время копии') RETURNING id`,
            );
            await manager.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [id, orgs[9]!.id]);
          }),
        );
        written++;
        if (written % 3 === 0) {
          const org = orgs[written % 12]!;
          const scan = await placeScan(org.uuid, `замена ${written}`);
          const [[old]] = await db.dataSource.transaction((manager) =>
            manager.query(
              `WITH old AS (SELECT id, file_path FROM organization_documents WHERE organization_id = $1)
               UPDATE organization_documents d SET file_path = $2, file_sha256 = $3, file_size = $4 FROM old WHERE d.id = old.id RETURNING old.file_path`,
              [org.id, scan.relative, scan.sha256, scan.size],
            ),
          );
          await removeScan(db.dataSource, storage(), old.file_path);
        }
      }
    })();
    while (written < 15) await new Promise((resolve) => setTimeout(resolve, 20));

    // the state at the backup's point, read through its exported snapshot
    let atPoint: Record<string, string[]> = {};
    let keptForBackup = '';
    const tables: string[] = (
      await q(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'sessions', 'login_failures', 'scan_removals', 'panel_bundles')`,
      )
    ).map((r: { tablename: string }) => r.tablename);
    const onSnapshot = async (snapshot: string) => {
      const reader = new pg.Client({ connectionString: db.url });
      await reader.connect();
      try {
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await reader.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        atPoint = await tablesOf(reader, tables);
        await reader.query('COMMIT');
      } finally {
        await reader.end();
      }
      // a scan replaced while the backup runs: the backup's snapshot names the old one, which is kept for it
      const org = orgs[11]!;
      const scan = await placeScan(org.uuid, 'замена во время копии');
      const [[old]] = await db.dataSource.transaction((manager) =>
        manager.query(
          `UPDATE organization_documents SET file_path = $2, file_sha256 = $3 WHERE organization_id = $1 RETURNING (SELECT file_path FROM organization_documents WHERE organization_id = $1) AS file_path`,
          [org.id, scan.relative, scan.sha256],
        ),
      );
      await removeScan(db.dataSource, storage(), old.file_path);
      keptForBackup = path.join(sourceFiles, old.file_path);
      expect(existsSync(keptForBackup)).toBe(true);
      expect(await q(`SELECT file_path FROM scan_removals`)).toContainEqual({ file_path: old.file_path });
    };
    const backup = await createBackup(db.url, storage(), archive, { onSnapshot });
    const writtenAtEnd = written;
    await new Promise((resolve) => setTimeout(resolve, 200));
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(writtenAtEnd); // the writes went on through the backup
    expect(backup.scans).toBe(12);
    // scans replaced while the backup ran were kept for it, and are deleted once it is over
    // and deleted once no backup runs (by the next deletion of a scan, or by the backup command's end)
    await removeWaitingScans(db.dataSource, (file) => storage().remove(file));
    expect(existsSync(keptForBackup)).toBe(false);
    expect(await q(`SELECT file_path FROM scan_removals`)).toEqual([]);

    const manifest = await verifyBackup(archive);
    expect(manifest.migrations).toEqual(KNOWN);
    for (const table of ['organizations', 'messages', 'organization_documents', 'audit_log', 'organization_merges', 'duplicate_dismissals', 'addresses']) {
      expect(manifest.tables[table]!.rows, table).toBe(atPoint[table]!.length);
      expect(atPoint[table]!.length, table).toBeGreaterThan(0);
    }
    const empty = Object.entries(atPoint)
      .filter(([, rows]) => rows.length === 0)
      .map(([table]) => table);
    expect(empty).toEqual([]); // every table was seeded

    const restored = await restoreBackup(archive, {
      databaseUrl: targetUrl,
      scanFiles: files(restoredFiles),
      force: false,
      knownMigrations: KNOWN,
      migrate: migrate(targetUrl),
    });
    expect(restored).toMatchObject({ scans: 12, newerMigrations: 0 });
    const reader = new pg.Client({ connectionString: targetUrl });
    await reader.connect();
    try {
      await reader.query('BEGIN');
      const after = await tablesOf(reader, tables);
      await reader.query('COMMIT');
      for (const table of tables) expect(after[table], table).toEqual(atPoint[table]);
      // the sequences go on after the restored rows
      const [{ id }] = (await reader.query(`INSERT INTO messages (direction, information) VALUES ('incoming', 'после восстановления') RETURNING id`)).rows;
      expect(id).toBeGreaterThan(Math.max(...atPoint.messages!.map((row) => (JSON.parse(row) as { id: number }).id)));
    } finally {
      await reader.end();
    }
    // every scan the restored rows name, byte for byte as it was at the point
    const restoredScans = await filesUnder(restoredFiles);
    const named = atPoint
      .organization_documents!.map((row) => JSON.parse(row) as { file_path: string; file_sha256: string; props: string })
      .filter((d) => d.props !== 'в базе'); // the scan in the database came back with the table scan_chunks, compared above
    expect(Object.keys(restoredScans).sort()).toEqual(named.map((d) => d.file_path).sort());
    for (const document of named) expect(restoredScans[document.file_path]).toBe(document.file_sha256);

    // into a database that is not empty: refused unless told
    await expect(
      restoreBackup(archive, { databaseUrl: targetUrl, scanFiles: files(restoredFiles), force: false, knownMigrations: KNOWN, migrate: migrate(targetUrl) }),
    ).rejects.toThrow('повторите с --force');
  }, 120_000);

  it('refuses a damaged or truncated archive in verify and in restore, writing nothing', async () => {
    expect(existsSync(archive)).toBe(true);
    const size = statSync(archive).size;
    const flipped = path.join(work, 'flipped.certbackup');
    const bytes = readFileSync(archive);
    bytes[Math.floor(size / 2)] = bytes[Math.floor(size / 2)]! ^ 0x40;
    writeFileSync(flipped, bytes);
    const truncated = path.join(work, 'truncated.certbackup');
    writeFileSync(truncated, readFileSync(archive));
    truncateSync(truncated, size - 100);
    const empty = path.join(work, 'empty-files');
    for (const damaged of [flipped, truncated]) {
      await expect(verifyBackup(damaged)).rejects.toBeInstanceOf(ArchiveDamagedError);
      await expect(verifyBackup(damaged)).rejects.toThrow(/^Архив повреждён или неполон: .*\. Ничего не восстановлено\.$/);
      await recreateDatabase(serverUrl, target);
      await expect(
        restoreBackup(damaged, { databaseUrl: targetUrl, scanFiles: files(empty), force: false, knownMigrations: KNOWN, migrate: migrate(targetUrl) }),
      ).rejects.toBeInstanceOf(ArchiveDamagedError);
      expect(await queryOnce(targetUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual([{ n: 0 }]);
      expect(existsSync(empty)).toBe(false);
    }
    await expect(verifyBackup(path.join(work, 'nope'))).rejects.toThrow('Файл архива не найден');
  });

  it('applies the migrations newer than the archive after restoring it', async () => {
    const older = `cert_test_backup_older_${process.env.VITEST_POOL_ID ?? '0'}`;
    const olderUrl = withDatabaseName(serverUrl, older);
    await recreateDatabase(serverUrl, older);
    try {
      await migrate(olderUrl)(KNOWN.length - 1);
      await queryOnce(olderUrl, `INSERT INTO organizations (full_name, inn) VALUES ('ООО "СТАРАЯ"', '7707083893')`);
      const oldArchive = path.join(work, 'older.certbackup');
      await createBackup(olderUrl, files(path.join(work, 'older-files')), oldArchive);
      expect((await verifyBackup(oldArchive)).migrations).toEqual(KNOWN.slice(0, -1));
      await recreateDatabase(serverUrl, target);
      const restored = await restoreBackup(oldArchive, {
        databaseUrl: targetUrl,
        scanFiles: files(path.join(work, 'older-restored')),
        force: false,
        knownMigrations: KNOWN,
        migrate: migrate(targetUrl),
      });
      expect(restored.newerMigrations).toBe(1);
      expect(await queryOnce(targetUrl, `SELECT full_name FROM organizations`)).toEqual([{ full_name: 'ООО "СТАРАЯ"' }]);
      expect(await queryOnce(targetUrl, `SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: KNOWN.length }]);
      // an archive of a schema this program does not know is refused
      await expect(
        restoreBackup(oldArchive, {
          databaseUrl: targetUrl,
          scanFiles: files(path.join(work, 'x')),
          force: true,
          knownMigrations: KNOWN.slice(0, 3),
          migrate: migrate(targetUrl),
        }),
      ).rejects.toThrow('Архив сделан другой версией реестра');
    } finally {
      await dropDatabase(serverUrl, older);
    }
  });
});
