/**
 * Person identity kept with the graph (migration 0116; docs/relations.md "Who is one person"):
 * the SQL that reads and writes `person_groups` and `person_identity_dirty`, the same on SQLite and
 * PostgreSQL. Which mentions form one person is decided by identity.ts's rule (`clusterMentions`);
 * this file only keeps what it decided, and what a write may have made stale.
 *
 * A kept group is trusted only while the marker says `built` and its name carries no dirty mark:
 * every writer marks, in the write's own transaction, the names whose groups the write may change
 * (`dirtiedBy`), or the whole store (`markWholeStore`), so a reader never trusts a group the edges
 * no longer support.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { EDGE_KIND, type RelationEdge } from './edges.js';

/** `system_settings` row: `built` when `person_groups` holds every mention's group (but dirty names). */
export const IDENTITY_MARKER = 'relations.identity';

/**
 * The whole-store mark: a `person_identity_dirty` row that stands for every name (no person
 * reference has this form; they all start `p:`). A large import sets it instead of marking names
 * one by one (`markWholeStore`): its settle rebuilds the whole identity anyway, and finding the
 * names (`namesNaming`) and marking them cost more than the rows it writes. Setting it also takes
 * the marker off `built` in the same transaction, so every reader that checks the marker (all do)
 * stops trusting kept groups; the mark is versioned like a name's, and a rebuild sets the marker
 * `built` again only when it could clear the mark at the version it read (`finishRebuild`), so a
 * batch that set it again after the rebuild's read keeps the marker off.
 */
export const WHOLE_STORE_MARK = '*';

/** Keys per IN list: far under every bound-parameter limit. */
const IN_CHUNK = 500;

function* chunked<T>(values: readonly T[], size = IN_CHUNK): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}

export interface KeptGroups {
  /** Whether `person_groups` may be used at all (the marker says `built`). */
  built: boolean;
  /** Names (`p:` references) marked dirty: their kept groups are not to be trusted. */
  dirty: ReadonlySet<string>;
}

export interface KeptGroupsAt extends KeptGroups {
  /** For each asked mention (`ref\0keyNo`) with a kept group of two or more companies: the group's KeyNos, sorted. */
  groups: ReadonlyMap<string, string[]>;
}

export interface KeptGroupsOf extends KeptGroups {
  /** For each asked name: its kept groups of two or more companies (KeyNos sorted). */
  groups: ReadonlyMap<string, string[][]>;
}

/** The read side, behind a small port so identity.ts stays free of SQL (and tests can leave it out). */
export interface KeptIdentityPort {
  /** The groups of these mentions, the names' dirty marks and the marker, in one statement per 500 names. */
  groupsAt(mentions: ReadonlyArray<{ ref: string; keyNo: string }>): Promise<KeptGroupsAt>;
  /** Every kept group of these names, with their marks and the marker. */
  groupsOf(refs: readonly string[]): Promise<KeptGroupsOf>;
}

export const mentionKey = (ref: string, keyNo: string): string => `${ref}\u0000${keyNo}`;

/** The two rows every kept-group read carries besides the groups: a name's mark (t = 1), the marker (t = 2). */
const MARKS_AND_MARKER = (refs: readonly string[]) => sql`
  union all select 1, d.ref, cast(null as text), cast(null as text) from person_identity_dirty d where d.ref in (${sql.join(refs)})
  union all select 2, s.value, cast(null as text), cast(null as text) from system_settings s where s.name = ${IDENTITY_MARKER}`;

/** Sorts a kept-group read's rows: marks and marker into `into`, group rows (t = 0) to `group`. */
function readRows<R extends { t: number; ref: string }>(rows: readonly R[], into: { built: boolean; dirty: Set<string> }, group: (row: R) => void): void {
  for (const row of rows) {
    const t = Number(row.t);
    if (t === 2) into.built = row.ref === 'built';
    else if (t === 1) into.dirty.add(row.ref);
    else group(row);
  }
}

