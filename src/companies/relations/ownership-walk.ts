/**
 * A company's whole upward ownership graph in ONE PostgreSQL statement: the company's row, every
 * shareholder and investment edge into it, into the companies those edges name, and so on for
 * `levels` levels, each edge with the stored company its holder resolves to, and, for the companies
 * reached that no edge holds, whether their documents supply shareholders at all.
 *
 * Why: on PostgreSQL every statement is a round trip, and an ownership chain read one level per
 * statement took up to 8 of them (a 6–7-level chain, then the person's group); with the client's
 * work per statement that was a p99 of ~10 ms at 1,000,000 companies. The recursion runs in the
 * server, where each level costs a few index probes.
 *
 * What it reads is a superset of what the level-by-level walk (ownership-loader.ts) asks: the edges
 * into every company reachable upwards by any path of at most `levels` edges (the loader reaches
 * each at its shortest distance), so the loader can answer every level from it, and falls back to
 * the port for any reference the walk did not read (`walked`).
 *
 * The plan: the holder's company row is looked up in a LATERAL subquery with `limit 1` so that the
 * planner, which expects thousands of rows from the recursion's work table, cannot hash-join the
 * whole companies table (it did: 4–6 s); the recursion's estimated cost is in the millions, which
 * is why our sessions run with JIT off (database.ts). The text is constant and sent as a named
 * prepared statement (db/prepared-statements.ts): planned once per connection, not per call (~1 ms).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { PREPARED } from '../../db/prepared-statements.js';
import { EDGE_KIND, refsOfCompany, type PartyType } from './edges.js';
import { farKeySql, type EdgeRow, type GraphCompany, type OwnershipWalk } from './graph-store.js';

const HOLDER_KINDS = `${EDGE_KIND.shareholder}, ${EDGE_KIND.investment}`;

/** The references other documents use for the company row `t` (refsOfCompany, in SQL; a null credit code gives a null element). */
const refsOf = (t: string): string => `array['k:' || ${t}.key_no collate "C", 'n:' || ${t}.name_norm collate "C", 'u:' || ${t}.uscc collate "C"]`;

/**
 * The holder edges into the references `refs` (a text[] collated "C", as `company_relations.b_ref`)
 * that the loader chooses: the company's own register (shareholder edges, which a document only
 * states into its own `k:` reference) when it has one, else the 对外投资 other documents state into
 * it. Each with its holder's stored company and the references to walk next: the company's, or an
 * unresolved company holder's own reference (the loader walks those too); persons and other
 * parties end the walk. Investments into a company whose register is stated are not followed: the
 * loader ignores them, and in the generated 1M store following them made one company's walk read
 * 1,216 edges where its ownership graph has 8 holders.
 */
const edgesInto = (refs: string): string => `
    select r.src, r.kind, r.a_ref, r.a_name, r.a_type, r.b_ref, r.b_name, r.ratio, r.amount, r.label, r.declared,
      fc.key_no as c_key_no, fc.name as c_name, fc.uscc as c_uscc, fc.name_norm as c_name_norm, fc.status_norm as c_status_norm,
      case when fc.key_no is not null then ${refsOf('fc')} when r.a_type = 'company' then array[r.a_ref] end as next
    from company_relations r
    cross join lateral (select ${farKeySql('r.a_ref', "r.a_type = 'person'", true)} as far_key) f
    left join lateral (select x.key_no, x.name, x.uscc, x.name_norm, x.status_norm from companies x where x.key_no = f.far_key limit 1) fc on true
    where r.b_ref = any(${refs}) and (r.kind = ${EDGE_KIND.shareholder} or (r.kind = ${EDGE_KIND.investment}
      and not exists (select 1 from company_relations s where s.b_ref = any(${refs}) and s.kind = ${EDGE_KIND.shareholder})))`;

const EDGE_COLUMNS = 'src, kind, a_ref, a_name, a_type, b_ref, b_name, ratio, amount, label, declared, c_key_no, c_name, c_uscc, c_name_norm, c_status_norm';
const NO_EDGE = 'null, null, null, null, null, null, null, null, null, null, null';

/**
 * Rows by `t`: 0 an edge (with the shortest `depth` it was reached at; what it leads to next is
 * worked out again by the reader, cheaper than parsing an array per row), 1 the root
 * company, 2 a reached company without holder edges and whether its document supplies
 * shareholders. $1 the root's KeyNo, $2 the levels.
 */
