import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { SCAN_REMOVAL_LOCK } from '../documents/document.service.js';
import { UserInputError } from '../errors.js';
import { ArchiveDamagedError, ArchiveWriter, readArchive, type PartSummary } from './archive.js';

/**
 * `cert backup` / `cert backup verify` / `cert restore` (issue 27): the whole registry at one point in time, without
 * pg_dump (the embedded PostgreSQL ships none).
 *
 * - The point: one REPEATABLE READ transaction; every table is copied out of its snapshot (COPY … TO STDOUT), and so
 *   is the list of scans. A scan on disk is never rewritten (a new one gets a new name); an old one is deleted after
 *   the change that dropped it commits — and not while a backup that may still need it runs (removeScan,
 *   src/documents/document.service.ts): so every scan the snapshot names is on disk, and is checked against the
 *   SHA-256 its row records.
 * - The manifest: the program's migrations, rows, bytes and SHA-256 of each table and scan, sequences.
 * - The restore: the whole archive is checked first (nothing is written from a damaged one); then the schema is built
 *   up to the archive's migration, every table loaded in one transaction (counts checked against the manifest before
 *   the commit), scans written atomically, and the migrations newer than the archive applied.
 */
export const BACKUP_FORMAT = 1;

/**
 * Tables not backed up: logins in progress are not the registry's data; scans waiting for deletion are named by no
 * row, so they are not in the archive either; the panel's bundles come with each build.
 */
const SKIPPED_TABLES = new Set(['sessions', 'login_failures', 'scan_removals', 'panel_bundles']);

/**
 * The scans directory as the documents feature keeps it (its ScanStorage, src/documents/scan-storage.ts): a path
 * checked to stay inside it, the stored files listed, a scan received into a temporary file (checked, hashed, flushed).
 */
export interface ScanFiles {
  readonly root: string;
  absolutePath(relativePath: string): string;
  listStored(): Promise<string[]>;
  receive(source: AsyncIterable<Uint8Array>): Promise<{ tempPath: string; size: number; sha256: string }>;
  discard(scan: { tempPath: string; size: number; sha256: string }): Promise<void>;
  remove(relativePath: string): Promise<void>;
}

export interface Manifest {
  format: number;
  createdAt: string;
  /** The schema's migrations at the backup's point, in order. */
  migrations: string[];
  tables: Record<string, { rows: number } & PartSummary>;
  sequences: Record<string, { value: string; isCalled: boolean }>;
  scans: Record<string, PartSummary>;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  scans: number;
  scanBytes: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  await client.connect();
  return client;
}

/** Counts rows of COPY text (one line per row) while passing the chunks on. */
async function* countingLines(source: AsyncIterable<Buffer>, counter: { rows: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) counter.rows++;
    yield chunk;
  }
}