export function keptIdentity(db: Kysely<Schema>): KeptIdentityPort {
  return {
    async groupsAt(mentions) {
      const wanted = new Set(mentions.map((m) => mentionKey(m.ref, m.keyNo)));
      const refs = [...new Set(mentions.map((m) => m.ref))];
      const keyNos = [...new Set(mentions.map((m) => m.keyNo))];
      const groups = new Map<string, string[]>();
      const read = { built: false, dirty: new Set<string>() };
      for (const r of chunked(refs)) {
        for (const k of chunked(keyNos)) {
          // The members of every group that holds one of the asked mentions, the names' marks, and
          // the marker: one round trip (the cross product of names and KeyNos is filtered below).
          const rows = await sql<{ t: number; ref: string; at: string | null; key_no: string | null }>`
            select 0 as t, g2.ref as ref, g1.key_no as at, g2.key_no as key_no
              from person_groups g1 join person_groups g2 on g2.ref = g1.ref and g2.group_key = g1.group_key
              where g1.ref in (${sql.join(r)}) and g1.key_no in (${sql.join(k)})
            ${MARKS_AND_MARKER(r)}`.execute(db);
          readRows(rows.rows, read, (row) => {
            const key = mentionKey(row.ref, row.at!);
            if (!wanted.has(key)) return;
            let g = groups.get(key);
            if (!g) groups.set(key, (g = []));
            g.push(row.key_no!);
          });
        }
      }
      for (const g of groups.values()) g.sort();
      return { ...read, groups };
    },
    async groupsOf(refs) {
      const byGroup = new Map<string, Map<string, string[]>>();
      const read = { built: false, dirty: new Set<string>() };
      for (const r of chunked([...new Set(refs)])) {
        const rows = await sql<{ t: number; ref: string; group_key: string | null; key_no: string | null }>`
          select 0 as t, g.ref as ref, g.group_key as group_key, g.key_no as key_no from person_groups g where g.ref in (${sql.join(r)})
          ${MARKS_AND_MARKER(r)}`.execute(db);
        readRows(rows.rows, read, (row) => {
          let name = byGroup.get(row.ref);
          if (!name) byGroup.set(row.ref, (name = new Map()));
          let g = name.get(row.group_key!);
          if (!g) name.set(row.group_key!, (g = []));
          g.push(row.key_no!);
        });
      }
      const groups = new Map([...byGroup].map(([ref, m]) => [ref, [...m.values()].map((g) => g.sort())]));
      return { ...read, groups };
    },
  };
}

/** A company's identity as other documents name it (its current normalised name and credit code). */
export interface CompanyIdentity {
  nameNorm: string;
  uscc: string | null;
}

/**
 * What a batch of company writes may change in person identity (pure). A name's groups depend only
 * on the name's mentions and, at each of its companies, on what that company's own document states
 * (co-names, company edges) with those edges' ends resolved to stored companies. So a write dirties
 * - every name mentioned at the company before or after (`changes`: one entry per company whose
 *   edges the write replaced, with the names its old edges mentioned and its new edges);
 * - when a company appears or its current name or credit code changes, the references `n:`/`u:`
 *   other documents may use for it (`refs`): the names at the companies whose documents state an
 *   edge to one of them are dirty too (their edge now resolves differently), found by `namesNaming`.
 * `before` holds the replaced companies' identities (absent for a new company); `after` the written.
 */
export function dirtiedBy(
  changes: ReadonlyArray<{ oldPersons?: readonly string[]; newEdges?: readonly RelationEdge[] | undefined }>,
  before: ReadonlyMap<string, CompanyIdentity>,
  after: ReadonlyMap<string, CompanyIdentity>,
): { names: string[]; refs: string[] } {
  const names = new Set<string>();
  for (const c of changes) {
    for (const n of c.oldPersons ?? []) names.add(n);
    for (const e of c.newEdges ?? []) if (e.aType === 'person') names.add(e.aRef);
  }
  const refs = new Set<string>();
  for (const keyNo of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(keyNo);
    const a = after.get(keyNo);
    if (b && a && b.nameNorm === a.nameNorm && b.uscc === a.uscc) continue;
    for (const id of [b, a]) {
      if (!id) continue;
      refs.add(`n:${id.nameNorm}`);
      if (id.uscc) refs.add(`u:${id.uscc}`);
    }
  }
  return { names: [...names].sort(), refs: [...refs].sort() };
}

/**
 * The names mentioned at companies whose documents state a company edge to one of `refs` (the
 * edge's far end, as identity.ts reads neighbours: a holder for 持股, an investee for 对外投资,
 * either end for 分支机构).
 */
export const NAMES_NAMING_REF =
  `select p.a_ref as ref from company_relations x join company_relations p on p.src = x.src and p.a_type = 'person'
     where x.a_ref = ? and x.kind in (${EDGE_KIND.shareholder}, ${EDGE_KIND.branch}) and x.a_type <> 'person'
   union
   select p.a_ref from company_relations x join company_relations p on p.src = x.src and p.a_type = 'person'
     where x.b_ref = ? and x.kind in (${EDGE_KIND.investment}, ${EDGE_KIND.branch})`;

export async function namesNaming(trx: Kysely<Schema>, refs: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const r of chunked(refs)) {
    const rows = await sql<{ ref: string }>`
      select p.a_ref as ref from company_relations x join company_relations p on p.src = x.src and p.a_type = 'person'
        where x.a_ref in (${sql.join(r)}) and x.kind in (${EDGE_KIND.shareholder}, ${EDGE_KIND.branch}) and x.a_type <> 'person'
      union
      select p.a_ref from company_relations x join company_relations p on p.src = x.src and p.a_type = 'person'
        where x.b_ref in (${sql.join(r)}) and x.kind in (${EDGE_KIND.investment}, ${EDGE_KIND.branch})`.execute(trx);
    for (const row of rows.rows) out.add(row.ref);
  }
  return [...out];
}

