/**
 * Keeping person identity with the graph (identity-store.ts has the SQL of the tables): the whole
 * store's groups built in one pass (after a load into an empty store, for a store older than
 * migration 0116, after an import that dirtied too many names to regroup one by one), and the
 * dirty names regrouped (after an import, and by `serve` in the background after pushes).
 *
 * Both apply identity.ts's rule (`clusterMentions`) to exactly what `PersonResolver` reads:
 * a name's first MAX_MENTIONS companies by KeyNo, each company's co-names and the far ends of the
 * company edges its own document states, resolved as the graph resolves them.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { sqliteHandleOf } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import { EDGE_KIND, keyRef } from './edges.js';
import { graphStore } from './graph-store.js';
import { clusterMentions, MAX_MENTIONS, PersonResolver } from './identity.js';
import { clearMarks, IDENTITY_MARKER, identityBuilt, replaceGroups } from './identity-store.js';

export interface GroupRow {
  ref: string;
  key_no: string;
  group_key: string;
}

/**
 * The in-memory pass (pure apart from the rows fed to it): every relation row once, interned to
 * numbers (at 1,000,000 companies: ~6.6 M rows, ~860,000 names), then each name's companies
 * clustered. Only groups of two or more companies become rows; a mention without a row is alone.
 */
export class IdentityBuild {
  private readonly companyIds = new Map<string, number>();
  private readonly keyNos: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per name: its companies (ids, with repeats). */
  private readonly mentions: number[][] = [];
  /** Per company: the names its document mentions (ids, with repeats). */
  private readonly coNames: number[][] = [];
  /** Per company: the far ends of the company edges its document states (references). */
  private readonly farEnds: string[][] = [];
  private readonly refs = new Set<string>();

  get nameCount(): number {
    return this.names.length;
  }

  private company(keyNo: string): number {
    let id = this.companyIds.get(keyNo);
    if (id === undefined) {
      id = this.keyNos.length;
      this.companyIds.set(keyNo, id);
      this.keyNos.push(keyNo);
      this.coNames.push([]);
      this.farEnds.push([]);
    }
    return id;
  }

  /** One row of `company_relations`. */
  add(src: string, kind: number, aRef: string, aType: string, bRef: string): void {
    const c = this.company(src);
    if (aType === 'person') {
      let n = this.nameIds.get(aRef);
      if (n === undefined) {
        n = this.names.length;
        this.nameIds.set(aRef, n);
        this.names.push(aRef);
        this.mentions.push([]);
      }
      this.mentions[n]!.push(c);
      this.coNames[c]!.push(n);
    } else if (kind !== EDGE_KIND.executive && kind !== EDGE_KIND.legalRep) {
      // identity.ts `neighbourRef`: the end that is not the document's own company.
      const far = aRef === keyRef(src) ? bRef : aRef;
      this.farEnds[c]!.push(far);
      this.refs.add(far);
    }
  }

  /** The references to resolve before `groups` (company ends named by documents). */
  references(): string[] {
    return [...this.refs];
  }

  /** Every group of two or more companies, as rows; `resolved` maps references to stored KeyNos. */
  *groups(resolved: ReadonlyMap<string, string>): Generator<GroupRow> {
    for (let n = 0; n < this.names.length; n++) {
      const ids = [...new Set(this.mentions[n]!)];
      if (ids.length < 2) continue;
      const companies = ids.map((c) => this.keyNos[c]!).sort().slice(0, MAX_MENTIONS);
      const coNames = new Map<string, Set<string>>();
      const neighbours = new Map<string, Set<string>>();
      for (const keyNo of companies) {
        const c = this.companyIds.get(keyNo)!;
        const co = new Set<string>();
        for (const other of this.coNames[c]!) if (other !== n) co.add(String(other));
        coNames.set(keyNo, co);
        neighbours.set(keyNo, new Set(this.farEnds[c]!.map((r) => resolved.get(r) ?? r)));
      }
      for (const g of clusterMentions(companies, { coNames, neighbours })) {
        if (g.length < 2) continue;
        for (const keyNo of g) yield { ref: this.names[n]!, key_no: keyNo, group_key: g[0]! };
      }
    }
  }
}

