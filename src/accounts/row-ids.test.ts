import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomHex, timeOrderedId } from './row-ids.js';

describe('timeOrderedId', () => {
  it('is 32 lowercase hex characters and sorts by creation, within a millisecond too', () => {
    const ids = [timeOrderedId(1_700_000_000_000), timeOrderedId(1_700_000_000_000), timeOrderedId(1_700_000_000_001), timeOrderedId(1_800_000_000_000)];
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(ids[0]!.slice(0, 12), (1_700_000_000_000).toString(16).padStart(12, '0'));
  });

  it('never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(timeOrderedId());
    assert.equal(seen.size, 20_000);
  });

  it('randomHex gives the asked number of bytes as hex, never the same twice, across pool refills', () => {
    assert.match(randomHex(16), /^[0-9a-f]{32}$/);
    assert.match(randomHex(1), /^[0-9a-f]{2}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add(randomHex(16));
    assert.equal(seen.size, 2_000);
    assert.throws(() => randomHex(0), /bytes must be/);
  });
});
