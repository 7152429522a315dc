import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Party, PenetrationNode, RelationFacts } from '../../../companies/relations/facts.js';
import type { Block, EquityTreeChart, KeyValueBlock, TableBlock } from '../types.js';
import {
  PENETRATION_CHART_LEVELS, PENETRATION_CHART_MAX_ROWS, RELATIONS_UNAVAILABLE_TEXT, chainText, controllerSection, penetrationChart, penetrationSection,
  relatedRiskSection,
} from './relations.js';

const company = (name: string): Party => ({ id: `k_${name}`, type: 'company', name, keyNo: `k_${name}` });
const person = (name: string): Party => ({ id: `p_${name}`, type: 'person', name });
const target = company('目标有限公司');
const zhang = person('张三');
const jia = company('甲控股');
const yi = company('乙实业');
const chain = [{ holder: zhang, held: jia, ratio: 0.7 }, { holder: jia, held: yi, ratio: 0.8 }, { holder: yi, held: target, ratio: 0.6 }];

function facts(over: Partial<RelationFacts> = {}): RelationFacts {
  return {
    keyNo: target.id,
    controller: { status: 'found', controller: zhang, chain, cumulativeRatio: 0.336, basis: 'majority', reason: '逐层持股过半' },
    beneficialOwners: [{ person: zhang, cumulativeRatio: 0.336, paths: [chain] }],
    beneficialOwnerThreshold: 0.25,
    penetration: { party: target, ratio: null, children: [{ party: yi, ratio: 0.6, children: [{ party: jia, ratio: 0.8, children: [{ party: zhang, ratio: 0.7, children: [] }] }] }] },
    cycles: [],
    related: [],
    ...over,
  };
}

const texts = (blocks: Block[]): string => JSON.stringify(blocks);
const kv = (blocks: Block[]) => Object.fromEntries((blocks.find((b): b is KeyValueBlock => b.kind === 'keyValue')?.items ?? []).map((i) => [i.label, i.value]));

