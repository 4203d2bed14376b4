import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Scans in PostgreSQL (FILES_STORAGE=database, migration ScansInDatabase): a scan is chunks of 1 MB in scan_chunks,
 * keyed by the path its document names. Written in the document's transaction, read chunk by chunk: never a whole
 * scan in memory.
 */
export const CHUNK_BYTES = 1024 * 1024;

/** Writes a scan's bytes as chunks (in the caller's transaction); returns their size and SHA-256. */
export async function writeScanChunks(
  manager: EntityManager,
  filePath: string,
  source: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer>,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (bytes: Buffer) => {
    await manager.query(`INSERT INTO scan_chunks (file_path, seq, data) VALUES ($1, $2, $3)`, [filePath, seq++, bytes]);
  };
  for await (const piece of source) {
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    hash.update(chunk);
    size += chunk.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const joined = Buffer.concat(pending);
      await flush(joined.subarray(0, CHUNK_BYTES));
      pending = [joined.subarray(CHUNK_BYTES)];
      pendingBytes = pending[0]!.length;
    }
  }
  if (pendingBytes > 0) await flush(Buffer.concat(pending));
  return { size, sha256: hash.digest('hex') };
}

/** A scan's bytes from the database, chunk by chunk (one query per chunk). */
export async function* readScanChunks(dataSource: DataSource, filePath: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const rows: { data: Buffer }[] = await dataSource.query(`SELECT data FROM scan_chunks WHERE file_path = $1 AND seq = $2`, [filePath, seq]);
    if (rows.length === 0) return;
    yield rows[0]!.data;
  }
}

/** Whether the scan of this path is kept in the database (else it is a file under FILES_DIR). */
export async function scanInDatabase(manager: EntityManager, filePath: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM scan_chunks WHERE file_path = $1 AND seq = 0`, [filePath]);
  return rows.length > 0;
}
