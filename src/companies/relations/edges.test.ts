import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EDGE_KIND, partyTypeOf, relationEdgesOf, SELF } from './edges.js';

describe('relation edges of a document', () => {
  it('states holdings, posts, the legal representative, investments, branches and the head office', () => {
    const edges = relationEdgesOf({
      name: '测试有限公司', companyType: '有限责任公司', status: '存续', establishedOn: '2020-01-01', legalRep: '张三',
      shareholders: [{ name: '张三', kind: 'person', ratio: 0.7, subscribed: { amount: 700 }, isController: true }, { name: '某某投资有限公司', uscc: '91310000mA1234567x', ratio: 0.3 }],
      personnel: [{ name: '张三', positions: ['执行董事', '总经理'] }],
      investments: [{ name: '下属有限公司', ratio: 0.51, status: '存续' }],
      branches: [{ name: '测试有限公司北京分公司' }],
      parent: { name: '母公司' },
    });
    assert.deepEqual(edges.map((e) => [e.kind, e.aRef, e.bRef]), [
      [EDGE_KIND.shareholder, 'p:张三', SELF],
      [EDGE_KIND.shareholder, 'u:91310000MA1234567X', SELF],
      [EDGE_KIND.executive, 'p:张三', SELF],
      [EDGE_KIND.legalRep, 'p:张三', SELF],
      [EDGE_KIND.investment, SELF, 'n:下属有限公司'],
      [EDGE_KIND.branch, SELF, 'n:测试有限公司北京分公司'],
      [EDGE_KIND.branch, 'n:母公司', SELF],
    ]);
    assert.deepEqual(edges[0], { kind: 1, aRef: 'p:张三', aName: '张三', aType: 'person', bRef: SELF, bName: '测试有限公司', ratio: 0.7, amount: '700 CNY', label: null, declared: 1 });
    assert.equal(edges[2]!.label, '执行董事、总经理');
  });

  it('tells persons from organisations when the document gives no kind', () => {
    assert.equal(partyTypeOf('陈集团', undefined, undefined), 'person');
    assert.equal(partyTypeOf('上海某某集团', undefined, undefined), 'company');
    assert.equal(partyTypeOf('某某有限公司', undefined, undefined), 'company');
    assert.equal(partyTypeOf('上海市国有资产监督管理委员会', undefined, undefined), 'company');
    assert.equal(partyTypeOf('John Smith', 'person', undefined), 'person');
  });
});
