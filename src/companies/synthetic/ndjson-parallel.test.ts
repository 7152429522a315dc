import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { generateCompanies } from './generate.js';
import { writeNdjson } from './ndjson.js';
import { writeNdjsonParallel } from './ndjson-parallel.js';

function collect(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('worker threads write exactly the bytes of one thread, blocks in index order', async () => {
  const single = collect();
  await writeNdjson(generateCompanies({ count: 1234, seed: 'parallel', referenceDate: '2026-06-30' }), single.out);
  const parallel = collect();
  const summary = await writeNdjsonParallel({ count: 1234, seed: 'parallel', referenceDate: '2026-06-30', workers: 3, blockCompanies: 100 }, parallel.out);
  assert.equal(summary.documents, 1234);
  assert.equal(summary.bytes, Buffer.byteLength(single.text()));
  assert.ok(parallel.text() === single.text(), 'parallel output differs from single-threaded output');
});

test('a block starting past zero equals the same slice of a whole run', () => {
  const whole = [...generateCompanies({ count: 30, seed: 'slice' })];
  const tail = [...generateCompanies({ count: 10, seed: 'slice', start: 20 })];
  assert.deepEqual(tail, whole.slice(20));
});
