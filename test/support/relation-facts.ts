import type { Party, RelationFacts } from '../../src/companies/relations/facts.js';

/**
 * Hand-built RelationFacts of the three-level chain: 张三 holds 70 % of 甲控股, which holds
 * 80 % of 乙实业, which holds 60 % of the target: 张三 controls it with 33.6 % cumulative. Also a
 * 40 % holder 丁投资 owned 50/50 by 李四 and a cross-holding with 丙贸易, and related companies
 * with known, zero and unsupplied risk flags, one of them an investee outside the store.
 */
export function chainFacts(keyNo: string, name: string): RelationFacts {
  const target: Party = { id: keyNo, type: 'company', name, keyNo };
  const zhang: Party = { id: 'p_zhang', type: 'person', name: '张三' };
  const li: Party = { id: 'p_li', type: 'person', name: '李四' };
  const jia: Party = { id: 'k_jia', type: 'company', name: '甲控股有限公司', keyNo: 'k_jia' };
  const yi: Party = { id: 'k_yi', type: 'company', name: '乙实业有限公司', keyNo: 'k_yi' };
  const ding: Party = { id: 'k_ding', type: 'company', name: '丁投资有限公司', keyNo: 'k_ding' };
  const bing: Party = { id: 'k_bing', type: 'company', name: '丙贸易有限公司', keyNo: 'k_bing' };
  const chain = [
    { holder: zhang, held: jia, ratio: 0.7 },
    { holder: jia, held: yi, ratio: 0.8 },
    { holder: yi, held: target, ratio: 0.6 },
  ];
  return {
    keyNo,
    controller: { status: 'found', controller: zhang, chain, cumulativeRatio: 0.336, basis: 'majority', reason: '张三逐层持股过半，经 3 层控制本企业' },
    beneficialOwners: [{ person: zhang, cumulativeRatio: 0.336, paths: [chain] }],
    beneficialOwnerThreshold: 0.25,
    penetration: {
      party: target, ratio: null,
      children: [
        { party: yi, ratio: 0.6, children: [{ party: jia, ratio: 0.8, children: [{ party: zhang, ratio: 0.7, children: [] }] }] },
        {
          party: ding, ratio: 0.4,
          children: [
            { party: li, ratio: 0.5, children: [] },
            { party: bing, ratio: 0.5, children: [{ party: ding, ratio: 0.3, children: [], cycle: true }] },
          ],
        },
      ],
    },
    cycles: [[ding, bing]],
    related: [
      { keyNo: 'k_r1', name: '戊科技有限公司', status: '吊销', relation: 'legal-rep-other', via: '王五', flags: { dishonest: 2, enforcements: null, abnormalOperations: 0, revoked: true } },
      { keyNo: 'k_r2', name: '己商贸有限公司', status: '存续', relation: 'controller-other', via: '张三', flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: false } },
      { keyNo: 'k_r3', name: '庚物流有限公司', status: '在业', relation: 'investee', via: name, ratio: 0.6, flags: { dishonest: 0, enforcements: 0, abnormalOperations: 0, revoked: false } },
      // Named in the company's 对外投资 but not in the store: listed, every flag unknown.
      { name: '辛库外投资有限公司', status: '', relation: 'investee', via: name, ratio: 0.15, flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: null } },
    ],
  };
}

/** A 50/50 company: shareholders known, nobody controls. */
export function deadlockFacts(keyNo: string, name: string): RelationFacts {
  const target: Party = { id: keyNo, type: 'company', name, keyNo };
  const a: Party = { id: 'p_a', type: 'person', name: '赵甲' };
  const b: Party = { id: 'p_b', type: 'person', name: '钱乙' };
  return {
    keyNo,
    controller: { status: 'none', reason: '两名股东各持股 50%，无单一控制人' },
    beneficialOwners: [
      { person: a, cumulativeRatio: 0.5, paths: [[{ holder: a, held: target, ratio: 0.5 }]] },
      { person: b, cumulativeRatio: 0.5, paths: [[{ holder: b, held: target, ratio: 0.5 }]] },
    ],
    beneficialOwnerThreshold: 0.25,
    penetration: { party: target, ratio: null, children: [{ party: a, ratio: 0.5, children: [] }, { party: b, ratio: 0.5, children: [] }] },
    cycles: [],
    related: [],
  };
}
