/**
 * `relationFactsOf`: what the graph knows about one company (the shared RelationFacts contract),
 * and the smaller queries beside it (`controllerOf`, `companiesOfPerson`). Reads go through the
 * port (graph-store.ts), so the same code runs on SQLite and PostgreSQL; the rules are in
 * holdings.ts (ownership) and identity.ts (persons).
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { EDGE_KIND, EDGE_KIND_NAMES, personRef, refsOfCompany } from './edges.js';
import type { ControllerFinding, Party, RelatedCompany, RelationFacts } from './facts.js';
import { graphStore, type GraphCompany, type GraphReadPort, type OwnershipWalk } from './graph-store.js';
import { analyseShares, DEFAULT_BENEFICIAL_OWNER_THRESHOLD, findBeneficialOwners, findController, MAX_LEVELS, penetrationTree } from './holdings.js';
import { PersonResolver, type Person } from './identity.js';
import { loadOwnership, TREE_LOCAL } from './ownership-loader.js';
import { normaliseStatus } from '../normalise.js';

export interface RelationFactsOptions {
  /** Levels of the penetration tree (default 4, the vendor's EquityThrough depth). */
  depth?: number;
  /** Beneficial-owner threshold, a fraction (default ZHENGXIN_BENEFICIAL_OWNER_THRESHOLD, else 0.25). */
  beneficialOwnerThreshold?: number;
  /** A port other than the database's (tests). */
  port?: GraphReadPort;
}

export const DEFAULT_PENETRATION_DEPTH = 4;

/** The threshold from the option, else the environment, else the PBOC rule's 25 %. */
export function beneficialOwnerThreshold(option?: number, env: NodeJS.ProcessEnv = process.env): number {
  const candidates: Array<[string, unknown]> = [['option', option], ['ZHENGXIN_BENEFICIAL_OWNER_THRESHOLD', env.ZHENGXIN_BENEFICIAL_OWNER_THRESHOLD]];
  for (const [source, raw] of candidates) {
    if (raw === undefined || raw === '') continue;
    const v = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(v) || v <= 0 || v > 1) throw new RangeError(`beneficial-owner threshold (${source}) must be a fraction in (0, 1], e.g. 0.25; got ${String(raw)}`);
    return v;
  }
  return DEFAULT_BENEFICIAL_OWNER_THRESHOLD;
}

/** The company's relation facts, or undefined when no stored company has this KeyNo. */
export async function relationFactsOf(db: Kysely<Schema>, keyNo: string, options: RelationFactsOptions = {}): Promise<RelationFacts | undefined> {
  const threshold = beneficialOwnerThreshold(options.beneficialOwnerThreshold);
  const depth = Math.max(1, Math.min(options.depth ?? DEFAULT_PENETRATION_DEPTH, MAX_LEVELS));
  const port = options.port ?? graphStore(db);
  const levels = Math.max(depth, MAX_LEVELS);
  const { root, walk } = await rootAndWalk(port, keyNo, levels);
  if (!root) return undefined;
  const persons = new PersonResolver(port);
  const graph = await loadOwnership(port, persons, root, levels, walk);
  const analysis = analyseShares(graph);
  const controller = findController(graph, analysis);
  return {
    keyNo,
    controller,
    beneficialOwners: findBeneficialOwners(analysis, threshold),
    beneficialOwnerThreshold: threshold,
    penetration: penetrationTree(graph, depth),
    cycles: analysis.cycles,
    related: await relatedCompanies(port, persons, root.keyNo, controller),
  };
}

/** The company's row and, where the port reads it in one statement, its whole upward ownership graph with it. */
async function rootAndWalk(port: GraphReadPort, keyNo: string, levels: number): Promise<{ root: GraphCompany | undefined; walk?: OwnershipWalk }> {
  if (port.ownershipWalk) {
    const walk = await port.ownershipWalk(keyNo, levels);
    return { root: walk.root, walk };
  }
  return { root: (await port.companies([keyNo])).get(keyNo) };
}