export const OWNERSHIP_WALK_SQL = `${PREPARED}with recursive root as materialized (
  select c.key_no, c.name, c.uscc, c.name_norm, c.status_norm from companies c where c.key_no = $1
), walk as (
  select e.*, 0 as depth from root cross join lateral (${edgesInto(refsOf('root'))}) e
  union
  select e.*, w.depth + 1 from walk w cross join lateral (${edgesInto('w.next')}) e
  where w.depth < $2 and w.next is not null
), nodes as (
  select key_no, name_norm, uscc from root
  union
  select c_key_no, c_name_norm, c_uscc from walk where depth < $2 and c_key_no is not null
)
select 0 as t, ${EDGE_COLUMNS}, min(depth) as depth, null::boolean as supplied from walk group by ${EDGE_COLUMNS}
union all
select 1, ${NO_EDGE}, key_no, name, uscc, name_norm, status_norm, null, null from root
union all
select 2, ${NO_EDGE}, n.key_no, null, null, null, null, null, jsonb_typeof(c.doc::jsonb -> 'shareholders') = 'array'
  from nodes n join companies c on c.key_no = n.key_no
  where not exists (select 1 from company_relations o where o.b_ref = any(${refsOf('n')}) and o.kind in (${HOLDER_KINDS}))`;

export interface WalkRow {
  t: number | string;
  src: string | null; kind: number | string | null; a_ref: string | null; a_name: string | null; a_type: string | null;
  b_ref: string | null; b_name: string | null; ratio: number | string | null; amount: string | null; label: string | null; declared: number | string | null;
  c_key_no: string | null; c_name: string | null; c_uscc: string | null; c_name_norm: string | null; c_status_norm: string | null;
  depth: number | string | null; supplied: boolean | null;
}

/** The walk from its rows (pure): `levels` as asked of the statement. */
export function walkFromRows(rows: readonly WalkRow[], levels: number): OwnershipWalk {
  const edges: EdgeRow[] = [];
  const companies = new Map<string, GraphCompany>();
  const walked = new Set<string>();
  const shareholdersSupplied = new Map<string, boolean>();
  let root: GraphCompany | undefined;
  const company = (r: WalkRow): GraphCompany => ({ keyNo: r.c_key_no!, name: r.c_name!, uscc: r.c_uscc, nameNorm: r.c_name_norm!, statusNorm: r.c_status_norm! });
  for (const r of rows) {
    const t = Number(r.t);
    if (t === 1) {
      root = company(r);
      for (const ref of refsOfCompany(root.keyNo, root.uscc, root.nameNorm)) walked.add(ref);
    } else if (t === 2) {
      shareholdersSupplied.set(r.c_key_no!, r.supplied === true);
    } else {
      edges.push({
        src: r.src!, kind: Number(r.kind), aRef: r.a_ref!, aName: r.a_name!, aType: r.a_type as PartyType, bRef: r.b_ref!, bName: r.b_name!,
        ratio: r.ratio === null ? null : Number(r.ratio), amount: r.amount, label: r.label, declared: Number(r.declared) === 1,
      });
      // What the statement walked next from this edge (its `next`), when read below the bound.
      const holder = r.c_key_no !== null ? company(r) : undefined;
      if (holder) companies.set(r.a_ref!, holder);
      if (Number(r.depth) < levels) {
        if (holder) for (const ref of refsOfCompany(holder.keyNo, holder.uscc, holder.nameNorm)) walked.add(ref);
        else if (r.a_type === 'company') walked.add(r.a_ref!);
      }
    }
  }
  return { root, edges, companies, walked, shareholdersSupplied };
}

export async function readOwnershipWalk(db: Kysely<Schema>, keyNo: string, levels: number): Promise<OwnershipWalk> {
  if (!Number.isSafeInteger(levels) || levels < 0) throw new RangeError(`ownership walk: levels must be a whole number ≥ 0, got ${levels}`);
  const result = await db.executeQuery(CompiledQuery.raw(OWNERSHIP_WALK_SQL, [keyNo, levels]));
  return walkFromRows(result.rows as WalkRow[], levels);
}
