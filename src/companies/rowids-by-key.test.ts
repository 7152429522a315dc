import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowidsByKey } from './rowids-by-key.js';

test('every added key finds its rowid, also after the table grew many times', () => {
  const table = new RowidsByKey(16);
  for (let i = 1; i <= 50_000; i++) table.add(`91110000${String(i).padStart(10, '0')}`, i);
  assert.equal(table.size, 50_000);
  for (let i = 1; i <= 50_000; i += 7) assert.ok(table.candidates(`91110000${String(i).padStart(10, '0')}`).includes(i), `key ${i}`);
});

test('a key never added has (almost always) no candidates', () => {
  const table = new RowidsByKey();
  for (let i = 1; i <= 20_000; i++) table.add(`key-${i}`, i);
  let falseHits = 0;
  for (let i = 20_001; i <= 40_000; i++) falseHits += table.candidates(`key-${i}`).length;
  // 32-bit fingerprints: the expected count here is ~0.1; a handful would still be correct, many would mean a broken hash.
  assert.ok(falseHits <= 3, `false hits: ${falseHits}`);
});

test('the same key under several rowids yields all of them (a re-keyed row leaves a stale entry; callers verify)', () => {
  const table = new RowidsByKey();
  table.add('同一个', 3);
  table.add('同一个', 9);
  assert.deepEqual(table.candidates('同一个').sort((a, b) => a - b), [3, 9]);
  assert.deepEqual(table.candidates('另一个'), []);
});

test('rowids outside 1 … 2^32−1 are refused, since 0 marks an empty slot', () => {
  const table = new RowidsByKey();
  assert.throws(() => table.add('k', 0), /rowid must be/);
  assert.throws(() => table.add('k', 2 ** 32), /rowid must be/);
});
