import { mkdtemp, readFile, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScanStorage, ScanRejectedError, type ScanStorage } from '../../src/documents/scan-storage.js';
import { makePdf, PNG_BYTES } from '../support/pdf.js';

const UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** A stream that gives `good` and then fails, as a connection that drops in the middle of an upload. */
function failingStream(good: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(good);
      } else {
        this.destroy(new Error('connection reset'));
      }
    },
  });
}

describe('scan storage', () => {
  let root: string;
  let storage: ScanStorage;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cert-scans-'));
    storage = createScanStorage(root, 1024 * 1024);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));
  const incoming = async () => readdir(path.join(root, '.incoming')).catch(() => []);

  it('stores a PDF under <XX>/<uuid>/ with a generated name, its size and SHA-256', async () => {
    const pdf = makePdf(50_000);
    const received = await storage.receive(Readable.from([pdf.subarray(0, 10), pdf.subarray(10)]));
    const stored = await storage.place(received, UUID);
    expect(stored).toMatch(/^3F\/3fa85f64-5717-4562-b3fc-2c963f66afa6\/[0-9a-f-]{36}\.pdf$/);
    expect(await readFile(storage.absolutePath(stored))).toEqual(pdf);
    expect(received.size).toBe(pdf.length);
    expect(received.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await incoming()).toEqual([]);
    expect(await storage.listStored()).toEqual([stored]);
  });

  it('a stream that fails midway leaves the old scan intact and no temporary file', async () => {
    const old = await storage.place(await storage.receive(Readable.from([makePdf(10_000, 'old')])), UUID);
    const before = await readFile(storage.absolutePath(old));
    await expect(storage.receive(failingStream(makePdf(200_000).subarray(0, 100_000)))).rejects.toThrow('connection reset');
    expect(await readFile(storage.absolutePath(old))).toEqual(before);
    expect(await incoming()).toEqual([]);
    expect(await storage.listStored()).toEqual([old]);
  });

  it.each([
    ['a PNG renamed .pdf', PNG_BYTES, 'not-pdf'],
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['a file over the limit', makePdf(1024 * 1024 + 1), 'too-large'],
    ['a cut-off PDF', makePdf(100_000).subarray(0, 50_000), 'not-pdf'],
  ])('refuses %s and keeps nothing', async (_name, bytes, reason) => {
    const error = await storage.receive(Readable.from([bytes])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanRejectedError);
    expect((error as ScanRejectedError).reason).toBe(reason);
    expect((error as ScanRejectedError).userMessage).toMatch(/PDF|МБ|пустой/);
    expect(await incoming()).toEqual([]);
    expect(await storage.listStored()).toEqual([]);
  });

  it('never resolves a path outside its root', () => {
    expect(() => storage.absolutePath('../etc/passwd')).toThrow();
    expect(() => storage.absolutePath('.incoming/x.part')).toThrow();
  });

  it('removes temporary files a crash left behind, but not fresh ones', async () => {
    await mkdir(path.join(root, '.incoming'), { recursive: true });
    await writeFile(path.join(root, '.incoming', 'old.part'), 'x');
    await writeFile(path.join(root, '.incoming', 'fresh.part'), 'x');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(root, '.incoming', 'old.part'), hourAgo, hourAgo);
    expect(await storage.cleanIncoming(3600_000)).toBe(1);
    expect(await incoming()).toEqual(['fresh.part']);
  });
});
