import assert from 'node:assert/strict';
import { it } from 'node:test';
import { beijingDayStart, decodeOrderCursor, encodeOrderCursor } from './order-pages.js';

it('turns a cursor into an opaque token and back, refusing anything else', () => {
  const c = { createdAt: '2026-12-01T02:03:04.567Z', orderNo: 'a'.repeat(32) };
  assert.deepEqual(decodeOrderCursor(encodeOrderCursor(c)), c);
  assert.equal(decodeOrderCursor('bm9wZQ'), undefined);
  assert.equal(decodeOrderCursor(Buffer.from(`${c.createdAt}|${'A'.repeat(32)}`).toString('base64url')), undefined);
});

it('starts a Beijing calendar day at 16:00 UTC the day before', () => {
  assert.equal(beijingDayStart('2026-12-01'), '2026-11-30T16:00:00.000Z');
});