/** The person names the stored documents of `keyNos` mention (before a write replaces their edges). */
export async function personsStatedBy(trx: Kysely<Schema>, keyNos: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const k of chunked([...new Set(keyNos)])) {
    const rows = await trx.selectFrom('company_relations').select(['src', 'a_ref']).where('src', 'in', k).where('a_type', '=', 'person').execute();
    for (const r of rows) {
      let list = out.get(r.src);
      if (!list) out.set(r.src, (list = []));
      list.push(r.a_ref);
    }
  }
  return out;
}

export const MARK_DIRTY = 'insert into person_identity_dirty (ref, version) values (?, 1) on conflict (ref) do update set version = person_identity_dirty.version + 1';

/**
 * Marks names dirty in the caller's transaction, in sorted order (two writers marking the same
 * names lock their rows in the same order, so they wait for each other rather than deadlock).
 */
export async function markDirty(trx: Transaction<Schema> | Kysely<Schema>, refs: readonly string[]): Promise<void> {
  const sorted = [...new Set(refs)].sort();
  for (const chunk of chunked(sorted, 1000)) {
    await trx.insertInto('person_identity_dirty').values(chunk.map((ref) => ({ ref, version: 1 })))
      .onConflict((oc) => oc.column('ref').doUpdateSet({ version: sql`person_identity_dirty.version + 1` }))
      .execute();
  }
}

/**
 * Sets (or bumps) the whole-store mark and takes the marker off `built`, in the caller's
 * transaction: from its commit until a rebuild that read the store after it, no kept group is
 * trusted (readers derive every person from the edges), and the next settle, import or `serve`
 * rebuilds. The mark's row is locked before the marker's, as `finishRebuild` locks them.
 */
export async function markWholeStore(trx: Transaction<Schema> | Kysely<Schema>): Promise<void> {
  await trx.insertInto('person_identity_dirty').values({ ref: WHOLE_STORE_MARK, version: 1 })
    .onConflict((oc) => oc.column('ref').doUpdateSet({ version: sql`person_identity_dirty.version + 1` }))
    .execute();
  await trx.deleteFrom('system_settings').where('name', '=', IDENTITY_MARKER).execute();
}

/**
 * The end of a whole rebuild, in the transaction that wrote its groups: clears the marks it read
 * (at their versions), then sets the marker `built` unless the whole-store mark is still set (a
 * batch set it again after the rebuild's read: its writes are not in the groups).
 */
export async function finishRebuild(trx: Transaction<Schema>, marks: ReadonlyArray<{ ref: string; version: number }>): Promise<boolean> {
  await clearMarks(trx, marks);
  await trx.deleteFrom('system_settings').where('name', '=', IDENTITY_MARKER).execute();
  const whole = await trx.selectFrom('person_identity_dirty').select('ref').where('ref', '=', WHOLE_STORE_MARK).executeTakeFirst();
  if (whole) return false;
  await trx.insertInto('system_settings').values({ name: IDENTITY_MARKER, value: 'built' }).execute();
  return true;
}

/** Says the kept identity is incomplete (a load that wrote edges without marking): the next `ensurePersonIdentity` rebuilds it. */
export async function markIdentityStale(db: Kysely<Schema>): Promise<void> {
  await db.deleteFrom('system_settings').where('name', '=', IDENTITY_MARKER).execute();
}

export async function identityBuilt(db: Kysely<Schema>): Promise<boolean> {
  const row = await db.selectFrom('system_settings').select('value').where('name', '=', IDENTITY_MARKER).executeTakeFirst();
  return row?.value === 'built';
}

/** Replaces the kept groups of `refs` with `rows` (groups of two or more companies only). */
export async function replaceGroups(trx: Transaction<Schema>, refs: readonly string[], rows: ReadonlyArray<{ ref: string; key_no: string; group_key: string }>): Promise<void> {
  for (const chunk of chunked([...new Set(refs)])) await trx.deleteFrom('person_groups').where('ref', 'in', chunk).execute();
  for (const chunk of chunked(rows, 1000)) await trx.insertInto('person_groups').values([...chunk]).execute();
}

/** Clears the marks that are still at the versions a regroup read (a write since then keeps its mark). */
export async function clearMarks(trx: Transaction<Schema>, marks: ReadonlyArray<{ ref: string; version: number }>): Promise<void> {
  for (const chunk of chunked(marks)) {
    await sql`delete from person_identity_dirty where (ref, version) in (values ${sql.join(chunk.map((m) => sql`(${m.ref}, cast(${m.version} as integer))`))})`.execute(trx);
  }
}

/**
 * SQL for a reader that folds the trust check into its own statement (shared-counts.ts): 1 when
 * the kept groups of the name `ref` (an SQL expression, or a value to bind) may be trusted, the
 * marker saying `built` and the name carrying no mark, else 0; the same rule as `readRows`.
 */
export const keptGroupsTrusted = (ref: unknown) => sql<number>`case
  when exists (select 1 from system_settings s where s.name = ${IDENTITY_MARKER} and s.value = 'built')
   and not exists (select 1 from person_identity_dirty d where d.ref = ${ref}) then 1 else 0 end`;
