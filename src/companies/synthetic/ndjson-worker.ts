/** Worker thread of writeNdjsonParallel: one block of companies in, its NDJSON bytes out. */
import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { generateCompanies } from './generate.js';
import { writeNdjson } from './ndjson.js';
import type { BlockReply, BlockRequest } from './ndjson-parallel.js';

const port = parentPort;
if (!port) throw new Error('ndjson-worker.js runs as a worker thread only');

port.on('message', (request: BlockRequest) => {
  void encodeBlock(request).then(
    (bytes) => port.postMessage({ block: request.block, bytes } satisfies BlockReply, [bytes.buffer as ArrayBuffer]),
    (err: unknown) => port.postMessage({ block: request.block, error: err instanceof Error ? err.message : String(err) } satisfies BlockReply),
  );
});

async function encodeBlock(request: BlockRequest): Promise<Uint8Array> {
  const sink = new PassThrough({ highWaterMark: 64 << 20 });
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeNdjson(generateCompanies({ count: request.count, seed: request.seed, referenceDate: request.referenceDate, start: request.start }), sink);
  sink.end();
  // A fresh copy owns its whole ArrayBuffer, so it can be transferred rather than cloned.
  const joined = Buffer.concat(chunks);
  const owned = new Uint8Array(joined.length);
  owned.set(joined);
  return owned;
}
