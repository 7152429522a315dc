import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { FirstClaims } from './first-claims.js';

const hex = (n: number): string => crypto.createHash('md5').update(String(n)).digest('hex');

describe('FirstClaims', () => {
  it('records the first line of each KeyNo and answers it for every later claim', () => {
    const claims = new FirstClaims(16);
    assert.equal(claims.claim(hex(1), 3), undefined);
    assert.equal(claims.claim(hex(2), 4), undefined);
    assert.equal(claims.claim(hex(1), 9), 3);
    assert.equal(claims.claim(hex(1), 12), 3, 'a later claim does not replace the first');
    assert.equal(claims.size, 2);
  });

  it('keeps every entry exact through growth, including keys that differ in one word only', () => {
    const claims = new FirstClaims(16);
    const n = 5000;
    for (let i = 0; i < n; i++) assert.equal(claims.claim(hex(i), i + 1), undefined);
    // Same first three words, different last word: must not be confused.
    const base = hex(0);
    const twin = base.slice(0, 24) + (base.slice(24) === '00000000' ? '00000001' : '00000000');
    assert.equal(claims.claim(twin, n + 1), undefined);
    for (let i = 0; i < n; i++) assert.equal(claims.claim(hex(i), 10 * n), i + 1);
    assert.equal(claims.size, n + 1);
  });

  it('handles sequential, non-random KeyNos and anything that is not 32 hex digits', () => {
    const claims = new FirstClaims();
    for (let i = 0; i < 1000; i++) claims.claim(i.toString(16).padStart(32, '0'), i + 1);
    assert.equal(claims.claim((999).toString(16).padStart(32, '0'), 5000), 1000);
    assert.equal(claims.claim('NOT-A-KEYNO', 7), undefined);
    assert.equal(claims.claim('NOT-A-KEYNO', 8), 7);
    assert.throws(() => claims.claim(hex(1), 0), /start at 1/);
  });
});
