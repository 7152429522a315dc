import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Party } from './facts.js';
import { analyseShares, decideLevel, findBeneficialOwners, findController, penetrationTree, type Holding, type OwnershipGraph } from './holdings.js';

const company = (id: string): Party => ({ id, type: 'company', name: id, keyNo: id });
const person = (id: string): Party => ({ id, type: 'person', name: id });
const h = (holder: Party, ratio: number | null, declared = false): Holding => ({ holder, ratio, declared });

function graph(root: Party, entries: Array<[Party, Holding[] | null]>): OwnershipGraph {
  return { root, holders: new Map(entries.map(([p, hs]) => [p.id, hs])) };
}

describe('ownership derivations', () => {
  const T = company('T'), S = company('S'), H = company('H'), P = person('P'), Q = person('Q');

  it('multiplies along a chain: 70 % × 80 % × 60 % = 33.6 %, the person controls by majority', () => {
    const g = graph(T, [[T, [h(S, 0.6), h(Q, 0.4)]], [S, [h(H, 0.8)]], [H, [h(P, 0.7)]]]);
    const a = analyseShares(g);
    assert.ok(Math.abs(a.shares.get('P')!.ratio! - 0.336) < 1e-12);
    const c = findController(g, a);
    assert.equal(c.status, 'found');
    assert.equal(c.controller?.id, 'P');
    assert.equal(c.basis, 'majority');
    assert.deepEqual(c.chain?.map((s) => `${s.holder.id}>${s.held.id}`), ['P>H', 'H>S', 'S>T']);
    assert.equal(c.reason, '依据逐级持股过半：P →(70%) H →(80%) S →(60%) T，累计持股 33.6%');
  });

  it('sums over paths and lists each path', () => {
    const g = graph(T, [[T, [h(P, 0.3), h(H, 0.4), h(Q, 0.3)]], [H, [h(P, 0.5), h(Q, 0.5)]]]);
    const owners = findBeneficialOwners(analyseShares(g), 0.25);
    assert.deepEqual(owners.map((o) => [o.person.id, Math.round(o.cumulativeRatio * 100) / 100, o.paths.length]), [['P', 0.5, 2], ['Q', 0.5, 2]]);
  });

  it('an unknown ratio makes a cumulative share unknown, never 0, and keeps the person out of the owners', () => {
    const g = graph(T, [[T, [h(H, 0.9)]], [H, [h(P, null)]]]);
    const a = analyseShares(g);
    assert.equal(a.shares.get('P')!.ratio, null);
    assert.deepEqual(findBeneficialOwners(a, 0.25), []);
  });

  it('decides each level: declared wins, then > 50 %, then the largest at ≥ 30 % alone, else says why', () => {
    assert.equal(decideLevel(T, [h(P, 0.2, true), h(Q, 0.8)]).ok && 'declared', 'declared');
    const fifty = decideLevel(T, [h(P, 0.5), h(Q, 0.5)]);
    assert.deepEqual(fifty, { ok: false, unknown: false, reason: '两名股东各持股 50%，无单一控制人' });
    const largest = decideLevel(T, [h(P, 0.35), h(Q, 0.33), h(S, 0.32)]);
    assert.ok(largest.ok && largest.basis === 'largest' && largest.holding.holder.id === 'P');
    const small = decideLevel(T, [h(P, 0.25), h(Q, 0.25), h(S, 0.2), h(H, 0.3 - 0.0001)]);
    assert.ok(!small.ok && /不足 30%/.test(small.reason));
    assert.deepEqual(decideLevel(T, null), { ok: false, unknown: true, reason: 'T的股东信息未提供，无法判断控制人' });
    assert.ok(!decideLevel(T, []).ok);
    const partial = decideLevel(T, [h(P, null), h(Q, 0.4)]);
    assert.ok(!partial.ok && partial.unknown);
  });

  it('unknown shareholders read unknown, not none', () => {
    const c = findController(graph(T, [[T, null]]), analyseShares(graph(T, [[T, null]])));
    assert.equal(c.status, 'unknown');
  });

  it('terminates on a cross-holding, reports the cycle once, and marks it in the tree', () => {
    const A = company('A'), B = company('B');
    const g = graph(A, [[A, [h(B, 0.6), h(P, 0.4)]], [B, [h(A, 0.7), h(Q, 0.3)]]]);
    const a = analyseShares(g);
    assert.deepEqual(a.cycles.map((c) => c.map((p) => p.id)), [['A', 'B']]);
    const tree = penetrationTree(g, 4);
    const b = tree.children.find((n) => n.party.id === 'B')!;
    assert.equal(b.children.find((n) => n.party.id === 'A')?.cycle, true);
    const c = findController(g, a);
    assert.equal(c.controller?.id, 'B');
    assert.match(c.reason, /循环持股/);
  });

  it('marks the tree truncated where the depth stops it above known holders', () => {
    const g = graph(T, [[T, [h(S, 1)]], [S, [h(H, 1)]], [H, [h(P, 1)]]]);
    const tree = penetrationTree(g, 2);
    assert.equal(tree.children[0]!.children[0]!.party.id, 'H');
    assert.equal(tree.children[0]!.children[0]!.truncated, true);
    assert.equal(penetrationTree(g, 3).children[0]!.children[0]!.truncated, undefined);
  });
});