/** Writes a backup of the database (and the scans on disk) to `file`, atomically. */
export async function createBackup(
  databaseUrl: string,
  scanFiles: ScanFiles,
  file: string,
  options: { onSnapshot?: (snapshotId: string) => Promise<void> } = {},
): Promise<BackupSummary> {
  const target = path.resolve(file);
  const temporary = `${target}.${randomUUID()}.partial`;
  const client = await connect(databaseUrl, 'cert backup');
  const writer = await ArchiveWriter.create(temporary);
  try {
    await client.query(`SELECT pg_advisory_lock_shared(hashtextextended($1, 0))`, [SCAN_REMOVAL_LOCK]);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // the point in time, exported: another session may read the registry exactly as this backup sees it
    const [{ snapshot }] = (await client.query(`SELECT pg_export_snapshot() AS snapshot`)).rows;
    if (options.onSnapshot) await options.onSnapshot(snapshot as string);
    const migrations = (await client.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name as string);
    // in the order a restore loads them: a referenced table before the tables that reference it
    const tables = await loadOrder(
      client,
      (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows
        .map((r) => r.tablename as string)
        .filter((t) => t !== 'migrations' && !SKIPPED_TABLES.has(t)),
    );
    const sequences: Manifest['sequences'] = {};
    for (const { name } of (await client.query(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public'`)).rows) {
      const [row] = (await client.query(`SELECT last_value::text AS value, is_called AS "isCalled" FROM ${quote(name)}`)).rows;
      sequences[name] = row;
    }
    const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables: {}, sequences, scans: {} };
    for (const table of tables) {
      const counter = { rows: 0 };
      const stream = client.query(copyTo(`COPY (SELECT * FROM ${quote(table)}) TO STDOUT`));
      const summary = await writer.part('table', table, countingLines(stream, counter));
      manifest.tables[table] = { rows: counter.rows, ...summary };
    }
    // the scans on disk (those in the database are rows of scan_chunks, copied with the tables)
    const scans = (
      await client.query(
        `SELECT DISTINCT file_path, file_sha256 FROM organization_documents d
          WHERE file_path IS NOT NULL ${tables.includes('scan_chunks') ? 'AND NOT EXISTS (SELECT 1 FROM scan_chunks c WHERE c.file_path = d.file_path AND c.seq = 0)' : ''}
          ORDER BY file_path`,
      )
    ).rows as { file_path: string; file_sha256: string | null }[];
    for (const scan of scans) {
      const summary = await writer
        .part('scan', scan.file_path, createReadStream(scanFiles.absolutePath(scan.file_path)))
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') {
            throw new UserInputError(`Скана нет на диске: ${scan.file_path} (FILES_DIR=${scanFiles.root}). Проверьте: cert files check. Копия не записана.`);
          }
          throw error;
        });
      if (scan.file_sha256 && summary.sha256 !== scan.file_sha256) {
        throw new UserInputError(`Скан ${scan.file_path} на диске не совпадает с записанной SHA-256. Проверьте: cert files check. Копия не записана.`);
      }
      manifest.scans[scan.file_path] = summary;
    }
    await client.query('COMMIT');
    await writer.finish(manifest);
    const handle = await open(temporary, 'r');
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
    const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
    const scanBytes = Object.values(manifest.scans).reduce((sum, s) => sum + s.bytes, 0);
    return { file: target, bytes: (await stat(target)).size, tables: tables.length, rows, scans: scans.length, scanBytes };
  } catch (error) {
    writer.abort();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Reads the whole archive, checking every part against the manifest; with `onPart`, each part is also handed over
 * (the restore's second pass). Returns the manifest.
 */
export async function verifyBackup(
  file: string,
  onPart?: (part: { kind: 'table' | 'scan'; name: string; chunks: AsyncIterable<Buffer> }) => Promise<void>,
): Promise<Manifest> {
  const seen = new Map<string, PartSummary>();
  let manifestText = '';
  for await (const part of readArchive(file, (summary) => seen.set(`${summary.kind}:${summary.name}`, summary))) {
    if (part.kind === 'manifest') {
      for await (const chunk of part.chunks) {
        manifestText += chunk.toString('utf8');
        if (manifestText.length > 64 * 1024 * 1024) throw new ArchiveDamagedError('Архив повреждён: опись слишком велика. Ничего не восстановлено.');
      }
    } else if (onPart) await onPart({ kind: part.kind, name: part.name, chunks: part.chunks });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw new ArchiveDamagedError('Архив повреждён: опись не читается. Ничего не восстановлено.');
  }
  if (manifest.format !== BACKUP_FORMAT) {
    throw new ArchiveDamagedError(`Архив другого формата (${String(manifest.format)}), этот реестр читает формат ${BACKUP_FORMAT}.`);
  }
  const expected = [
    ...Object.entries(manifest.tables).map(([name, t]) => [`table:${name}`, t] as const),
    ...Object.entries(manifest.scans).map(([name, s]) => [`scan:${name}`, s] as const),
  ];
  for (const [key, summary] of expected) {
    const found = seen.get(key);
    if (!found) throw new ArchiveDamagedError(`Архив неполон: нет части «${key.split(':').slice(1).join(':')}». Ничего не восстановлено.`);
    if (found.sha256 !== summary.sha256 || found.bytes !== summary.bytes) {
      throw new ArchiveDamagedError(`Архив повреждён: часть «${key.split(':').slice(1).join(':')}» не совпадает с описью. Ничего не восстановлено.`);
    }
  }
  if (seen.size !== expected.length + 1) throw new ArchiveDamagedError('Архив повреждён: в нём есть части, которых нет в описи. Ничего не восстановлено.');
  return manifest;
}

export interface RestoreOptions {
  databaseUrl: string;
  /** Where the scans go (received with no size limit: the archive's are the registry's own). */
  scanFiles: ScanFiles;
  /** Replace a database (and files directory) that is not empty. */
  force: boolean;
  /** The program's migrations, in order. */
  knownMigrations: string[];
  /** Builds the schema with the first `count` migrations, or all of them with no argument. */
  migrate: (count?: number) => Promise<void>;
}

export interface RestoreSummary {
  manifest: Manifest;
  rows: number;
  scans: number;
  /** Migrations newer than the archive, applied after it. */
  newerMigrations: number;
}

/** Tables in an order that puts every referenced table before the tables that reference it (the schema has no cycles). */
async function loadOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const edges = (
    await client.query(
      `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid`,
    )
  ).rows as { child: string; parent: string }[];
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    visiting.add(table);
    for (const edge of edges) if (edge.child === table && tables.includes(edge.parent)) visit(edge.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** Restores an archive into an empty database and files directory (or, with `force`, over what is there). */
export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreSummary> {
  // first the whole archive is checked: nothing is written from a damaged one
  const manifest = await verifyBackup(file);
  if (manifest.migrations.some((name, i) => options.knownMigrations[i] !== name)) {
    throw new UserInputError(
      `Архив сделан другой версией реестра (его схема: ${manifest.migrations.at(-1) ?? 'пустая'}); эта версия не знает её миграций. Восстановите той версией, что сделала копию, или новее. Ничего не изменено.`,
    );
  }
  const client = await connect(options.databaseUrl, 'cert restore');
  const written: string[] = [];
  try {
    const [{ tables }] = (await client.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`)).rows;
    const { scanFiles } = options;
    const storedFiles = await scanFiles.listStored();
    if (!options.force && (tables > 0 || storedFiles.length > 0)) {
      throw new UserInputError(
        `База данных или каталог сканов не пусты (таблиц: ${tables}, файлов: ${storedFiles.length}). Восстановление заменило бы их: если так и нужно, повторите с --force. Ничего не изменено.`,
      );
    }
    if (options.force) {
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      for (const stored of storedFiles) await scanFiles.remove(stored);
    }
    await options.migrate(manifest.migrations.length);

    const known = new Set((await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string));
    for (const table of Object.keys(manifest.tables)) {
      if (!known.has(table)) throw new ArchiveDamagedError(`В архиве таблица «${table}», которой нет в схеме его версии. Ничего не восстановлено.`);
    }
    const order = await loadOrder(client, Object.keys(manifest.tables));
    await client.query('BEGIN');
    // the rows as they were: no history entries, no search words made again, no counters moved (they are restored)
    for (const table of order) await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${order.map(quote).join(', ')}`);
    const loadedTables = new Set<string>();
    const copyIn = async (table: string, chunks: AsyncIterable<Buffer> | Buffer[]) => {
      const stream = client.query(copyFrom(`COPY ${quote(table)} FROM STDIN`));
      const finished = new Promise<void>((resolve, reject) => {
        stream.on('finish', () => resolve());
        stream.on('error', reject);
      });
      for await (const chunk of chunks) if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      stream.end();
      await finished;
      loadedTables.add(table);
    };
    // an archive written by this program lists parents first; one that does not waits in memory for its parents
    const pending = new Map<string, Buffer[]>();
    const ready = (table: string) => order.slice(0, order.indexOf(table)).every((t) => loadedTables.has(t) || !manifest.tables[t]);
    // the scans are received beside their place (checked, hashed, flushed), compared with the manifest and renamed
    // into place: none is ever half-written
    let scans = 0;
    await verifyBackup(file, async (part) => {
      if (part.kind === 'scan') {
        let target: string;
        try {
          target = scanFiles.absolutePath(part.name);
        } catch {
          throw new ArchiveDamagedError(`Архив повреждён: путь скана «${part.name}».`);
        }
        const received = await scanFiles.receive(part.chunks).catch((error: unknown) => {
          throw error instanceof UserInputError ? new ArchiveDamagedError(`Архив: скан «${part.name}» не принят: ${error.userMessage}`) : error;
        });
        if (received.sha256 !== manifest.scans[part.name]?.sha256) {
          await scanFiles.discard(received);
          throw new ArchiveDamagedError(`Архив повреждён: скан «${part.name}» не совпадает с описью.`);
        }
        await mkdir(path.dirname(target), { recursive: true });
        await rename(received.tempPath, target);
        written.push(target);
        scans++;
        return;
      }
      if (!ready(part.name)) {
        const buffered: Buffer[] = [];
        for await (const chunk of part.chunks) buffered.push(chunk);
        pending.set(part.name, buffered);
        return;
      }
      await copyIn(part.name, part.chunks);
      for (const [waiting, buffered] of pending) {
        if (ready(waiting)) {
          pending.delete(waiting);
          await copyIn(waiting, buffered);
        }
      }
    });
    if (pending.size) throw new ArchiveDamagedError(`Архив повреждён: таблицы ${[...pending.keys()].join(', ')} без таблиц, на которые они ссылаются.`);
    for (const [name, sequence] of Object.entries(manifest.sequences)) {
      await client.query(`SELECT setval($1, $2::bigint, $3)`, [quote(name), sequence.value, sequence.isCalled]);
    }
    let rows = 0;
    for (const [table, summary] of Object.entries(manifest.tables)) {
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM ${quote(table)}`)).rows;
      if (n !== summary.rows) throw new ArchiveDamagedError(`Таблица «${table}»: восстановлено строк ${n}, в описи ${summary.rows}. Ничего не восстановлено.`);
      rows += n;
    }
    for (const table of order) await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    const before = manifest.migrations.length;
    await options.migrate();
    const [{ n: after }] = (await client.query(`SELECT count(*)::int AS n FROM migrations`)).rows;
    return { manifest, rows, scans, newerMigrations: after - before };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    for (const target of written) await rm(target, { force: true }); // the scans of a restore that did not happen
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
