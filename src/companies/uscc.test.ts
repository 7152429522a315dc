import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUscc, completeUscc, computeOrgCodeCheck, computeUsccCheck } from './uscc.js';

describe('USCC', () => {
  it('computes the worked example of DATA.md (J is 19 in C9, 18 in C18)', () => {
    assert.equal(computeOrgCodeCheck('MA1H7J3K'), '7');
    assert.equal(computeUsccCheck('91310115MA1H7J3K7'), 'G');
    assert.equal(completeUscc('91310115MA1H7J3K'), '91310115MA1H7J3K7G');
    assert.deepEqual(checkUscc('91310115ma1h7j3k7g'), { ok: true, code: '91310115MA1H7J3K7G' });
  });

  it('names the check that failed', () => {
    const wrongC18 = checkUscc('91310115MA1H7J3K7H');
    assert.equal(wrongC18.ok, false);
    assert.equal(!wrongC18.ok && wrongC18.problem, 'check');
    const wrongC9 = checkUscc('91310115MA1H7J3K8G');
    assert.equal(!wrongC9.ok && wrongC9.problem, 'org_check');
    assert.equal((checkUscc('91310115MA1H7J3K7') as { problem: string }).problem, 'length');
    assert.equal((checkUscc('91310115MA1H7J3KIG') as { problem: string }).problem, 'charset');
  });

  it('accepts a real pilot-area code whose C9 is right and C18 is not, as a check failure only', () => {
    const r = checkUscc('91350211M00013FA1N');
    assert.equal(!r.ok && r.problem, 'check');
  });

  it('maps C9 10 to X and 11 to 0', () => {
    // Search small bodies for both edge values, then verify they round-trip through checkUscc.
    const seen = new Set<string>();
    for (let n = 0; n < 5000 && seen.size < 2; n++) {
      const body = n.toString().padStart(8, '0');
      const c9 = computeOrgCodeCheck(body);
      if (c9 === 'X' || c9 === '0') {
        seen.add(c9);
        assert.equal(checkUscc(completeUscc(`91110000${body}`)).ok, true);
      }
    }
    assert.deepEqual([...seen].sort(), ['0', 'X']);
  });
});

describe('USCC import policy', () => {
  it('strict refuses a failed check; lenient accepts it with a warning naming the check', async () => {
    const { checkUsccWithPolicy } = await import('./uscc.js');
    const strict = checkUsccWithPolicy('91350211M00013FA1N', false);
    assert.equal(strict.ok, false);
    const lenient = checkUsccWithPolicy('91350211m00013fa1n', true);
    assert.equal(lenient.ok, true);
    assert.equal(lenient.code, '91350211M00013FA1N');
    assert.match(lenient.ok ? lenient.warning ?? '' : '', /position 18/);
    assert.match((checkUsccWithPolicy('91310115MA1H7J3K8G', true) as { warning: string }).warning, /position 17/);
    assert.equal(checkUsccWithPolicy('91310115MA1H7J3KIG', true).ok, false);
    assert.deepEqual(checkUsccWithPolicy('91310115MA1H7J3K7G', false), { ok: true, code: '91310115MA1H7J3K7G' });
  });
});
