import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportNumber } from '../reports/model/build.js';
import { localOrderNo } from './report-commands.js';

describe('report render: the local order number', () => {
  it('dates in Beijing time, as the report number does', () => {
    // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Beijing: both printed numbers say 20261201.
    const at = '2026-11-30T17:30:05.000Z';
    assert.equal(localOrderNo(at), 'LOCAL20261201013005');
    assert.match(reportNumber(localOrderNo(at), at), /^ZX20261201-/);
  });
});
