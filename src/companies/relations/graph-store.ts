/**
 * The graph's read port and its SQL (same queries on SQLite and PostgreSQL): edges by either end,
 * references resolved to stored companies, and the few company facts the derivations need. The
 * derivations (holdings.ts, identity.ts, paths.ts) only see this port.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { CompanyDocument } from '../document.js';
import type { PartyType } from './edges.js';

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

export interface GraphReadPort {
  companies(keyNos: readonly string[]): Promise<Map<string, GraphCompany>>;
  risk(keyNos: readonly string[]): Promise<Map<string, CompanyRiskFacts>>;
  /** `k:`, `u:` and `n:` references to stored KeyNos (a name only when exactly one company has it as its current name). */
  resolve(refs: readonly string[]): Promise<Map<string, string>>;
  /** Edges whose `b` end is one of `refs` (who holds, runs or heads them), of the given kinds. */
  edgesTo(refs: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /** Edges whose `a` end is one of `refs` (what they hold, run or head), of the given kinds. */
  edgesFrom(refs: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /** Edges stated by the documents of `keyNos`. */
  edgesStatedBy(keyNos: readonly string[], kinds: readonly number[]): Promise<EdgeRow[]>;
  /**
   * Which documents state an edge from each of `refs` (e.g. where a name is mentioned), of the given
   * kinds: the `a_ref` and `src` pairs only, read from the index (migration 0090) without the rows.
   */
  sourcesFrom(refs: readonly string[], kinds: readonly number[]): Promise<Array<{ ref: string; src: string }>>;
}

/** Keys per IN list: far under every bound-parameter limit. */
const IN_CHUNK = 500;

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
  return {
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
    async resolve(refs) {
      const out = new Map<string, string>();
      const byKind = (p: string): string[] => unique(refs.filter((r) => r.startsWith(p)).map((r) => r.slice(2)));
      for (const chunk of chunked(byKind('k:'))) {
        if (chunk.length === 0) continue;
        for (const r of await db.selectFrom('companies').select('key_no').where('key_no', 'in', chunk).execute()) out.set(`k:${r.key_no}`, r.key_no);
      }
      for (const chunk of chunked(byKind('u:'))) {
        if (chunk.length === 0) continue;
        for (const r of await db.selectFrom('companies').select(['key_no', 'uscc']).where('uscc', 'in', chunk).execute()) out.set(`u:${r.uscc}`, r.key_no);
      }
      for (const chunk of chunked(byKind('n:'))) {
        if (chunk.length === 0) continue;
        const rows = await db.selectFrom('company_names').select(['key_no', 'name_norm']).where('name_norm', 'in', chunk).where('is_current', '=', 1).execute();
        const seen = new Map<string, string | null>();
        for (const r of rows) seen.set(r.name_norm, seen.has(r.name_norm) ? null : r.key_no);
        // Two companies under one current name: the reference stays unresolved rather than guessed.
        for (const [name, keyNo] of seen) if (keyNo !== null) out.set(`n:${name}`, keyNo);
      }
      return out;
    },
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
  };
}
