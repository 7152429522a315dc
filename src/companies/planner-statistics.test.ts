import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsAnalyze } from './planner-statistics.js';

describe('planner statistics after an import', () => {
  it('analyses after writing more than 50 rows plus 10 % of what the store held', () => {
    assert.equal(needsAnalyze(-1, 51), true, 'a never-analysed store');
    assert.equal(needsAnalyze(0, 50), false);
    assert.equal(needsAnalyze(0, 51), true);
    assert.equal(needsAnalyze(1_000_000, 100_050), false);
    assert.equal(needsAnalyze(1_000_000, 100_051), true);
    assert.equal(needsAnalyze(1_000_000, 10), false, 'a small import into a large store leaves it to autovacuum');
  });
});
