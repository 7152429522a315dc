/**
 * Path search between two companies over the relation graph (for `findRelation`): shortest paths
 * first, depth-bounded, through companies and persons (identity.ts decides who a person is).
 *
 * Bidirectional breadth-first search: each step expands the side with the smaller frontier, one
 * whole level at a time (a level is a few batched queries whatever its size), keeping every
 * predecessor at the previous level. Paths are then read off at each node both searches reached
 * with a total length within `maxDepth`: all shortest paths, then longer ones through a node at its
 * shortest distance from each end, shortest first, at most `limit`. A node is never repeated in a
 * path. A level's frontier above MAX_FRONTIER nodes is not expanded further (a hub such as a
 * person in hundreds of companies): the search then says `capped`.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { EDGE_KIND, EDGE_KIND_NAMES, personRef, type EdgeKindName } from './edges.js';
import { edgesWithCompaniesVia, graphStore, type EdgeRow, type GraphCompany, type GraphReadPort } from './graph-store.js';
import { PersonResolver, type Person } from './identity.js';
import { refsOfParty } from './ownership-loader.js';
import { normaliseName } from '../normalise.js';

export interface PathNode {
  readonly id: string;
  readonly type: 'company' | 'person' | 'other';
  readonly name: string;
  /** Companies in the store only. */
  readonly keyNo?: string;
}

export interface PathEdge {
  readonly from: string;
  readonly to: string;
  readonly type: EdgeKindName;
  /** What the edge says, in Chinese: 持股 60%, 执行董事、总经理, 法定代表人, 对外投资, 分支机构 (several joined by ；). */
  readonly label: string;
  /** Shareholding fraction when the edge is a holding with a known ratio. */
  readonly ratio: number | null;
}

export interface RelationPath {
  /** Edges. */
  readonly length: number;
  readonly nodes: readonly PathNode[];
  readonly edges: readonly PathEdge[];
}

export type PathSearch =
  | { ok: true; paths: RelationPath[]; capped: boolean }
  | { ok: false; reason: 'from_not_found' | 'to_not_found' | 'same_company' };

export const DEFAULT_MAX_DEPTH = 4;
export const MAX_DEPTH = 6;
export const MAX_FRONTIER = 3000;
const MAX_HALF_PATHS = 500;
/** Prefix of a provisional id: a person on the last level whom the other side cannot meet (never in a path). */
const UNRESOLVED = 'unresolved:';

const ALL_KINDS = [EDGE_KIND.shareholder, EDGE_KIND.executive, EDGE_KIND.legalRep, EDGE_KIND.investment, EDGE_KIND.branch];
/** Which of two parallel edges names the pair: holdings first. */
const PRIORITY: Record<EdgeKindName, number> = { shareholder: 0, investment: 1, legalRep: 2, executive: 3, branch: 4 };

interface Link {
  node: PathNode;
  edge: PathEdge;
}

function pctText(r: number): string {
  return `${Math.round(r * 10000) / 100}%`;
}

function labelOf(e: EdgeRow): string {
  switch (e.kind) {
    case EDGE_KIND.shareholder: return e.ratio === null ? '持股' : `持股 ${pctText(e.ratio)}`;
    case EDGE_KIND.investment: return e.ratio === null ? '对外投资' : `对外投资 ${pctText(e.ratio)}`;
    case EDGE_KIND.legalRep: return '法定代表人';
    case EDGE_KIND.executive: return e.label ?? '任职';
    default: return '分支机构';
  }
}

export async function findPaths(
  db: Kysely<Schema>,
  fromKeyNo: string,
  toKeyNo: string,
  options: { maxDepth?: number; limit?: number; port?: GraphReadPort } = {},
): Promise<PathSearch> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH) throw new RangeError(`maxDepth must be a whole number from 1 to ${MAX_DEPTH}, got ${maxDepth}`);
  const limit = options.limit ?? 10;
  const port = options.port ?? graphStore(db);
  const ends = await port.companies([fromKeyNo, toKeyNo]);
  const from = ends.get(fromKeyNo);
  const to = ends.get(toKeyNo);
  if (!from) return { ok: false, reason: 'from_not_found' };
  if (!to) return { ok: false, reason: 'to_not_found' };
  if (fromKeyNo === toKeyNo) return { ok: false, reason: 'same_company' };

  const search = new Search(port);
  search.know(from);
  search.know(to);
  const sides = [new Side(companyNode(from)), new Side(companyNode(to))] as const;
  let capped = false;
  const met = (): number => {
    let best = Infinity;
    for (const [id, d] of sides[0].dist) {
      const e = sides[1].dist.get(id);
      if (e !== undefined) best = Math.min(best, d + e);
    }
    return best;
  };
  while (sides[0].depth + sides[1].depth < maxDepth) {
    const open = sides.filter((s) => s.frontier.length > 0);
    if (open.length === 0) break;
    const side = open.reduce((a, b) => (b.frontier.length < a.frontier.length ? b : a));
    if (side.frontier.length > MAX_FRONTIER) {
      capped = true;
      break;
    }
    // The last level: its persons can only meet persons the other side has reached.
    const other = side === sides[0] ? sides[1] : sides[0];
    const last = sides[0].depth + sides[1].depth + 1 === maxDepth;
    await side.expand(search, last ? new Set([...other.nodes.values()].filter((n) => n.type === 'person').map((n) => normaliseName(n.name))) : undefined);
    // Enough once the shortest paths are in and no shorter one can appear.
    if (met() <= sides[0].depth + sides[1].depth && countPaths(sides, maxDepth, limit) >= limit) break;
  }
  return { ok: true, paths: readPaths(sides, maxDepth, limit), capped };
}

