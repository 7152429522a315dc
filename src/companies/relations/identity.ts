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
import { EDGE_KIND, personRef } from './edges.js';
import type { GraphReadPort } from './graph-store.js';

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

/**
 * Who is who under one name, read through the port; memoised per instance (one derivation), so a
 * name met several times is clustered once.
 */
export class PersonResolver {
  private readonly byName = new Map<string, Promise<Person[]>>();

  constructor(private readonly port: GraphReadPort) {}

  /** The person mentioned as `name` at company `keyNo`. */
  async at(name: string, keyNo: string): Promise<Person> {
    const people = await this.peopleNamed(name);
    return people.find((p) => p.companies.includes(keyNo)) ?? { id: personId(name, [keyNo]), name, companies: [keyNo] };
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

  private async load(name: string): Promise<Person[]> {
    const ref = personRef(name);
    const mentions = await this.port.edgesFrom([ref], PERSON_KINDS);
    const all = [...new Set(mentions.map((e) => e.src))].sort();
    const companies = all.slice(0, MAX_MENTIONS);
    let groups: string[][];
    if (companies.length <= 1) groups = companies.map((c) => [c]);
    else {
      const stated = await this.port.edgesStatedBy(companies, [...new Set([...PERSON_KINDS, ...COMPANY_KINDS])]);
      const coNames = new Map<string, Set<string>>();
      const companyRefs = new Map<string, string[]>();
      for (const e of stated) {
        const self = `k:${e.src}`;
        if (e.aType === 'person') {
          if (e.aRef !== ref) add(coNames, e.src, e.aRef);
          continue;
        }
        if (e.kind === EDGE_KIND.executive || e.kind === EDGE_KIND.legalRep) continue;
        const other = e.aRef === self ? e.bRef : e.aRef;
        let list = companyRefs.get(e.src);
        if (!list) companyRefs.set(e.src, (list = []));
        list.push(other);
      }
      const resolved = await this.port.resolve([...new Set([...companyRefs.values()].flat())]);
      const neighbours = new Map<string, Set<string>>();
      for (const [src, refs] of companyRefs) for (const r of refs) add(neighbours, src, resolved.get(r) ?? r);
      groups = clusterMentions(companies, { coNames, neighbours });
    }
    for (const c of all.slice(MAX_MENTIONS)) groups.push([c]);
    return groups.map((g) => ({ id: personId(name, g), name, companies: g }));
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(value);
}
