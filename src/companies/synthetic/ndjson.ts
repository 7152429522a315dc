/**
 * Writes documents as NDJSON in large chunks with back-pressure: one `write` per ~1 MB instead of
 * per line keeps a million documents from turning into a million stream operations.
 */
import { once } from 'node:events';

const CHUNK_CHARS = 1 << 20;

export interface NdjsonSummary {
  documents: number;
  bytes: number;
}

export async function writeNdjson(documents: Iterable<unknown>, out: NodeJS.WritableStream): Promise<NdjsonSummary> {
  let buffer = '';
  let documentsWritten = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = Buffer.from(buffer, 'utf8');
    buffer = '';
    bytes += chunk.length;
    if (!out.write(chunk)) await waitForDrain(out);
  };
  for (const doc of documents) {
    buffer += JSON.stringify(doc) + '\n';
    documentsWritten++;
    if (buffer.length >= CHUNK_CHARS) await flush();
  }
  await flush();
  return { documents: documentsWritten, bytes };
}

/** Resolves on `drain`, rejects if the stream fails or closes first (e.g. `| head` closing the pipe). */
async function waitForDrain(out: NodeJS.WritableStream): Promise<void> {
  const emitter = out as NodeJS.WritableStream & import('node:events').EventEmitter;
  const closed = once(emitter, 'close').then(() => {
    throw new Error('output closed before all documents were written');
  });
  await Promise.race([once(emitter, 'drain'), closed]);
}
