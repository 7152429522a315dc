/**
 * The graph's read port and its SQL (the same queries on SQLite and PostgreSQL, but for two
 * fragments of `edgesWithCompanies`): edges by either end, references resolved to stored companies, and the
 * few company facts the derivations need. The derivations (holdings.ts, identity.ts, paths.ts) only
 * see this port.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import type { CompanyDocument } from '../document.js';
import type { PartyType } from './edges.js';
import { readOwnershipWalk } from './ownership-walk.js';
import { keptIdentity, type KeptGroupsAt, type KeptGroupsOf } from './identity-store.js';

export interface EdgeRow {
  src: string;
  kind: number;
  aRef: string;
  aName: string;
  aType: PartyType;
  bRef: string;
  bName: string;
  ratio: number | null;
  amount: string | null;
  label: string | null;
  declared: boolean;
}

/** A stored company as the graph sees it. */
export interface GraphCompany {
  keyNo: string;
  name: string;
  uscc: string | null;
  nameNorm: string;
  statusNorm: string;
}

/** Risk facts of a stored company, read from its document. */
export interface CompanyRiskFacts {
  status: string;
  /** Current entries; null when the category was not supplied. */
  dishonest: number | null;
  enforcements: number | null;
  abnormalOperations: number | null;
  /** Whether the document supplies shareholders at all (absent: unknown, not "none"). */
  shareholdersSupplied: boolean;
}

/** Which edges `edgesWithCompanies` reads, and which of their ends it resolves to stored companies. */
export type EdgesBy =
  /** Edges whose `b` end is one of the references (as `edgesTo`); their `a` ends resolved (persons are not companies). */
  | 'to'
  /** Edges whose `a` end is one of the references (as `edgesFrom`); their `b` ends resolved. */
  | 'from'
  /** Edges stated by the documents of the KeyNos (as `edgesStatedBy`); their `b` ends resolved. */
  | 'statedBy';

/** Edges, and the stored companies their far ends resolve to. */
export interface EdgesWithCompanies {
  edges: EdgeRow[];
  /** By the far end's reference (`k:`, `u:` or `n:`); references that resolve to no one, or to two companies, are absent. */
  companies: Map<string, GraphCompany>;
}

/**
 * A company's upward ownership graph read at once (ownership-walk.ts): what `loadOwnership` would
 * ask level by level, for every company reachable within the levels asked.
 */
export interface OwnershipWalk {
  /** The company; undefined when no stored company has the KeyNo. */
  root: GraphCompany | undefined;
  /**
   * The holder edges into each walked company as the loader chooses them: its shareholder edges
   * when it has any, else the investment edges into it (as `edgesWithCompanies('to', …)` gives them).
   */
  edges: EdgeRow[];
  /** By holder reference: the stored companies the edges' holders resolve to. */
  companies: Map<string, GraphCompany>;
  /** The references whose chosen holder edges are all in `edges` (a reference outside it must be read from the port). */
  walked: Set<string>;
  /** Reached companies (the root included) without holder edges: whether their documents supply shareholders (`risk`'s `shareholdersSupplied`). */
  shareholdersSupplied: Map<string, boolean>;
}

