import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { DBFFile } from 'dbffile';
import { UserInputError } from '../errors.js';
import {
  codePageOfHeader,
  guessCyrillicEncoding,
  PINDX_ENCODINGS,
  pindxLayout,
  pindxRecordsIn,
  withoutControlCharacters,
  type PindxEncoding,
  type PindxLayout,
  type PindxRawRecord,
} from './pindx-records.js';

const DBF_VERSIONS = new Set([0x03, 0x83, 0x8b, 0xf5, 0x30, 0x31]);

/**
 * Checks a PIndx*.dbf file (dBase III, cp866) before anything is written, refusing a bad one with a Russian
 * message: missing, not a DBF, truncated, no INDEX column. dbffile reads the header and field descriptors;
 * the records are read by readPindxChunks (below).
 */
/** Bytes of records read to tell the file's encoding. */
const SNIFF_BYTES = 256 * 1024;

const ENCODING_NAMES = { cp866: 'cp866 (DOS)', cp1251: 'windows-1251', 'utf-8': 'UTF-8' } as const;

export async function openPindx(file: string, requestedEncoding?: PindxEncoding): Promise<PindxLayout> {
  if (!existsSync(file)) throw new UserInputError(`Файл не найден: ${file}`);
  const stat = statSync(file);
  if (!stat.isFile()) throw new UserInputError(`Это не файл: ${file}`);
  const size = stat.size;
  const header = Buffer.alloc(32);
  const handle = await fs.open(file, 'r');
  let sample: Buffer;
  try {
    await handle.read(header, 0, 32, 0);
    sample = Buffer.alloc(Math.min(SNIFF_BYTES, Math.max(0, size - 32)));
    const { bytesRead } = await handle.read(sample, 0, sample.length, Math.max(32, header.readUInt16LE(8)));
    sample = sample.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const recordCount = header.readUInt32LE(4);
  const headerLength = header.readUInt16LE(8);
  const recordLength = header.readUInt16LE(10);
  const looksLikeDbf = size >= 32 && DBF_VERSIONS.has(header[0] ?? 0) && headerLength >= 33 && recordLength >= 1 && (headerLength - 33) % 32 <= 1;
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
  const fieldsLength = dbf.fields.reduce((sum, field) => sum + field.size, 0);
  if (fieldsLength + 1 > recordLength) {
    throw new UserInputError(`Файл ${file} повреждён: поля занимают ${fieldsLength + 1} байт, а запись по заголовку — ${recordLength}.`);
  }
  return { ...pindxLayout({ headerLength, recordLength, recordCount }, dbf.fields), encoding: checkEncoding(file, header[29] ?? 0, sample, requestedEncoding) };
}

/**
 * Russian Post's PIndx is cp866. A file saved in another encoding would overwrite every name with mojibake and
 * lose the regions, so it is refused (nothing written) unless the encoding is asked for (`--encoding`): by the
 * header's code-page byte, and by the bytes of its Cyrillic text.
 */
function checkEncoding(file: string, codePageByte: number, sample: Uint8Array, requested: PindxEncoding | undefined): PindxEncoding {
  const guess = guessCyrillicEncoding(sample);
  if (guess === 'utf-8') {
    throw new UserInputError(
      `Файл ${file} записан в кодировке UTF-8, а справочник Почты России — в cp866: ничего не записано. Возьмите исходный файл Почты России (PIndx*.dbf из архива на её сайте).`,
    );
  }
  if (requested) return requested;
  const declared = codePageOfHeader(codePageByte);
  if (guess === 'cp1251' || (guess === 'unknown' && declared === 'cp1251')) {
    throw new UserInputError(
      `Файл ${file}, похоже, в кодировке ${ENCODING_NAMES.cp1251}${declared === 'cp1251' ? ' (так сказано и в его заголовке)' : ''}, а справочник Почты России — в cp866: ничего не записано. ` +
        'Если это так и задумано, повторите с --encoding cp1251.',
    );
  }
  return 'cp866';
}

/**
 * Reads a checked PIndx file block by block (`chunkRows` records at a time, one buffer reused: memory stays flat
 * whatever the file's size) and yields each block's records with the position of its first record in the file.
 */
export async function* readPindxChunks(file: string, layout: PindxLayout, chunkRows: number): AsyncGenerator<{ position: number; records: PindxRawRecord[] }> {
  const decoder = new TextDecoder(PINDX_ENCODINGS[layout.encoding ?? 'cp866']);
  const buffer = Buffer.alloc(chunkRows * layout.recordLength);
  const handle = await fs.open(file, 'r');
  try {
    for (let position = 0; position < layout.recordCount; position += chunkRows) {
      const count = Math.min(chunkRows, layout.recordCount - position);
      const bytes = count * layout.recordLength;
      const { bytesRead } = await handle.read(buffer, 0, bytes, layout.headerLength + position * layout.recordLength);
      if (bytesRead < bytes) throw new UserInputError(`Файл ${file} изменился или обрезан во время чтения (запись ${position + 1} из ${layout.recordCount}).`);
      yield { position, records: pindxRecordsIn(withoutControlCharacters(decoder.decode(buffer.subarray(0, bytes))), count, layout) };
    }
  } finally {
    await handle.close();
  }
}
