import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Parsing of uploaded and pasted files, off the request loop: jobs run in worker threads kept warm (at most
 * `THREADS` per worker module, a job at a time each; further jobs wait their turn), each job with a deadline (the
 * thread is terminated at it and replaced) and each thread with a bounded heap (a job that needs more kills only
 * its thread). The server's other requests are not slowed by a hostile file.
 *
 * `workerFile` is the worker module's URL as written next to the caller (`new URL('./x.worker.js', import.meta.url)`):
 * the compiled server runs the .js; the sources (tests, `tsx`) run the .ts through tsx's loader. A worker module
 * answers with `serveJobs`.
 */
export class WorkerJobFailed extends Error {
  constructor(
    readonly reason: 'deadline' | 'memory' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerLimits {
  deadlineMs: number;
  maxHeapMb: number;
}

const THREADS = 2;

interface Thread {
  worker: Worker;
  busy: boolean;
}

class ThreadPool {
  private readonly threads: Thread[] = [];
  private readonly waiting: ((thread: Thread) => void)[] = [];

  constructor(
    private readonly workerFile: URL,
    private readonly maxHeapMb: number,
  ) {}

  /** A thread started ahead of the first job (a thread's start costs tens of milliseconds, more from the sources). */
  warm(): void {
    if (this.threads.length === 0) this.threads.push(this.start());
  }

  async run<Input, Output>(input: Input, deadlineMs: number, transfer: ArrayBuffer[]): Promise<Output> {
    const thread = await this.take();
    return new Promise<Output>((resolve, reject) => {
      const { worker } = thread;
      const finish = (error: WorkerJobFailed | null, output?: Output) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) {
          this.drop(thread);
          reject(error);
        } else {
          this.give(thread);
          resolve(output as Output);
        }
      };
      const onMessage = (answer: { output?: Output; failure?: string }) =>
        answer.failure === undefined ? finish(null, answer.output) : finish(new WorkerJobFailed('crash', answer.failure));
      const onError = (error: Error & { code?: string }) =>
        finish(new WorkerJobFailed(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', error.message));
      const onExit = (code: number) => finish(new WorkerJobFailed('crash', `worker exited with ${code}`));
      const timer = setTimeout(() => finish(new WorkerJobFailed('deadline', `not finished within ${deadlineMs} ms`)), deadlineMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(input, transfer);
    });
  }

  private start(): Thread {
    const compiled = existsSync(fileURLToPath(this.workerFile));
    const source = this.workerFile.href.replace(/\.js$/, '.ts');
    // tsx's loader is registered inside the thread: a --import flag in execArgv would not reach the thread's entry
    const script = compiled ? this.workerFile : `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
    const worker = new Worker(script, {
      eval: !compiled,
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: Math.min(32, this.maxHeapMb), stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    worker.unref(); // a warm thread does not keep the process alive
    const thread: Thread = { worker, busy: false };
    worker.on('error', () => this.drop(thread)); // an idle thread that died is replaced when next needed
    return thread;
  }

  private async take(): Promise<Thread> {
    const idle = this.threads.find((t) => !t.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.threads.length < THREADS) {
      const thread = this.start();
      thread.busy = true;
      this.threads.push(thread);
      return thread;
    }
    return new Promise<Thread>((resolve) => this.waiting.push(resolve));
  }

  private give(thread: Thread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else thread.busy = false;
  }

  private drop(thread: Thread): void {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    void thread.worker.terminate();
    const next = this.waiting.shift();
    if (next) {
      const replacement = this.start();
      replacement.busy = true;
      this.threads.push(replacement);
      next(replacement);
    }
  }
}

const pools = new Map<string, ThreadPool>();
const poolOf = (workerFile: URL, limits: WorkerLimits) => {
  let pool = pools.get(workerFile.href);
  if (!pool) {
    pool = new ThreadPool(workerFile, limits.maxHeapMb);
    pools.set(workerFile.href, pool);
  }
  return pool;
};

/** Starts a thread of this worker module now, so that the first job does not wait for it. */
export function warmWorker(workerFile: URL, limits: WorkerLimits): void {
  poolOf(workerFile, limits).warm();
}

export function runInWorker<Input, Output>(workerFile: URL, input: Input, limits: WorkerLimits, transfer: ArrayBuffer[] = []): Promise<Output> {
  return poolOf(workerFile, limits).run<Input, Output>(input, limits.deadlineMs, transfer);
}

/** The worker module's side: answers each job with `handle`'s output (an exception is the job's failure). */
export function serveJobs<Input, Output>(handle: (input: Input) => Output): void {
  parentPort!.on('message', (input: Input) => {
    let answer: { output?: Output; failure?: string };
    try {
      answer = { output: handle(input) };
    } catch (error) {
      answer = { failure: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(answer);
  });
}
