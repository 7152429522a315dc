import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Party, PenetrationNode } from '../companies/relations/facts.js';
import { renderXml } from './envelope.js';
import { equityThroughResult, findRelationResult, keyNosOf, percentText, shortStatus, type RelationPath } from './relation-shapes.js';

const a: Party = { id: 'ka', type: 'company', name: '甲公司', keyNo: 'ka' };
const b: Party = { id: 'kb', type: 'company', name: '乙公司', keyNo: 'kb' };
const zhang: Party = { id: 'p_1', type: 'person', name: '张三' };

describe('relation wire shapes', () => {
  it('percentages as the vendor writes them', () => {
    assert.equal(percentText(0.563), '56.3%');
    assert.equal(percentText(1), '100%');
    assert.equal(percentText(0.336), '33.6%');
    assert.equal(percentText(1 / 3), '33.3333%');
    assert.equal(percentText(null), '');
  });

  it('findRelation: shortest first, at most 10, persons without KeyNo, ratios only on holdings', () => {
    const viaPerson: RelationPath = {
      nodes: [a, zhang, b],
      edges: [{ from: 'p_1', to: 'ka', type: 'legalRep' }, { from: 'p_1', to: 'kb', type: 'shareholder', ratio: 0.7 }],
    };
    const direct: RelationPath = { nodes: [a, b], edges: [{ from: 'ka', to: 'kb', type: 'investment', ratio: 0.2 }] };
    const many = Array.from({ length: 12 }, () => viaPerson);
    const result = findRelationResult([...many, direct]) as { Paths: Array<{ Length: number; Nodes: Array<Record<string, unknown>>; Edges: Array<Record<string, unknown>> }> };
    assert.equal(result.Paths.length, 10);
    assert.equal(result.Paths[0]!.Length, 1);
    assert.deepEqual(result.Paths[0]!.Edges[0], { From: 'ka', To: 'kb', Type: 'investment', Label: '对外投资', Ratio: '20%' });
    assert.deepEqual(result.Paths[1]!.Nodes[1], { Id: 'p_1', Type: 'person', Name: '张三', KeyNo: null });
    assert.deepEqual(result.Paths[1]!.Edges.map((e) => [e.Type, e.Label, e.Ratio]), [['legalRep', '法定代表人', null], ['shareholder', '股东', '70%']]);
    assert.match(renderXml({ status: '200', message: 'ok', result: findRelationResult([direct]), orderNumber: 'COMPANY1' }), /<Paths>\s*<Path>\s*<Length>1<\/Length>/);
  });

  it('EquityThrough: §8.1 fields, grades, effective holdings, level cut, cycles not expanded', () => {
    const root: PenetrationNode = {
      party: { ...b, name: '目标公司' }, ratio: null,
      children: [
        { party: a, ratio: 0.6, subscribedAmount: '600万元', children: [{ party: zhang, ratio: 0.56, children: [] }, { party: b, ratio: 0.44, children: [{ party: a, ratio: 1, children: [] }], cycle: true }] },
        { party: { id: 'o1', type: 'other', name: '某国资委' }, ratio: null, children: [] },
      ],
    };
    const result = equityThroughResult(root, 4, (k) => (k === 'ka' ? '存续' : '注销')) as Record<string, any>;
    assert.deepEqual(Object.keys(result), ['KeyNo', 'Name', 'Count', 'Children']);
    assert.equal(result.Count, '2');
    const first = result.Children[0];
    assert.deepEqual(Object.keys(first), ['KeyNo', 'Name', 'Category', 'FundedRatio', 'InParentActualRadio', 'Count', 'Grade', 'ShouldCapi', 'StockRightNum', 'ShortStatus', 'Children']);
    assert.deepEqual([first.KeyNo, first.Category, first.FundedRatio, first.InParentActualRadio, first.Grade, first.ShouldCapi, first.ShortStatus, first.Count], ['ka', '0', '60%', '60%', '1', '600万元', '存续', '2']);
    const person = first.Children[0];
    assert.deepEqual([person.KeyNo, person.Category, person.FundedRatio, person.InParentActualRadio, person.Grade, person.ShortStatus, person.Children], ['p_1', '2', '56%', '33.6%', '2', '', null]);
    assert.equal(first.Children[1].Children, null, 'a cross-holding is not expanded again');
    assert.deepEqual([result.Children[1].Category, result.Children[1].FundedRatio, result.Children[1].InParentActualRadio], ['1', '', '']);
    const one = equityThroughResult(root, 1, () => undefined) as Record<string, any>;
    assert.equal(one.Children[0].Children, null);
    assert.equal(one.Children[0].Count, '0');
    assert.deepEqual(keyNosOf(root, 4).sort(), ['ka', 'kb']);
    assert.equal(shortStatus('存续（在营、开业、在册）'), '存续');
  });
});
