import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTimespan, computeToken, tokenMatches } from './token.js';

describe('token', () => {
  it('is the upper-case md5 of key + Timespan + SecretKey', () => {
    assert.equal(computeToken('k', '1', 's'), '6AC6061265219A21479D9B2CB9D947F7'); // md5("k1s")
  });

  it('matches case-insensitively and rejects other lengths', () => {
    const t = computeToken('k', '1700000000', 'secret');
    assert.equal(tokenMatches(t.toLowerCase(), t), true);
    assert.equal(tokenMatches(t, t), true);
    assert.equal(tokenMatches(t.slice(1), t), false);
    assert.equal(tokenMatches('0'.repeat(32), t), false);
  });

  it('accepts a Timespan exactly at the skew window and rejects one second past it', () => {
    assert.deepEqual(checkTimespan('T', '1000', 1300, 300), { ok: true });
    assert.deepEqual(checkTimespan('T', '1600', 1300, 300), { ok: true });
    assert.deepEqual(checkTimespan('T', '999', 1300, 300), { ok: false, reason: 'timespan_skew' });
    assert.deepEqual(checkTimespan('T', '1601', 1300, 300), { ok: false, reason: 'timespan_skew' });
    assert.deepEqual(checkTimespan(undefined, '1300', 1300, 300), { ok: false, reason: 'token_missing' });
    assert.deepEqual(checkTimespan('T', undefined, 1300, 300), { ok: false, reason: 'timespan_missing' });
    assert.deepEqual(checkTimespan('T', '13.5', 1300, 300), { ok: false, reason: 'timespan_malformed' });
  });
});
