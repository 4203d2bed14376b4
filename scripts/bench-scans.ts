/**
 * Scans on disk and in PostgreSQL (issue 27): upload and download of a 20 MB scan through the panel's routes with
 * FILES_STORAGE=disk and =database (median of `--runs`, and the server's RSS: before, and its peak after), then
 * `cert files move` of `--scans` scans of 200 KB to the database and back (time, peak RSS).
 *
 *   npm run bench:scans [-- --runs 5 --scans 1000]
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, startBenchServer, type BenchServer } from './bench-server.js';
import { seedRegistry } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RUNS = argument('--runs', 5);
const SCANS = argument('--scans', 1_000);
const WORK = path.resolve('.bench-scans');
rmSync(WORK, { recursive: true, force: true });

const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const scanOf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 16), Buffer.from('\n%%EOF\n')]);

async function uploadAndDownload(server: BenchServer, label: string): Promise<string> {
  const [{ id: organizationId }] = (await sql(server.databaseUrl, `SELECT id FROM organizations ORDER BY id LIMIT 1`)).rows;
  const [{ id: type }] = (await sql(server.databaseUrl, `SELECT id FROM org_adm_docs ORDER BY id LIMIT 1`)).rows;
  const scan = scanOf(20_000_000);
  const before = memory(server.pid);
  const uploads: number[] = [];
  const downloads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const form = new FormData();
    form.set('orgAdmDocId', String(type));
    form.set('dateApproved', '2025-03-01');
    form.set('scan', new Blob([new Uint8Array(scan)], { type: 'application/pdf' }), 'scan.pdf');
    let started = performance.now();
    const upload = await fetch(`${server.base}/admin/data/organizations/${organizationId}/documents`, {
      method: 'POST',
      body: form,
      headers: { cookie: server.cookie },
    });
    const { documentId } = (await upload.json()) as { documentId: number };
    if (!upload.ok) throw new Error(`upload: ${upload.status}`);
    uploads.push(performance.now() - started);
    started = performance.now();
    const download = await fetch(`${server.base}/admin/data/documents/${documentId}/scan`, { headers: { cookie: server.cookie } });
    const body = Buffer.from(await download.arrayBuffer());
    downloads.push(performance.now() - started);
    if (!body.equals(scan)) throw new Error('download differs');
  }
  const after = memory(server.pid);
  return `| ${label} | ${median(uploads).toFixed(0)} | ${median(downloads).toFixed(0)} | ${before.rssMb.toFixed(0)} | ${after.peakMb.toFixed(0)} |`;
}

function cert(args: string[], env: Record<string, string>): Promise<{ ms: number; rssMb: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './scripts/report-peak-rss.mjs', 'dist/bin/cert.js', ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`cert ${args.join(' ')}: ${code} ${out} ${err}`));
      resolve({ ms: performance.now() - started, rssMb: Number(/@@peak-rss-kb (\d+)/.exec(err)?.[1] ?? 0) / 1024, out: out.trim() });
    });
  });
}

const rows: string[] = [];
for (const storage of ['disk', 'database'] as const) {
  const files = path.join(WORK, `files-${storage}`);
  mkdirSync(files, { recursive: true });
  const server = await startBenchServer(
    `cert_bench_scans_${storage}`,
    3927,
    { FILES_DIR: files, FILES_STORAGE: storage, UPLOAD_MAX_MB: '25' },
    (url) => seedRegistry(url, storage === 'disk' ? 10_000 : 2_000), // documents without scans for the move: about one per ten organizations
  );
  try {
    rows.push(await uploadAndDownload(server, storage === 'disk' ? 'на диске' : 'в PostgreSQL'));
    if (storage === 'disk') {
      // the move: SCANS scans of 200 KB on disk, to the database and back
      const documents = (
        await sql(
          server.databaseUrl,
          `SELECT d.id, o.uuid FROM organization_documents d JOIN organizations o ON o.id = d.organization_id WHERE d.file_path IS NULL ORDER BY d.id LIMIT $1`,
          [SCANS],
        )
      ).rows as { id: number; uuid: string }[];
      for (const document of documents) {
        const bytes = scanOf(200 * 1024);
        const relative = `${document.uuid.slice(0, 2).toUpperCase()}/${document.uuid}/${document.id}.pdf`;
        mkdirSync(path.dirname(path.join(files, relative)), { recursive: true });
        writeFileSync(path.join(files, relative), bytes);
        await sql(server.databaseUrl, `UPDATE organization_documents SET file_path = $2, file_sha256 = $3, file_size = $4 WHERE id = $1`, [
          document.id,
          relative,
          createHash('sha256').update(bytes).digest('hex'),
          bytes.length,
        ]);
      }
      const env = { DATABASE_URL: server.databaseUrl, FILES_DIR: files };
      const toDatabase = await cert(['files', 'move', '--to', 'database'], env);
      const toDisk = await cert(['files', 'move', '--to', 'disk'], env);
      process.stdout.write(
        `\ncert files move, ${documents.length} сканов по 200 КБ:\n\n| куда | время, с | пик RSS, МБ |\n|---|---|---|\n` +
          `| --to database | ${(toDatabase.ms / 1000).toFixed(1)} | ${toDatabase.rssMb.toFixed(0)} |\n| --to disk | ${(toDisk.ms / 1000).toFixed(1)} | ${toDisk.rssMb.toFixed(0)} |\n` +
          `\n${toDatabase.out}\n${toDisk.out}\n`,
      );
    }
  } finally {
    await server.stop();
  }
}
process.stdout.write(
  `\nскан 20 МБ через панель, медиана ${RUNS} раз, мс; RSS сервера, МБ:\n\n| хранение | загрузка | скачивание | RSS до | пик RSS после |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
rmSync(WORK, { recursive: true, force: true });
