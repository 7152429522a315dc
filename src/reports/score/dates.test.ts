import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, completedYears, datePart, inWindow, parseDate, sortNewestFirst } from './dates.js';

describe('calendar dates', () => {
  it('adds months with the day clamped to the month', () => {
    assert.equal(addMonths('2026-08-31', -6), '2026-02-28');
    assert.equal(addMonths('2024-02-29', -12), '2023-02-28');
    assert.equal(addMonths('2026-01-15', -13), '2024-12-15');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  });

  it('counts completed years by anniversaries, 29 February on 1 March in common years', () => {
    assert.equal(completedYears('2016-06-01', '2026-06-01'), 10);
    assert.equal(completedYears('2016-06-02', '2026-06-01'), 9);
    assert.equal(completedYears('2024-02-29', '2025-02-28'), 0);
    assert.equal(completedYears('2024-02-29', '2025-03-01'), 1);
  });

  it('windows exclude their start and include the reference date', () => {
    assert.equal(inWindow('2023-06-01', '2023-06-01', '2026-06-01'), false);
    assert.equal(inWindow('2023-06-02', '2023-06-01', '2026-06-01'), true);
    assert.equal(inWindow('2026-06-01', '2023-06-01', '2026-06-01'), true);
    assert.equal(inWindow('2026-06-02', '2023-06-01', '2026-06-01'), false);
    assert.equal(inWindow(undefined, '2023-06-01', '2026-06-01'), false);
  });

  it('parses the date part of date-times and rejects impossible dates', () => {
    assert.equal(datePart('2026-11-30T23:59:59+08:00'), '2026-11-30');
    assert.equal(parseDate('2025-02-29'), undefined);
    assert.equal(parseDate('not a date'), undefined);
  });

  it('sorts newest first, keeping the original order of equal dates and putting undated items last', () => {
    const items = [
      { id: 'a', d: '2024-01-01' }, { id: 'b', d: undefined }, { id: 'c', d: '2025-06-30' }, { id: 'd', d: '2024-01-01' },
      { id: 'e', d: '2025-06-30T12:00:00Z' }, { id: 'f', d: 'garbage' }, { id: 'g', d: '2023' },
    ];
    assert.deepEqual(sortNewestFirst(items, (x) => x.d).map((x) => x.id), ['c', 'e', 'a', 'd', 'g', 'b', 'f']);
    assert.deepEqual(sortNewestFirst([], () => undefined), []);
    const many = Array.from({ length: 1000 }, (_, i) => ({ i, d: `20${String(10 + (i % 17)).padStart(2, '0')}-01-01` }));
    const sorted = sortNewestFirst(many, (x) => x.d);
    for (let k = 1; k < sorted.length; k++) {
      const [p, q] = [sorted[k - 1]!, sorted[k]!];
      assert.ok(p.d > q.d || (p.d === q.d && p.i < q.i), `order at ${k}`);
    }
  });
});
