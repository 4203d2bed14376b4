import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { documentLetterText, type AttachmentFields } from '../domain/document-attachment.js';
import { DomainValidationError, RecordNotFoundError } from '../errors.js';
import type { ReceivedScan, ScanStorage } from './scan-storage.js';
import { CHUNK_BYTES, writeScanChunks } from './scan-database.js';
import { Message } from '../../entities/message.entity.js';
import { OrganizationDocument } from '../../entities/organization-document.entity.js';
import { assertWritable } from '../engine/admin/adapter/write-checks.js';

/** Organizations' documents and their scans: attach (upsert), list, delete, and the disk-vs-database check. */

export interface AttachResult {
  documentId: number;
  created: boolean;
  letterId: number | null;
  /** The scan this attachment replaced (already deleted from disk). */
  replacedScan: boolean;
}

export interface OrganizationDocumentRow {
  id: number;
  documentTypeId: number;
  documentType: string;
  dateApproved: string | null;
  props: string | null;
  comment: string | null;
  hasScan: boolean;
  fileSize: number | null;
  updatedAt: string;
}

/**
 * Attaches a document of a type to an organization, or updates the one it has (one per type). With a scan,
 * the scan is moved into place inside the transaction; the old scan is deleted only after the commit, and the
 * new one is deleted if the transaction fails. Without a scan, an existing scan is kept (no placeholder).
 * An incoming letter "о направлении документа «…»" is created when any of its fields is given.
 */
export async function attachDocument(
  dataSource: DataSource,
  storage: ScanStorage,
  organizationId: number,
  fields: AttachmentFields,
  scan: ReceivedScan | null,
): Promise<AttachResult> {
  let placed: string | null = null;
  try {
    const outcome = await dataSource.transaction(async (manager) => {
      const [organization] = await manager.query(`SELECT id, uuid FROM organizations WHERE id = $1 FOR UPDATE`, [organizationId]);
      if (!organization) throw new RecordNotFoundError('Организация не найдена — возможно, ссылка устарела.');
      const [type] = await manager.query(`SELECT id, name FROM org_adm_docs WHERE id = $1`, [fields.orgAdmDocId]);
      if (!type) throw new DomainValidationError({ orgAdmDocId: 'Такого вида документа нет в справочнике — выберите вид из списка' });

      // the write checks every write path shares (types, lengths, references), before the scan is placed
      await assertWritable(
        manager,
        OrganizationDocument,
        { organizationId, orgAdmDocId: fields.orgAdmDocId, dateApproved: fields.dateApproved, props: fields.props, comment: fields.comment },
        true,
      );
      if (fields.letter) {
        const { ourNumber, ourDate, theirNumber, theirDate } = fields.letter;
        await assertWritable(
          manager,
          Message,
          { direction: 'incoming', ourNumber, ourDate, theirNumber, theirDate, information: documentLetterText(type.name) },
          true,
        );
      }
      if (scan && storage.target === 'database') {
        // the bytes in this very transaction: the document and its scan commit together or not at all
        placed = storage.newPath(organization.uuid);
        await writeScanChunks(manager, placed, createReadStream(scan.tempPath, { highWaterMark: CHUNK_BYTES }));
      } else if (scan) {
        placed = await storage.place(scan, organization.uuid);
      }
      const [previous] = await manager.query(`SELECT id, file_path FROM organization_documents WHERE organization_id = $1 AND org_adm_doc_id = $2 FOR UPDATE`, [
        organizationId,
        fields.orgAdmDocId,
      ]);
      const [saved] = await manager.query(
        `INSERT INTO organization_documents (organization_id, org_adm_doc_id, date_approved, props, comment, file_path, file_size, file_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (organization_id, org_adm_doc_id) DO UPDATE SET
           date_approved = EXCLUDED.date_approved, props = EXCLUDED.props, comment = EXCLUDED.comment,
           file_path = coalesce(EXCLUDED.file_path, organization_documents.file_path),
           file_size = CASE WHEN EXCLUDED.file_path IS NULL THEN organization_documents.file_size ELSE EXCLUDED.file_size END,
           file_sha256 = CASE WHEN EXCLUDED.file_path IS NULL THEN organization_documents.file_sha256 ELSE EXCLUDED.file_sha256 END,
           updated_at = now()
         RETURNING id`,
        [organizationId, fields.orgAdmDocId, fields.dateApproved, fields.props, fields.comment, placed, scan?.size ?? null, scan?.sha256 ?? null],
      );

      let letterId: number | null = null;
      if (fields.letter) {
        const [letter] = await manager.query(
          `INSERT INTO messages (direction, our_number, our_date, their_number, their_date, information)
           VALUES ('incoming', $1, $2, $3, $4, $5) RETURNING id`,
          [fields.letter.ourNumber, fields.letter.ourDate, fields.letter.theirNumber, fields.letter.theirDate, documentLetterText(type.name)],
        );
        letterId = letter.id;
        await manager.query(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [letterId, organizationId]);
      }
      if (fields.isAgreement) {
        await manager.query(`UPDATE organizations SET date_agreement = $2, updated_at = now() WHERE id = $1`, [organizationId, fields.dateApproved]);
      }
      const oldScan: string | null = previous?.file_path ?? null;
      return { documentId: saved.id as number, created: !previous, letterId, oldScan: placed && oldScan !== placed ? oldScan : null };
    });
    if (scan && storage.target === 'database') await storage.discard(scan);
    // an old scan in the database went with the change (migration ScansInDatabase); one on disk goes now
    if (outcome.oldScan) await removeScan(dataSource, storage, outcome.oldScan);
    return { documentId: outcome.documentId, created: outcome.created, letterId: outcome.letterId, replacedScan: outcome.oldScan !== null };
  } catch (error) {
    if (placed && storage.target === 'disk') await storage.remove(placed);
    if (scan && storage.target === 'database') await storage.discard(scan);
    throw error;
  }
}

