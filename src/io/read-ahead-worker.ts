/** The reader thread of read-ahead.ts: blocking reads, posted as transferred chunks. */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AHEAD, STOP, type ReadAheadMessage } from './read-ahead.js';

const { fd, chunkBytes, maxChunksAhead, state } = workerData as { fd: number; chunkBytes: number; maxChunksAhead: number; state: Int32Array };
const post = (m: ReadAheadMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads into `buffer` from `at`: the byte count (0 at the end of input), or undefined after an error was posted. */
function readInto(buffer: Uint8Array, at: number): number | undefined {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, at, buffer.length - at, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A descriptor another part of the process made non-blocking (a pipe Node opened as a
      // stream) has no data yet: wait a moment and read again.
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      post({ error: { message: err instanceof Error ? err.message : String(err), ...(code === undefined ? {} : { code }) } });
      return undefined;
    }
  }
}

let ended = false;
while (!ended) {
  let ahead = Atomics.load(state, AHEAD);
  while (ahead >= maxChunksAhead && Atomics.load(state, STOP) === 0) {
    Atomics.wait(state, AHEAD, ahead, 1000);
    ahead = Atomics.load(state, AHEAD);
  }
  if (Atomics.load(state, STOP) !== 0) break;
  // A pipe returns what it holds (64 KiB at most): fill the chunk with several reads while the
  // consumer still has chunks to work on, hand it over as soon as the consumer has none.
  const buffer = new Uint8Array(chunkBytes);
  let filled = 0;
  do {
    const n = readInto(buffer, filled);
    if (n === undefined) process.exit(0);
    if (n === 0) ended = true;
    filled += n;
  } while (!ended && filled < chunkBytes && Atomics.load(state, AHEAD) > 0 && Atomics.load(state, STOP) === 0);
  if (filled > 0) {
    Atomics.add(state, AHEAD, 1);
    post({ chunk: buffer.subarray(0, filled) }, [buffer.buffer]);
  }
}
if (ended) post({ end: true });
