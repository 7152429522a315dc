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

  constructor(private readonly port: GraphReadPort, options: PersonResolverOptions = {}) {
    this.wholeNameMentions = options.wholeNameMentions ?? WHOLE_NAME_MENTIONS;
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
    return Promise.all(list.map(({ name, keyNo }) => this.one(name, keyNo)));
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

  /**
   * The group of the mention at `keyNo`, grown outwards: each round reads what the newly joined
   * companies state (co-names, company neighbours), then finds the name's other mentions that
   * share one of those keys: a co-name's mentions (from the index, migration 0090), a company key
   * itself, or a document stating an edge to it. It stops when a round joins nobody.
   */
  private async groupOf(name: string, keyNo: string, enough?: (group: ReadonlySet<string>) => boolean): Promise<{ person: Person; complete: boolean }> {
    const ref = personRef(name);
    const mentions = await this.mentionsOf(ref);
    if (!mentions.has(keyNo)) return { person: { id: personId(name, [keyNo]), name, companies: [keyNo] }, complete: true };
    const group = new Set([keyNo]);
    const searchedNames = new Set([ref]);
    const searchedCompanies = new Set<string>();
    let joined = [keyNo];
    while (joined.length > 0) {
      const next: string[] = [];
      const join = (c: string): void => {
        if (mentions.has(c) && !group.has(c)) {
          group.add(c);
          next.push(c);
        }
      };
      const stated = await this.port.edgesStatedBy(joined, STATED_KINDS);
      const coNames = new Set<string>();
      const neighbourRefs: string[] = [];
      for (const e of stated) {
        if (e.aType === 'person') {
          if (!searchedNames.has(e.aRef)) coNames.add(e.aRef);
        } else if (e.kind !== EDGE_KIND.executive && e.kind !== EDGE_KIND.legalRep) neighbourRefs.push(neighbourRef(e));
      }
      for (const n of coNames) searchedNames.add(n);
      // Independent reads side by side (separate round trips on PostgreSQL's pool).
      const [rows, coMentions] = await Promise.all([
        this.port.resolveCompanies([...neighbourRefs, ...joined.map(keyRef)]),
        coNames.size > 0 ? this.port.sourcesFromAlso([...coNames], PERSON_KINDS, ref) : Promise.resolve([]),
      ]);
      for (const m of coMentions) join(m.src);
      if (enough && next.length > 0 && enough(group)) return { person: this.partial(name, group), complete: false };
      // Company keys: the joined companies themselves, and their neighbours (stored, or by reference).
      const keys = new Set<string>(joined);
      for (const r of neighbourRefs) keys.add(rows.get(r)?.keyNo ?? r);
      const fresh = [...keys].filter((k) => !searchedCompanies.has(k));
      for (const k of fresh) searchedCompanies.add(k);
      for (const k of fresh) join(k);
      if (fresh.length > 0) {
        const freshSet = new Set(fresh);
        const stored = new Map([...rows.values()].map((c) => [c.keyNo, c]));
        const refs = fresh.flatMap((k) => {
          const c = stored.get(k);
          return c ? refsOfCompany(c.keyNo, c.uscc, c.nameNorm) : isReference(k) ? [k] : [];
        });
        // Documents of the name's other mentions stating an edge to one of the keys.
        const [into, outOf] = await Promise.all([
          this.port.edgesTo(refs, [EDGE_KIND.investment, EDGE_KIND.branch]),
          this.port.edgesFrom(refs, [EDGE_KIND.shareholder, EDGE_KIND.branch]),
        ]);
        const candidates = [...into, ...outOf].filter((e) => e.aType !== 'person' && mentions.has(e.src) && !group.has(e.src));
        const ends = candidates.length > 0 ? await this.port.resolve(candidates.map(neighbourRef)) : new Map<string, string>();
        for (const e of candidates) {
          const r = neighbourRef(e);
          if (freshSet.has(ends.get(r) ?? r)) join(e.src);
        }
      }
      if (enough && next.length > 0 && enough(group)) return { person: this.partial(name, group), complete: false };
      joined = next;
    }
    const companies = [...group].sort();
    return { person: { id: personId(name, companies), name, companies }, complete: true };
  }

  /** Part of a group (growth stopped early): no graph id of its own is claimed for it. */
  private partial(name: string, group: ReadonlySet<string>): Person {
    return { id: '', name, companies: [...group].sort() };
  }

  private async load(name: string): Promise<Person[]> {
    const ref = personRef(name);
    const mentions = await this.port.sourcesFrom([ref], PERSON_KINDS);
    const all = [...new Set(mentions.map((e) => e.src))].sort();
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
