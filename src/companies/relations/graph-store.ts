/**
 * The graph's read port and its SQL (same queries on SQLite and PostgreSQL): edges by either end,
 * references resolved to stored companies, and the few company facts the derivations need. The
 * derivations (holdings.ts, identity.ts, paths.ts) only see this port.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { CompanyDocument } from '../document.js';
import type { PartyType } from './edges.js';
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

export interface GraphReadPort {
  companies(keyNos: readonly string[]): Promise<Map<string, GraphCompany>>;
  risk(keyNos: readonly string[]): Promise<Map<string, CompanyRiskFacts>>;
  /** `k:`, `u:` and `n:` references to stored KeyNos (a name only when exactly one company has it as its current name). */
  resolve(refs: readonly string[]): Promise<Map<string, string>>;
  /** As `resolve`, with the companies' rows (one round trip instead of two). */
  resolveCompanies(refs: readonly string[]): Promise<Map<string, GraphCompany>>;
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
  /** As `sourcesFrom`, only documents that also state an edge of those kinds from `alsoFrom` (intersected in SQL). */
  sourcesFromAlso(refs: readonly string[], kinds: readonly number[], alsoFrom: string): Promise<Array<{ ref: string; src: string }>>;
  /** Person groups kept with the graph (identity-store.ts `groupsAt`); absent: persons are always derived from the edges. */
  keptGroupsAt?(mentions: ReadonlyArray<{ ref: string; keyNo: string }>): Promise<KeptGroupsAt>;
  /** As `keptGroupsAt`, every kept group of whole names (identity-store.ts `groupsOf`). */
  keptGroupsOf?(refs: readonly string[]): Promise<KeptGroupsOf>;
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
  const kept = keptIdentity(db);
  return {
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
