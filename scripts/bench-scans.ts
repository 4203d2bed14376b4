/**
 * Scans on disk and in PostgreSQL (issue 27): upload and download of a 20 MB scan through the panel's routes with
 * FILES_STORAGE=disk and =database (`--megabytes` to try another size) (median of `--runs`, and the server's RSS: before, and its peak after), then
 * `cert files move` of `--scans` scans of 200 KB to the database and back (time, peak RSS).
 *
 *   npm run bench:scans [-- --runs 5 --scans 1000]
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql, startBenchServer, timedCert, type BenchServer } from './bench-server.js';
import { benchScan, seedRegistry, seedScans } from './bench-seed.js';

const argument = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RUNS = argument('--runs', 5);
const SCANS = argument('--scans', 1_000);
const MEGABYTES = argument('--megabytes', 20);
const WORK = path.resolve('.bench-scans');
rmSync(WORK, { recursive: true, force: true });

const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function uploadAndDownload(server: BenchServer, label: string): Promise<string> {
  const [{ id: organizationId }] = (await sql(server.databaseUrl, `SELECT id FROM organizations ORDER BY id LIMIT 1`)).rows;
  const [{ id: type }] = (await sql(server.databaseUrl, `SELECT id FROM org_adm_docs ORDER BY id LIMIT 1`)).rows;
  const scan = benchScan(MEGABYTES * 1_000_000);
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

const rows: string[] = [];
for (const storage of ['disk', 'database'] as const) {
  const files = path.join(WORK, `files-${storage}`);
  mkdirSync(files, { recursive: true });
  const server = await startBenchServer(
    `cert_bench_scans_${storage}`,
    3927,
    { FILES_DIR: files, FILES_STORAGE: storage, UPLOAD_MAX_MB: String(MEGABYTES + 5) },
    (url) => seedRegistry(url, storage === 'disk' ? 10_000 : 2_000), // documents without scans for the move: about one per ten organizations
  );
  try {
    rows.push(await uploadAndDownload(server, storage === 'disk' ? 'на диске' : 'в PostgreSQL'));
    if (storage === 'disk') {
      // the move: SCANS scans of 200 KB on disk, to the database and back
      const placed = await seedScans(server.databaseUrl, files, SCANS);
      const env = { DATABASE_URL: server.databaseUrl, FILES_DIR: files };
      const toDatabase = await timedCert(['files', 'move', '--to', 'database'], env);
      const toDisk = await timedCert(['files', 'move', '--to', 'disk'], env);
      process.stdout.write(
        `\ncert files move, ${placed} сканов по 200 КБ:\n\n| куда | время, с | пик RSS, МБ |\n|---|---|---|\n` +
          `| --to database | ${(toDatabase.ms / 1000).toFixed(1)} | ${toDatabase.rssMb.toFixed(0)} |\n| --to disk | ${(toDisk.ms / 1000).toFixed(1)} | ${toDisk.rssMb.toFixed(0)} |\n` +
          `\n${toDatabase.out}\n${toDisk.out}\n`,
      );
    }
  } finally {
    await server.stop();
  }
}
process.stdout.write(
  `\nскан ${MEGABYTES} МБ через панель, медиана ${RUNS} раз, мс; RSS сервера, МБ:\n\n| хранение | загрузка | скачивание | RSS до | пик RSS после |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
rmSync(WORK, { recursive: true, force: true });