/** Deletes a document and then its scan. Returns false when there was no such document. */
export async function deleteDocument(dataSource: DataSource, storage: ScanStorage, documentId: number): Promise<boolean> {
  // TypeORM answers a DELETE … RETURNING with [rows, rowCount]; a transaction of its own names the author in the
  // change history (src/engine/db/actor.ts)
  const [rows] = (await dataSource.transaction((manager) =>
    manager.query(`DELETE FROM organization_documents WHERE id = $1 RETURNING file_path`, [documentId]),
  )) as [{ file_path: string | null }[], number];
  const row = rows[0];
  if (!row) return false;
  if (row.file_path) await removeScan(dataSource, storage, row.file_path);
  return true;
}

/** The key a backup holds (shared) while it reads scans; see src/backup/backup.service.ts. */
export const SCAN_REMOVAL_LOCK = 'cert scans removal';

/**
 * Deletes a scan that a committed change no longer names — unless a backup is running: its snapshot may predate the
 * change and name the scan. Then the scan is listed in scan_removals, to be deleted when no backup runs (by the
 * backup's end or by the next deletion). A backup that starts after the lock was free takes its snapshot after the
 * change, so it does not need the scan.
 */
export async function removeScan(dataSource: DataSource, storage: ScanStorage, relativePath: string): Promise<void> {
  const removable = await dataSource.transaction((manager) => takeRemovableScans(manager, relativePath));
  for (const file of removable) await storage.remove(file);
}

/** Deletes the scans that waited for a backup, if none runs now and no row names them again. */
export async function removeWaitingScans(dataSource: DataSource, remove: (relativePath: string) => Promise<void>): Promise<number> {
  const removable = await dataSource.transaction((manager) => takeRemovableScans(manager));
  for (const file of removable) await remove(file);
  return removable.length;
}

/**
 * The scans that may go now: none while a backup runs (then `dropped` waits in scan_removals); otherwise `dropped`
 * and those that waited and no row names again (taken off the list).
 */
