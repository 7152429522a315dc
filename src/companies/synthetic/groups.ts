/**
 * Corporate groups in generated data (docs/relations.md "Synthetic groups"), so that the relation
 * graph has something to find: holding chains, people with posts across a group, a few
 * cross-holdings, minority stakes from one group in another, and people who sit on the boards of
 * several unrelated groups.
 *
 * Indices are cut into runs of GROUP_SIZE; about GROUP_SHARE of the runs form a group, decided by
 * the run's own random stream, so any company's place is computable from its index alone (the
 * generator's guarantee that every document depends only on the seed and its index). In a group
 * the limited and joint-stock members, in index order, form a chain: each is held and controlled
 * (declared, and by its largest share) by the previous one, and the head's legal representative
 * is a director of every member. In about one group in CYCLE_ONE_IN, the head's smallest holder is
 * the group's last member: a cross-holding cycle. That last member has a higher index than the
 * head, so in a prefix of the run it may be named without being generated (an outside holder, as
 * the generator's other outsiders).
 *
 * Links between groups are drawn per run from streams of their own and looked up by arithmetic
 * over a bounded window of runs, never by remembering the store:
 * - **cross-investments**: CROSS_SHARE of the groups have one member hold a minority stake
 *   (MIN_CROSS_BP–MAX_CROSS_BP basis points) in a member of a group starting within CROSS_WINDOW
 *   runs later. A member takes at most one such holder (the nearest investing group wins), so the
 *   investee's controlling share is never crowded out (`withMinorityHolder`).
 * - **panels**: PANEL_SHARE of the groups have a panel: an outside director and a supervisor who
 *   hold posts at one member of the group and of one or two other groups between CROSS_WINDOW + 1
 *   and 2·CROSS_WINDOW runs later (too far for a cross-investment, so nothing but the shared
 *   supervisor links those companies: under the identity rule the director is one person because
 *   of it). NAMESAKE_SHARE of the groups instead have a namesake: a director whose name recurs at
 *   one member of a group as far away, with no supervisor or anything else shared: two people.
 */
import { Random } from './random.js';
import { companyIdentity, type CompanyIdentity, type GeneratorKeys } from './identity.js';
import { GIVEN_NAME_CHARS, SURNAMES } from './vocabulary.js';

export const GROUP_SIZE = 6;
export const GROUP_SHARE = 0.3;
export const CYCLE_ONE_IN = 15;
/** Of the groups, those with a member holding a minority stake in a member of another group (before collisions). */
export const CROSS_SHARE = 0.5;
/** A group invests in a group starting 1 … CROSS_WINDOW runs later. */
export const CROSS_WINDOW = 8;
export const MIN_CROSS_BP = 500;
export const MAX_CROSS_BP = 3000;
/** Of the groups, those whose panel (a director and a supervisor) sits on 2–3 unrelated groups. */
export const PANEL_SHARE = 0.2;
/** Of the groups, those with a director whose name recurs, unrelated, in another group. */
export const NAMESAKE_SHARE = 0.1;
const GROUP_STREAM = 11;
const CROSS_STREAM = 12;
const PANEL_STREAM = 13;

export interface CrossStake {
  /** The other party: the investee for the investor, the investor for the investee. */
  readonly other: CompanyIdentity;
  /** The stake in basis points (MIN_CROSS_BP … MAX_CROSS_BP). */
  readonly basisPoints: number;
}

export interface OutsidePost {
  readonly name: string;
  /** `director` (独立董事 at a joint-stock company, 董事 at a limited one) or `supervisor` (监事). */
  readonly role: 'director' | 'supervisor';
}

export interface GroupPlace {
  /** The member above this one (its controlling holder), absent for the head. */
  readonly parent?: CompanyIdentity;
  /** The head's legal representative, for members after the head. */
  readonly headLegalRep?: string;
  /** For the head of a cycle group: the member that holds a minority of it. */
  readonly cycleHolder?: CompanyIdentity;
  /** A minority stake this member holds in a member of a later group. */
  readonly investsIn?: CrossStake;
  /** The member of an earlier group holding a minority stake in this one. */
  readonly minorityHolder?: CrossStake;
  /** Posts here of people who also hold posts in other groups (panels and namesakes). */
  readonly outsidePosts?: readonly OutsidePost[];
}

/** What a run draws for itself, before anything about its members is known. */
interface RunDraws {
  readonly formed: boolean;
  readonly cycle: boolean;
  /** The cross-investment: a pick among the window's formed runs and two member slots, or none. */
  readonly cross: { readonly pick: number; readonly investorSlot: number; readonly investeeSlot: number; readonly basisPoints: number } | undefined;
  readonly panel: { readonly namesake: boolean; readonly director: string; readonly supervisor: string; readonly picks: readonly number[]; readonly slots: readonly number[] } | undefined;
}

