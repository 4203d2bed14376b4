import { parseInnList } from '../domain/inn-list.js';
import { xlsxFirstSheetLines, XlsxReadError } from '../engine/export/xlsx-read.js';
import { serveJobs } from '../engine/worker/run-in-worker.js';
import type { InnListJob, InnListResult } from './inn-list.read.js';

/** The worker of inn-list.read.ts: a list of INNs from an XLSX file or from text, read off the request loop. */
serveJobs<InnListJob, InnListResult>((job) => {
  const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  try {
    const text = body.subarray(0, 2).toString('latin1') === 'PK' ? xlsxFirstSheetLines(body).join('\n') : body.toString('utf8');
    return { ok: true, ...parseInnList(text) };
  } catch (error) {
    if (error instanceof XlsxReadError) return { ok: false };
    throw error;
  }
});
