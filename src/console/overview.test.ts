import assert from 'node:assert/strict';
import { it } from 'node:test';
import { chinaDayOfHour, dayLabels, percentiles } from './overview.js';

it('labels the overview days oldest first, ending today in China (UTC+8)', () => {
  assert.deepEqual(dayLabels(Date.parse('2026-12-06T15:59:00Z'), 3), ['2026-12-04', '2026-12-05', '2026-12-06']);
  // 16:00 UTC is midnight in Beijing: the next day has begun.
  assert.deepEqual(dayLabels(Date.parse('2026-12-06T16:00:00Z'), 3), ['2026-12-05', '2026-12-06', '2026-12-07']);
});

it('folds UTC hours into China days', () => {
  assert.equal(chinaDayOfHour('2026-12-06T15'), '2026-12-06');
  assert.equal(chinaDayOfHour('2026-12-06T16'), '2026-12-07');
  assert.equal(chinaDayOfHour('2026-12-31T23'), '2027-01-01');
});

it('gives no percentiles for nothing measured, and median/p95 otherwise', () => {
  assert.equal(percentiles([]), null);
  assert.deepEqual(percentiles(Array.from({ length: 100 }, (_, i) => i + 1)), { median: 51, p95: 96 });
});