interface GroupPlan {
  readonly members: readonly CompanyIdentity[] | undefined;
  readonly cycle: boolean;
  /** By member index: the stake held in it by a member of an earlier group. */
  readonly incoming: ReadonlyMap<number, CrossStake>;
  /** By member index: posts of panel and namesake people. */
  readonly posts: ReadonlyMap<number, OutsidePost[]>;
  /** The stake one member holds in a later group's member, once worked out (null: none). */
  outgoing?: { readonly investor: number; readonly stake: CrossStake } | null;
}

interface Caches {
  readonly draws: Map<number, RunDraws>;
  readonly members: Map<number, readonly CompanyIdentity[] | undefined>;
  readonly plans: Map<number, GroupPlan>;
}

// Documents are generated in index order: a window of recent runs covers every look-up (a plan
// looks 2·CROSS_WINDOW runs back and CROSS_WINDOW forward), and random access still works, only slower.
const CACHE_RUNS = 8 * CROSS_WINDOW;
const caches = new WeakMap<GeneratorKeys, Caches>();

function cachesOf(keys: GeneratorKeys): Caches {
  let c = caches.get(keys);
  if (!c) caches.set(keys, (c = { draws: new Map(), members: new Map(), plans: new Map() }));
  return c;
}

function remember<V>(map: Map<number, V>, key: number, value: V): V {
  if (map.size >= CACHE_RUNS) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

function threeCharName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS);
}

function drawsOf(keys: GeneratorKeys, c: Caches, run: number): RunDraws {
  const known = c.draws.get(run);
  if (known) return known;
  if (run < 0) return remember(c.draws, run, { formed: false, cycle: false, cross: undefined, panel: undefined });
  const group = new Random(keys.seedHash, run, GROUP_STREAM);
  const formed = group.chance(GROUP_SHARE);
  const cycle = group.chance(1 / CYCLE_ONE_IN);
  const x = new Random(keys.seedHash, run, CROSS_STREAM);
  const cross = x.chance(CROSS_SHARE)
    ? { pick: x.int(1 << 30), investorSlot: x.int(1 << 30), investeeSlot: x.int(1 << 30), basisPoints: x.between(MIN_CROSS_BP, MAX_CROSS_BP) }
    : undefined;
  const p = new Random(keys.seedHash, run, PANEL_STREAM);
  const u = p.float();
  let panel: RunDraws['panel'];
  if (u < PANEL_SHARE + NAMESAKE_SHARE) {
    const namesake = u >= PANEL_SHARE;
    const others = namesake ? 1 : 1 + p.int(2);
    panel = {
      namesake,
      director: threeCharName(p),
      supervisor: threeCharName(p),
      picks: Array.from({ length: others }, () => p.int(1 << 30)),
      slots: Array.from({ length: others + 1 }, () => p.int(1 << 30)),
    };
  }
  return remember(c.draws, run, { formed, cycle, cross, panel });
}

function membersOf(keys: GeneratorKeys, c: Caches, run: number): readonly CompanyIdentity[] | undefined {
  if (c.members.has(run)) return c.members.get(run);
  let members: CompanyIdentity[] | undefined;
  if (drawsOf(keys, c, run).formed) {
    members = [];
    for (let j = run * GROUP_SIZE; j < (run + 1) * GROUP_SIZE; j++) {
      const id = companyIdentity(keys, j);
      if ((id.kind === 'limited' || id.kind === 'joint_stock') && !id.companyType.includes('国有')) members.push(id);
    }
    if (members.length < 2) members = undefined;
  }
  return remember(c.members, run, members);
}

/** The formed runs in [from, to], by their draws (their members may still be too few). */
function formedRuns(keys: GeneratorKeys, c: Caches, from: number, to: number): number[] {
  const out: number[] = [];
  for (let r = from; r <= to; r++) if (drawsOf(keys, c, r).formed) out.push(r);
  return out;
}

/** The run run's cross-investment targets (a run CROSS_WINDOW or fewer later), if it draws one. */
function crossTarget(keys: GeneratorKeys, c: Caches, run: number): number | undefined {
  const cross = drawsOf(keys, c, run).cross;
  if (!cross) return undefined;
  const candidates = formedRuns(keys, c, run + 1, run + CROSS_WINDOW);
  return candidates.length ? candidates[cross.pick % candidates.length] : undefined;
}

/** The runs a panel of run `home` sits on besides home: between CROSS_WINDOW + 1 and 2·CROSS_WINDOW runs later. */
function panelRuns(keys: GeneratorKeys, c: Caches, home: number): number[] {
  const panel = drawsOf(keys, c, home).panel;
  if (!panel) return [];
  const candidates = formedRuns(keys, c, home + CROSS_WINDOW + 1, home + 2 * CROSS_WINDOW);
  const out: number[] = [];
  for (const pick of panel.picks) {
    const r = candidates.length ? candidates[pick % candidates.length]! : undefined;
    if (r !== undefined && !out.includes(r)) out.push(r);
  }
  return out;
}

