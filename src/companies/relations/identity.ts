/**
 * Person identity without ID numbers (docs/relations.md "Who is one person"). A person mention is
 * a name at a company (shareholder, officer or legal representative). Two mentions of the same
 * name at companies C1 and C2 are one person when C1 and C2
 *   (a) share another person's name (a fellow shareholder or officer), or
 *   (b) are linked by a holding, investment or branch edge, or are both linked so to a common
 *       third company (a parent, a subsidiary, a sister company);
 * and transitively over the name's mentions. Nothing else merges: the same name at unrelated
 * companies stays two people. A name mentioned at more than MAX_MENTIONS companies is clustered
 * over the first MAX_MENTIONS of them by KeyNo; the rest stay alone (never merged by a guess).
 */
import { sha256Hex } from '../canonical.js';
import { normaliseName } from '../normalise.js';
import { EDGE_KIND, keyRef, personRef, refsOfCompany } from './edges.js';
import type { EdgeRow, GraphReadPort } from './graph-store.js';
import { mentionKey, type KeptIdentityPort } from './identity-store.js';

export const MAX_MENTIONS = 2000;

export interface MentionLinks {
  /** Other person names mentioned at each company of the name. */
  readonly coNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each company's company neighbours (KeyNos, or references of companies not in the store). */
  readonly neighbours: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The name's companies grouped into people (each group sorted, groups by their first KeyNo). */
export function clusterMentions(companies: readonly string[], links: MentionLinks): string[][] {
  const parent = new Map<string, string>(companies.map((c) => [c, c]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  // Each shared key (a co-name, a neighbour, the company itself as someone's neighbour) unites the
  // companies that have it.
  const firstWith = new Map<string, string>();
  const via = (key: string, company: string): void => {
    const first = firstWith.get(key);
    if (first === undefined) firstWith.set(key, company);
    else union(first, company);
  };
  for (const c of companies) {
    for (const n of links.coNames.get(c) ?? []) via(`p\u0000${n}`, c);
    via(`c\u0000${c}`, c);
    for (const n of links.neighbours.get(c) ?? []) via(`c\u0000${n}`, c);
  }
  const groups = new Map<string, string[]>();
  for (const c of companies) {
    const r = find(c);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(c);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** A person's graph id: the name and the first KeyNo of its group. */
export function personId(name: string, group: readonly string[]): string {
  return `p_${sha256Hex(`${normaliseName(name)}\u0000${group[0] ?? ''}`).slice(0, 20)}`;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  /** KeyNos of the companies where this person is mentioned. */
  readonly companies: readonly string[];
}

const PERSON_KINDS = [EDGE_KIND.shareholder, EDGE_KIND.executive, EDGE_KIND.legalRep];
const COMPANY_KINDS = [EDGE_KIND.shareholder, EDGE_KIND.investment, EDGE_KIND.branch];

const STATED_KINDS = [...new Set([...PERSON_KINDS, ...COMPANY_KINDS])];

/**
 * Names mentioned at no more companies than this are clustered whole (`at` and `atMany`): the
 * mentions, the edges their documents state and the references those name, three statements in
 * all, batched over every name of a call. Above it one mention's group is grown outwards instead
 * (`groupOf`), which reads a few companies per round but takes four statements a round: at
 * 1,000,000 generated companies a typical name has 5–30 mentions and a group takes 3–6 rounds.
 */
export const WHOLE_NAME_MENTIONS = 48;

export interface PersonResolverOptions {
  /** Names with at most this many mentions are clustered whole (default WHOLE_NAME_MENTIONS; 0: always grow, tests). */
  wholeNameMentions?: number;
}

/**
 * Who is who under one name, read through the port; memoised per instance (one derivation), so a
 * name met several times is clustered once.
 *
 * `at` (one mention's person) does not cluster every mention of a common name: it grows the group
 * from that mention outwards (`groupOf`), reading only the group's own companies and, for each link
 * key they have, the mentions that share it; the whole name is read (`peopleNamed`) only when asked
 * for, or when the name has few mentions (WHOLE_NAME_MENTIONS), where reading them all costs fewer
 * round trips than growing. Both give the same groups (the rule is symmetric and transitive;
 * identity.test.ts checks them against each other), but for a common name at 1,000,000 companies
 * the first reads a handful of companies where the second reads hundreds.
 */
export class PersonResolver {
  private readonly byName = new Map<string, Promise<Person[]>>();
  private readonly byMention = new Map<string, Promise<Person>>();
  private readonly mentions = new Map<string, Promise<ReadonlySet<string>>>();
  private readonly wholeNameMentions: number;
  private readonly kept: KeptIdentityPort | undefined;

  constructor(private readonly port: GraphReadPort, options: PersonResolverOptions = {}) {
    this.wholeNameMentions = options.wholeNameMentions ?? WHOLE_NAME_MENTIONS;
    const { keptGroupsAt, keptGroupsOf } = port;
    // The groups kept with the graph (identity-store.ts), when the port reads them: one read per
    // level for every name that is not marked dirty while the kept identity is built.
    this.kept = keptGroupsAt && keptGroupsOf ? { groupsAt: (m) => keptGroupsAt.call(port, m), groupsOf: (r) => keptGroupsOf.call(port, r) } : undefined;
  }

  /**
   * The kept persons of the mentions not known yet (one statement), memoised; mentions whose name
   * is dirty, or all of them while the kept identity is not built, are left to the derivation.
   */
  private async fromKept(list: ReadonlyArray<{ name: string; keyNo: string }>): Promise<void> {
    if (!this.kept) return;
    const asked = new Map<string, { name: string; keyNo: string; ref: string }>();
    for (const { name, keyNo } of list) {
      const norm = normaliseName(name);
      const key = `${norm}\u0000${keyNo}`;
      if (!this.byName.has(norm) && !this.byMention.has(key) && !asked.has(key)) asked.set(key, { name: name.trim(), keyNo, ref: personRef(name) });
    }
    if (asked.size === 0) return;
    const kept = await this.kept.groupsAt([...asked.values()]);
    if (!kept.built) return;
    for (const [key, { name, keyNo, ref }] of asked) {
      if (kept.dirty.has(ref) || this.byMention.has(key)) continue;
      // No row: a group of its own (or not mentioned there at all, which the derivation also answers so).
      const companies = kept.groups.get(mentionKey(ref, keyNo)) ?? [keyNo];
      this.remember(key, Promise.resolve({ id: personId(name, companies), name, companies }));
    }
  }

  /**
   * Every person of each name (`p:` references), derived from the edges and never from the kept
   * groups (what a regroup writes back): three statements for all the names.
   */
  async groupsFromEdges(refs: readonly string[]): Promise<Map<string, Person[]>> {
    this.readMentions(refs);
    const clustered = await this.clusterWhole(refs.map((ref) => ({ name: ref.slice(2), mentions: this.mentions.get(ref)! })));
    return new Map(refs.map((ref) => [ref, clustered.get(ref) ?? []]));
  }

  /** The person mentioned as `name` at company `keyNo`. */
  async at(name: string, keyNo: string): Promise<Person> {
    return (await this.atMany([{ name, keyNo }]))[0]!;
  }

  /**
   * The persons of several mentions at once (a level of a walk): the names' mentions in one
   * statement, and the names with few mentions clustered together (three statements for all of
   * them); the others grown one mention at a time, side by side.
   */
  async atMany(list: ReadonlyArray<{ name: string; keyNo: string }>): Promise<Person[]> {
    await this.fromKept(list);
    const fresh = new Map<string, string>();
    for (const { name, keyNo } of list) {
      const norm = normaliseName(name);
      if (!this.byName.has(norm) && !this.byMention.has(`${norm}\u0000${keyNo}`)) fresh.set(personRef(name), name.trim());
    }
    if (fresh.size > 0 && this.wholeNameMentions > 0) {
      this.readMentions([...fresh.keys()]);
      const few: string[] = [];
      for (const [ref, name] of fresh) {
        if (this.byName.has(normaliseName(name))) continue;
        if ((await this.mentions.get(ref)!).size <= this.wholeNameMentions && !this.byName.has(normaliseName(name))) few.push(name);
      }
      if (few.length > 0) {
        const clustered = this.clusterWhole(few.map((name) => ({ name, mentions: this.mentions.get(personRef(name))! })));
        for (const name of few) this.byName.set(normaliseName(name), clustered.then((m) => m.get(personRef(name)) ?? []));
      }
    }
    // The rest grow together (a round's reads shared by all of them).
    const seeds = new Map<string, { name: string; keyNo: string }>();
    for (const { name, keyNo } of list) {
      const norm = normaliseName(name);
      const key = `${norm}\u0000${keyNo}`;
      if (!this.byName.has(norm) && !this.byMention.has(key) && !seeds.has(key)) seeds.set(key, { name: name.trim(), keyNo });
    }
    if (seeds.size > 1) {
      const grown = this.grow([...seeds.values()]);
      [...seeds.keys()].forEach((key, i) => this.remember(key, grown.then((g) => g[i]!.person)));
    }
    return Promise.all(list.map(({ name, keyNo }) => this.one(name, keyNo)));
  }

  /** A mention's person, memoised under every company of its group once known. */
  private remember(key: string, p: Promise<Person>): void {
    this.byMention.set(key, p);
    const norm = key.slice(0, key.indexOf('\u0000'));
    void p.then((person) => {
      for (const c of person.companies) if (!this.byMention.has(`${norm}\u0000${c}`)) this.byMention.set(`${norm}\u0000${c}`, p);
    }, () => undefined);
  }

  private async one(name: string, keyNo: string): Promise<Person> {
    const norm = normaliseName(name);
    const all = this.byName.get(norm);
    if (all) return (await all).find((p) => p.companies.includes(keyNo)) ?? { id: personId(name, [keyNo]), name: name.trim(), companies: [keyNo] };
    const key = `${norm}\u0000${keyNo}`;
    let p = this.byMention.get(key);
    if (!p) {
      p = this.groupOf(name.trim(), keyNo).then((g) => g.person);
      this.byMention.set(key, p);
      const person = await p;
      for (const c of person.companies) if (!this.byMention.has(`${norm}\u0000${c}`)) this.byMention.set(`${norm}\u0000${c}`, p);
    }
    return p;
  }

  /**
   * The mention's group grown only until `enough` holds for it (checked whenever companies join):
   * the companies found so far, and whether the group is complete. A caller that only needs to know
   * whether a person reaches a threshold stops there instead of reading the rest of a large group
   * (a nominee heading dozens of companies). An incomplete group is not memoised: it is not a person.
   */
  async growUntil(name: string, keyNo: string, enough: (group: ReadonlySet<string>) => boolean): Promise<{ companies: string[]; complete: boolean }> {
    await this.fromKept([{ name, keyNo }]);
    const known = this.byName.get(normaliseName(name)) ?? this.byMention.get(`${normaliseName(name)}\u0000${keyNo}`);
    if (known) return { companies: [...(await this.at(name, keyNo)).companies], complete: true };
    const g = await this.groupOf(name.trim(), keyNo, enough);
    return { companies: [...g.person.companies], complete: g.complete };
  }

  /** The person with graph id `id` among those named `name`, if any. */
  async byId(name: string, id: string): Promise<Person | undefined> {
    return (await this.peopleNamed(name)).find((p) => p.id === id);
  }

  peopleNamed(name: string): Promise<Person[]> {
    const norm = normaliseName(name);
    let p = this.byName.get(norm);
    if (!p) this.byName.set(norm, (p = this.load(name.trim())));
    return p;
  }

  /** The companies where the name is mentioned (the first MAX_MENTIONS by KeyNo), read once per name. */
  private mentionsOf(ref: string): Promise<ReadonlySet<string>> {
    this.readMentions([ref]);
    return this.mentions.get(ref)!;
  }

  /** `mentionsOf` for several names not read yet, in one statement. */
  private readMentions(refs: readonly string[]): void {
    const unread = refs.filter((r) => !this.mentions.has(r));
    if (unread.length === 0) return;
    const read = this.port.sourcesFrom(unread, PERSON_KINDS).then((rows) => {
      const byRef = new Map<string, Set<string>>();
      for (const r of rows) add(byRef, r.ref, r.src);
      return byRef;
    });
    for (const ref of unread) this.mentions.set(ref, read.then((m) => new Set([...(m.get(ref) ?? [])].sort().slice(0, MAX_MENTIONS))));
  }

  /**
   * Every mention of each name clustered (`clusterMentions`), the names' documents read together:
   * one statement for their edges, one for the company references those name.
   */
  private async clusterWhole(names: ReadonlyArray<{ name: string; mentions: Promise<ReadonlySet<string>> }>): Promise<Map<string, Person[]>> {
    const entries = await Promise.all(names.map(async (n) => ({ name: n.name, ref: personRef(n.name), companies: [...(await n.mentions)].sort() })));
    const groups = await this.cluster(entries);
    return new Map(entries.map((e, i) => [e.ref, groups[i]!.map((g) => ({ id: personId(e.name, g), name: e.name, companies: g }))]));
  }

  /** The groups of each name's companies (`companies` sorted, at most MAX_MENTIONS), read in two statements for all names. */
  private async cluster(entries: ReadonlyArray<{ ref: string; companies: readonly string[] }>): Promise<string[][][]> {
    const several = entries.filter((e) => e.companies.length > 1);
    const stated = several.length === 0 ? [] : await this.port.edgesStatedBy([...new Set(several.flatMap((e) => e.companies))], STATED_KINDS);
    const bySrc = new Map<string, EdgeRow[]>();
    for (const e of stated) {
      let list = bySrc.get(e.src);
      if (!list) bySrc.set(e.src, (list = []));
      list.push(e);
    }
    const refsOf = (e: EdgeRow): string | undefined => (e.aType === 'person' || e.kind === EDGE_KIND.executive || e.kind === EDGE_KIND.legalRep ? undefined : neighbourRef(e));
    const neighbourRefs = new Set<string>();
    for (const e of stated) {
      const r = refsOf(e);
      if (r !== undefined) neighbourRefs.add(r);
    }
    const resolved = neighbourRefs.size === 0 ? new Map<string, string>() : await this.port.resolve([...neighbourRefs]);
    return entries.map(({ ref, companies }) => {
      if (companies.length <= 1) return companies.map((c) => [c]);
      const coNames = new Map<string, Set<string>>();
      const neighbours = new Map<string, Set<string>>();
      for (const c of companies) {
        for (const e of bySrc.get(c) ?? []) {
          if (e.aType === 'person') {
            if (e.aRef !== ref) add(coNames, c, e.aRef);
            continue;
          }
          const r = refsOf(e);
          if (r !== undefined) add(neighbours, c, resolved.get(r) ?? r);
        }
      }
      return clusterMentions(companies, { coNames, neighbours });
    });
  }

  /** One mention's group (`grow`). */
  private async groupOf(name: string, keyNo: string, enough?: (group: ReadonlySet<string>) => boolean): Promise<{ person: Person; complete: boolean }> {
    return (await this.grow([{ name, keyNo, ...(enough ? { enough } : {}) }]))[0]!;
  }

  /**
   * The groups of several mentions, each grown outwards: each round reads what the newly joined
   * companies state (co-names, company neighbours), then finds the name's other mentions that
   * share one of those keys: a co-name's mentions (from the index, migration 0090), a company key
   * itself, or a document stating an edge to it. A group is complete when a round joins nobody.
   * The mentions grow in step, so a round's reads are shared by all of them (five statements in
   * three sequential steps a round whatever their number, plus one co-name read per name); each group is exactly the one it
   * would be grown alone (rows are filtered back to the group that asked for them).
   */
  private async grow(seeds: ReadonlyArray<{ name: string; keyNo: string; enough?: (group: ReadonlySet<string>) => boolean }>): Promise<Array<{ person: Person; complete: boolean }>> {
    interface Growth {
      name: string;
      ref: string;
      mentions: ReadonlySet<string>;
      group: Set<string>;
      searchedNames: Set<string>;
      searchedCompanies: Set<string>;
      joined: string[];
      next: string[];
      enough?: ((group: ReadonlySet<string>) => boolean) | undefined;
      coNames: Set<string>;
      neighbourRefs: string[];
      refs: Set<string>;
      fresh: Set<string>;
      result?: { person: Person; complete: boolean };
    }
    this.readMentions(seeds.map((s) => personRef(s.name)));
    const growths: Growth[] = await Promise.all(seeds.map(async ({ name, keyNo, enough }) => {
      const ref = personRef(name);
      const mentions = await this.mentionsOf(ref);
      const g: Growth = {
        name, ref, mentions, group: new Set([keyNo]), searchedNames: new Set([ref]), searchedCompanies: new Set(), joined: [keyNo], next: [], enough,
        coNames: new Set(), neighbourRefs: [], refs: new Set(), fresh: new Set(),
      };
      if (!mentions.has(keyNo)) g.result = { person: { id: personId(name, [keyNo]), name, companies: [keyNo] }, complete: true };
      return g;
    }));
    const join = (g: Growth, c: string): void => {
      if (g.mentions.has(c) && !g.group.has(c)) {
        g.group.add(c);
        g.next.push(c);
      }
    };
    const stopsEarly = (g: Growth): boolean => {
      if (!g.enough || g.next.length === 0 || !g.enough(g.group)) return false;
      g.result = { person: this.partial(g.name, g.group), complete: false };
      return true;
    };
    for (let active = growths.filter((g) => !g.result); active.length > 0; active = active.filter((g) => !g.result)) {
      for (const g of active) g.next = [];
      const stated = await this.port.edgesStatedBy([...new Set(active.flatMap((g) => g.joined))], STATED_KINDS);
      const bySrc = new Map<string, EdgeRow[]>();
      for (const e of stated) {
        let list = bySrc.get(e.src);
        if (!list) bySrc.set(e.src, (list = []));
        list.push(e);
      }
      for (const g of active) {
        g.coNames = new Set();
        g.neighbourRefs = [];
        for (const c of g.joined) {
          for (const e of bySrc.get(c) ?? []) {
            if (e.aType === 'person') {
              if (!g.searchedNames.has(e.aRef)) g.coNames.add(e.aRef);
            } else if (e.kind !== EDGE_KIND.executive && e.kind !== EDGE_KIND.legalRep) g.neighbourRefs.push(neighbourRef(e));
          }
        }
        for (const n of g.coNames) g.searchedNames.add(n);
      }
      // Independent reads side by side (separate round trips on PostgreSQL's pool).
      const [rows, coMentions] = await Promise.all([
        this.port.resolveCompanies([...new Set(active.flatMap((g) => [...g.neighbourRefs, ...g.joined.map(keyRef)]))]),
        Promise.all(active.map((g) => (g.coNames.size > 0 ? this.port.sourcesFromAlso([...g.coNames], PERSON_KINDS, g.ref) : Promise.resolve([])))),
      ]);
      const stored = new Map([...rows.values()].map((c) => [c.keyNo, c]));
      active.forEach((g, i) => {
        for (const m of coMentions[i]!) join(g, m.src);
        if (stopsEarly(g)) return;
        // Company keys: the joined companies themselves, and their neighbours (stored, or by reference).
        const keys = new Set<string>(g.joined);
        for (const r of g.neighbourRefs) keys.add(rows.get(r)?.keyNo ?? r);
        g.fresh = new Set([...keys].filter((k) => !g.searchedCompanies.has(k)));
        for (const k of g.fresh) g.searchedCompanies.add(k);
        for (const k of g.fresh) join(g, k);
        g.refs = new Set([...g.fresh].flatMap((k) => {
          const c = stored.get(k);
          return c ? refsOfCompany(c.keyNo, c.uscc, c.nameNorm) : isReference(k) ? [k] : [];
        }));
      });
      const asking = active.filter((g) => !g.result && g.fresh.size > 0);
      if (asking.length > 0) {
        // Documents of the names' other mentions stating an edge to one of the keys.
        // The keys' references are resolved beside the edge reads, not after them: a candidate's
        // end is almost always one of them, so a round waits for three reads instead of four.
        const refs = [...new Set(asking.flatMap((g) => [...g.refs]))];
        const [into, outOf, early] = await Promise.all([
          this.port.edgesTo(refs, [EDGE_KIND.investment, EDGE_KIND.branch]),
          this.port.edgesFrom(refs, [EDGE_KIND.shareholder, EDGE_KIND.branch]),
          this.port.resolve(refs),
        ]);
        const candidatesOf = new Map(asking.map((g) => [g, [
          ...into.filter((e) => g.refs.has(e.bRef)),
          ...outOf.filter((e) => g.refs.has(e.aRef)),
        ].filter((e) => e.aType !== 'person' && g.mentions.has(e.src) && !g.group.has(e.src))]));
        const asked = new Set(refs);
        const toResolve = [...new Set([...candidatesOf.values()].flat().map(neighbourRef))].filter((r) => !asked.has(r));
        const ends = toResolve.length > 0 ? new Map([...early, ...(await this.port.resolve(toResolve))]) : early;
        for (const [g, candidates] of candidatesOf) {
          for (const e of candidates) {
            const r = neighbourRef(e);
            if (g.fresh.has(ends.get(r) ?? r)) join(g, e.src);
          }
        }
      }
      for (const g of active) {
        if (g.result || stopsEarly(g)) continue;
        if (g.next.length === 0) {
          const companies = [...g.group].sort();
          g.result = { person: { id: personId(g.name, companies), name: g.name, companies }, complete: true };
        }
        g.joined = g.next;
      }
    }
    return growths.map((g) => g.result!);
  }

  /** Part of a group (growth stopped early): no graph id of its own is claimed for it. */
  private partial(name: string, group: ReadonlySet<string>): Person {
    return { id: '', name, companies: [...group].sort() };
  }

  private async load(name: string): Promise<Person[]> {
    const ref = personRef(name);
    const [mentions, kept] = await Promise.all([this.port.sourcesFrom([ref], PERSON_KINDS), this.kept?.groupsOf([ref])]);
    const all = [...new Set(mentions.map((e) => e.src))].sort();
    if (kept?.built && !kept.dirty.has(ref)) {
      // The kept groups, and every other mention alone (as the derivation below would leave it).
      const groups = kept.groups.get(ref) ?? [];
      const grouped = new Set(groups.flat());
      const people = [...groups, ...all.filter((c) => !grouped.has(c)).map((c) => [c])].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
      return people.map((g) => ({ id: personId(name, g), name, companies: g }));
    }
    const [groups] = await this.cluster([{ ref, companies: all.slice(0, MAX_MENTIONS) }]);
    for (const c of all.slice(MAX_MENTIONS)) groups!.push([c]);
    return groups!.map((g) => ({ id: personId(name, g), name, companies: g }));
  }
}

/** The company at the other end of a company edge its document states (the end that is not itself). */
function neighbourRef(e: EdgeRow): string {
  return e.aRef === keyRef(e.src) ? e.bRef : e.aRef;
}

/** A document's reference (`u:`, `n:`, `k:`, …) rather than a stored KeyNo. */
function isReference(key: string): boolean {
  return /^[a-z]:/.test(key);
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(value);
}
