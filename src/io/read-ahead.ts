/**
 * Reads a file descriptor on a thread of its own, up to a bounded number of chunks ahead of the
 * consumer, as an async iterable of byte chunks.
 *
 * Why: the importer's main thread is also its database writer. Reading a pipe from it (`generate
 * | import -`) only happens between two writes, and a pipe holds 64 KiB, about twenty documents:
 * while a batch was written the generator on the other end sat blocked, and the two processes took
 * turns instead of sharing the two cores. A reader thread drains the pipe whatever the main thread
 * is doing, up to `maxChunksAhead` × `chunkBytes` of memory.
 */
import { Worker } from 'node:worker_threads';

export interface ReadAheadOptions {
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
  /** Chunks read but not yet consumed before the reader waits (default 8). */
  maxChunksAhead?: number;
}

/** What the reader thread posts. */
export type ReadAheadMessage = { chunk: Uint8Array } | { end: true } | { error: { message: string; code?: string } };

/** Slots of the shared state: chunks posted but not yet consumed, and a stop request. */
export const AHEAD = 0;
export const STOP = 1;

/**
 * Iterates the bytes of `fd` (left open: the caller owns it). Stopping early (break, return,
 * throw in the loop) stops the reader thread.
 */
export async function* readAhead(fd: number, options: ReadAheadOptions = {}): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const maxChunksAhead = options.maxChunksAhead ?? 8;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(new URL('./read-ahead-worker.js', import.meta.url), { workerData: { fd, chunkBytes, maxChunksAhead, state } });
  const queue: ReadAheadMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const arrived = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: ReadAheadMessage) => {
    queue.push(m);
    arrived();
  });
  worker.on('error', (err) => {
    failure = err;
    arrived();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`reader thread exited with code ${code}`);
    arrived();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if ('error' in m) throw Object.assign(new Error(m.error.message), m.error.code === undefined ? {} : { code: m.error.code });
      if ('end' in m) return;
      Atomics.sub(state, AHEAD, 1);
      Atomics.notify(state, AHEAD);
      yield m.chunk;
    }
  } finally {
    Atomics.store(state, STOP, 1);
    Atomics.notify(state, AHEAD);
    // Not awaited, and unref'd: a reader blocked in a read of a pipe whose writer is alive but
    // silent cannot be interrupted, and must not keep the consumer (or the process) waiting.
    worker.unref();
    void worker.terminate();
  }
}
