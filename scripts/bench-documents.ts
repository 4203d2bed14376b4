/**
 * Upload and download throughput of a 20 MB scan through the compiled server (its own process), as the
 * browser does it: multipart POST to /admin/data/organizations/:id/documents (each upload replaces the scan),
 * GET /admin/data/documents/:id/scan. Prints one table; not a test.
 *   npm run bench:documents                   # BENCH_DATABASE_URL, default the machine's PostgreSQL
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makePdf } from '../test/support/pdf.js';
import { sql, startBenchServer } from './bench-server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const SIZE = 20 * 1024 * 1024 - 4096;
const filesDir = await mkdtemp(path.join(tmpdir(), 'cert-bench-files-'));
const { base, cookie, databaseUrl, stop } = await startBenchServer('cert_bench_documents', 3918, { FILES_DIR: filesDir, UPLOAD_MAX_MB: '20' });
try {
  const {
    rows: [organization],
  } = await sql(databaseUrl, `INSERT INTO organizations (full_name, short_name) VALUES ('АО "БЕНЧ"', 'АО "БЕНЧ"') RETURNING id`);
  const {
    rows: [type],
  } = await sql(databaseUrl, `INSERT INTO org_adm_docs (name) VALUES ('Устав') RETURNING id`);
  const pdf = makePdf(SIZE);
  const blob = new Blob([Uint8Array.from(pdf)], { type: 'application/pdf' });

  const uploads: number[] = [];
  const downloads: number[] = [];
  let documentId = 0;
  for (let i = 0; i < ROUNDS + 1; i++) {
    const form = new FormData();
    form.set('orgAdmDocId', String(type.id));
    form.set('dateApproved', '2025-01-01');
    form.set('scan', blob, 'scan.pdf');
    let started = performance.now();
    const upload = await fetch(`${base}/admin/data/organizations/${organization.id}/documents`, { method: 'POST', body: form, headers: { cookie } });
    const body = (await upload.json()) as { documentId: number; message?: string };
    if (!upload.ok) throw new Error(`upload: ${upload.status} ${body.message}`);
    const uploadMs = performance.now() - started;
    documentId = body.documentId;

    started = performance.now();
    const download = await fetch(`${base}/admin/data/documents/${documentId}/scan`, { headers: { cookie } });
    const bytes = Buffer.from(await download.arrayBuffer());
    const downloadMs = performance.now() - started;
    if (bytes.length !== pdf.length) throw new Error(`download returned ${bytes.length} bytes`);
    if (i > 0) {
      uploads.push(uploadMs); // the first round warms up
      downloads.push(downloadMs);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const mb = pdf.length / 1048576;
  const line = (label: string, values: number[]) =>
    `| ${label} | ${median(values).toFixed(0)} | ${(mb / (median(values) / 1000)).toFixed(0)} | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} |`;
  process.stdout.write(`\nСкан ${mb.toFixed(1)} МБ через сервер (127.0.0.1), ${ROUNDS} раз, медиана\n\n`);
  process.stdout.write('| операция | мс | МБ/с | разброс, мс |\n|---|---|---|---|\n');
  process.stdout.write(`${line('загрузка (проверка PDF, SHA-256, fsync, замена прежнего скана)', uploads)}\n`);
  process.stdout.write(`${line('скачивание', downloads)}\n`);
} finally {
  await stop();
  await rm(filesDir, { recursive: true, force: true });
}
