/** Progress of a long command: a bar on a terminal (stderr), nothing otherwise (cron gets only the summary). */
export interface Progress {
  start(total: number, label: string): void;
  tick(count: number): void;
  note(message: string): void;
  done(): void;
}

export const silentProgress: Progress = { start: () => undefined, tick: () => undefined, note: () => undefined, done: () => undefined };

export function terminalProgress(stream: NodeJS.WritableStream): Progress {
  let total = 0;
  let current = 0;
  let label = '';
  let lastDraw = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const share = total > 0 ? Math.min(1, current / total) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current.toLocaleString('ru-RU')} / ${total.toLocaleString('ru-RU')}`);
  };
  return {
    start: (count, text) => {
      total = count;
      current = 0;
      label = text;
      draw(true);
    },
    tick: (count) => {
      current += count;
      draw();
    },
    note: (message) => stream.write(`\n${message}\n`),
    done: () => {
      draw(true);
      stream.write('\n');
    },
  };
}

export const progressFor = (stream: NodeJS.WritableStream & { isTTY?: boolean }): Progress => (stream.isTTY ? terminalProgress(stream) : silentProgress);
