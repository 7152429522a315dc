import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computePersonalIdCheck, looksLikePersonalId } from './personal-id.js';

describe('personal ID', () => {
  it('computes the MOD 11-2 check of the GB 11643 example', () => {
    // the standard's example number 11010519491231002X
    assert.equal(computePersonalIdCheck('11010519491231002'), 'X');
    assert.equal(looksLikePersonalId('11010519491231002x'), true);
  });

  it('accepts 18 digits only with the right check digit', () => {
    const first17 = '44030119900101123';
    const check = computePersonalIdCheck(first17);
    assert.notEqual(check, 'X', 'pick a body whose check is a digit');
    assert.equal(looksLikePersonalId(first17 + check), true);
    assert.equal(looksLikePersonalId(first17 + String((Number(check) + 1) % 10)), false);
    assert.equal(looksLikePersonalId('4403011990010112'), false);
  });

  it('needs a plausible birth date, so numeric USCCs with a matching check are not taken for IDs', () => {
    const first17 = '44030119901301123'; // month 13
    assert.equal(looksLikePersonalId(first17 + computePersonalIdCheck(first17)), false);
  });
});