function companyNode(c: GraphCompany): PathNode {
  return { id: c.keyNo, type: 'company', name: c.name, keyNo: c.keyNo };
}

class Side {
  readonly dist = new Map<string, number>();
  readonly parents = new Map<string, Link[]>();
  readonly nodes = new Map<string, PathNode>();
  frontier: PathNode[];
  depth = 0;

  constructor(readonly start: PathNode) {
    this.dist.set(start.id, 0);
    this.nodes.set(start.id, start);
    this.frontier = [start];
  }

  async expand(search: Search, wanted?: ReadonlySet<string>): Promise<void> {
    const links = await search.neighbours(this.frontier, wanted);
    const next: PathNode[] = [];
    const d = this.depth + 1;
    for (const u of this.frontier) {
      for (const { node: v, edge } of links.get(u.id) ?? []) {
        const seen = this.dist.get(v.id);
        if (seen === undefined) {
          this.dist.set(v.id, d);
          this.nodes.set(v.id, v);
          this.parents.set(v.id, [{ node: u, edge }]);
          next.push(v);
        } else if (seen === d) this.parents.get(v.id)!.push({ node: u, edge });
      }
    }
    this.frontier = next;
    this.depth = d;
  }

  /** Paths from the start to `id` along predecessors: nodes start…id, edges between. */
  halfPaths(id: string): Array<{ nodes: PathNode[]; edges: PathEdge[] }> {
    const out: Array<{ nodes: PathNode[]; edges: PathEdge[] }> = [];
    const walk = (at: string, nodes: PathNode[], edges: PathEdge[]): void => {
      if (out.length >= MAX_HALF_PATHS) return;
      if (at === this.start.id) {
        out.push({ nodes: [...nodes].reverse(), edges: [...edges].reverse() });
        return;
      }
      for (const p of this.parents.get(at) ?? []) walk(p.node.id, [...nodes, p.node], [...edges, p.edge]);
    };
    walk(id, [this.nodes.get(id)!], []);
    return out;
  }
}

function candidates(sides: readonly [Side, Side], maxDepth: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [id, d] of sides[0].dist) {
    const e = sides[1].dist.get(id);
    if (e !== undefined && d + e <= maxDepth) out.push([id, d + e]);
  }
  return out.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
}

function countPaths(sides: readonly [Side, Side], maxDepth: number, limit: number): number {
  return readPaths(sides, maxDepth, limit).length;
}

function readPaths(sides: readonly [Side, Side], maxDepth: number, limit: number): RelationPath[] {
  const seen = new Set<string>();
  const out: RelationPath[] = [];
  for (const [id] of candidates(sides, maxDepth)) {
    for (const a of sides[0].halfPaths(id)) {
      for (const b of sides[1].halfPaths(id)) {
        const nodes = [...a.nodes, ...[...b.nodes].reverse().slice(1)];
        if (new Set(nodes.map((n) => n.id)).size !== nodes.length) continue;
        const edges = [...a.edges, ...[...b.edges].reverse()];
        const key = nodes.map((n) => n.id).join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ length: edges.length, nodes, edges });
      }
    }
  }
  return out.sort((x, y) => x.length - y.length).slice(0, limit);
}

/** Neighbours of a frontier, a level at a time, with persons and companies resolved. */
class Search {
  private readonly persons: PersonResolver;
  private readonly companies = new Map<string, GraphCompany>();
  private readonly people = new Map<string, Person>();

  constructor(private readonly port: GraphReadPort) {
    this.persons = new PersonResolver(port);
  }

  know(c: GraphCompany): void {
    this.companies.set(c.keyNo, c);
  }

