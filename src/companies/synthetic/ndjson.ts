/**
 * Writes documents as NDJSON in large chunks with back-pressure: one `write` per ~1 MB instead of
 * per line keeps a million documents from turning into a million stream operations. Each line is
 * encoded straight into the chunk's buffer: concatenating lines into one string first and encoding
 * that cost a third of the run (flattening a rope of two-byte strings).
 */
import type { EventEmitter } from 'node:events';

const CHUNK_BYTES = 1 << 20;

export interface NdjsonSummary {
  documents: number;
  bytes: number;
}

/** Rejects with the stream's error (e.g. EPIPE when `| head` closes the pipe) instead of crashing. */
export async function writeNdjson(documents: Iterable<unknown>, out: NodeJS.WritableStream): Promise<NdjsonSummary> {
  const stream = out as NodeJS.WritableStream & EventEmitter;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (err: Error): void => {
    failure ??= err;
    wake?.();
  };
  const onDrain = (): void => wake?.();
  stream.on('error', onError);
  stream.on('drain', onDrain);
  stream.on('close', onDrain);
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let documentsWritten = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    if (used === 0) return;
    const full = chunk.subarray(0, used);
    bytes += used;
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    if (!stream.write(full)) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (failure) throw failure;
    }
  };
  try {
    for (const doc of documents) {
      const line = JSON.stringify(doc);
      // UTF-8 takes at most 3 bytes per UTF-16 unit; a line that cannot fit even an empty chunk gets its own.
      const worst = line.length * 3 + 1;
      if (used + worst > chunk.length) {
        await flush();
        if (worst > chunk.length) chunk = Buffer.allocUnsafe(worst);
      }
      used += chunk.write(line, used, 'utf8');
      chunk[used++] = 0x0a;
      documentsWritten++;
    }
    await flush();
    return { documents: documentsWritten, bytes };
  } finally {
    stream.off('error', onError);
    stream.off('drain', onDrain);
    stream.off('close', onDrain);
  }
}
