import type { Writable } from 'node:stream';

/** Writes with backpressure: waits for 'drain' when the stream's buffer is full; fails if it closes first. */
export async function writeWithBackpressure(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      out.off('drain', onDrain);
      reject(new Error('the output closed (the client went away)'));
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}
