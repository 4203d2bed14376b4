/**
 * Worker thread: reads one slice of a PIndx file (records [start, end)) with dbffile and hands COPY text to the
 * main thread chunk by chunk, waiting for "next" after each (flow control: memory stays flat).
 * Decoding cp866 is the slow part of an import; two readers use both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DBFFile } from 'dbffile';
import { createRegionMatcher, type RegionName } from '../domain/region-name.js';
import { recordsToCopyText, type CopyTextStats } from './pindx-copy-text.js';

interface SliceJob {
  file: string;
  start: number;
  end: number;
  chunkRows: number;
  regions: RegionName[];
}

const job = workerData as SliceJob;
const port = parentPort;
if (!port) throw new Error('pindx-worker must run as a worker thread');
const next = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

const matcher = createRegionMatcher(job.regions);
// Deleted records are read too (and dropped below): readRecords(n) then consumes exactly n records of the file,
// so a slice never reads into the next one.
// Columns we do not use (and the all-digit INDEX) decode as latin1, natively: cp866 decoding is the slow part.
const encoding = { default: 'cp866', INDEX: 'latin1', OPSTYPE: 'latin1', OPSSUBM: 'latin1', CITY_1: 'latin1', INDEXOLD: 'latin1' };
const dbf = await DBFFile.open(job.file, { encoding, readMode: 'loose', includeDeletedRecords: true });
dbf._recordsRead = job.start; // dbffile reads on from here (positions count deleted records too)
let position = job.start;
while (position < job.end) {
  const read = await dbf.readRecords(Math.min(job.chunkRows, job.end - position));
  const consumed = read.length;
  if (consumed === 0) break;
  const stats: CopyTextStats = { rows: 0, skipped: 0, malformedExamples: [], indexes: [] };
  // seq = position in the file, so that "the last occurrence wins" holds across slices
  const text = recordsToCopyText(read, position + 1, matcher, stats);
  position += consumed;
  port.postMessage({ text, stats, read: consumed });
  await next();
}
port.postMessage({ done: true });
