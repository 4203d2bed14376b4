import { serveJobs } from '../../src/engine/worker/run-in-worker.js';

/** A worker for the tests of run-in-worker.ts: echoes, loops forever, eats memory or fails, as asked. */
serveJobs<{ mode: 'echo' | 'loop' | 'eat' | 'fail'; text?: string }, string>((job) => {
  if (job.mode === 'loop') for (;;) Math.sqrt(Math.random());
  if (job.mode === 'eat') {
    const kept: string[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${kept.length}`));
  }
  if (job.mode === 'fail') throw new Error('no such sheet');
  return `echo: ${job.text ?? ''}`;
});
