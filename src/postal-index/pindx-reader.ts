import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { DBFFile } from 'dbffile';
import { UserInputError } from '../errors.js';

/**
 * Opens a PIndx*.dbf file for streaming (dBase III, cp866) after checking it, so that a bad file is refused
 * with a Russian message before anything is written: missing, not a DBF, truncated, no INDEX column.
 */
export interface PindxFile {
  recordCount: number;
  /** The records in batches (one await per batch, not per record), deleted ones skipped. */
  batches(size: number): AsyncIterable<Record<string, unknown>[]>;
}

const DBF_VERSIONS = new Set([0x03, 0x83, 0x8b, 0xf5, 0x30, 0x31]);

export async function openPindx(file: string): Promise<PindxFile> {
  if (!existsSync(file)) throw new UserInputError(`Файл не найден: ${file}`);
  const size = statSync(file).size;
  if (!statSync(file).isFile()) throw new UserInputError(`Это не файл: ${file}`);
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
  return {
    recordCount: dbf.recordCount,
    async *batches(size: number) {
      for (;;) {
        const records = await dbf.readRecords(size);
        if (records.length === 0) return;
        yield records;
      }
    },
  };
}
