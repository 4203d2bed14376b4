import { describe, expect, it } from 'vitest';
import { runInWorker, WorkerJobFailed } from '../../src/engine/worker/run-in-worker.js';

/** The reading threads of uploaded files: a deadline, a bounded heap, and the pool goes on after a thread is lost. */
describe('jobs in worker threads', () => {
  const worker = new URL('../support/stubborn.worker.js', import.meta.url);
  const limits = { deadlineMs: 3000, maxHeapMb: 64 };
  type Job = { mode: 'echo' | 'loop' | 'eat' | 'fail'; text?: string };
  const run = (job: Job, overrides: Partial<typeof limits> = {}) => runInWorker<Job, string>(worker, job, { ...limits, ...overrides });

  it('answers a job, and a failing job with its message', async () => {
    expect(await run({ mode: 'echo', text: 'ИНН' })).toBe('echo: ИНН');
    await expect(run({ mode: 'fail' })).rejects.toMatchObject({ reason: 'crash', message: 'no such sheet' });
  }, 30_000);

  it('stops a job at its deadline while the event loop stays free, then serves the next job', async () => {
    await run({ mode: 'echo' }); // the thread is started (from the sources it takes a while)
    const ticks: number[] = [];
    const ticking = setInterval(() => ticks.push(performance.now()), 10);
    const started = performance.now();
    const error = await run({ mode: 'loop' }, { deadlineMs: 500 }).catch((e: unknown) => e);
    const ms = performance.now() - started;
    clearInterval(ticking);
    expect(error).toBeInstanceOf(WorkerJobFailed);
    expect((error as WorkerJobFailed).reason).toBe('deadline');
    expect(ms).toBeGreaterThanOrEqual(490);
    expect(ms).toBeLessThan(1500);
    // the loop went on ticking while the thread spun (a job on the loop itself allows no tick until it ends); how
    // often depends on how busy the machine is, so: at least one tick well inside the job's time
    expect(ticks.some((at) => at > started + 50 && at < started + ms - 50)).toBe(true);
    expect(await run({ mode: 'echo', text: 'после' })).toBe('echo: после');
  }, 30_000);

  it('ends a job that outgrows its heap as a failure of its own thread, not of the server', async () => {
    const rss = process.memoryUsage().rss;
    const error = await run({ mode: 'eat' }, { deadlineMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerJobFailed);
    expect((error as WorkerJobFailed).reason).toBe('memory');
    expect(await run({ mode: 'echo', text: 'жив' })).toBe('echo: жив');
    expect(process.memoryUsage().rss - rss).toBeLessThan(400 * 1024 * 1024);
  }, 30_000);
});