function planOf(keys: GeneratorKeys, c: Caches, run: number): GroupPlan {
  const known = c.plans.get(run);
  if (known) return known;
  const members = membersOf(keys, c, run);
  const incoming = new Map<number, CrossStake>();
  const posts = new Map<number, OutsidePost[]>();
  if (members) {
    // The nearest investing group wins a member; farther ones aiming at it invest nowhere.
    for (let from = run - 1; from >= run - CROSS_WINDOW; from--) {
      if (crossTarget(keys, c, from) !== run) continue;
      const investors = membersOf(keys, c, from);
      if (!investors) continue;
      const cross = drawsOf(keys, c, from).cross!;
      const investee = members[cross.investeeSlot % members.length]!;
      if (incoming.has(investee.index)) continue;
      incoming.set(investee.index, { other: investors[cross.investorSlot % investors.length]!, basisPoints: cross.basisPoints });
    }
    const post = (index: number, p: OutsidePost): void => {
      const list = posts.get(index);
      if (list) list.push(p);
      else posts.set(index, [p]);
    };
    for (let home = run - 2 * CROSS_WINDOW; home <= run; home++) {
      const panel = drawsOf(keys, c, home).panel;
      if (!panel || !membersOf(keys, c, home)) continue;
      const runs = [home, ...panelRuns(keys, c, home)];
      const at = runs.indexOf(run);
      // A panel or a namesake needs a second group; without one its people are ordinary officers.
      if (at < 0 || runs.length < 2) continue;
      const member = members[panel.slots[at]! % members.length]!;
      post(member.index, { name: panel.director, role: 'director' });
      // A namesake's supervisor sits at home only: at the other group the director shares nobody.
      if (!panel.namesake || at === 0) post(member.index, { name: panel.supervisor, role: 'supervisor' });
    }
  }
  return remember(c.plans, run, { members, cycle: drawsOf(keys, c, run).cycle, incoming, posts });
}

/** The stake a member of run `run` holds in a later group, if its group invests and won the investee. */
function outgoingOf(keys: GeneratorKeys, c: Caches, run: number, plan: GroupPlan): GroupPlan['outgoing'] {
  if (plan.outgoing !== undefined) return plan.outgoing;
  plan.outgoing = null;
  const target = crossTarget(keys, c, run);
  const investees = target === undefined ? undefined : planOf(keys, c, target).members;
  if (investees) {
    const cross = drawsOf(keys, c, run).cross!;
    const investee = investees[cross.investeeSlot % investees.length]!;
    const won = planOf(keys, c, target!).incoming.get(investee.index);
    const investor = plan.members![cross.investorSlot % plan.members!.length]!;
    if (won?.other.index === investor.index) plan.outgoing = { investor: investor.index, stake: { other: investee, basisPoints: won.basisPoints } };
  }
  return plan.outgoing;
}

export function groupPlaceOf(keys: GeneratorKeys, index: number): GroupPlace | undefined {
  const run = Math.floor(index / GROUP_SIZE);
  const c = cachesOf(keys);
  const plan = planOf(keys, c, run);
  const members = plan.members;
  if (!members) return undefined;
  const at = members.findIndex((m) => m.index === index);
  if (at < 0) return undefined;
  const place: { -readonly [K in keyof GroupPlace]: GroupPlace[K] } = {};
  if (at === 0) {
    if (plan.cycle && members.length >= 3) place.cycleHolder = members[members.length - 1]!;
  } else {
    place.parent = members[at - 1]!;
    place.headLegalRep = members[0]!.legalRep;
  }
  const outgoing = outgoingOf(keys, c, run, plan);
  if (outgoing?.investor === index) place.investsIn = outgoing.stake;
  const minorityHolder = plan.incoming.get(index);
  if (minorityHolder) place.minorityHolder = minorityHolder;
  const posts = plan.posts.get(index);
  if (posts) place.outsidePosts = posts;
  return place;
}

/**
 * Shares (basis points, the controller's first and largest) after a minority holder of `minority`
 * basis points joins: the controller keeps its share, or more when the newcomer would equal or
 * pass it, and never falls from a majority to none; the other holders give up the rest in
 * proportion, each keeping at least one basis point. Returns n + 1 shares summing to 10,000, the
 * newcomer's last.
 */
export function withMinorityHolder(shares: readonly number[], minority: number): number[] {
  const n = shares.length;
  const first = shares[0]!;
  const controller = Math.min(Math.max(first, minority + 100), 10_000 - minority - (n - 1));
  const rest = 10_000 - controller - minority;
  const othersBefore = 10_000 - first;
  // One basis point each first, then the rest in proportion; rounding's remainder to the last.
  const spread = rest - (n - 1);
  const out = [controller];
  let given = 0;
  for (let k = 1; k < n; k++) {
    const share = 1 + Math.floor((shares[k]! * spread) / Math.max(1, othersBefore));
    out.push(share);
    given += share;
  }
  if (n > 1) out[n - 1]! += rest - given;
  out.push(minority);
  return out;
}
