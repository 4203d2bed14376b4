import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/documents/document.service.js';
import { moveScans } from '../../src/documents/scan-move.service.js';
import { createScanStorage } from '../../src/documents/scan-storage.js';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { makePdf } from '../support/pdf.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 27, FILES_STORAGE=database: a scan's bytes go into PostgreSQL in the document's own transaction and come back
 * byte for byte; PostgreSQL refuses a scan no document names and drops a scan with the change that stops naming it;
 * `cert files move` takes every scan to the database and back, checking each by SHA-256, resumably.
 */
describe('scans in the database', () => {
  const db = useTestDatabase('scans_in_database');
  const filesDir = mkdtempSync(path.join(tmpdir(), 'cert-db-scans-'));
  const app = useTestApp(db, () => ({ FILES_DIR: filesDir, FILES_STORAGE: 'database' }));
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  const setUp = async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    const [{ id: organizationId }] = await q(`INSERT INTO organizations (full_name, inn) VALUES ('АО "СКАНЫ"', '7707083893') RETURNING id`);
    const [{ id: charter }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
    const [{ id: license }] = await q(`INSERT INTO org_adm_docs (name) VALUES ('Лицензия') RETURNING id`);
    return { organizationId: organizationId as number, charter: charter as number, license: license as number };
  };
  let ids: Awaited<ReturnType<typeof setUp>>;

  it('stores an upload in PostgreSQL with its document, serves it byte for byte, and drops it with the change that replaces it', async () => {
    ids = await setUp();
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const upload = (type: number, bytes: Buffer) =>
      clerk
        .post(`/admin/data/organizations/${ids.organizationId}/documents`)
        .field('orgAdmDocId', String(type))
        .field('dateApproved', '2025-03-01')
        .attach('scan', bytes, { filename: 'scan.pdf', contentType: 'application/pdf' });
    const first = makePdf(2_500_000, 'first');
    const created = await upload(ids.charter, first);
    expect(created.status).toBe(201);
    const [doc] = await q(`SELECT id, file_path, file_sha256, file_size FROM organization_documents`);
    expect(doc).toMatchObject({ file_sha256: sha(first), file_size: first.length });
    // three chunks of at most 1 MB, nothing on disk
    expect(await q(`SELECT seq, octet_length(data) AS bytes FROM scan_chunks WHERE file_path = $1 ORDER BY seq`, [doc.file_path])).toEqual([
      { seq: 0, bytes: 1048576 },
      { seq: 1, bytes: 1048576 },
      { seq: 2, bytes: first.length - 2 * 1048576 },
    ]);
    expect(existsSync(path.join(filesDir, doc.file_path))).toBe(false);
    const download = await clerk
      .get(`/admin/data/documents/${doc.id}/scan`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-length']).toBe(String(first.length));
    expect(Buffer.compare(download.body as Buffer, first)).toBe(0);

    // replaced: the old scan's chunks go in the same transaction
    const second = makePdf(300_000, 'second');
    expect((await upload(ids.charter, second)).status).toBe(200); // the document updated
    const [replaced] = await q(`SELECT file_path FROM organization_documents WHERE id = $1`, [doc.id]);
    expect(await q(`SELECT DISTINCT file_path FROM scan_chunks`)).toEqual([{ file_path: replaced.file_path }]);
    // deleted: its scan goes with it
    await q(`DELETE FROM organization_documents WHERE id = $1`, [doc.id]);
    expect(await q(`SELECT count(*)::int AS n FROM scan_chunks`)).toEqual([{ n: 0 }]);
  });

  it('PostgreSQL refuses a scan that no document names (at the commit)', async () => {
    await expect(
      db.dataSource.transaction((manager) => manager.query(`INSERT INTO scan_chunks (file_path, seq, data) VALUES ('AB/x/y.pdf', 0, '\\x25504446')`)),
    ).rejects.toThrow('scan AB/x/y.pdf is named by no document');
    expect(await q(`SELECT count(*)::int AS n FROM scan_chunks`)).toEqual([{ n: 0 }]);
  });

  it('cert files move: every scan to the database and back, each checked by SHA-256; a damaged one is named and left; a rerun goes on', async () => {
    const storage = createScanStorage(filesDir, 50 * 1024 * 1024, 'disk');
    const [{ uuid }] = await q(`SELECT uuid FROM organizations WHERE id = $1`, [ids.organizationId]);
    // two scans on disk, as the disk storage keeps them
    const scans = [makePdf(1_200_000, 'на диске 1'), makePdf(40_000, 'на диске 2')];
    const paths: string[] = [];
    for (const [i, bytes] of scans.entries()) {
      const relative = storage.newPath(uuid as string);
      mkdirSync(path.dirname(storage.absolutePath(relative)), { recursive: true });
      writeFileSync(storage.absolutePath(relative), bytes);
      paths.push(relative);
      await q(
        `INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved, file_path, file_sha256, file_size) VALUES ($1, $2, '2025-01-01', $3, $4, $5)
         ON CONFLICT (organization_id, org_adm_doc_id) DO UPDATE SET file_path = EXCLUDED.file_path, file_sha256 = EXCLUDED.file_sha256, file_size = EXCLUDED.file_size`,
        [ids.organizationId, i === 0 ? ids.charter : ids.license, relative, sha(bytes), bytes.length],
      );
    }
    // one of them damaged on disk (the same size, another byte)
    const damaged = Buffer.from(scans[1]!);
    damaged[100] = damaged[100]! ^ 1;
    writeFileSync(storage.absolutePath(paths[1]!), damaged);

    const toDatabase = await moveScans(db.dataSource, storage, 'database');
    expect(toDatabase.moved).toBe(1);
    expect(toDatabase.failed).toEqual([{ filePath: paths[1], reason: 'SHA-256 файла не совпадает с записанной у документа — файл не перенесён' }]);
    expect(existsSync(storage.absolutePath(paths[0]!))).toBe(false); // moved: the file went after the commit
    expect(existsSync(storage.absolutePath(paths[1]!))).toBe(true); // refused: left where it was
    expect(await q(`SELECT DISTINCT file_path FROM scan_chunks`)).toEqual([{ file_path: paths[0] }]);
    let report = await checkFiles(db.dataSource.manager, storage);
    expect(report).toMatchObject({ scansOnDisk: 1, scansInDatabase: 1, documentsWithScan: 2, orphanFiles: [], missingFiles: [] });

    // repaired, the rerun moves what is left and passes over what is there
    writeFileSync(storage.absolutePath(paths[1]!), scans[1]!);
    expect(await moveScans(db.dataSource, storage, 'database')).toEqual({ moved: 1, alreadyThere: 1, failed: [] });
    report = await checkFiles(db.dataSource.manager, storage);
    expect(report).toMatchObject({ scansOnDisk: 0, scansInDatabase: 2, missingFiles: [] });

    // and back to disk, byte for byte
    expect(await moveScans(db.dataSource, storage, 'disk')).toEqual({ moved: 2, alreadyThere: 0, failed: [] });
    for (const [i, relative] of paths.entries()) expect(sha(readFileSync(storage.absolutePath(relative)))).toBe(sha(scans[i]!));
    expect(await q(`SELECT count(*)::int AS n FROM scan_chunks`)).toEqual([{ n: 0 }]);
    expect(await checkFiles(db.dataSource.manager, storage)).toMatchObject({ scansOnDisk: 2, scansInDatabase: 0, missingFiles: [], orphanFiles: [] });
  });
});
