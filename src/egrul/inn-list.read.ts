import type { InnLine } from '../domain/inn-list.js';
import { runInWorker, warmWorker, WorkerJobFailed } from '../engine/worker/run-in-worker.js';
import { HttpError } from '../engine/http/kit.js';

export interface InnListJob {
  body: Uint8Array;
}
export type InnListResult = { ok: true; lines: InnLine[]; tooMany: boolean } | { ok: false };

/** Reading a list takes at most this long and this much heap, in a worker of its own (run-in-worker.ts). */
export const LIST_READ_LIMITS = { deadlineMs: 5000, maxHeapMb: 256 };

const WORKER = new URL('./inn-list.worker.js', import.meta.url);

/** Starts the reading thread ahead of the first list (the bulk import's routes call it when built). */
export const warmInnListReader = () => warmWorker(WORKER, LIST_READ_LIMITS);

const NOT_XLSX = 'Файл не читается как таблица XLSX. Сохраните его в Excel как «Книга Excel (.xlsx)» или вставьте список текстом.';

/** A pasted or uploaded list of INNs (XLSX or text), read in a worker; what cannot be read is a 422 in Russian. */
export async function readInnList(body: Buffer): Promise<{ lines: InnLine[]; tooMany: boolean }> {
  const copy = new Uint8Array(body); // the worker takes the bytes over (transferred, not copied again)
  try {
    const result = await runInWorker<InnListJob, InnListResult>(WORKER, { body: copy }, LIST_READ_LIMITS, [copy.buffer as ArrayBuffer]);
    if (!result.ok) throw new HttpError(422, NOT_XLSX);
    return result;
  } catch (error) {
    if (!(error instanceof WorkerJobFailed)) throw error;
    const why =
      error.reason === 'deadline'
        ? `не прочитан за ${LIST_READ_LIMITS.deadlineMs / 1000} с`
        : error.reason === 'memory'
          ? `требует больше ${LIST_READ_LIMITS.maxHeapMb} МБ памяти`
          : 'не прочитан';
    throw new HttpError(422, `Список ${why}. ${NOT_XLSX}`);
  }
}
