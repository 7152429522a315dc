import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseName, normaliseStatus } from './normalise.js';

describe('normaliseName', () => {
  it('treats full-width and half-width brackets and spaces alike', () => {
    const a = normaliseName('北京字节跳动科技有限公司（分公司）');
    assert.equal(a, normaliseName('北京字节跳动科技有限公司(分公司)'));
    assert.equal(a, normaliseName('  北京字节跳动科技有限公司 (分公司)\u3000'));
    assert.equal(a, '北京字节跳动科技有限公司(分公司)');
  });

  it('folds Latin case and full-width Latin letters, keeping one space between Latin words', () => {
    assert.equal(normaliseName('ＡＢＣ  Trading Co.,Ltd.'), 'abc trading co.,ltd.');
    assert.equal(normaliseName('TCL 科技集团股份有限公司'), 'tcl科技集团股份有限公司');
    assert.equal(normaliseName('tcl科技集团股份有限公司'), normaliseName('ＴＣＬ科技集团股份有限公司'));
  });

  it('keeps different names different', () => {
    assert.notEqual(normaliseName('上海甲科技有限公司'), normaliseName('上海乙科技有限公司'));
    assert.notEqual(normaliseName('AB Co'), normaliseName('ABCo'));
  });
});

describe('normaliseStatus', () => {
  const cases: Array<[string, string]> = [
    ['存续（在营、开业、在册）', 'ACTIVE'],
    ['在业', 'ACTIVE'],
    ['开业', 'ACTIVE'],
    ['迁入', 'MOVED_IN'],
    ['迁出', 'MOVED_OUT'],
    ['停业', 'SUSPENDED'],
    ['歇业', 'SUSPENDED'],
    ['清算', 'LIQUIDATING'],
    ['吊销，未注销', 'REVOKED'],
    ['吊销,未注销', 'REVOKED'],
    ['吊销', 'REVOKED'],
    ['吊销，已注销', 'CANCELLED'],
    ['注销', 'CANCELLED'],
    ['撤销', 'ANNULLED'],
    ['责令关闭', 'ORDERED_CLOSED'],
    ['其他', 'OTHER'],
    ['', 'OTHER'],
  ];
  for (const [text, expected] of cases) {
    it(`${text || '(empty)'} → ${expected}`, () => assert.equal(normaliseStatus(text), expected));
  }
});