describe('relation sections', () => {
  it('without RelationFacts every section says the analysis is unavailable, never "none"', () => {
    for (const build of [penetrationSection, controllerSection, relatedRiskSection]) {
      const section = build({ noEquity: false, cap: 20 });
      assert.deepEqual(section.blocks, [{ kind: 'notice', level: 'info', text: RELATIONS_UNAVAILABLE_TEXT }]);
      assert.doesNotMatch(texts(section.blocks), /无单一|未发现|暂无/);
    }
  });

  it('the controller with the chain as names and percentages, the cumulative ratio and the basis', () => {
    assert.equal(chainText(chain), '张三 —70.00%→ 甲控股 —80.00%→ 乙实业 —60.00%→ 目标有限公司');
    const values = kv(controllerSection({ relations: facts(), noEquity: false, cap: 20 }).blocks);
    assert.equal(values['实际控制人'], '张三（自然人）');
    assert.equal(values['控制链'], chainText(chain));
    assert.equal(values['累计持股比例'], '33.60%');
    assert.match(values['认定依据']!, /超过 50%/);
  });

  it('no single controller says why; unknown says not supplied; owners state the threshold', () => {
    const none = controllerSection({ relations: facts({ controller: { status: 'none', reason: '两名股东各持股 50%，无单一控制人' } }), noEquity: false, cap: 20 });
    assert.equal(kv(none.blocks)['实际控制人'], '无单一实际控制人');
    assert.equal(kv(none.blocks)['说明'], '两名股东各持股 50%，无单一控制人');
    assert.match(texts(none.blocks), /累计持股达到 25\.00% 及以上/);
    const unknown = controllerSection({ relations: facts({ controller: { status: 'unknown', reason: '无股东数据' }, beneficialOwners: [] }), noEquity: false, cap: 20 });
    assert.match(kv(unknown.blocks)['实际控制人']!, /无法判定/);
    assert.ok(unknown.blocks.some((b) => b.kind === 'empty' && b.text === '数据源未提供'), 'owners unknown, not "none found"');
    assert.doesNotMatch(texts(unknown.blocks), /未发现/);
  });

  it('a null flag prints 数据源未提供, a zero prints 0 条; flagged companies first', () => {
    const related: RelationFacts['related'] = [
      { keyNo: 'a', name: '清白公司', status: '存续', relation: 'investee', via: '目标有限公司', flags: { dishonest: 0, enforcements: 0, abnormalOperations: 0, revoked: false } },
      { keyNo: 'b', name: '未知公司', status: '存续', relation: 'controller-other', via: '张三', flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: false } },
      { keyNo: 'c', name: '吊销公司', status: '吊销', relation: 'legal-rep-other', via: '王五', flags: { dishonest: 3, enforcements: null, abnormalOperations: 1, revoked: true } },
    ];
    const table = relatedRiskSection({ relations: facts({ related }), noEquity: false, cap: 20 }).blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.deepEqual(table.rows[0], ['吊销公司', '法定代表人 王五 的其他企业', '—', '吊销', '3 条', '数据源未提供', '1 条', '是']);
    assert.deepEqual(table.rows.find((r) => r[0] === '未知公司')!.slice(4, 7), ['数据源未提供', '数据源未提供', '数据源未提供']);
    assert.deepEqual(table.rows.find((r) => r[0] === '清白公司')!.slice(4, 8), ['0 条', '0 条', '0 条', '否']);
  });

  it('an investee outside the store is listed with its name and share, every flag 数据源未提供, never "none"', () => {
    const related: RelationFacts['related'] = [
      { name: '库外投资有限公司', status: '', ratio: 0.35, relation: 'investee', via: '目标有限公司', flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: null } },
      { name: '比例不详有限公司', status: '存续', ratio: null, relation: 'controller-other', via: '甲控股', flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: false } },
    ];
    const section = relatedRiskSection({ relations: facts({ related }), noEquity: false, cap: 20 });
    const table = section.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.deepEqual(table.rows[0], ['比例不详有限公司（本库未收录，风险数据源未提供）', '实际控制人 甲控股 的其他企业', '数据源未提供', '存续', '数据源未提供', '数据源未提供', '数据源未提供', '否']);
    assert.deepEqual(table.rows[1], ['库外投资有限公司（本库未收录，风险数据源未提供）', '对外投资企业', '35.00%', '数据源未提供', '数据源未提供', '数据源未提供', '数据源未提供', '数据源未提供']);
    assert.match(texts(section.blocks), /关联企业 2 家，其中 0 家.*另有 2 家仅见于文书、本库未收录，其风险记录未知/);
    assert.doesNotMatch(texts(section.blocks), /未发现/);
  });

  it('the chart: depth-first rows, largest holder first, cycles and the level limit marked, rows capped', () => {
    const loop: PenetrationNode = { party: target, ratio: 0.1, children: [], cycle: true };
    const root: PenetrationNode = {
      party: target, ratio: null,
      children: [
        { party: person('小股东'), ratio: 0.1, children: [] },
        { party: yi, ratio: 0.9, children: [loop] },
      ],
    };
    const { chart } = penetrationChart(root);
    assert.deepEqual(chart.rows.map((r) => [r.depth, r.name, r.ratioText, r.note]), [
      [0, '目标有限公司', '', ''], [1, '乙实业', '90.00%', ''], [2, '目标有限公司', '10.00%', '循环持股，不再展开'], [1, '小股东', '10.00%', ''],
    ]);
    // A chain deeper than the chart draws stops at the last level with a note.
    let deep: PenetrationNode = { party: person('顶层'), ratio: 1, children: [] };
    for (let i = 0; i < PENETRATION_CHART_LEVELS + 2; i++) deep = { party: company(`层${i}`), ratio: 1, children: [deep] };
    const deepChart: EquityTreeChart = penetrationChart({ ...deep, ratio: null }).chart;
    assert.equal(Math.max(...deepChart.rows.map((r) => r.depth)), PENETRATION_CHART_LEVELS);
    assert.equal(deepChart.rows.at(-1)!.note, '未继续穿透');
    const wide: PenetrationNode = { party: target, ratio: null, children: Array.from({ length: 40 }, (_, i) => ({ party: person(`股东${i}`), ratio: 0.01, children: [] })) };
    const capped = penetrationChart(wide);
    assert.equal(capped.chart.rows.length, PENETRATION_CHART_MAX_ROWS);
    assert.equal(capped.hidden, 41 - PENETRATION_CHART_MAX_ROWS);
  });
});
