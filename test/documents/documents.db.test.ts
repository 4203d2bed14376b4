import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, useTestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { makePdf, PNG_BYTES } from '../support/pdf.js';

describe('organizations documents with scans', () => {
  const db = useTestDatabase('documents');
  let filesDir: string;
  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'cert-files-'));
  });
  afterAll(() => rm(filesDir, { recursive: true, force: true }));
  const app = useTestApp(db, () => ({ FILES_DIR: filesDir, UPLOAD_MAX_MB: '2' }));

  let organizationId: number;
  let organizationUuid: string;
  let agreementType: number;
  let charterType: number;
  beforeEach(async () => {
    await db.truncate();
    await rm(filesDir, { recursive: true, force: true });
    await mkdir(filesDir, { recursive: true });
    await createTestUser(db, 'clerk@cert.test', 'clerk');
    await createTestUser(db, 'admin@cert.test', 'admin');
    const [org] = await db.dataSource.query(
      `INSERT INTO organizations (full_name, short_name, inn) VALUES ('АКЦИОНЕРНОЕ ОБЩЕСТВО "ЁЛКА"', 'АО "ЁЛКА"', '7707083893') RETURNING id, uuid`,
    );
    organizationId = org.id;
    organizationUuid = org.uuid;
    [{ id: agreementType }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Соглашение о сотрудничестве') RETURNING id`);
    [{ id: charterType }] = await db.dataSource.query(`INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
  });

  const attach = async (
    agent: request.Agent | ReturnType<typeof request>,
    fields: Record<string, string>,
    file?: { bytes: Buffer; name?: string; type?: string },
  ) => {
    let req = agent.post(`/admin/data/organizations/${organizationId}/documents`);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    if (file) req = req.attach('scan', file.bytes, { filename: file.name ?? 'scan.pdf', contentType: file.type ?? 'application/pdf' });
    return req;
  };
  const documents = () =>
    db.dataSource.query(`SELECT id, org_adm_doc_id, date_approved, props, comment, file_path, file_size, file_sha256 FROM organization_documents ORDER BY id`);
  const storedFiles = async () => {
    const all: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const child = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(child);
        else all.push(path.relative(filesDir, child));
      }
    };
    await walk(filesDir);
    return all.sort();
  };

  it('attaches a PDF with the letter it came with; the scan downloads byte for byte with a readable name', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const pdf = makePdf(300_000);
    const response = await attach(
      clerk,
      {
        orgAdmDocId: String(agreementType),
        dateApproved: '2025-03-01',
        props: '№ 12-С',
        comment: 'подписан обеими сторонами',
        isAgreement: 'true',
        ourNumber: '1111',
        ourDate: '2025-03-05',
        theirNumber: 'ЛПУ-16',
        theirDate: '2025-03-03',
      },
      { bytes: pdf },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ created: true, replacedScan: false });
    const [doc] = await documents();
    expect(doc).toMatchObject({ org_adm_doc_id: agreementType, date_approved: '2025-03-01', props: '№ 12-С' });
    expect(Number(doc.file_size)).toBe(pdf.length);
    expect(doc.file_path).toMatch(new RegExp(`^${organizationUuid.slice(0, 2).toUpperCase()}/${organizationUuid}/[0-9a-f-]{36}\\.pdf$`));
    expect(await storedFiles()).toEqual([doc.file_path]);

    const letters = await db.dataSource.query(
      `SELECT m.direction, m.our_number, m.our_date, m.their_number, m.their_date, m.information, om.organization_id
       FROM messages m JOIN organizations_messages om ON om.message_id = m.id`,
    );
    expect(letters).toEqual([
      {
        direction: 'incoming',
        our_number: '1111',
        our_date: '2025-03-05',
        their_number: 'ЛПУ-16',
        their_date: '2025-03-03',
        information: 'о направлении документа «Соглашение о сотрудничестве»',
        organization_id: organizationId,
      },
    ]);
    const [{ date_agreement }] = await db.dataSource.query(`SELECT date_agreement FROM organizations WHERE id = $1`, [organizationId]);
    expect(date_agreement).toBe('2025-03-01');

    const download = await clerk
      .get(`/admin/data/documents/${doc.id}/scan`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="2025-03-01 __ ____ - __________ _ ______________.pdf"; filename*=UTF-8''${encodeURIComponent('2025-03-01 АО ЁЛКА - Соглашение о сотрудничестве.pdf')}`,
    );

    const list = await clerk.get(`/admin/data/organizations/${organizationId}/documents`);
    expect(list.body).toMatchObject({
      canDelete: false,
      documents: [
        { id: doc.id, documentType: 'Соглашение о сотрудничестве', hasScan: true, downloadUrl: `/admin/data/documents/${doc.id}/scan`, fileSize: pdf.length },
      ],
    });
  });

  it('refuses anonymous access to every document route', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' }, { bytes: makePdf() });
    const [doc] = await documents();
    const anonymous = request(app.app);
    expect((await anonymous.get(`/admin/data/documents/${doc.id}/scan`)).status).toBe(401);
    expect((await anonymous.get(`/admin/data/organizations/${organizationId}/documents`)).status).toBe(401);
    const upload = await attach(anonymous, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' }, { bytes: makePdf() });
    expect(upload.status).toBe(401);
    expect(await documents()).toHaveLength(1);
  });

  it.each([
    ['a PNG renamed .pdf with a PDF MIME type', PNG_BYTES, 422, /не является документом PDF/],
    ['a file over UPLOAD_MAX_MB', makePdf(2 * 1024 * 1024 + 10), 413, /больше 2 МБ/],
    ['an empty file', Buffer.alloc(0), 422, /пустой/],
  ])('refuses %s with a message; nothing is stored, no temporary file is left', async (_name, bytes, status, message) => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const response = await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01', ourNumber: '77' }, { bytes });
    expect(response.status).toBe(status);
    expect(response.body.errors.scan).toMatch(message);
    expect(await documents()).toEqual([]);
    expect(await db.dataSource.query(`SELECT id FROM messages`)).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a declared body far over the limit before reading it', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const response = await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' }, { bytes: makePdf(4 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/больше 2 МБ/);
    expect(await storedFiles()).toEqual([]);
  });

  it('shows field errors in Russian and writes nothing, not even the scan', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const response = await attach(
      clerk,
      { orgAdmDocId: String(charterType), dateApproved: '2999-01-01', ourDate: '2025-01-01', theirDate: '2025-02-01' },
      { bytes: makePdf() },
    );
    expect(response.status).toBe(422);
    expect(response.body.errors.dateApproved).toMatch(/^Дата утверждения документа не может быть позже сегодняшнего дня/);
    expect(response.body.errors.ourDate).toMatch(/не может быть раньше даты его подписи/);
    const unknownType = await attach(clerk, { orgAdmDocId: '99999', dateApproved: '2025-01-01' }, { bytes: makePdf() });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.errors.orgAdmDocId).toMatch(/нет в справочнике/);
    expect(await documents()).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('attaching the same type again updates the document and replaces the scan; without a file the scan is kept', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2024-01-01' }, { bytes: makePdf(1000, 'first') });
    const [first] = await documents();
    const second = makePdf(2000, 'second');
    const replaced = await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01', comment: 'новая редакция' }, { bytes: second });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ created: false, replacedScan: true, documentId: first.id });
    const [updated] = await documents();
    expect(updated).toMatchObject({ id: first.id, date_approved: '2025-01-01', comment: 'новая редакция' });
    expect(updated.file_path).not.toBe(first.file_path);
    expect(await storedFiles()).toEqual([updated.file_path]); // the previous version is gone once the new one is committed
    expect(await readFile(path.join(filesDir, updated.file_path))).toEqual(second);

    const metadataOnly = await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-02-01' });
    expect(metadataOnly.body).toMatchObject({ created: false, replacedScan: false });
    expect((await documents())[0]).toMatchObject({ file_path: updated.file_path, date_approved: '2025-02-01' });
  });

  it('a document without a scan is "без скана": no placeholder file, no download', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    expect((await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' })).status).toBe(201);
    const [doc] = await documents();
    expect(doc.file_path).toBeNull();
    expect(await storedFiles()).toEqual([]);
    expect((await clerk.get(`/admin/data/documents/${doc.id}/scan`)).status).toBe(404);
    expect((await clerk.get(`/admin/data/organizations/${organizationId}/documents`)).body.documents[0]).toMatchObject({ hasScan: false, downloadUrl: null });
  });

  it('an upload cut off midway leaves the old scan intact and no temporary file', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    const original = makePdf(5000, 'original');
    await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2024-01-01' }, { bytes: original });
    const [before] = await documents();
    const login = await request(app.app).post('/admin/login').field('email', 'clerk@cert.test').field('password', 'correct horse battery');
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    let receivingBeforeAbort: string[] = [];

    const server = app.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const boundary = '----cert-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="orgAdmDocId"\r\n\r\n${charterType}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="dateApproved"\r\n\r\n2025-01-01\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="scan"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const body = makePdf(1024 * 1024);
      await new Promise<void>((resolve) => {
        const req = http.request({
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: `/admin/data/organizations/${organizationId}/documents`,
          headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + body.length + 100, Cookie: cookie },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.write(head);
        req.write(body.subarray(0, 600_000), async () => {
          // the client goes away once the server is writing the upload (on a busy machine that can take a while)
          const deadline = Date.now() + 10_000;
          while (receivingBeforeAbort.length === 0 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 25));
            receivingBeforeAbort = await readdir(path.join(filesDir, '.incoming')).catch(() => []);
          }
          req.destroy();
        });
      });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(receivingBeforeAbort).toHaveLength(1); // the upload was being written when it was cut off
    expect(await documents()).toEqual([before]);
    expect(await readFile(path.join(filesDir, before.file_path))).toEqual(original);
    expect(await storedFiles()).toEqual([before.file_path]); // nothing half-written, nothing in .incoming
  });

  it('an admin deletes a document and its scan goes with it; a clerk cannot', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' }, { bytes: makePdf() });
    const [doc] = await documents();
    const byClerk = await clerk.post(`/admin/api/resources/OrganizationDocument/records/${doc.id}/delete`);
    expect(byClerk.body.notice?.message).toBe('forbiddenError');
    expect(await documents()).toHaveLength(1);

    const admin = await loginAs(app.app, 'admin@cert.test');
    const deleted = await admin.post(`/admin/api/resources/OrganizationDocument/records/${doc.id}/delete`);
    expect(deleted.body.notice).toEqual({ message: 'Документ и его скан удалены.', type: 'success' });
    expect(await documents()).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('a file posted to a panel action does not stay in the temporary directory', async () => {
    const admin = await loginAs(app.app, 'admin@cert.test');
    const marker = `cert-marker-${Date.now()}`;
    await admin.post('/admin/api/resources/OrgAdmDoc/actions/new').field('name', 'Положение').attach('junk', Buffer.from(marker), 'junk.bin');
    await new Promise((r) => setTimeout(r, 100));
    const leftovers = [];
    for (const name of await readdir(tmpdir())) {
      const file = path.join(tmpdir(), name);
      const content = await readFile(file, 'utf8').catch(() => '');
      if (content === marker) leftovers.push(file);
    }
    expect(leftovers).toEqual([]);
  });

  it('cert files check reports scans without documents and documents without scans (exit 1), and a clean state (exit 0)', async () => {
    const clerk = await loginAs(app.app, 'clerk@cert.test');
    await attach(clerk, { orgAdmDocId: String(charterType), dateApproved: '2025-01-01' }, { bytes: makePdf() });
    await attach(clerk, { orgAdmDocId: String(agreementType), dateApproved: '2025-01-01' }, { bytes: makePdf() });
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, FILES_DIR: filesDir, LOG_LEVEL: 'warn' };
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'bin/cert.ts', 'files', 'check', '--json'], { env, encoding: 'utf8' });

    const clean = run();
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ scansOnDisk: 2, documentsWithScan: 2, orphanFiles: [], missingFiles: [] });

    const [first, second] = await documents();
    await rm(path.join(filesDir, first.file_path));
    const orphan = `${organizationUuid.slice(0, 2).toUpperCase()}/${organizationUuid}/stray.pdf`;
    await writeFile(path.join(filesDir, orphan), makePdf());
    await writeFile(path.join(filesDir, second.file_path), 'truncated');
    const broken = run();
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      orphanFiles: [orphan],
      missingFiles: [
        { documentId: first.id, organizationId, filePath: first.file_path, problem: 'missing' },
        { documentId: second.id, organizationId, filePath: second.file_path, problem: 'size' },
      ],
    });
  });
});
