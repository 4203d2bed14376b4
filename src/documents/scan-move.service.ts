import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { removeScan } from './document.service.js';
import { CHUNK_BYTES, readScanChunks, scanInDatabase, writeScanChunks } from './scan-database.js';
import { ScanRejectedError, type ScanStorage } from './scan-storage.js';

export interface MoveSummary {
  moved: number;
  /** Already where they were asked to be (a rerun after an interruption). */
  alreadyThere: number;
  failed: { filePath: string; reason: string }[];
}

class MoveRefused extends Error {}

/**
 * `cert files move --to database|disk` (issue 27): every scan to one storage, one scan per transaction, each checked
 * by SHA-256 against its document's row before the other copy goes. The panel keeps working: a scan is read from
 * wherever it is at the moment (the database first), a document being changed waits for its scan's move (the rows
 * naming it are locked), and a run stopped at any point goes on where it stopped when started again.
 */
export async function moveScans(
  dataSource: DataSource,
  storage: ScanStorage,
  to: 'database' | 'disk',
  onScan?: (done: number, total: number) => void,
): Promise<MoveSummary> {
  const scans: { file_path: string }[] = await dataSource.query(
    to === 'database'
      ? `SELECT DISTINCT file_path FROM organization_documents WHERE file_path IS NOT NULL ORDER BY file_path`
      : `SELECT file_path FROM scan_chunks WHERE seq = 0 ORDER BY file_path`,
  );
  const summary: MoveSummary = { moved: 0, alreadyThere: 0, failed: [] };
  let done = 0;
  for (const { file_path: filePath } of scans) {
    try {
      const outcome = to === 'database' ? await toDatabase(dataSource, storage, filePath) : await toDisk(dataSource, storage, filePath);
      if (outcome === 'moved') summary.moved++;
      else summary.alreadyThere++;
    } catch (error) {
      if (!(error instanceof MoveRefused)) throw error;
      summary.failed.push({ filePath, reason: error.message });
    }
    onScan?.(++done, scans.length);
  }
  return summary;
}

/** The rows that name a scan, locked; their recorded SHA-256 (one, or none when no row names it any more). */
async function lockedSha(manager: EntityManager, filePath: string): Promise<{ named: boolean; sha256: string | null }> {
  const rows: { file_sha256: string | null }[] = await manager.query(`SELECT file_sha256 FROM organization_documents WHERE file_path = $1 FOR UPDATE`, [
    filePath,
  ]);
  return { named: rows.length > 0, sha256: rows.find((r) => r.file_sha256)?.file_sha256 ?? null };
}

async function toDatabase(dataSource: DataSource, storage: ScanStorage, filePath: string): Promise<'moved' | 'already'> {
  const onDisk = (await stat(storage.absolutePath(filePath)).catch(() => null)) !== null;
  if (await scanInDatabase(dataSource.manager, filePath)) {
    // an earlier run committed it and stopped before deleting the file
    if (onDisk) await removeScan(dataSource, storage, filePath);
    return 'already';
  }
  if (!onDisk) throw new MoveRefused('файла нет на диске');
  const moved = await dataSource.transaction(async (manager) => {
    const { named, sha256 } = await lockedSha(manager, filePath);
    if (!named) return false; // the document changed meanwhile: nothing to move
    const written = await writeScanChunks(manager, filePath, createReadStream(storage.absolutePath(filePath), { highWaterMark: CHUNK_BYTES }));
    if (sha256 && written.sha256 !== sha256) throw new MoveRefused('SHA-256 файла не совпадает с записанной у документа — файл не перенесён');
    return true;
  });
  if (!moved) return 'already';
  await removeScan(dataSource, storage, filePath); // after the commit; kept while a backup may read it
  return 'moved';
}

async function toDisk(dataSource: DataSource, storage: ScanStorage, filePath: string): Promise<'moved' | 'already'> {
  const target = storage.absolutePath(filePath);
  const [row] = (await dataSource.query(`SELECT file_sha256 FROM organization_documents WHERE file_path = $1 AND file_sha256 IS NOT NULL LIMIT 1`, [
    filePath,
  ])) as { file_sha256: string }[];
  // received like an upload (checked, hashed, flushed), then renamed into the path the document names
  const received = await storage.receive(readScanChunks(dataSource, filePath)).catch((error: unknown) => {
    if (error instanceof ScanRejectedError) throw new MoveRefused(`скан в базе не принят: ${error.userMessage}`);
    throw error;
  });
  try {
    if (row && received.sha256 !== row.file_sha256) throw new MoveRefused('SHA-256 скана в базе не совпадает с записанной у документа — скан не перенесён');
    await mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    await rename(received.tempPath, target);
  } catch (error) {
    await storage.discard(received);
    throw error;
  }
  await dataSource.transaction(async (manager) => {
    await lockedSha(manager, filePath);
    await manager.query(`DELETE FROM scan_chunks WHERE file_path = $1`, [filePath]);
  });
  return 'moved';
}
