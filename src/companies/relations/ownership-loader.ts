/**
 * Reads a company's ownership graph upwards through the port: its holders, their holders, and so
 * on for `levels` levels (the derivations in holdings.ts then compute on it).
 *
 * Whose word counts for "who holds company X": X's own shareholder list when its document gives
 * one (the register's view), else the 对外投资 entries other documents state about X (an investee
 * outside the store, or one whose document lacks shareholders). Holders named by a document are
 * matched to stored companies by credit code, else by exact current name (references, edges.ts);
 * persons get their identity from identity.ts.
 */
import type { Party } from './facts.js';
import { EDGE_KIND, refsOfCompany } from './edges.js';
import { edgesWithCompaniesVia, type CompanyRiskFacts, type EdgeRow, type EdgesWithCompanies, type GraphCompany, type GraphReadPort, type OwnershipWalk } from './graph-store.js';
import type { Holding, OwnershipGraph } from './holdings.js';
import type { PersonResolver } from './identity.js';
import { normaliseName } from '../normalise.js';

/** Prefix of a provisional person id (tree-local identity); never returned to callers. */
export const TREE_LOCAL = 'tree:';

export function companyParty(c: GraphCompany): Party {
  return { id: c.keyNo, type: 'company', name: c.name, keyNo: c.keyNo };
}

/** A company or other party named by a document: the stored company when the reference resolves. */
export function namedParty(ref: string, name: string, type: 'company' | 'other', resolved: ReadonlyMap<string, string>, companies: ReadonlyMap<string, GraphCompany>): Party {
  const keyNo = resolved.get(ref);
  const c = keyNo === undefined ? undefined : companies.get(keyNo);
  return c ? companyParty(c) : { id: ref, type, name };
}

interface Frontier {
  party: Party;
  /** The references other documents use for it. */
  refs: string[];
}

export function refsOfParty(party: Party, companies: ReadonlyMap<string, GraphCompany>): string[] {
  const c = party.keyNo === undefined ? undefined : companies.get(party.keyNo);
  return c ? refsOfCompany(c.keyNo, c.uscc, c.nameNorm) : [party.id];
}

/**
 * `persons`: resolve every person's identity (identity.ts), or `undefined` for the tree-local rule
 * only: the same name within one company's ownership tree is one person (its companies are linked
 * through the tree), with a provisional id; `controllerOf` resolves the one person it returns.
 * `walk`: the graph already read in one statement (`port.ownershipWalk`); levels are answered from
 * it, and only a reference it did not read goes to the port.
 */
