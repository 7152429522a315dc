/**
 * Prepares chunks of lines on a small pool of worker threads (or inline with 0 workers), returning
 * results in the order the chunks were submitted.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareChunk, type LineChunk, type PreparedLine } from './import-prepare.js';

export interface LinePreparer {
  /** Takes the chunk over: its buffer is transferred to a worker. */
  prepare(chunk: LineChunk): Promise<PreparedLine[]>;
  close(): Promise<void>;
}

/**
 * One worker per CPU beyond the writer's, at least 1, at most 3: preparation is the heaviest
 * stage, the main thread writes, and on 2 cores a second worker only adds memory (measured: same
 * wall time, +100 MB RSS).
 */
export function defaultImportWorkers(): number {
  return Math.max(1, Math.min(3, os.availableParallelism() - 1));
}

/**
 * A worker holds one chunk (≤ 64 lines or 1 MiB, plus one over-long line's worth) at a time;
 * capping its heap makes V8 collect instead of growing. The caps must leave room for a chunk's
 * parsed documents, or collection thrashes: with 48 MB old / 8 MB young and 256-line chunks the
 * worker cost ~50 µs more CPU per document than no caps at all (importing 100,000 documents: 24.7–
 * 29.2 s CPU capped, 22.4–22.8 s uncapped at ~420 MB RSS); 96 / 16 MB with 64-line chunks measured
 * 23.3 s at 365 MB.
 */
const WORKER_HEAP_MB = 96;
const WORKER_YOUNG_GENERATION_MB = 16;

export function createLinePreparer(workers: number, lenientUscc: boolean): LinePreparer {
  if (workers <= 0) {
    return { prepare: async (chunk) => prepareChunk(chunk, lenientUscc), close: async () => {} };
  }
  const waiting = new Map<number, { resolve: (r: PreparedLine[]) => void; reject: (e: unknown) => void }>();
  let failure: unknown;
  const fail = (err: unknown): void => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  const pool = Array.from({ length: workers }, () => {
    const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
      workerData: { lenientUscc },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    worker.on('message', (m: { id: number; results: PreparedLine[] }) => {
      waiting.get(m.id)?.resolve(m.results);
      waiting.delete(m.id);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`import worker exited with code ${code}`));
    });
    return worker;
  });
  let nextId = 0;
  return {
    prepare(chunk) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const promise = new Promise<PreparedLine[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
      pool[id % pool.length]!.postMessage({ id, chunk }, [chunk.bytes.buffer]);
      return promise;
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
