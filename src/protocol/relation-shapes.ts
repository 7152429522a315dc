/**
 * Wire shapes of the relation interfaces, as pure functions of the graph's plain data:
 * `findRelation` (issue 12 item 4: Paths of Nodes and Edges) and `EquityThrough/GetEquityThrough`
 * (../shared/OPENAPI-SHAPES.md §8.1: the upstream penetration tree, up to 4 levels).
 */
import type { Party, PenetrationNode, RelationFacts } from '../companies/relations/facts.js';
import type { ResultObject, ResultValue } from './envelope.js';

/** The edge kinds of the graph, as findRelation names them on the wire. */
export type PathEdgeType = 'shareholder' | 'executive' | 'legalRep' | 'investment' | 'branch';

/** One edge of a path as the graph gives it: `from` → `to` by party id. */
export interface PathEdge {
  readonly from: string;
  readonly to: string;
  readonly type: PathEdgeType;
  /** Positions of an executive, or null. */
  readonly label?: string | null;
  /** A shareholding's fraction, or null. */
  readonly ratio?: number | null;
}

/** A path between two companies: `nodes` in order, `edges[i]` joining nodes i and i + 1 (either direction). */
export interface RelationPath {
  readonly nodes: readonly Party[];
  readonly edges: readonly PathEdge[];
}

/**
 * What the relation interfaces need of the graph (src/companies/relations), filled in by
 * src/app.ts. `ready` is false until the graph has been built over the store: the interfaces then
 * answer 203, since an unbuilt graph knows no paths and no holders.
 */
export interface RelationGraph {
  ready(): Promise<boolean>;
  /** The company's facts with a penetration tree `depth` levels deep; undefined when not in the graph. */
  facts(keyNo: string, depth: number): Promise<RelationFacts | undefined>;
  /** Paths between two stored companies of at most `maxDepth` edges, at most `limit` of them. */
  paths(from: string, to: string, options: { maxDepth: number; limit: number }): Promise<RelationPath[]>;
}

/** Most paths findRelation answers with. */
export const MAX_PATHS = 10;

const EDGE_LABELS: Readonly<Record<PathEdgeType, string>> = {
  shareholder: '股东', executive: '任职', legalRep: '法定代表人', investment: '对外投资', branch: '分支机构',
};

/**
 * A fraction as the vendor writes percentages (§4: `"56.3%"`, `"100%"`): up to four decimals,
 * trailing zeros dropped; "" when unknown.
 */
export function percentText(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '';
  return `${Number((ratio * 100).toFixed(4))}%`;
}

/** Shortest first (then the order the graph found them), at most MAX_PATHS. */
export function findRelationResult(paths: readonly RelationPath[]): ResultObject {
  const ordered = paths.map((p, i) => ({ p, i })).sort((a, b) => a.p.edges.length - b.p.edges.length || a.i - b.i).slice(0, MAX_PATHS);
  return {
    Paths: ordered.map(({ p }) => ({
      Length: p.edges.length,
      Nodes: p.nodes.map((n) => ({ Id: n.id, Type: n.type === 'person' ? 'person' : 'company', Name: n.name, KeyNo: n.keyNo ?? null })),
      Edges: p.edges.map((e) => ({
        From: e.from,
        To: e.to,
        Type: e.type,
        Label: e.label ? e.label : EDGE_LABELS[e.type],
        Ratio: e.type === 'shareholder' || e.type === 'investment' ? percentText(e.ratio) || null : null,
      })),
    })),
  };
}

/** §8.1 levels: the vendor answers at most 4. */
export const EQUITY_THROUGH_MAX_LEVEL = 4;

/**
 * `Category` is [X] in §8.1 (one client reads `0` company / `2` natural person, a proxied recording
 * shows texts): we send the numeric codes, and `1` for any other holder (government, fund…).
 */
function category(p: Party): string {
  return p.type === 'company' ? '0' : p.type === 'person' ? '2' : '1';
}

/** `存续（在营、开业、在册）` → `存续`: the registry's status before any parenthesised gloss. */
export function shortStatus(status: string | undefined): string {
  if (!status) return '';
  return status.split(/[（(]/u)[0]!.trim();
}

/**
 * The vendor's id of a party: a stored company's KeyNo, the graph's person id (`p_…`, like the
 * vendor's `p…` person keys); "" for a company outside the store.
 */
function partyKey(p: Party): string {
  return p.keyNo ?? (p.type === 'person' ? p.id : '');
}

/**
 * The §8.1 Result from the penetration tree, `level` levels deep (1–4). `statusOf` gives the
 * registration status of a stored company by KeyNo. A node's `InParentActualRadio` is its
 * effective holding in the queried company: the product of the ratios down to it ("" if one is unknown).
 */
export function equityThroughResult(root: PenetrationNode, level: number, statusOf: (keyNo: string) => string | undefined): ResultObject {
  const node = (n: PenetrationNode, grade: number, parentActual: number | null): ResultObject => {
    const actual = parentActual === null || n.ratio === null ? null : parentActual * n.ratio;
    const children = grade < level && !n.cycle ? n.children.map((c) => node(c, grade + 1, actual)) : [];
    return {
      KeyNo: partyKey(n.party),
      Name: n.party.name,
      Category: category(n.party),
      FundedRatio: percentText(n.ratio),
      InParentActualRadio: percentText(actual),
      Count: String(children.length),
      Grade: String(grade),
      ShouldCapi: n.subscribedAmount ?? '',
      StockRightNum: '',
      ShortStatus: n.party.keyNo ? shortStatus(statusOf(n.party.keyNo)) : '',
      Children: children.length > 0 ? children : null,
    };
  };
  const top: ResultValue[] = root.children.map((c) => node(c, 1, 1));
  return { KeyNo: partyKey(root.party), Name: root.party.name, Count: String(top.length), Children: top.length > 0 ? top : null };
}

/** Every stored company's KeyNo in the tree down to `level` (for one status look-up). */
export function keyNosOf(root: PenetrationNode, level: number): string[] {
  const out = new Set<string>();
  const walk = (n: PenetrationNode, grade: number): void => {
    if (n.party.keyNo && grade > 0) out.add(n.party.keyNo);
    if (grade < level && !n.cycle) for (const c of n.children) walk(c, grade + 1);
  };
  walk(root, 0);
  return [...out];
}
