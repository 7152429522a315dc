import assert from 'node:assert/strict';
import { it } from 'node:test';
import { dayLabels, percentiles } from './overview.js';

it('labels the overview days oldest first, ending today (UTC)', () => {
  assert.deepEqual(dayLabels(Date.parse('2026-12-06T23:59:00Z'), 3), ['2026-12-04', '2026-12-05', '2026-12-06']);
});

it('gives no percentiles for nothing measured, and median/p95 otherwise', () => {
  assert.equal(percentiles([]), null);
  assert.deepEqual(percentiles(Array.from({ length: 100 }, (_, i) => i + 1)), { median: 51, p95: 96 });
});