  /** `wanted`: on the last level, the normalised person names the other side has reached (see below). */
  async neighbours(frontier: readonly PathNode[], wanted?: ReadonlySet<string>): Promise<Map<string, Link[]>> {
    const out = new Map<string, Map<string, Link>>();
    const companyNodes = frontier.filter((n) => n.type !== 'person');
    const byRef = new Map<string, PathNode>();
    for (const n of companyNodes) for (const r of refsOfParty(n, this.companies)) byRef.set(r, n);
    const refs = [...byRef.keys()];
    // Person nodes: their mentions at their own companies (what those companies' documents state,
    // not every mention of the name).
    const personNodes = frontier.filter((n) => n.type === 'person');
    for (const p of personNodes) {
      if (this.people.has(p.id)) continue;
      const person = await this.persons.byId(p.name, p.id);
      if (person) this.people.set(p.id, person);
    }
    const personCompanies = [...new Set(personNodes.flatMap((p) => this.people.get(p.id)?.companies ?? []))];
    // The level's edges with the company rows of their far ends, in one round trip.
    const [intoRead, outOfRead, mentionsRead] = await Promise.all([
      edgesWithCompaniesVia(this.port, 'to', refs, ALL_KINDS),
      edgesWithCompaniesVia(this.port, 'from', refs, ALL_KINDS),
      edgesWithCompaniesVia(this.port, 'statedBy', personCompanies, [EDGE_KIND.shareholder, EDGE_KIND.executive, EDGE_KIND.legalRep]),
    ]);
    const [into, outOf, mentions] = [intoRead.edges, outOfRead.edges, mentionsRead.edges];
    const companyRows = new Map([...intoRead.companies, ...outOfRead.companies, ...mentionsRead.companies]);
    // Who each person met here is (identity.ts). On the search's last
    // level a person can only matter by meeting the other side, so one whose name the other side
    // has not reached keeps a provisional id and costs no identity read.
    const unresolved = (e: EdgeRow): Person => ({ id: `${UNRESOLVED}${normaliseName(e.aName)}\u0000${e.src}`, name: e.aName, companies: [e.src] });
    const personIn = into.filter((e) => e.aType === 'person');
    const toIdentify = wanted ? personIn.filter((e) => wanted.has(normaliseName(e.aName))) : personIn;
    // The level's persons identified together (identity.ts batches their reads).
    const identified = await this.persons.atMany(toIdentify.map((e) => ({ name: e.aName, keyNo: e.src })));
    const identityOf = new Map(toIdentify.map((e, i) => [e, identified[i]!]));
    const personEdges = personIn.map((e) => [e, identityOf.get(e) ?? unresolved(e)] as const);
    const resolved = new Map<string, string>();
    for (const [ref, c] of companyRows) {
      resolved.set(ref, c.keyNo);
      if (!this.companies.has(c.keyNo)) this.companies.set(c.keyNo, c);
    }
    const nodeOfRef = (ref: string, name: string, type: string): PathNode => {
      const k = resolved.get(ref);
      const c = k === undefined ? undefined : this.companies.get(k);
      return c ? companyNode(c) : { id: ref, type: type === 'other' ? 'other' : 'company', name };
    };
    const personOf = new Map(personEdges);
    for (const [, p] of personEdges) if (!p.id.startsWith(UNRESOLVED)) this.people.set(p.id, p);

    const link = (self: PathNode, other: PathNode, e: EdgeRow, forward: boolean): void => {
      if (other.id === self.id) return;
      let m = out.get(self.id);
      if (!m) out.set(self.id, (m = new Map()));
      const type = EDGE_KIND_NAMES[e.kind]!;
      const edge: PathEdge = { from: forward ? self.id : other.id, to: forward ? other.id : self.id, type, label: labelOf(e), ratio: e.kind === EDGE_KIND.shareholder || e.kind === EDGE_KIND.investment ? e.ratio : null };
      const had = m.get(other.id);
      if (!had) m.set(other.id, { node: other, edge });
      else {
        const [keep, add] = PRIORITY[had.edge.type] <= PRIORITY[type] ? [had.edge, edge] : [edge, had.edge];
        const label = keep.label.includes(add.label) || (keep.type === 'shareholder' && add.type === 'investment') || (keep.type === 'investment' && add.type === 'shareholder') ? keep.label : `${keep.label}；${add.label}`;
        m.set(other.id, { node: other, edge: { ...keep, label } });
      }
    };
    for (const e of into) {
      const self = byRef.get(e.bRef);
      if (!self) continue;
      const p = personOf.get(e);
      const other: PathNode = p ? { id: p.id, type: 'person', name: p.name } : nodeOfRef(e.aRef, e.aName, e.aType);
      link(self, other, e, false);
    }
    for (const e of outOf) {
      const self = byRef.get(e.aRef);
      if (!self) continue;
      link(self, nodeOfRef(e.bRef, e.bName, 'company'), e, true);
    }
    for (const p of personNodes) {
      const person = this.people.get(p.id);
      if (!person) continue;
      for (const e of mentions) {
        if (e.aRef !== personRef(p.name) || !person.companies.includes(e.src)) continue;
        link(p, nodeOfRef(e.bRef, e.bName, 'company'), e, true);
      }
    }
    return new Map([...out].map(([k, m]) => [k, [...m.values()].sort((a, b) => (a.node.id < b.node.id ? -1 : 1))]));
  }
}