export interface IdentityBuildResult {
  /** Rows written (mentions in groups of two or more companies). */
  rows: number;
  /** Names mentioned at all. */
  names: number;
  ms: number;
}

/** Builds the kept identity when the marker is missing (a store older than 0116, or after a load); returns undefined when nothing was to do. */
export async function ensurePersonIdentity(db: Kysely<Schema>): Promise<IdentityBuildResult | undefined> {
  if (await identityBuilt(db)) return undefined;
  return rebuildPersonIdentity(db);
}

/**
 * The whole store's groups from one consistent read, written in one transaction with the marker.
 * Dirty marks read before the pass are cleared if no write bumped them since; a write committed
 * during the pass is not in the read but marked its names, and its marks stay.
 */
export async function rebuildPersonIdentity(db: Kysely<Schema>): Promise<IdentityBuildResult> {
  const started = performance.now();
  const sqlite = sqliteHandleOf(db);
  const result = sqlite ? await db.connection().execute(async () => rebuildOnSqlite(sqlite)) : await rebuildOnKysely(db);
  return { ...result, ms: performance.now() - started };
}

function rebuildOnSqlite(sqlite: SqliteDatabase.Database): { rows: number; names: number } {
  const build = new IdentityBuild();
  let marks: Array<{ ref: string; version: number }>;
  const resolved = new Map<string, string>();
  // One read transaction: the marks, the edges and the resolution see the same snapshot.
  sqlite.prepare('begin').run();
  try {
    marks = sqlite.prepare('select ref, version from person_identity_dirty').all() as Array<{ ref: string; version: number }>;
    const rows = sqlite.prepare('select src, kind, a_ref, a_type, b_ref from company_relations').raw().iterate() as IterableIterator<[string, number, string, string, string]>;
    for (const [src, kind, aRef, aType, bRef] of rows) build.add(src, kind, aRef, aType, bRef);
    const byKey = sqlite.prepare<[string], string>('select key_no from companies where key_no = ?').pluck();
    const byUscc = sqlite.prepare<[string], string>('select key_no from companies where uscc = ?').pluck();
    const byName = sqlite.prepare<[string], string>('select key_no from company_names where name_norm = ? and is_current = 1 limit 2').pluck();
    for (const ref of build.references()) {
      const v = ref.slice(2);
      if (ref.startsWith('k:')) {
        const k = byKey.get(v);
        if (k !== undefined) resolved.set(ref, k);
      } else if (ref.startsWith('u:')) {
        const k = byUscc.get(v);
        if (k !== undefined) resolved.set(ref, k);
      } else if (ref.startsWith('n:')) {
        // Two companies under one current name: unresolved, as graph-store.ts `resolveCompanies`.
        const ks = [...new Set(byName.all(v))];
        if (ks.length === 1) resolved.set(ref, ks[0]!);
      }
    }
  } finally {
    sqlite.prepare('commit').run();
  }
  let written = 0;
  const insert = sqlite.prepare('insert into person_groups (ref, key_no, group_key) values (?, ?, ?)');
  const clear = sqlite.prepare('delete from person_identity_dirty where ref = ? and version = ?');
  sqlite.transaction(() => {
    sqlite.prepare('delete from person_groups').run();
    for (const r of build.groups(resolved)) {
      insert.run(r.ref, r.key_no, r.group_key);
      written++;
    }
    for (const m of marks) clear.run(m.ref, m.version);
    sqlite.prepare('delete from system_settings where name = ?').run(IDENTITY_MARKER);
    sqlite.prepare("insert into system_settings (name, value) values (?, 'built')").run(IDENTITY_MARKER);
  })();
  return { rows: written, names: build.nameCount };
}

