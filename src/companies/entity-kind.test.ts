import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityKind } from './entity-kind.js';

describe('entityKind', () => {
  it('reads the USCC category first', () => {
    assert.deepEqual(entityKind('91310115MA1H7J3K7G', '有限责任公司'), { kind: 'ENTERPRISE', covered: true });
    assert.deepEqual(entityKind('92310115MA1H7J3K7G', '个体工商户'), { kind: 'INDIVIDUAL_BUSINESS', covered: true });
    assert.deepEqual(entityKind('93310115MA1H7J3K7G', '农民专业合作社'), { kind: 'COOPERATIVE', covered: true });
    // the code wins over a misleading type text
    assert.deepEqual(entityKind('12310115MA1H7J3K7G', '有限责任公司'), { kind: 'PUBLIC_INSTITUTION', covered: false });
  });

  it('answers not covered for every non-enterprise category', () => {
    for (const prefix of ['11', '12', '13', '19', '21', '31', '39', '41', '51', '52', '53', '59', '61', '71', '81', 'A1', 'N1', 'N9', 'Y1']) {
      assert.equal(entityKind(`${prefix}310115MA1H7J3K7G`, '').covered, false, prefix);
    }
    assert.equal(entityKind('31310115MA1H7J3K7G').kind, 'LAW_FIRM');
    assert.equal(entityKind('53310115MA1H7J3K7G').kind, 'FOUNDATION');
  });

  it('falls back to the type text without a code', () => {
    assert.deepEqual(entityKind(undefined, '个体工商户'), { kind: 'INDIVIDUAL_BUSINESS', covered: true });
    assert.equal(entityKind(undefined, '有限责任公司分公司').kind, 'ENTERPRISE');
    assert.equal(entityKind(undefined, '事业单位').covered, false);
    assert.equal(entityKind(undefined, '社会团体').covered, false);
    assert.equal(entityKind(undefined, '基金会').kind, 'FOUNDATION');
    assert.equal(entityKind(undefined, '民办非企业单位').kind, 'PRIVATE_NON_ENTERPRISE');
    assert.equal(entityKind(undefined, '').kind, 'ENTERPRISE');
  });

  it('recognises Hong Kong, Macao, Taiwan and overseas companies from the type text, even with a code', () => {
    assert.deepEqual(entityKind(undefined, '香港公司'), { kind: 'HK_MACAO_TAIWAN', covered: false });
    assert.equal(entityKind(undefined, '台湾企业').kind, 'HK_MACAO_TAIWAN');
    assert.equal(entityKind(undefined, '澳门公司').kind, 'HK_MACAO_TAIWAN');
    assert.deepEqual(entityKind(undefined, '外国（地区）企业'), { kind: 'OVERSEAS', covered: false });
    assert.equal(entityKind(undefined, '境外公司').kind, 'OVERSEAS');
  });

  it('keeps mainland enterprises with foreign or HK/Macao/Taiwan investors covered', () => {
    assert.equal(entityKind(undefined, '有限责任公司（台港澳法人独资）').covered, true);
    assert.equal(entityKind(undefined, '有限责任公司（外国法人独资）').covered, true);
    assert.equal(entityKind('91310115MA1H7J3K7G', '外商投资企业').covered, true);
  });
});