export interface GraphReadPort {
  /**
   * The company's upward ownership graph for `levels` levels in one statement. Optional: only where
   * a statement costs a round trip (PostgreSQL); elsewhere the walk reads level by level.
   */
  ownershipWalk?(keyNo: string, levels: number): Promise<OwnershipWalk>;
  companies(keyNos: readonly string[]): Promise<Map<string, GraphCompany>>;
  risk(keyNos: readonly string[]): Promise<Map<string, CompanyRiskFacts>>;
  /** `k:`, `u:` and `n:` references to stored KeyNos (a name only when exactly one company has it as its current name). */
  resolve(refs: readonly string[]): Promise<Map<string, string>>;
  /** As `resolve`, with the companies' rows (one round trip instead of two). */
  resolveCompanies(refs: readonly string[]): Promise<Map<string, GraphCompany>>;
  /** Edges whose `b` end is one of `refs` (who holds, runs or heads them), of the given kinds. */
  edgesTo(refs: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /**
   * As `edgesTo`, `edgesFrom` or `edgesStatedBy` (`by`), with the stored companies the edges' far
   * company ends resolve to (keyed by reference, as `resolveCompanies` gives them) in the same
   * statement: a level of an ownership walk or of a path search waits for one round trip instead of
   * two. Optional: a port without it is asked for the edges, then `resolveCompanies`
   * (`edgesWithCompaniesVia` below).
   */
  edgesWithCompanies?(by: EdgesBy, values: readonly string[], kinds: readonly number[]): Promise<EdgesWithCompanies>;
  /** Edges whose `a` end is one of `refs` (what they hold, run or head), of the given kinds. */
  edgesFrom(refs: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /** Edges stated by the documents of `keyNos`. */
  edgesStatedBy(keyNos: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /**
   * Which documents state an edge from each of `refs` (e.g. where a name is mentioned), of the given
   * kinds: the `a_ref` and `src` pairs only, read from the index (migration 0090) without the rows.
   */
  sourcesFrom(refs: readonly string[], kinds: readonly number[]): Promise<Array<{ ref: string; src: string }>>;
  /** As `sourcesFrom`, only documents that also state an edge of those kinds from `alsoFrom` (intersected in SQL). */
  sourcesFromAlso(refs: readonly string[], kinds: readonly number[], alsoFrom: string): Promise<Array<{ ref: string; src: string }>>;
  /** Person groups kept with the graph (identity-store.ts `groupsAt`); absent: persons are always derived from the edges. */
  keptGroupsAt?(mentions: ReadonlyArray<{ ref: string; keyNo: string }>): Promise<KeptGroupsAt>;
  /** As `keptGroupsAt`, every kept group of whole names (identity-store.ts `groupsOf`). */
  keptGroupsOf?(refs: readonly string[]): Promise<KeptGroupsOf>;
}

/** Keys per IN list: far under every bound-parameter limit. */
const IN_CHUNK = 500;

/**
 * Keys per `edgesWithCompanies` statement, by what the keys are (see there): the planner expects
 * about 12 edges into a reference, 37 out of one and 30 stated by a document.
 */
const RESOLVING_CHUNK: Record<EdgesBy, number> = { to: 120, from: 40, statedBy: 40 };
/** Statements of one `edgesWithCompanies` call in flight at once (a hub's level must not take the whole pool). */
const RESOLVING_PARALLEL = 4;

function* chunked<T>(values: readonly T[]): Generator<T[]> {
  for (let i = 0; i < values.length; i += IN_CHUNK) yield values.slice(i, i + IN_CHUNK);
}

type RelationRow = Schema['company_relations'];

function toEdge(r: RelationRow): EdgeRow {
  return {
    src: r.src, kind: Number(r.kind), aRef: r.a_ref, aName: r.a_name, aType: r.a_type as PartyType, bRef: r.b_ref, bName: r.b_name,
    ratio: r.ratio === null ? null : Number(r.ratio), amount: r.amount, label: r.label, declared: Number(r.declared) === 1,
  };
}

function current(list: Array<{ removedOn?: string; closedOn?: string }> | undefined): number | null {
  if (!Array.isArray(list)) return null;
  return list.filter((e) => !e.removedOn && !e.closedOn).length;
}

export function graphStore(db: Kysely<Schema>): GraphReadPort {
  const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
  const edges = async (column: 'a_ref' | 'b_ref' | 'src', values: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]> => {
    const out: EdgeRow[] = [];
    for (const chunk of chunked(unique(values))) {
      if (chunk.length === 0) continue;
      const rows = await db.selectFrom('company_relations').selectAll().where(column, 'in', chunk).where('kind', 'in', [...kinds]).execute();
      for (const r of rows) out.push(toEdge(r));
    }
    return out;
  };
  /**
   * One statement per 500 references of each kind (one round trip in all for a level of a walk):
   * `k:`, `u:` and `n:` references matched to company rows, joined to the rows the graph needs.
   */
  const resolveCompanies = async (refs: readonly string[]): Promise<Map<string, GraphCompany>> => {
    const out = new Map<string, GraphCompany>();
    const byKind = (p: string): string[] => unique(refs.filter((r) => r.startsWith(p)).map((r) => r.slice(2)));
    const [keys, usccs, names] = [byKind('k:'), byKind('u:'), byKind('n:')];
    const ambiguous = new Set<string>();
    for (let i = 0; i < Math.max(keys.length, usccs.length, names.length); i += IN_CHUNK) {
      const parts = [];
      const k = keys.slice(i, i + IN_CHUNK);
      const u = usccs.slice(i, i + IN_CHUNK);
      const n = names.slice(i, i + IN_CHUNK);
      if (k.length > 0) parts.push(sql`select 'k:' || key_no as ref, key_no from companies where key_no in (${sql.join(k)})`);
      if (u.length > 0) parts.push(sql`select 'u:' || uscc as ref, key_no from companies where uscc in (${sql.join(u)})`);
      if (n.length > 0) parts.push(sql`select 'n:' || name_norm as ref, key_no from company_names where name_norm in (${sql.join(n)}) and is_current = 1`);
      const rows = await sql<{ ref: string; key_no: string; name: string; uscc: string | null; name_norm: string; status_norm: string }>`
        select r.ref, c.key_no, c.name, c.uscc, c.name_norm, c.status_norm
        from (${sql.join(parts, sql` union all `)}) r join companies c on c.key_no = r.key_no`.execute(db);
      for (const r of rows.rows) {
        // Two companies under one current name: the reference stays unresolved rather than guessed.
        if (out.has(r.ref) && out.get(r.ref)!.keyNo !== r.key_no) ambiguous.add(r.ref);
        out.set(r.ref, { keyNo: r.key_no, name: r.name, uscc: r.uscc, nameNorm: r.name_norm, statusNorm: r.status_norm });
      }
    }
    for (const r of ambiguous) out.delete(r);
    return out;
  };
  /**
   * Edges with their far company ends resolved in the same statement. Each edge's reference is
   * looked up on its own by a correlated subquery in a CASE on its prefix (`k:` the primary key,
   * `u:` the unique credit code, `n:` the current-name index), so both planners probe an index per
   * edge; a name two stored companies hold as current resolves to nobody (never guessed), as in
   * `resolveCompanies`. On PostgreSQL `a_ref` and `b_ref` are collated "C" and the companies'
   * columns are not: compared as they are, the planner cannot use the companies' indexes and scans
   * or hashes the whole table (the withdrawn first attempt, p99 5.7 s at 1,000,000), so the
   * reference is compared under the default collation. Its `offset 0` keeps the edges a subquery, so
   * the lookups run once per edge rather than once for the join and again for its cache key; the
   * outer select names the edge's columns rather than `e.*`, or SQLite, which flattens the
   * subquery, would run the lookups again for the `far_key` column.
   * `RESOLVING_CHUNK` keys per statement, up to four statements side by side: one round trip for
   * all but the largest levels, and a statement's estimated cost stays under PostgreSQL's JIT
   * threshold (a 500-reference statement was JIT-compiled: 55–75 ms before it ran).
   */
  const postgres = dialectOf(db) === 'postgres';
  const fence = postgres ? sql` offset 0` : sql``;
  const edgesWithCompanies = async (by: EdgesBy, values: readonly string[], kinds: readonly number[]): Promise<EdgesWithCompanies> => {
    const distinct = unique(values);
    const chunks: string[][] = [];
    for (let i = 0; i < distinct.length; i += RESOLVING_CHUNK[by]) chunks.push(distinct.slice(i, i + RESOLVING_CHUNK[by]));
    const key = sql.ref(by === 'to' ? 'r.b_ref' : by === 'from' ? 'r.a_ref' : 'r.src');
    const far = by === 'to' ? 'a_ref' : 'b_ref';
    const read = (chunk: readonly string[]) => sql<RelationRow & { c_key_no: string | null; c_name: string | null; c_uscc: string | null; c_name_norm: string | null; c_status_norm: string | null }>`
      select e.src, e.kind, e.a_ref, e.a_name, e.a_type, e.b_ref, e.b_name, e.ratio, e.amount, e.label, e.declared,
        c.key_no as c_key_no, c.name as c_name, c.uscc as c_uscc, c.name_norm as c_name_norm, c.status_norm as c_status_norm
      from (
        select r.*, ${sql.raw(farKeySql(`r.${far}`, by === 'to' ? "r.a_type = 'person'" : '1 = 0', postgres))} as far_key
        from company_relations r
        where ${key} in (${sql.join(chunk)}) and r.kind in (${sql.join([...kinds])})${fence}
      ) e
      left join companies c on c.key_no = e.far_key`.execute(db);
    const results = [];
    for (let i = 0; i < chunks.length; i += RESOLVING_PARALLEL) results.push(...(await Promise.all(chunks.slice(i, i + RESOLVING_PARALLEL).map(read))));
    const edgesOut: EdgeRow[] = [];
    const companiesOut = new Map<string, GraphCompany>();
    for (const r of results.flatMap((x) => x.rows)) {
      edgesOut.push(toEdge(r));
      if (r.c_key_no !== null) companiesOut.set(r[far], { keyNo: r.c_key_no, name: r.c_name!, uscc: r.c_uscc, nameNorm: r.c_name_norm!, statusNorm: r.c_status_norm! });
    }
    return { edges: edgesOut, companies: companiesOut };
  };
  const kept = keptIdentity(db);
  return {
    ...(postgres ? { ownershipWalk: (keyNo: string, levels: number) => readOwnershipWalk(db, keyNo, levels) } : {}),
    edgesWithCompanies,
    keptGroupsAt: (mentions) => kept.groupsAt(mentions),
    keptGroupsOf: (refs) => kept.groupsOf(refs),
    async companies(keyNos) {
      const out = new Map<string, GraphCompany>();
      for (const chunk of chunked(unique(keyNos))) {
        if (chunk.length === 0) continue;
        const rows = await db.selectFrom('companies').select(['key_no', 'name', 'uscc', 'name_norm', 'status_norm']).where('key_no', 'in', chunk).execute();
        for (const r of rows) out.set(r.key_no, { keyNo: r.key_no, name: r.name, uscc: r.uscc, nameNorm: r.name_norm, statusNorm: r.status_norm });
      }
      return out;
    },
    async risk(keyNos) {
      const out = new Map<string, CompanyRiskFacts>();
      for (const chunk of chunked(unique(keyNos))) {
        if (chunk.length === 0) continue;
        const rows = await db.selectFrom('companies').select(['key_no', 'doc']).where('key_no', 'in', chunk).execute();
        for (const r of rows) {
          const d = JSON.parse(r.doc) as CompanyDocument;
          out.set(r.key_no, {
            status: d.status, dishonest: current(d.dishonest), enforcements: current(d.enforcements), abnormalOperations: current(d.abnormalOperations),
            shareholdersSupplied: Array.isArray(d.shareholders),
          });
        }
      }
      return out;
    },
    resolve: async (refs) => new Map([...(await resolveCompanies(refs))].map(([ref, c]) => [ref, c.keyNo])),
    resolveCompanies,
    edgesTo: (refs, kinds) => edges('b_ref', refs, kinds),
    edgesFrom: (refs, kinds) => edges('a_ref', refs, kinds),
    edgesStatedBy: (keyNos, kinds) => edges('src', keyNos, kinds),
    async sourcesFrom(refs, kinds) {
      const out: Array<{ ref: string; src: string }> = [];
      for (const chunk of chunked(unique(refs))) {
        if (chunk.length === 0) continue;
        const rows = await db.selectFrom('company_relations').select(['a_ref', 'src']).where('a_ref', 'in', chunk).where('kind', 'in', [...kinds]).execute();
        for (const r of rows) out.push({ ref: r.a_ref, src: r.src });
      }
      return out;
    },
    async sourcesFromAlso(refs, kinds, alsoFrom) {
      const out: Array<{ ref: string; src: string }> = [];
      for (const chunk of chunked(unique(refs))) {
        if (chunk.length === 0) continue;
        const rows = await db.selectFrom('company_relations').select(['a_ref', 'src']).where('a_ref', 'in', chunk).where('kind', 'in', [...kinds])
          .where('src', 'in', (eb) => eb.selectFrom('company_relations as also').select('also.src').where('also.a_ref', '=', alsoFrom).where('also.kind', 'in', [...kinds]))
          .execute();
        for (const r of rows) out.push({ ref: r.a_ref, src: r.src });
      }
      return out;
    },
  };
}

/**
 * SQL text: the KeyNo of the stored company the reference in the column `ref` names, or null (a
 * person edge when `notCompany` holds; a name two stored companies hold as current; no such company).
 * A `k:` reference gives its KeyNo unchecked: every caller joins the companies on the result, and
 * that join is the existence check (a second probe of the same index per edge otherwise).
 * One correlated index look-up per edge, by the reference's prefix (see `edgesWithCompanies`). On
 * PostgreSQL the reference (collated "C") is compared under the companies' collation, or the planner
 * cannot use their indexes. `ref` and `notCompany` are fixed column expressions of our own SQL,
 * never values.
 */
export function farKeySql(ref: string, notCompany: string, postgres: boolean): string {
  const asCompanyColumn = postgres ? ' collate "default"' : '';
  return `case
          when ${notCompany} then null
          when substr(${ref}, 1, 2) = 'k:' then substr(${ref}, 3)${asCompanyColumn}
          when substr(${ref}, 1, 2) = 'u:' then (select u.key_no from companies u where u.uscc = substr(${ref}, 3)${asCompanyColumn})
          when substr(${ref}, 1, 2) = 'n:' then (
            select case when count(*) = 1 then min(n.key_no) end
            from (select cn.key_no from company_names cn where cn.name_norm = substr(${ref}, 3)${asCompanyColumn} and cn.is_current = 1 limit 2) n)
        end`;
}

/** Edges with their far company ends resolved: in one statement where the port can, else the edges, then `resolveCompanies`. */
export async function edgesWithCompaniesVia(port: GraphReadPort, by: EdgesBy, values: readonly string[], kinds: readonly number[]): Promise<EdgesWithCompanies> {
  if (values.length === 0) return { edges: [], companies: new Map() };
  if (port.edgesWithCompanies) return port.edgesWithCompanies(by, values, kinds);
  const edges = await (by === 'to' ? port.edgesTo(values, kinds) : by === 'from' ? port.edgesFrom(values, kinds) : port.edgesStatedBy(values, kinds));
  const far = by === 'to' ? edges.filter((e) => e.aType !== 'person').map((e) => e.aRef) : edges.map((e) => e.bRef);
  return { edges, companies: far.length > 0 ? await port.resolveCompanies(far) : new Map() };
}
