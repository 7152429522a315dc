/**
 * Ownership derivations over a loaded ownership graph (pure: the loader in relation-facts.ts
 * reads the store, these only compute). The rules are the ones docs/relations.md states:
 *
 * - Cumulative shareholding: along one path the product of the ratios; over several paths the sum.
 *   A path with an unknown ratio makes the sum unknown (null), never 0.
 * - Control, level by level from the company upwards: a holder the data marks `isController`
 *   (declared); else one holding more than 50 % (majority); else the largest holder when it holds
 *   at least 30 % and strictly more than every other holder (largest: the 30 % of the CSRC's
 *   上市公司收购管理办法 art. 84); else nobody controls that level, and the reason says why.
 *   The chain climbs while the controlling holder is a company whose holders are known.
 * - Cycles (cross-holdings): a party already on the current path is not expanded again; each
 *   cycle met is reported once, as its parties in order.
 */
import type { BeneficialOwner, ControllerFinding, HoldingStep, Party, PenetrationNode } from './facts.js';

export interface Holding {
  readonly holder: Party;
  readonly ratio: number | null;
  readonly declared: boolean;
  readonly amount?: string | undefined;
}

export interface OwnershipGraph {
  readonly root: Party;
  /**
   * Holders of each company by party id. A missing key: not loaded (beyond the loaded depth);
   * null: the source did not supply its shareholders (unknown); []: supplied, none.
   */
  readonly holders: ReadonlyMap<string, readonly Holding[] | null>;
}

export const DEFAULT_BENEFICIAL_OWNER_THRESHOLD = 0.25;
export const MAJORITY = 0.5;
export const LARGEST_HOLDER_MINIMUM = 0.3;
/** Paths enumerated at most, so a dense group cannot make one derivation unbounded. */
export const MAX_PATHS = 20_000;
export const MAX_LEVELS = 12;

export interface Share {
  readonly party: Party;
  /** Summed over paths; null when a ratio on some path is unknown. */
  readonly ratio: number | null;
  /** Each path as steps from the party down to the company. */
  readonly paths: HoldingStep[][];
}

export interface ShareAnalysis {
  /** Every party above the company with its cumulative share. */
  readonly shares: ReadonlyMap<string, Share>;
  readonly cycles: Party[][];
  /** True when MAX_PATHS stopped the enumeration (the sums are then lower bounds). */
  readonly capped: boolean;
}

/** Every simple path upwards from the root, summed per party. */
export function analyseShares(graph: OwnershipGraph, maxLevels = MAX_LEVELS): ShareAnalysis {
  const shares = new Map<string, { party: Party; ratio: number | null; paths: HoldingStep[][] }>();
  const cycles: Party[][] = [];
  const cycleKeys = new Set<string>();
  let pathCount = 0;
  let capped = false;
  // `trail`: parties from the root up to the current one; `steps`: the edges between them (upwards).
  const walk = (current: Party, trail: Party[], steps: HoldingStep[], product: number | null): void => {
    if (trail.length > maxLevels) return;
    for (const h of graph.holders.get(current.id) ?? []) {
      if (capped) return;
      const at = trail.findIndex((p) => p.id === h.holder.id);
      if (at >= 0) {
        const cycle = trail.slice(at);
        const key = canonicalCycleKey(cycle);
        if (!cycleKeys.has(key)) {
          cycleKeys.add(key);
          cycles.push(cycle);
        }
        continue;
      }
      if (++pathCount > MAX_PATHS) {
        capped = true;
        return;
      }
      const step: HoldingStep = { holder: h.holder, held: current, ratio: h.ratio };
      const upSteps = [...steps, step];
      const p = product === null || h.ratio === null ? null : product * h.ratio;
      let s = shares.get(h.holder.id);
      if (!s) shares.set(h.holder.id, (s = { party: h.holder, ratio: 0, paths: [] }));
      s.ratio = s.ratio === null || p === null ? null : s.ratio + p;
      s.paths.push([...upSteps].reverse());
      walk(h.holder, [...trail, h.holder], upSteps, p);
    }
  };
  walk(graph.root, [graph.root], [], 1);
  return { shares, cycles, capped };
}

/** The same cycle met from another party reads the same: rotated to start at its smallest id. */
function canonicalCycleKey(cycle: readonly Party[]): string {
  const ids = cycle.map((p) => p.id);
  let min = 0;
  for (let i = 1; i < ids.length; i++) if (ids[i]! < ids[min]!) min = i;
  return [...ids.slice(min), ...ids.slice(0, min)].join('\u0000');
}

type LevelDecision =
  | { ok: true; holding: Holding; basis: 'declared' | 'majority' | 'largest' }
  | { ok: false; unknown: boolean; reason: string };

function pct(r: number): string {
  const v = Math.round(r * 10000) / 100;
  return `${v}%`;
}