async function takeRemovableScans(manager: EntityManager, dropped?: string): Promise<string[]> {
  const [row] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS free`, [SCAN_REMOVAL_LOCK]);
  if (!row.free) {
    if (dropped) await manager.query(`INSERT INTO scan_removals (file_path) VALUES ($1) ON CONFLICT DO NOTHING`, [dropped]);
    return [];
  }
  const waiting: { file_path: string }[] = await manager.query(
    `WITH gone AS (DELETE FROM scan_removals s WHERE NOT EXISTS (SELECT 1 FROM organization_documents d WHERE d.file_path = s.file_path) RETURNING file_path)
     SELECT file_path FROM gone`,
  );
  return [...(dropped ? [dropped] : []), ...waiting.map((w) => w.file_path)];
}

export async function listOrganizationDocuments(manager: EntityManager, organizationId: number): Promise<OrganizationDocumentRow[]> {
  const rows: {
    id: number;
    type_id: number;
    name: string;
    date_approved: string | null;
    props: string | null;
    comment: string | null;
    file_path: string | null;
    file_size: string | null;
    updated_at: Date;
  }[] = await manager.query(
    `SELECT d.id, t.id AS type_id, t.name, d.date_approved, d.props, d.comment, d.file_path, d.file_size, d.updated_at
     FROM organization_documents d JOIN org_adm_docs t ON t.id = d.org_adm_doc_id
     WHERE d.organization_id = $1 ORDER BY d.date_approved DESC NULLS LAST, t.name`,
    [organizationId],
  );
  return rows.map((row) => ({
    id: row.id,
    documentTypeId: row.type_id,
    documentType: row.name,
    dateApproved: row.date_approved,
    props: row.props,
    comment: row.comment,
    hasScan: row.file_path !== null,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    updatedAt: row.updated_at.toISOString(),
  }));
}

export interface ScanForDownload {
  absolutePath: string;
  /** The path its document names; the bytes are in the database when `inDatabase`. */
  filePath: string;
  inDatabase: boolean;
  size: number;
  sha256: string | null;
  date: string | null;
  organizationName: string;
  documentType: string;
}

export async function findScan(manager: EntityManager, storage: ScanStorage, documentId: number): Promise<ScanForDownload | null> {
  const [row] = await manager.query(
    `SELECT d.file_path, d.file_size, d.file_sha256, d.date_approved, coalesce(o.short_name, o.full_name) AS organization_name, t.name AS document_type,
            EXISTS (SELECT 1 FROM scan_chunks c WHERE c.file_path = d.file_path AND c.seq = 0) AS in_database
     FROM organization_documents d JOIN organizations o ON o.id = d.organization_id JOIN org_adm_docs t ON t.id = d.org_adm_doc_id
     WHERE d.id = $1 AND d.file_path IS NOT NULL`,
    [documentId],
  );
  if (!row) return null;
  return {
    absolutePath: storage.absolutePath(row.file_path),
    filePath: row.file_path,
    inDatabase: row.in_database,
    size: Number(row.file_size),
    sha256: row.file_sha256,
    date: row.date_approved,
    organizationName: row.organization_name,
    documentType: row.document_type,
  };
}

export interface FilesCheckReport {
  scansOnDisk: number;
  /** Scans kept in PostgreSQL (FILES_STORAGE=database). */
  scansInDatabase: number;
  documentsWithScan: number;
  /** Files under FILES_DIR that no document points to. */
  orphanFiles: string[];
  /** Documents whose scan is neither on disk nor in the database, or has another size than recorded. */
  missingFiles: { documentId: number; organizationId: number; filePath: string; problem: 'missing' | 'size' }[];
}

export async function checkFiles(manager: EntityManager, storage: ScanStorage): Promise<FilesCheckReport> {
  const onDisk = await storage.listStored();
  const rows: { id: number; organization_id: number; file_path: string; file_size: string | null; stored_bytes: string | null }[] = await manager.query(
    `SELECT d.id, d.organization_id, d.file_path, d.file_size,
            (SELECT sum(octet_length(c.data)) FROM scan_chunks c WHERE c.file_path = d.file_path) AS stored_bytes
       FROM organization_documents d WHERE d.file_path IS NOT NULL ORDER BY d.id`,
  );
  const referenced = new Set(rows.map((row) => row.file_path));
  const missingFiles: FilesCheckReport['missingFiles'] = [];
  let scansInDatabase = 0;
  for (const row of rows) {
    const problem = (size: number | null): 'missing' | 'size' | null =>
      size === null ? 'missing' : row.file_size !== null && size !== Number(row.file_size) ? 'size' : null;
    let found: 'missing' | 'size' | null;
    if (row.stored_bytes !== null) {
      scansInDatabase++;
      found = problem(Number(row.stored_bytes));
    } else {
      found = problem((await stat(storage.absolutePath(row.file_path)).catch(() => null))?.size ?? null);
    }
    if (found) missingFiles.push({ documentId: row.id, organizationId: row.organization_id, filePath: row.file_path, problem: found });
  }
  return {
    scansOnDisk: onDisk.length,
    scansInDatabase,
    documentsWithScan: rows.length,
    orphanFiles: onDisk.filter((file) => !referenced.has(file)),
    missingFiles,
  };
}
