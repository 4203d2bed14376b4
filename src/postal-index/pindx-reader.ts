import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { DBFFile } from 'dbffile';
import type { RegionName } from '../domain/region-name.js';
import type { CopyTextStats } from './pindx-copy-text.js';
import { UserInputError } from '../errors.js';

/**
 * Checks a PIndx*.dbf file (dBase III, cp866) before anything is written, refusing a bad one with a Russian
 * message: missing, not a DBF, truncated, no INDEX column. Reading is readPindxSlices (below).
 */
export interface PindxFile {
  recordCount: number;
}

const DBF_VERSIONS = new Set([0x03, 0x83, 0x8b, 0xf5, 0x30, 0x31]);

export async function openPindx(file: string): Promise<PindxFile> {
  if (!existsSync(file)) throw new UserInputError(`Файл не найден: ${file}`);
  const stat = statSync(file);
  if (!stat.isFile()) throw new UserInputError(`Это не файл: ${file}`);
  const size = stat.size;
  const header = Buffer.alloc(32);
  const handle = await fs.open(file, 'r');
  try {
    await handle.read(header, 0, 32, 0);
  } finally {
    await handle.close();
  }
  const recordCount = header.readUInt32LE(4);
  const headerLength = header.readUInt16LE(8);
  const recordLength = header.readUInt16LE(10);
  const looksLikeDbf =
    size >= 32 && DBF_VERSIONS.has(header[0] ?? 0) && headerLength >= 33 && recordLength >= 1 && (headerLength - 33) % 32 <= 1;
  if (!looksLikeDbf) {
    throw new UserInputError(`Файл ${file} — не таблица DBF (ожидается справочник индексов Почты России PIndx*.dbf)`);
  }
  const expected = headerLength + recordCount * recordLength;
  if (size < expected) {
    throw new UserInputError(
      `Файл ${file} обрезан: по заголовку в нём ${recordCount} записей (${expected} байт), а размер файла ${size} байт. Скачайте файл заново.`,
    );
  }
  let dbf: DBFFile;
  try {
    dbf = await DBFFile.open(file, { encoding: 'cp866', readMode: 'loose' });
  } catch (error) {
    throw new UserInputError(`Не удалось прочитать таблицу DBF ${file}: ${(error as Error).message}`, { cause: error });
  }
  const names = dbf.fields.map((f) => f.name.toUpperCase());
  if (!names.includes('INDEX')) {
    throw new UserInputError(`В файле ${file} нет столбца INDEX (есть: ${names.join(', ') || 'ни одного'}) — это не справочник индексов PIndx.`);
  }
  return { recordCount: dbf.recordCount };
}

export interface CopyChunk {
  text: string;
  stats: CopyTextStats;
  /** Records of the file consumed (deleted ones included). */
  read: number;
}

/**
 * Decodes a checked PIndx file in `readers` worker threads, each a contiguous slice of records, and yields their
 * COPY text chunks as they come. A worker decodes its next chunk only once its previous one has been taken.
 */
export async function* readPindxSlices(job: {
  file: string;
  recordCount: number;
  readers: number;
  chunkRows: number;
  regions: RegionName[];
}): AsyncGenerator<CopyChunk> {
  const fromSource = import.meta.url.endsWith('.ts'); // under tsx/vitest the worker is TypeScript too
  const workerUrl = new URL(fromSource ? './pindx-worker.ts' : './pindx-worker.js', import.meta.url);
  const sliceSize = Math.ceil(job.recordCount / job.readers);
  type Message = { text: string; stats: CopyTextStats; read: number } | { done: true } | { error: string };
  const queue: { worker: Worker; message: Message }[] = [];
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  for (let i = 0; i < job.readers; i += 1) {
    const workerData = { file: job.file, start: i * sliceSize, end: Math.min(job.recordCount, (i + 1) * sliceSize), chunkRows: job.chunkRows, regions: job.regions };
    const worker = fromSource
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true, workerData })
      : new Worker(workerUrl, { workerData });
    worker.on('message', (message: Message) => {
      queue.push({ worker, message });
      wake?.();
    });
    worker.on('error', (error: Error) => {
      queue.push({ worker, message: { error: error.message } });
      wake?.();
    });
    workers.push(worker);
  }
  let active = workers.length;
  try {
    while (active > 0) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift();
      if (!item) continue;
      const { worker, message } = item;
      if ('error' in message) throw new UserInputError(`Ошибка чтения файла ${job.file}: ${message.error}`);
      if ('done' in message) {
        active -= 1;
        continue;
      }
      yield message;
      worker.postMessage('next');
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
