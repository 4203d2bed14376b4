import { crc32, createDeflateRaw } from 'node:zlib';
import type { Writable } from 'node:stream';
import { writeWithBackpressure } from './drain.js';

/**
 * A ZIP archive written as a stream (no temporary files, no whole file in memory): each entry is deflated
 * on the fly and followed by a data descriptor (sizes are unknown up front), then the central directory.
 * Enough for XLSX; no ZIP64, so an entry must stay under 4 GB.
 */
export interface ZipEntryWriter {
  write(chunk: string | Buffer): Promise<void>;
  end(): Promise<void>;
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1; // a fixed date keeps archives reproducible

export class ZipStream {
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(private readonly out: Writable) {}

  private async put(buffer: Buffer): Promise<void> {
    this.offset += buffer.length;
    await writeWithBackpressure(this.out, buffer);
  }

  /** Adds an entry whose content is written through the returned writer. */
  async entry(fileName: string): Promise<ZipEntryWriter> {
    const name = Buffer.from(fileName, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(name.length, 26);
    const offset = this.offset;
    await this.put(Buffer.concat([header, name]));

    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pending: Promise<void>[] = [];
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      pending.push(this.put(chunk));
    });
    const flushed = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    return {
      write: async (chunk) => {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        crc = crc32(buffer, crc);
        size += buffer.length;
        if (!deflate.write(buffer)) await new Promise((resolve) => deflate.once('drain', resolve));
        await Promise.all(pending.splice(0));
      },
      end: async () => {
        deflate.end();
        await flushed;
        await Promise.all(pending.splice(0));
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressed, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.put(descriptor);
        this.entries.push({ name, crc: crc >>> 0, compressed, size, offset });
      },
    };
  }

  async file(fileName: string, content: string): Promise<void> {
    const writer = await this.entry(fileName);
    await writer.write(content);
    await writer.end();
  }

  /** Writes the central directory; the caller ends the output stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0808, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt16LE(DOS_TIME, 12);
      record.writeUInt16LE(DOS_DATE, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
  }
}
