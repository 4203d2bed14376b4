import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { looksLikePdf } from '../domain/document-file.js';
import { UserInputError } from '../errors.js';
import { isProcessAlive } from '../engine/process-alive.js';

/**
 * Scans on disk under FILES_DIR: `<first two characters of the organization's uuid, upper case>/<uuid>/<random uuid>.pdf`
 * (the original's layout idea; no part of a name comes from user input). An upload is received into
 * FILES_DIR/.incoming (same file system), checked, fsynced and only then renamed into place, so a failure
 * never leaves a half-written scan, and a replaced scan stays until its successor is committed.
 */

export type ScanRejection = 'not-pdf' | 'too-large' | 'empty';

export class ScanRejectedError extends UserInputError {
  constructor(
    readonly reason: ScanRejection,
    userMessage: string,
  ) {
    super(userMessage);
  }
}

/** A checked upload waiting in FILES_DIR/.incoming; `discard()` is safe to call at any time. */
export interface ReceivedScan {
  tempPath: string;
  size: number;
  sha256: string;
}

export interface ScanStorage {
  readonly root: string;
  readonly maxBytes: number;
  /** Where new scans go (FILES_STORAGE): files under the root, or PostgreSQL (scan-database.ts). Both are read. */
  readonly target: 'disk' | 'database';
  /** A new scan's path for an organization (the same shape on disk and in the database). */
  newPath(organizationUuid: string, fileName?: string): string;
  /** Reads the stream into a temporary file; refuses (and deletes) anything that is not a PDF within the limit. */
  receive(source: Readable | AsyncIterable<Uint8Array>): Promise<ReceivedScan>;
  /**
   * Moves a received scan into the organization's directory; returns its path relative to the root. The name is random
   * unless given (the move-in names a scan after its old document and content, so that a rerun puts it at the same path).
   */
  place(scan: ReceivedScan, organizationUuid: string, fileName?: string): Promise<string>;
  discard(scan: ReceivedScan): Promise<void>;
  /** Deletes a stored scan (a missing file is not an error). */
  remove(relativePath: string): Promise<void>;
  absolutePath(relativePath: string): string;
  /** Every stored scan, relative to the root (temporary files excluded). */
  listStored(): Promise<string[]>;
  /**
   * Deletes temporary files left by a crash: those of this process (at start nothing of ours is in flight) and of
   * processes that are gone, at once; others' (another server on the same volume) only when older than
   * `olderThanMs`. Returns how many.
   */
  cleanIncoming(olderThanMs: number): Promise<number>;
}

const INCOMING = '.incoming';
const EDGE = 1024;
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function createScanStorage(root: string, maxBytes: number, target: 'disk' | 'database' = 'disk'): ScanStorage {
  const resolvedRoot = path.resolve(root);
  const incoming = path.join(resolvedRoot, INCOMING);

  const absolutePath = (relativePath: string) => {
    const absolute = path.resolve(resolvedRoot, relativePath);
    if (!absolute.startsWith(resolvedRoot + path.sep) || absolute.startsWith(incoming + path.sep)) {
      throw new Error(`scan path outside the files directory: ${relativePath}`);
    }
    return absolute;
  };

  const newPath = (organizationUuid: string, fileName?: string) => {
    if (!/^[0-9a-f-]{36}$/i.test(organizationUuid)) throw new Error(`not a uuid: ${organizationUuid}`);
    if (fileName !== undefined && !/^[0-9a-z-]{1,80}\.pdf$/.test(fileName)) throw new Error(`not a scan's file name: ${fileName}`);
    return `${organizationUuid.slice(0, 2).toUpperCase()}/${organizationUuid.toLowerCase()}/${fileName ?? `${randomUUID()}.pdf`}`;
  };

  return {
    root: resolvedRoot,
    maxBytes,
    target,
    absolutePath,

    async receive(source) {
      await mkdir(incoming, { recursive: true, mode: 0o700 }).catch(async (error: NodeJS.ErrnoException) => {
        // a recursive mkdir says ENOENT on a read-only volume: the plain one names the real cause (EROFS, EACCES)
        if (error.code === 'ENOENT' && (await stat(resolvedRoot).catch(() => null))?.isDirectory()) await mkdir(incoming, { mode: 0o700 });
        else throw error;
      });
      const tempPath = path.join(incoming, `${process.pid}-${randomUUID()}.part`);
      const handle = await open(tempPath, 'wx', 0o600);
      let closed = false;
      try {
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        let tail = Buffer.alloc(0);
        for await (const piece of source) {
          const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
          size += chunk.length;
          if (size > maxBytes) {
            throw new ScanRejectedError('too-large', `Файл скана больше ${megabytes(maxBytes)} МБ — загрузите файл не больше ${megabytes(maxBytes)} МБ.`);
          }
          hash.update(chunk);
          if (head.length < EDGE) head = Buffer.concat([head, chunk.subarray(0, EDGE - head.length)]);
          tail = Buffer.concat([tail, chunk]).subarray(-EDGE);
          await handle.write(chunk);
        }
        if (size === 0) throw new ScanRejectedError('empty', 'Файл скана пустой — выберите PDF-файл документа.');
        if (!looksLikePdf(head, tail)) {
          throw new ScanRejectedError(
            'not-pdf',
            'Файл скана не является документом PDF (проверяется содержимое, а не расширение) — загрузите скан в формате PDF.',
          );
        }
        await handle.sync();
        await handle.close();
        closed = true;
        return { tempPath, size, sha256: hash.digest('hex') };
      } catch (error) {
        if (!closed) await handle.close().catch(() => undefined);
        await rm(tempPath, { force: true });
        throw error;
      }
    },

    newPath,

    async place(scan, organizationUuid, fileName) {
      const relativePath = newPath(organizationUuid, fileName);
      const directory = path.dirname(absolutePath(relativePath));
      await mkdir(directory, { recursive: true, mode: 0o750 });
      await rename(scan.tempPath, absolutePath(relativePath));
      await fsyncDirectory(directory);
      return relativePath;
    },

    discard: (scan) => rm(scan.tempPath, { force: true }),

    async remove(relativePath) {
      await rm(absolutePath(relativePath), { force: true });
    },

    async listStored() {
      const found: string[] = [];
      const walk = async (relative: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(path.join(resolvedRoot, relative), { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        for (const entry of entries) {
          const child = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (child !== INCOMING) await walk(child);
          } else if (entry.isFile()) {
            found.push(child);
          }
        }
      };
      await walk('');
      return found.sort();
    },

    async cleanIncoming(olderThanMs) {
      let removed = 0;
      let names: string[];
      try {
        names = await readdir(incoming);
      } catch {
        return 0;
      }
      for (const name of names) {
        const file = path.join(incoming, name);
        const info = await stat(file).catch(() => null);
        const owner = Number(/^([0-9]+)-/.exec(name)?.[1] ?? 0);
        const abandoned = owner > 0 && (owner === process.pid || !isProcessAlive(owner));
        if (info && (abandoned || Date.now() - info.mtimeMs > olderThanMs)) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
