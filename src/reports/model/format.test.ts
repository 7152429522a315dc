import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFenAsWan, formatInstantBeijing, formatMoney, formatPercent, groupThousands, text } from './format.js';

describe('report display text', () => {
  it('formats money as 万元 with grouping and two decimals, from integer fen', () => {
    assert.equal(formatMoney({ amount: 12_345_600 }), '1,234.56 万元');
    assert.equal(formatMoney({ amount: 0.1 + 0.2 }), '0.00 万元');
    assert.equal(formatMoney({ amount: 50 }), '0.01 万元');
    assert.equal(formatMoney({ amount: 1_000_000_000_000 }), '100,000,000.00 万元');
    assert.equal(formatMoney({ amount: -200_000 }), '-20.00 万元');
    assert.equal(formatMoney({ amount: 500_000, currency: 'USD' }), '50.00 万美元');
    assert.equal(formatMoney(undefined), '—');
    assert.equal(formatFenAsWan(123_456_789), '123.46 万元');
  });

  it('groups thousands', () => {
    assert.deepEqual(['1', '12', '123', '1234', '123456', '1234567'].map(groupThousands), ['1', '12', '123', '1,234', '123,456', '1,234,567']);
  });

  it('formats percentages with two decimals', () => {
    assert.equal(formatPercent(0.35), '35.00%');
    assert.equal(formatPercent(1 / 3), '33.33%');
    assert.equal(formatPercent(1), '100.00%');
    assert.equal(formatPercent(undefined), '—');
  });

  it('shows instants in Beijing time and blanks as a dash', () => {
    assert.equal(formatInstantBeijing('2026-11-30T16:30:00Z'), '2026-12-01 00:30:00（北京时间）');
    assert.equal(text('  '), '—');
    assert.equal(text(0), '0');
  });
});
