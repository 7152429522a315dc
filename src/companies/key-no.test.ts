import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveKeyNo, isKeyNo } from './key-no.js';

describe('deriveKeyNo', () => {
  it('is 32 lowercase hex and deterministic', () => {
    const k = deriveKeyNo({ name: '上海甲科技有限公司', uscc: '91310115MA1H7J3K7G' });
    assert.ok(isKeyNo(k));
    assert.equal(k, deriveKeyNo({ name: '另一个名字', uscc: '91310115ma1h7j3k7g ' }));
  });

  it('prefers uscc, then regNo, then the normalised name', () => {
    const byUscc = deriveKeyNo({ name: 'x公司', uscc: '91310115MA1H7J3K7G', regNo: '310115000123456' });
    const byRegNo = deriveKeyNo({ name: 'x公司', regNo: '310115000123456' });
    const byName = deriveKeyNo({ name: 'X公司' });
    assert.notEqual(byUscc, byRegNo);
    assert.notEqual(byRegNo, byName);
    assert.equal(byName, deriveKeyNo({ name: ' ｘ公司 ' }));
  });

  it('does not confuse a regNo with a name of the same text', () => {
    assert.notEqual(deriveKeyNo({ name: '310115000123456' }), deriveKeyNo({ name: 'n', regNo: '310115000123456' }));
  });
});