/** Who controls one company among its direct holders (the rule in the module comment). */
export function decideLevel(company: Party, holders: readonly Holding[] | null | undefined): LevelDecision {
  if (holders === null || holders === undefined) return { ok: false, unknown: true, reason: `${company.name}的股东信息未提供，无法判断控制人` };
  if (holders.length === 0) return { ok: false, unknown: false, reason: `${company.name}登记的股东为空，无控制人` };
  const declared = holders.filter((h) => h.declared);
  if (declared.length > 0) {
    const pick = [...declared].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1))[0]!;
    return { ok: true, holding: pick, basis: 'declared' };
  }
  if (holders.some((h) => h.ratio === null)) {
    const majority = holders.find((h) => h.ratio !== null && h.ratio > MAJORITY);
    if (majority) return { ok: true, holding: majority, basis: 'majority' };
    return { ok: false, unknown: true, reason: `${company.name}部分股东的持股比例未提供，无法判断控制人` };
  }
  const sorted = [...holders].sort((a, b) => b.ratio! - a.ratio!);
  const first = sorted[0]!;
  const second = sorted[1];
  if (first.ratio! > MAJORITY) return { ok: true, holding: first, basis: 'majority' };
  if (second && second.ratio === first.ratio) {
    const tied = sorted.filter((h) => h.ratio === first.ratio);
    if (tied.length === 2 && sorted.length === 2) return { ok: false, unknown: false, reason: `两名股东各持股 ${pct(first.ratio!)}，无单一控制人` };
    return { ok: false, unknown: false, reason: `${tied.map((h) => h.holder.name).join('、')}并列第一大股东（各持股 ${pct(first.ratio!)}），无单一控制人` };
  }
  if (first.ratio! >= LARGEST_HOLDER_MINIMUM) return { ok: true, holding: first, basis: 'largest' };
  return { ok: false, unknown: false, reason: `第一大股东${first.holder.name}持股 ${pct(first.ratio!)}，不足 30% 且无股东过半，无单一控制人` };
}

const BASIS_RANK = { majority: 0, largest: 1, declared: 2 } as const;

/** The control chain from the root upwards, and the controller at its top. */
export function findController(graph: OwnershipGraph, analysis: ShareAnalysis): ControllerFinding {
  const chainUp: HoldingStep[] = [];
  let basis: 'declared' | 'majority' | 'largest' = 'majority';
  let current = graph.root;
  const onChain = new Set([current.id]);
  let note = '';
  for (let level = 0; level < MAX_LEVELS; level++) {
    const holders = graph.holders.get(current.id);
    const decision = decideLevel(current, holders);
    if (!decision.ok) {
      if (level === 0) return { status: decision.unknown ? 'unknown' : 'none', reason: decision.reason };
      // A controlling company whose own control cannot be traced further is where the chain stops.
      note = decision.unknown && holders === undefined ? '' : `；${decision.reason}，控制链止于${current.name}`;
      break;
    }
    const h = decision.holding;
    if (onChain.has(h.holder.id)) {
      note = `；控制链在${h.holder.name}处形成循环持股，止于${current.name}`;
      break;
    }
    if (BASIS_RANK[decision.basis] > BASIS_RANK[basis]) basis = decision.basis;
    chainUp.push({ holder: h.holder, held: current, ratio: h.ratio });
    onChain.add(h.holder.id);
    current = h.holder;
    if (current.type !== 'company') break;
    if (!graph.holders.has(current.id)) {
      note = `；${current.name}的股东未在库中，控制链止于此`;
      break;
    }
  }
  const controller = current;
  const chain = [...chainUp].reverse();
  const share = analysis.shares.get(controller.id);
  const cumulativeRatio = share ? share.ratio : null;
  const chainText = chain.map((s) => `${s.holder.name} →(${s.ratio === null ? '比例未知' : pct(s.ratio)}) `).join('') + graph.root.name;
  const basisText = basis === 'declared' ? '数据标明的控制人' : basis === 'largest' ? '第一大股东规则（无股东过半，最大股东持股不少于 30% 且唯一）' : '逐级持股过半';
  return {
    status: 'found',
    controller,
    chain,
    cumulativeRatio,
    basis,
    reason: `依据${basisText}：${chainText}${cumulativeRatio === null ? '' : `，累计持股 ${pct(cumulativeRatio)}`}${note}`,
  };
}

/** Natural persons whose cumulative share is at least `threshold`, largest first. */
export function findBeneficialOwners(analysis: ShareAnalysis, threshold: number): BeneficialOwner[] {
  const out: BeneficialOwner[] = [];
  for (const s of analysis.shares.values()) {
    if (s.party.type !== 'person' || s.ratio === null || s.ratio + 1e-12 < threshold) continue;
    out.push({ person: s.party, cumulativeRatio: s.ratio, paths: s.paths });
  }
  return out.sort((a, b) => b.cumulativeRatio - a.cumulativeRatio || a.person.name.localeCompare(b.person.name));
}

/** The penetration tree, `depth` levels of holders above the root. */
export function penetrationTree(graph: OwnershipGraph, depth: number): PenetrationNode {
  const build = (party: Party, ratio: number | null, amount: string | undefined, trail: ReadonlySet<string>, level: number): PenetrationNode => {
    const holders = graph.holders.get(party.id);
    const base = { party, ratio, ...(amount !== undefined ? { subscribedAmount: amount } : {}) };
    if (level >= depth) {
      const more = holders !== undefined && holders !== null && holders.length > 0;
      return { ...base, children: [], ...(more ? { truncated: true } : {}) };
    }
    const children = (holders ?? []).map((h) => {
      if (trail.has(h.holder.id)) return { party: h.holder, ratio: h.ratio, ...(h.amount !== undefined ? { subscribedAmount: h.amount } : {}), children: [], cycle: true };
      return build(h.holder, h.ratio, h.amount, new Set([...trail, h.holder.id]), level + 1);
    });
    return { ...base, children };
  };
  return build(graph.root, null, undefined, new Set([graph.root.id]), 0);
}
