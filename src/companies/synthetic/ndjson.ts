/**
 * Writes documents as NDJSON in large chunks with back-pressure: one `write` per ~1 MB instead of
 * per line keeps a million documents from turning into a million stream operations.
 */
import type { EventEmitter } from 'node:events';

const CHUNK_CHARS = 1 << 20;

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
  let buffer = '';
  let documentsWritten = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    if (buffer.length === 0) return;
    const chunk = Buffer.from(buffer, 'utf8');
    buffer = '';
    bytes += chunk.length;
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (failure) throw failure;
    }
  };
  try {
    for (const doc of documents) {
      buffer += JSON.stringify(doc) + '\n';
      documentsWritten++;
      if (buffer.length >= CHUNK_CHARS) await flush();
    }
    await flush();
    return { documents: documentsWritten, bytes };
  } finally {
    stream.off('error', onError);
    stream.off('drain', onDrain);
    stream.off('close', onDrain);
  }
}