/** The controller finding only (what `controllerOf` costs is the benchmark's "controller derivation"). */
export async function controllerOf(db: Kysely<Schema>, keyNo: string, port: GraphReadPort = graphStore(db)): Promise<ControllerFinding | undefined> {
  const { root, walk } = await rootAndWalk(port, keyNo, MAX_LEVELS);
  if (!root) return undefined;
  // Persons by the tree-local rule while deriving; only the controller's identity is resolved.
  const graph = await loadOwnership(port, undefined, root, MAX_LEVELS, walk);
  const finding = findController(graph, analyseShares(graph));
  const c = finding.controller;
  if (finding.status !== 'found' || !c || !c.id.startsWith(TREE_LOCAL)) return finding;
  const at = c.id.slice(c.id.indexOf('\u0000') + 1);
  const person = await new PersonResolver(port).at(c.name, at);
  const real: Party = { id: person.id, type: 'person', name: c.name };
  const swap = (p: Party): Party => (p.id === c.id ? real : p);
  return { ...finding, controller: real, chain: finding.chain?.map((s) => ({ ...s, holder: swap(s.holder), held: swap(s.held) })) };
}

export interface PersonRole {
  keyNo: string;
  name: string;
  /** 股东 / 任职 / 法定代表人, with the ratio or positions when known. */
  roles: Array<{ type: 'shareholder' | 'executive' | 'legalRep'; label: string | null; ratio: number | null }>;
}

/**
 * The companies of the person mentioned as `name` at `keyNo` (identity.ts decides who that is),
 * with the roles there; the company itself included.
 */
export async function companiesOfPerson(db: Kysely<Schema>, name: string, keyNo: string, port: GraphReadPort = graphStore(db)): Promise<{ person: Person; companies: PersonRole[] }> {
  const person = await new PersonResolver(port).at(name, keyNo);
  return { person, companies: await rolesOf(port, person) };
}

export async function rolesOf(port: GraphReadPort, person: Person): Promise<PersonRole[]> {
  const edges = await port.edgesStatedBy(person.companies, [EDGE_KIND.shareholder, EDGE_KIND.executive, EDGE_KIND.legalRep]);
  const names = await port.companies(person.companies);
  const ref = personRef(person.name);
  return person.companies.map((k) => ({
    keyNo: k,
    name: names.get(k)?.name ?? k,
    roles: edges
      .filter((e) => e.src === k && e.aType === 'person' && (e.aRef === ref || e.aName === person.name))
      .map((e) => ({ type: EDGE_KIND_NAMES[e.kind] as 'shareholder' | 'executive' | 'legalRep', label: e.label, ratio: e.ratio })),
  }));
}

/** A related company found in the graph: a stored one (`keyNo`), or one only named by a document (`ref`). */
interface FoundRelated {
  keyNo?: string;
  /** The reference a document names it by, when it is not a stored company. */
  ref?: string;
  name: string;
  relation: RelatedCompany['relation'];
  via: string;
  ratio?: number | null;
  /** The status the naming document gives (companies outside the store). */
  statedStatus?: string | null;
}

/**
 * The companies a party holds, as the graph knows them: stored investees by KeyNo (the share from
 * the investee's own register when it states one, else from the investor's 对外投资), and investees
 * the investor's document names that no stored company answers to, by name with what the document
 * says. Never dropped: a credit officer must not read "no investees" where the data names some.
 */
async function investeesOf(port: GraphReadPort, refs: readonly string[], investorKeyNo: string | undefined, relation: RelatedCompany['relation'], via: string): Promise<FoundRelated[]> {
  const out = await port.edgesFrom(refs, [EDGE_KIND.shareholder, EDGE_KIND.investment]);
  const resolved = await port.resolve(out.map((e) => e.bRef));
  const byKey = new Map<string, FoundRelated>();
  // The investee's own register first: its ratio wins over the investor's statement.
  const ordered = [...out].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === EDGE_KIND.shareholder ? -1 : 1));
  for (const e of ordered) {
    const keyNo = resolved.get(e.bRef);
    if (keyNo === investorKeyNo && keyNo !== undefined) continue;
    const key = keyNo ?? e.bRef;
    if (byKey.has(key)) continue;
    byKey.set(key, keyNo !== undefined
      ? { keyNo, name: e.bName, relation, via, ratio: e.ratio }
      : { ref: e.bRef, name: e.bName, relation, via, ratio: e.ratio, statedStatus: e.label });
  }
  return [...byKey.values()];
}

