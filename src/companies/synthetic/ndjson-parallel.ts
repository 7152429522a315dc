/**
 * NDJSON generation spread over worker threads. Company i depends only on (seed, i), so workers take
 * blocks of consecutive indices and the main thread writes the blocks in index order: the bytes are
 * exactly those of the single-threaded `writeNdjson(generateCompanies(…))`.
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { NdjsonSummary } from './ndjson.js';

/** Documents per block: big enough to amortise a message, small enough to keep memory bounded (~15 MB a block). */
export const BLOCK_COMPANIES = 5_000;

export interface ParallelNdjsonOptions {
  count: number;
  seed: string | number;
  referenceDate: string;
  workers: number;
  /** Companies per block (default BLOCK_COMPANIES); tests use small ones. */
  blockCompanies?: number;
}

export interface BlockRequest {
  block: number;
  start: number;
  count: number;
  seed: string | number;
  referenceDate: string;
}

export type BlockReply = { block: number; bytes: Uint8Array } | { block: number; error: string };

export async function writeNdjsonParallel(options: ParallelNdjsonOptions, out: NodeJS.WritableStream): Promise<NdjsonSummary> {
  const blockSize = options.blockCompanies ?? BLOCK_COMPANIES;
  const blocks = Math.ceil(options.count / blockSize);
  const workerCount = Math.max(1, Math.min(options.workers, blocks));
  const stream = out as NodeJS.WritableStream & EventEmitter;
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL('./ndjson-worker.js', import.meta.url)));
  const ready = new Map<number, Uint8Array>();
  const events = new EventEmitter();
  let failure: Error | undefined;
  const fail = (err: Error): void => {
    failure ??= err;
    events.emit('change');
  };
  let waitingForDrain = false;
  const onDrain = (): void => {
    waitingForDrain = false;
    events.emit('change');
  };
  stream.on('error', fail);
  stream.on('drain', onDrain);
  stream.on('close', onDrain);

  let nextToAssign = 0;
  const assign = (worker: Worker): void => {
    if (nextToAssign >= blocks || failure) return;
    const block = nextToAssign++;
    const start = block * blockSize;
    const request: BlockRequest = { block, start, count: Math.min(blockSize, options.count - start), seed: options.seed, referenceDate: options.referenceDate };
    worker.postMessage(request);
  };
  // A worker gets its next block only once the writer is no more than two blocks per worker behind,
  // so a slow reader bounds memory instead of letting finished blocks pile up.
  const idle: Worker[] = [];
  let nextToWrite = 0;
  const pump = (): void => {
    while (idle.length > 0 && nextToAssign < blocks && nextToAssign - nextToWrite < 2 * workerCount) assign(idle.pop()!);
  };
  for (const worker of workers) {
    worker.on('message', (reply: BlockReply) => {
      if ('error' in reply) return fail(new Error(`generating block ${reply.block}: ${reply.error}`));
      ready.set(reply.block, reply.bytes);
      idle.push(worker);
      pump();
      events.emit('change');
    });
    worker.on('error', fail);
    idle.push(worker);
  }
  pump();

  let bytes = 0;
  try {
    while (nextToWrite < blocks) {
      if (failure) throw failure;
      const chunk = ready.get(nextToWrite);
      if (!chunk) {
        await new Promise((resolve) => events.once('change', resolve));
        continue;
      }
      ready.delete(nextToWrite);
      nextToWrite++;
      pump();
      bytes += chunk.length;
      if (!stream.write(chunk)) {
        waitingForDrain = true;
        while (waitingForDrain && !failure) await new Promise((resolve) => events.once('change', resolve));
        if (failure) throw failure;
      }
    }
    return { documents: options.count, bytes };
  } finally {
    stream.off('error', fail);
    stream.off('drain', onDrain);
    stream.off('close', onDrain);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