async function rebuildOnKysely(db: Kysely<Schema>): Promise<{ rows: number; names: number }> {
  const build = new IdentityBuild();
  const { marks, resolved } = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const marks = (await trx.selectFrom('person_identity_dirty').select(['ref', 'version']).execute()).map((m) => ({ ref: m.ref, version: Number(m.version) }));
    // Pages of companies by KeyNo, then their edges by `src` range (the `src` index).
    let after = '';
    for (;;) {
      const page = await trx.selectFrom('companies').select('key_no').where('key_no', '>', after).orderBy('key_no').limit(5000).execute();
      if (page.length === 0) break;
      const last = page[page.length - 1]!.key_no;
      const rows = await sql<{ src: string; kind: number; a_ref: string; a_type: string; b_ref: string }>`
        select src, kind, a_ref, a_type, b_ref from company_relations where src > ${after} and src <= ${last}`.execute(trx);
      for (const r of rows.rows) build.add(r.src, Number(r.kind), r.a_ref, r.a_type, r.b_ref);
      after = last;
    }
    const resolved = await graphStore(trx).resolve(build.references());
    return { marks, resolved };
  });
  let written = 0;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('person_groups').execute();
    let batch: GroupRow[] = [];
    for (const r of build.groups(resolved)) {
      batch.push(r);
      if (batch.length === 1000) {
        await trx.insertInto('person_groups').values(batch).execute();
        written += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await trx.insertInto('person_groups').values(batch).execute();
    written += batch.length;
    await clearMarks(trx, marks);
    await trx.deleteFrom('system_settings').where('name', '=', IDENTITY_MARKER).execute();
    await trx.insertInto('system_settings').values({ name: IDENTITY_MARKER, value: 'built' }).execute();
  });
  return { rows: written, names: build.nameCount };
}

/** Dirty names regrouped per pass of `regroupDirtyNames`. */
export const REGROUP_BATCH = 500;

/**
 * Regroups up to `limit` dirty names (each from every mention of it, as `PersonResolver.peopleNamed`
 * reads them) and clears their marks where no write bumped them meanwhile. Returns the number of
 * names regrouped; 0 when none was dirty (or the identity is not built: a rebuild comes first).
 */
export async function regroupDirtyNames(db: Kysely<Schema>, limit = REGROUP_BATCH): Promise<number> {
  // The marks first, then the edges: a write after this read bumps its mark, which then stays.
  const marks = (await db.selectFrom('person_identity_dirty').select(['ref', 'version']).orderBy('ref').limit(limit).execute())
    .map((m) => ({ ref: m.ref, version: Number(m.version) }));
  if (marks.length === 0) return 0;
  if (!(await identityBuilt(db))) return 0;
  const refs = marks.map((m) => m.ref);
  const people = await new PersonResolver(graphStore(db)).groupsFromEdges(refs);
  const rows: GroupRow[] = [];
  for (const ref of refs) {
    for (const p of people.get(ref) ?? []) {
      if (p.companies.length < 2) continue;
      for (const keyNo of p.companies) rows.push({ ref, key_no: keyNo, group_key: p.companies[0]! });
    }
  }
  await db.transaction().execute(async (trx) => {
    await replaceGroups(trx, refs, rows);
    await clearMarks(trx, marks);
  });
  return marks.length;
}

/** Dirty names left (a few: regroup them; many: a rebuild is cheaper). */
export async function dirtyNameCount(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('person_identity_dirty').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Above this many dirty names, `settlePersonIdentity` rebuilds rather than regroups. */
export const REBUILD_ABOVE_DIRTY = 20_000;

/** After an import: build when not built, rebuild when many names are dirty, else regroup them. */
export async function settlePersonIdentity(db: Kysely<Schema>): Promise<void> {
  if (!(await identityBuilt(db)) || (await dirtyNameCount(db)) > REBUILD_ABOVE_DIRTY) {
    await rebuildPersonIdentity(db);
    return;
  }
  // Bounded: marks a concurrent writer keeps bumping are left to `serve`'s background regroup.
  for (let passes = Math.ceil((await dirtyNameCount(db)) / REGROUP_BATCH) + 1; passes > 0; passes--) {
    if ((await regroupDirtyNames(db)) === 0) break;
  }
}