async function relatedCompanies(port: GraphReadPort, persons: PersonResolver, keyNo: string, controller: ControllerFinding): Promise<RelatedCompany[]> {
  const found: FoundRelated[] = [];
  const root = (await port.companies([keyNo])).get(keyNo)!;
  const rootRefs = refsOfCompany(root.keyNo, root.uscc, root.nameNorm);
  const stated = await port.edgesStatedBy([keyNo], [EDGE_KIND.legalRep]);
  const rep = stated.find((e) => e.kind === EDGE_KIND.legalRep);
  const personCompanies = async (p: Party | { name: string }, at: string): Promise<string[]> => (await persons.at(p.name, at)).companies.filter((k) => k !== keyNo);
  if (rep) {
    if (rep.aType === 'person') for (const k of await personCompanies({ name: rep.aName }, keyNo)) found.push({ keyNo: k, name: k, relation: 'legal-rep-other', via: rep.aName });
    else {
      const repKey = (await port.resolve([rep.aRef])).get(rep.aRef);
      if (repKey === undefined) found.push({ ref: rep.aRef, name: rep.aName, relation: 'legal-rep-other', via: rep.aName, statedStatus: null });
      else if (repKey !== keyNo) found.push({ keyNo: repKey, name: rep.aName, relation: 'legal-rep-other', via: rep.aName });
    }
  }
  const c = controller.status === 'found' ? controller.controller : undefined;
  if (c) {
    if (c.type === 'person') {
      const at = controller.chain?.[0]?.held.keyNo ?? keyNo;
      for (const k of await personCompanies(c, at)) found.push({ keyNo: k, name: k, relation: 'controller-other', via: c.name });
    } else if (c.keyNo) {
      const cc = (await port.companies([c.keyNo])).get(c.keyNo);
      if (cc) {
        for (const f of await investeesOf(port, refsOfCompany(cc.keyNo, cc.uscc, cc.nameNorm), cc.keyNo, 'controller-other', c.name)) if (f.keyNo !== keyNo) found.push(f);
      }
    }
  }
  found.push(...await investeesOf(port, rootRefs, keyNo, 'investee', root.name));
  const seen = new Set<string>();
  const unique = found.filter((f) => {
    const key = `${f.relation}\u0000${f.keyNo ?? f.ref}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const stored = unique.flatMap((f) => (f.keyNo === undefined ? [] : [f.keyNo]));
  const companies = await port.companies(stored);
  const risk = await port.risk(stored);
  return unique.flatMap((f): RelatedCompany[] => {
    const ratio = f.ratio !== undefined ? { ratio: f.ratio } : {};
    if (f.keyNo === undefined) {
      // Outside the store: only what the naming document says; every flag unknown, never 0.
      const status = f.statedStatus?.trim() ?? '';
      return [{
        name: f.name, status, relation: f.relation, via: f.via, ...ratio,
        flags: { dishonest: null, enforcements: null, abnormalOperations: null, revoked: status === '' ? null : normaliseStatus(status) === 'REVOKED' },
      }];
    }
    const co = companies.get(f.keyNo);
    const r = risk.get(f.keyNo);
    if (!co || !r) return [];
    return [{
      keyNo: f.keyNo, name: co.name, status: r.status, relation: f.relation, via: f.via, ...ratio,
      flags: { dishonest: r.dishonest, enforcements: r.enforcements, abnormalOperations: r.abnormalOperations, revoked: co.statusNorm === 'REVOKED' },
    }];
  });
}
