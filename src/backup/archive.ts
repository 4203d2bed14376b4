import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { UserInputError } from '../errors.js';

/**
 * The backup archive (issue 27): one gzip stream of parts, each a header line and its bytes in chunks, then the
 * manifest and a trailer with the manifest's SHA-256:
 *
 *   CERT-BACKUP 1\n
 *   {"kind":"table","name":"organizations"}\n  [u32 length][bytes] … [u32 0]
 *   {"kind":"scan","name":"AB/<uuid>/<uuid>.pdf"}\n  [u32 length][bytes] … [u32 0]
 *   {"kind":"manifest","name":"manifest.json"}\n  [u32 length][bytes] … [u32 0]
 *   END <sha256 of the manifest>\n
 *
 * Chunks let a part of any size stream through without knowing its size first (a table's COPY, a 20 MB scan); the
 * manifest lists every part with its size and SHA-256, so a reader trusts nothing it has not checked. No framework
 * imports: the file format only.
 */
export const MAGIC = 'CERT-BACKUP 1\n';
export type PartKind = 'table' | 'scan' | 'manifest';

export interface PartSummary {
  bytes: number;
  sha256: string;
}

/** The archive cannot be trusted: damaged, truncated, or not an archive of this registry. Russian, for the operator. */
export class ArchiveDamagedError extends UserInputError {}

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};

/** Writes an archive to `file` (created anew; the caller renames it into place once `finish` has resolved). */
export class ArchiveWriter {
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly done: Promise<unknown>;

  constructor(file: string) {
    this.gzip = createGzip({ level: 1 }); // the fastest: a scan (PDF) does not compress, and the tables' text does at any level
    this.out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.gzip.pipe(this.out);
    this.done = once(this.out, 'close');
    // a failure of either stream surfaces in the next write or in finish
    this.out.on('error', (error) => this.gzip.destroy(error));
  }

  private async write(bytes: Buffer): Promise<void> {
    if (this.gzip.destroyed) throw this.gzip.errored ?? new Error('archive stream closed');
    if (!this.gzip.write(bytes)) await once(this.gzip, 'drain');
  }

  static async create(file: string): Promise<ArchiveWriter> {
    const writer = new ArchiveWriter(file);
    await writer.write(Buffer.from(MAGIC));
    return writer;
  }

  /** Writes one part from a stream of chunks; returns its size and SHA-256. */
  async part(kind: PartKind, name: string, chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer>): Promise<PartSummary> {
    await this.write(Buffer.from(`${JSON.stringify({ kind, name })}\n`));
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of chunks) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (buffer.length === 0) continue;
      hash.update(buffer);
      bytes += buffer.length;
      await this.write(u32(buffer.length));
      await this.write(buffer);
    }
    await this.write(u32(0));
    return { bytes, sha256: hash.digest('hex') };
  }

  /** The manifest, the trailer, and the file flushed to disk. */
  async finish(manifest: unknown): Promise<void> {
    const text = Buffer.from(JSON.stringify(manifest, null, 1));
    const { sha256 } = await this.part('manifest', 'manifest.json', [text]);
    await this.write(Buffer.from(`END ${sha256}\n`));
    this.gzip.end();
    await this.done;
  }

  /** Stops writing (the caller deletes the file). */
  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
  }
}

/** Reads exactly the bytes asked for from a stream of buffers. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly source: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.source = stream[Symbol.asyncIterator]();
  }

  async read(length: number): Promise<Buffer | null> {
    while (this.buffer.length < length) {
      const next = await this.source.next();
      if (next.done) return null;
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    }
    const out = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return out;
  }

  async line(limit = 4096): Promise<string | null> {
    for (;;) {
      const end = this.buffer.indexOf(0x0a);
      if (end >= 0) {
        const text = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 1);
        return text;
      }
      if (this.buffer.length > limit) return null;
      const next = await this.source.next();
      if (next.done) return null;
      this.buffer = Buffer.concat([this.buffer, next.value]);
    }
  }

  async atEnd(): Promise<boolean> {
    if (this.buffer.length) return false;
    const next = await this.source.next();
    if (next.done) return true;
    this.buffer = next.value;
    return this.buffer.length === 0 ? this.atEnd() : false;
  }
}

const damaged = (what: string) => new ArchiveDamagedError(`Архив повреждён или неполон: ${what}. Ничего не восстановлено.`);

/** One part as it is read: its header and its bytes, chunk by chunk (to be consumed before the next part). */
export interface ArchivePart {
  kind: PartKind;
  name: string;
  chunks: AsyncIterable<Buffer>;
}

/**
 * Reads an archive part by part. Each part's bytes are hashed as they are read; `onPartEnd` gets its summary. The
 * manifest part is read whole and its hash checked against the trailer; damage of any kind (gzip, framing, trailer)
 * is an ArchiveDamagedError.
 */
export async function* readArchive(file: string, onPartEnd: (part: { kind: PartKind; name: string } & PartSummary) => void): AsyncGenerator<ArchivePart> {
  const input = createReadStream(file);
  const gunzip = input.pipe(createGunzip());
  input.on('error', (error) => gunzip.destroy(error)); // a missing or unreadable file ends the reading, not the process
  const reader = new ByteReader(
    (async function* () {
      try {
        for await (const chunk of gunzip) yield chunk as Buffer;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new ArchiveDamagedError(`Файл архива не найден: ${file}.`);
        throw damaged(code === 'Z_BUF_ERROR' ? 'файл обрывается' : 'сжатые данные испорчены');
      }
    })(),
  );
  const magic = await reader.read(MAGIC.length);
  if (!magic || magic.toString('utf8') !== MAGIC) {
    throw new ArchiveDamagedError('Это не архив реестра (cert backup): нет его заголовка. Ничего не восстановлено.');
  }
  let manifestSha: string | null = null;
  for (;;) {
    const header = await reader.line();
    if (header === null) throw damaged('нет завершающей записи');
    if (header.startsWith('END ')) {
      if (manifestSha === null || header.slice(4) !== manifestSha) throw damaged('контрольная сумма описи не сходится');
      if (!(await reader.atEnd())) throw damaged('после завершающей записи есть лишние данные');
      return;
    }
    let parsed: { kind?: unknown; name?: unknown };
    try {
      parsed = JSON.parse(header) as { kind?: unknown; name?: unknown };
    } catch {
      throw damaged('заголовок части не читается');
    }
    const { kind, name } = parsed;
    if ((kind !== 'table' && kind !== 'scan' && kind !== 'manifest') || typeof name !== 'string') throw damaged('неизвестная часть');
    const hash = createHash('sha256');
    let bytes = 0;
    let finished = false;
    const chunks = (async function* () {
      for (;;) {
        const length = await reader.read(4);
        if (!length) throw damaged(`часть «${name}» обрывается`);
        const size = length.readUInt32BE();
        if (size === 0) break;
        if (size > 64 * 1024 * 1024) throw damaged(`часть «${name}»: неверная длина блока`);
        const chunk = await reader.read(size);
        if (!chunk) throw damaged(`часть «${name}» обрывается`);
        hash.update(chunk);
        bytes += size;
        yield chunk;
      }
      finished = true;
    })();
    yield { kind, name, chunks };
    if (!finished) for await (const _ of chunks) void _; // the consumer stopped early: skip the rest of the part
    const summary = { kind: kind as PartKind, name, bytes, sha256: hash.digest('hex') };
    if (kind === 'manifest') manifestSha = summary.sha256;
    onPartEnd(summary);
  }
}