export async function loadOwnership(port: GraphReadPort, persons: PersonResolver | undefined, root: GraphCompany, levels: number, walk?: OwnershipWalk): Promise<OwnershipGraph> {
  const prefetched = walk ? walkedLevels(walk) : undefined;
  const companies = new Map<string, GraphCompany>([[root.keyNo, root]]);
  const rootParty = companyParty(root);
  const holders = new Map<string, Holding[] | null>();
  let frontier: Frontier[] = [{ party: rootParty, refs: refsOfParty(rootParty, companies) }];
  const personMentions: Array<{ name: string; at: string; fill: (p: Party) => void }> = [];
  for (let level = 0; level <= levels && frontier.length > 0; level++) {
    const byRef = new Map<string, Frontier>();
    for (const f of frontier) for (const r of f.refs) byRef.set(r, f);
    // The holders and their company rows in one round trip (PostgreSQL pays one per statement, and
    // a holding chain is walked one level at a time).
    const refs = [...byRef.keys()];
    const { edges, companies: holderCompanies } = prefetched?.level(refs) ?? await edgesWithCompaniesVia(port, 'to', refs, [EDGE_KIND.shareholder, EDGE_KIND.investment]);
    const perNode = new Map<string, EdgeRow[]>();
    for (const e of edges) {
      const f = byRef.get(e.bRef);
      if (!f) continue;
      let list = perNode.get(f.party.id);
      if (!list) perNode.set(f.party.id, (list = []));
      list.push(e);
    }
    const chosenPer = new Map<string, EdgeRow[]>();
    const undecided: string[] = [];
    for (const f of frontier) {
      const list = perNode.get(f.party.id) ?? [];
      const own = list.filter((e) => e.kind === EDGE_KIND.shareholder && e.src === f.party.keyNo);
      const chosen = (own.length > 0 ? own : dedupeByHolder(list.filter((e) => e.kind === EDGE_KIND.investment))).sort(byHolding);
      chosenPer.set(f.party.id, chosen);
      if (chosen.length === 0 && f.party.keyNo !== undefined) undecided.push(f.party.keyNo);
    }
    // No holder edges: supplied-empty and not-supplied read differently (none vs unknown).
    const risk = undecided.length === 0 ? new Map<string, Pick<CompanyRiskFacts, 'shareholdersSupplied'>>() : prefetched?.supplied(undecided) ?? await port.risk(undecided);
    const resolved = new Map<string, string>();
    for (const e of [...chosenPer.values()].flat()) {
      const c = e.aType === 'person' ? undefined : holderCompanies.get(e.aRef);
      if (!c) continue;
      resolved.set(e.aRef, c.keyNo);
      if (!companies.has(c.keyNo)) companies.set(c.keyNo, c);
    }
    const next: Frontier[] = [];
    for (const f of frontier) {
      const chosen = chosenPer.get(f.party.id)!;
      if (chosen.length === 0) {
        holders.set(f.party.id, f.party.keyNo !== undefined && risk.get(f.party.keyNo)?.shareholdersSupplied ? [] : null);
        continue;
      }
      const list: Holding[] = [];
      for (const e of chosen) {
        const holding: { holder: Party; ratio: number | null; declared: boolean; amount?: string } = {
          holder: e.aType === 'person' ? { id: '', type: 'person', name: e.aName } : namedParty(e.aRef, e.aName, e.aType === 'other' ? 'other' : 'company', resolved, companies),
          ratio: e.ratio, declared: e.declared, ...(e.amount !== null ? { amount: e.amount } : {}),
        };
        if (e.aType === 'person') personMentions.push({ name: e.aName, at: e.src, fill: (p) => { holding.holder = p; } });
        else if (!holders.has(holding.holder.id) && !next.some((n) => n.party.id === holding.holder.id) && !frontier.some((n) => n.party.id === holding.holder.id)) {
          if (holding.holder.type === 'company') next.push({ party: holding.holder, refs: refsOfParty(holding.holder, companies) });
        }
        list.push(holding);
      }
      holders.set(f.party.id, list);
    }
    frontier = next;
  }
  if (persons) {
    const people = await persons.atMany(personMentions.map((m) => ({ name: m.name, keyNo: m.at })));
    people.forEach((p, i) => personMentions[i]!.fill({ id: p.id, type: 'person', name: p.name }));
  } else {
    // One id per name within the tree: the first mention's company (by KeyNo) anchors it.
    const anchor = new Map<string, string>();
    for (const m of [...personMentions].sort((a, b) => (a.at < b.at ? -1 : 1))) if (!anchor.has(normaliseName(m.name))) anchor.set(normaliseName(m.name), m.at);
    for (const m of personMentions) m.fill({ id: `${TREE_LOCAL}${normaliseName(m.name)}\u0000${anchor.get(normaliseName(m.name))}`, type: 'person', name: m.name.trim() });
  }
  return { root: rootParty, holders };
}

/** A walk's answers to the loader's two questions, or undefined where it did not read what is asked. */
function walkedLevels(walk: OwnershipWalk): {
  level(refs: readonly string[]): EdgesWithCompanies | undefined;
  supplied(keyNos: readonly string[]): Map<string, Pick<CompanyRiskFacts, 'shareholdersSupplied'>> | undefined;
} {
  const into = new Map<string, EdgeRow[]>();
  for (const e of walk.edges) {
    let list = into.get(e.bRef);
    if (!list) into.set(e.bRef, (list = []));
    list.push(e);
  }
  return {
    level(refs) {
      if (!refs.every((r) => walk.walked.has(r))) return undefined;
      return { edges: refs.flatMap((r) => into.get(r) ?? []), companies: walk.companies };
    },
    supplied(keyNos) {
      if (!keyNos.every((k) => walk.shareholdersSupplied.has(k))) return undefined;
      return new Map(keyNos.map((k) => [k, { shareholdersSupplied: walk.shareholdersSupplied.get(k)! }]));
    },
  };
}

/**
 * Holders in one order whatever the read returned them in (a store's row order differs by backend
 * and by how the level was read): the largest share first, unknown shares last, then by name and
 * reference. The penetration tree lists them so, and ties between equal shares break the same way.
 */
function byHolding(a: EdgeRow, b: EdgeRow): number {
  const ra = a.ratio ?? -1;
  const rb = b.ratio ?? -1;
  if (ra !== rb) return rb - ra;
  if (a.aName !== b.aName) return a.aName < b.aName ? -1 : 1;
  if (a.aRef !== b.aRef) return a.aRef < b.aRef ? -1 : 1;
  return a.src < b.src ? -1 : a.src > b.src ? 1 : 0;
}

/** One investment edge per investor (two documents of the same investor cannot both be stored). */
function dedupeByHolder(edges: readonly EdgeRow[]): EdgeRow[] {
  const seen = new Set<string>();
  return edges.filter((e) => (seen.has(e.aRef) ? false : (seen.add(e.aRef), true)));
}
