import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScanStorage } from '../../src/documents/scan-storage.js';
import type { App } from '../../src/app/app.js';
import { buildTestApp, createTestUser, loginAs } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { makePdf } from '../support/pdf.js';

/**
 * A scans volume that is full or cannot be written: every upload answers within seconds with a Russian message
 * (not Node's 300 s timeout), nothing is half-written and no temporary file stays.
 */
describe('uploads when the files volume fails', () => {
  const db = useTestDatabase('upload_failures');
  let organizationId: number;
  let typeId: number;
  beforeAll(async () => {
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    [{ id: organizationId }] = await db.dataSource.query(`INSERT INTO organizations (full_name) VALUES ('ООО "ДИСК"') RETURNING id`);
    [{ id: typeId }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
  });

  async function upload(app: App, bytes: Buffer) {
    const agent = await loginAs(app.app, 'clerk@cert.test');
    const started = Date.now();
    const response = await agent
      .post(`/admin/data/organizations/${organizationId}/documents`)
      .field('orgAdmDocId', String(typeId))
      .field('dateApproved', '2024-01-15')
      .attach('scan', bytes, { filename: 'scan.pdf', contentType: 'application/pdf' })
      .timeout(20_000)
      .catch((error: { response?: unknown }) => error.response ?? Promise.reject(error));
    return { response: response as { status: number; body: { message: string } }, ms: Date.now() - started };
  }

  const mountable = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = path.join(tmpdir(), `cert-mount-probe-${process.pid}`);
    spawnSync('mkdir', ['-p', probe]);
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    spawnSync('rmdir', [probe]);
    return ok;
  })();

  it('answers at once that the files directory cannot be used (a file stands where the directory should be), writing nothing', async () => {
    const holder = await mkdtemp(path.join(tmpdir(), 'cert-notdir-'));
    await writeFile(path.join(holder, 'files'), 'not a directory');
    const app = buildTestApp(db, { FILES_DIR: path.join(holder, 'files') });
    try {
      const { response, ms } = await upload(app, makePdf(300 * 1024));
      expect(ms).toBeLessThan(5000);
      expect(response.status).toBe(500);
      expect(response.body.message).toContain('не может записать файл в каталог сканов');
      expect(await db.dataSource.query('SELECT id FROM organization_documents')).toEqual([]);
    } finally {
      await app.close();
      await rm(holder, { recursive: true, force: true });
    }
  });

  it.runIf(mountable)('answers at once that the files volume is read-only, writing nothing', async () => {
    const volume = await mkdtemp(path.join(tmpdir(), 'cert-ro-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', volume]).status).toBe(0);
    const app = buildTestApp(db, { FILES_DIR: volume });
    try {
      const { response, ms } = await upload(app, makePdf(300 * 1024));
      expect(ms).toBeLessThan(5000);
      expect(response.status).toBe(500);
      expect(response.body.message).toContain('только для чтения');
    } finally {
      await app.close();
      spawnSync('umount', [volume]);
      await rm(volume, { recursive: true, force: true });
    }
  });

  it.runIf(mountable)('answers at once that the disk is full (a 128 KB volume, a 600 KB scan), leaving no temporary file', async () => {
    const volume = await mkdtemp(path.join(tmpdir(), 'cert-full-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', volume]).status).toBe(0);
    const app = buildTestApp(db, { FILES_DIR: volume });
    try {
      const { response, ms } = await upload(app, makePdf(600 * 1024));
      expect(ms).toBeLessThan(5000);
      expect(response.status).toBe(507);
      expect(response.body.message).toContain('закончилось место');
      expect(await readdir(path.join(volume, '.incoming'))).toEqual([]);
      expect(await db.dataSource.query('SELECT id FROM organization_documents')).toEqual([]);
    } finally {
      await app.close();
      spawnSync('umount', [volume]);
      await rm(volume, { recursive: true, force: true });
    }
  });

  it('stops reading a chunked upload (no Content-Length) past the size limit and answers 413', async () => {
    const filesDir = await mkdtemp(path.join(tmpdir(), 'cert-files-'));
    const app = buildTestApp(db, { FILES_DIR: filesDir, UPLOAD_MAX_MB: '1' });
    const server = http.createServer(app.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const login = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'clerk@cert.test', password: 'correct horse battery' }),
        redirect: 'manual',
      });
      const sid = String(login.headers.get('set-cookie')).split(';')[0]!;
      const boundary = 'xBOUNDARYx';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="orgAdmDocId"\r\n\r\n${typeId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="scan"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
      );
      const result = await new Promise<{ status: number; sent: number }>((resolve) => {
        let sent = 0;
        const req = http.request(
          {
            host: '127.0.0.1',
            port: (server.address() as AddressInfo).port,
            path: `/admin/data/organizations/${organizationId}/documents`,
            method: 'POST',
            headers: { Cookie: sid, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, sent }));
          },
        );
        req.on('error', () => resolve({ status: -1, sent }));
        req.write(head);
        const piece = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += piece.length;
            if (!req.write(piece)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect([413, -1]).toContain(result.status);
      expect(result.sent).toBeLessThan(50 * 1024 * 1024); // the server stopped reading long before the end
      expect(await readdir(path.join(filesDir, '.incoming')).catch(() => [])).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await rm(filesDir, { recursive: true, force: true });
    }
  });

  it('removes at start the temporary files of a killed server at once, keeping a live process’s fresh ones', async () => {
    const filesDir = await mkdtemp(path.join(tmpdir(), 'cert-files-'));
    try {
      await mkdir(path.join(filesDir, '.incoming'));
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
      await writeFile(path.join(filesDir, '.incoming', `${dead}-aaaa.part`), 'x');
      await writeFile(path.join(filesDir, '.incoming', `${process.pid}-bbbb.part`), 'x');
      await writeFile(path.join(filesDir, '.incoming', `1-cccc.part`), 'x'); // pid 1 is alive: another server's upload in flight
      const storage = createScanStorage(filesDir, 1024 * 1024);
      expect(await storage.cleanIncoming(3600_000)).toBe(2);
      expect(await readdir(path.join(filesDir, '.incoming'))).toEqual(['1-cccc.part']);
    } finally {
      await rm(filesDir, { recursive: true, force: true });
    }
  });
});
