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
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { sqliteHandleOf } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import { EDGE_KIND, keyRef, settle, type RelationEdge } from './edges.js';
import { graphStore } from './graph-store.js';
import { MAX_MENTIONS, PersonResolver } from './identity.js';
import { clearMarks, finishRebuild, IDENTITY_MARKER, identityBuilt, replaceGroups, WHOLE_STORE_MARK } from './identity-store.js';

export interface GroupRow {
  ref: string;
  key_no: string;
  group_key: string;
}

/** What a pass has read, as plain arrays: posted to a worker thread whole (identity-worker.ts). */
export interface IdentityBuildState {
  keys: string[];
  names: string[];
  ordered: number;
  mentionName: Int32Array;
  mentionKey: Int32Array;
  farFrom: Int32Array;
  farTo: Int32Array;
}

/**
 * The in-memory pass over the whole store (pure apart from the rows fed to it). At 1,000,000
 * generated companies that is ~5.5 M person mentions of ~860,000 names and ~1.1 M company edges,
 * so everything is interned to integers and kept in flat arrays, and each name is clustered with
 * an integer union-find. The rule is `clusterMentions`'s (identity.ts), applied to the same
 * inputs: a name's companies (the first MAX_MENTIONS by KeyNo), each company's co-names, and the
 * company keys it has (itself, and the far ends of the company edges its own document states,
 * resolved to stored KeyNos where they resolve). Only groups of two or more companies become rows.
 */
export class IdentityBuild {
  /** Company KeyNos and unresolved references, as one key space (a company key joins by equality). */
  private readonly ids = new Map<string, number>();
  private keys: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private names: string[] = [];
  /** Mentions, in any order: name and company key of each. */
  private mentionName: number[] = [];
  private mentionKey: number[] = [];
  private farFrom: number[] = [];
  private farTo: number[] = [];
  private lastName: string | undefined;
  private lastNameId = -1;
  private state: IdentityBuildState | undefined;

  get nameCount(): number {
    return this.names.length;
  }

  /** Whether `key` (a KeyNo) was interned, e.g. by `addCompany`. */
  has(key: string): boolean {
    return this.ids.has(key);
  }

  /** Interns a stored company (so `has` knows it), whatever it states. */
  addCompany(keyNo: string): void {
    this.id(keyNo);
  }

  /**
   * Interns the stored companies first, in KeyNo order (SQLite reads them so from the KeyNo index):
   * a name's companies then sort as numbers. Optional; any key not interned here is interned later.
   */
  addCompaniesInOrder(keyNos: Iterable<string>): void {
    for (const k of keyNos) this.id(k);
    this.ordered = this.keys.length;
  }

  /** Keys [0, ordered) are in KeyNo order. */
  private ordered = 0;

  private id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** A person mention (`p:NAME` at the company `src`), in any order (consecutive ones of a name cost least). */
  addMention(ref: string, src: string): void {
    if (ref !== this.lastName) {
      let n = this.nameIds.get(ref);
      if (n === undefined) {
        n = this.names.length;
        this.nameIds.set(ref, n);
        this.names.push(ref);
      }
      this.lastName = ref;
      this.lastNameId = n;
    }
    this.mentionName.push(this.lastNameId);
    this.mentionKey.push(this.id(src));
  }

  /** A company edge `src`'s document states, by its far end, resolved to a KeyNo when it resolves. */
  addFarEnd(src: string, far: string, resolved: string | null): void {
    this.farFrom.push(this.id(src));
    this.farTo.push(this.id(resolved ?? far));
  }

  /** What was read, as plain arrays (the build's own lists are released). */
  toState(): IdentityBuildState {
    const state: IdentityBuildState = {
      keys: this.keys, names: this.names, ordered: this.ordered,
      mentionName: Int32Array.from(this.mentionName), mentionKey: Int32Array.from(this.mentionKey),
      farFrom: Int32Array.from(this.farFrom), farTo: Int32Array.from(this.farTo),
    };
    this.mentionName = [];
    this.mentionKey = [];
    this.farFrom = [];
    this.farTo = [];
    return state;
  }

  static fromState(state: IdentityBuildState): IdentityBuild {
    const build = new IdentityBuild();
    build.keys = state.keys;
    build.names = state.names;
    build.ordered = state.ordered;
    build.state = state;
    return build;
  }

  /** Every group of two or more companies, as rows. */
  *groups(): Generator<GroupRow> {
    const s = this.state ?? this.toState();
    const keyCount = s.keys.length;
    const nameCount = s.names.length;
    // Mentions by name, then per company key the names mentioned there and the far ends it states (CSR by counting).
    const nameStart = csrStarts(nameCount, s.mentionName);
    const mentions = new Int32Array(s.mentionKey.length);
    const nameOfMention = new Int32Array(s.mentionKey.length);
    const nameFill = nameStart.slice(0, nameCount);
    for (let i = 0; i < s.mentionKey.length; i++) {
      const at = nameFill[s.mentionName[i]!]!++;
      mentions[at] = s.mentionKey[i]!;
      nameOfMention[at] = s.mentionName[i]!;
    }
    const coStart = csrStarts(keyCount, mentions);
    const coNames = new Int32Array(mentions.length);
    const coFill = coStart.slice(0, keyCount);
    for (let i = 0; i < mentions.length; i++) coNames[coFill[mentions[i]!]!++] = nameOfMention[i]!;
    const from = s.farFrom;
    const farStart = csrStarts(keyCount, from);
    const far = new Int32Array(from.length);
    const farFill = farStart.slice(0, keyCount);
    for (let i = 0; i < from.length; i++) far[farFill[from[i]!]!++] = s.farTo[i]!;

    const seen = new Int32Array(keyCount).fill(-1);
    const firstWith = new Map<number, number>();
    for (let n = 0; n < nameCount; n++) {
      const companies: number[] = [];
      for (let i = nameStart[n]!; i < nameStart[n + 1]!; i++) {
        const c = mentions[i]!;
        if (seen[c] !== n) {
          seen[c] = n;
          companies.push(c);
        }
      }
      if (companies.length < 2) continue;
      const ordered = s.ordered;
      const keys = s.keys;
      companies.sort((a, b) => (a < ordered && b < ordered ? a - b : keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
      if (companies.length > MAX_MENTIONS) companies.length = MAX_MENTIONS;
      const parent = Int32Array.from(companies.keys());
      const find = (x: number): number => {
        while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
        return x;
      };
      // The smaller index is the root: a group's root is its first KeyNo.
      const union = (a: number, b: number): void => {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      };
      // Keys: a co-name m as 2m, a company key k as 2k + 1.
      const via = (key: number, i: number): void => {
        const first = firstWith.get(key);
        if (first === undefined) firstWith.set(key, i);
        else union(first, i);
      };
      firstWith.clear();
      for (let i = 0; i < companies.length; i++) {
        const c = companies[i]!;
        for (let j = coStart[c]!; j < coStart[c + 1]!; j++) if (coNames[j] !== n) via(2 * coNames[j]!, i);
        via(2 * c + 1, i);
        for (let j = farStart[c]!; j < farStart[c + 1]!; j++) via(2 * far[j]! + 1, i);
      }
      const size = new Int32Array(companies.length);
      for (let i = 0; i < companies.length; i++) size[find(i)]!++;
      for (let i = 0; i < companies.length; i++) {
        const root = find(i);
        if (size[root]! >= 2) yield { ref: s.names[n]!, key_no: keys[companies[i]!]!, group_key: keys[companies[root]!]! };
      }
    }
  }
}

/** CSR offsets (length count + 1) of `owners`' entries grouped by owner. */
function csrStarts(count: number, owners: Int32Array): Int32Array {
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < owners.length; i++) starts[owners[i]! + 1]!++;
  for (let i = 0; i < count; i++) starts[i + 1]! += starts[i]!;
  return starts;
}

/** The company edges a document states, by their far end (identity.ts `neighbourRef`). */
const FAR_ENDS = `select src, case when a_ref = 'k:' || src then b_ref else a_ref end as far
  from company_relations where a_type <> 'person' and kind in (${EDGE_KIND.shareholder}, ${EDGE_KIND.investment}, ${EDGE_KIND.branch})`;

/** Person mentions in name order, from the `a_ref` index (every person reference starts `p:`). */
const MENTIONS = "select a_ref, src from company_relations where a_ref >= 'p:' and a_ref < 'p;'";

export interface IdentityBuildResult {
  /** Rows written (mentions in groups of two or more companies). */
  rows: number;
  /** Names mentioned at all. */
  names: number;
  ms: number;
  /** Milliseconds per phase: reading the edges, resolving their company ends, clustering and writing. */
  phases: { read: number; resolve: number; write: number };
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
  const phases = { read: 0, resolve: 0, write: 0 };
  const result = sqlite ? await db.connection().execute(async () => rebuildOnSqlite(sqlite, phases)) : await rebuildOnKysely(db, phases);
  return { ...result, ms: performance.now() - started, phases };
}

type Phases = IdentityBuildResult['phases'];

function rebuildOnSqlite(sqlite: SqliteDatabase.Database, phases: Phases): { rows: number; names: number } {
  let t = performance.now();
  const build = new IdentityBuild();
  let marks: Array<{ ref: string; version: number }>;
  // One read transaction: the marks and the edges see the same snapshot.
  sqlite.prepare('begin').run();
  try {
    marks = sqlite.prepare('select ref, version from person_identity_dirty').all() as Array<{ ref: string; version: number }>;
    // The companies in KeyNo order from the KeyNo index (covering), with their rowids: the credit
    // codes below are then read from their own index alone.
    const keyNoOfRowid = new Map<number, string>();
    build.addCompaniesInOrder((function* () {
      for (const [rowid, keyNo] of sqlite.prepare('select rowid, key_no from companies order by key_no').raw().iterate() as IterableIterator<[number, string]>) {
        keyNoOfRowid.set(rowid, keyNo);
        yield keyNo;
      }
    })());
    const mentions = sqlite.prepare(`${MENTIONS} order by a_ref`).raw().iterate() as IterableIterator<[string, string]>;
    for (const [ref, src] of mentions) build.addMention(ref, src);
    phases.read = performance.now() - t;
    t = performance.now();
    // The ends resolved here rather than per edge in SQL: one scan each of the credit codes and
    // current names the ends need (a per-edge lookup of a company row cost ~20 s at 1,000,000).
    const srcs: string[] = [];
    const fars: string[] = [];
    const wanted = { k: new Set<string>(), u: new Set<string>(), n: new Set<string>() };
    for (const [src, far] of sqlite.prepare(FAR_ENDS).raw().iterate() as IterableIterator<[string, string]>) {
      srcs.push(src);
      fars.push(far);
      const kind = far.slice(0, 2);
      if (kind === 'k:') wanted.k.add(far.slice(2));
      else if (kind === 'u:') wanted.u.add(far.slice(2));
      else if (kind === 'n:') wanted.n.add(far.slice(2));
    }
    const resolved = new Map<string, string | null>();
    const found = (ref: string, keyNo: string): void => claimReference(resolved, ref, keyNo);
    const byKey = sqlite.prepare<[string], string>('select key_no from companies where key_no = ?').pluck();
    for (const k of wanted.k) if (byKey.get(k) !== undefined) found(`k:${k}`, k);
    for (const [uscc, rowid] of sqlite.prepare('select uscc, rowid from companies where uscc is not null').raw().iterate() as IterableIterator<[string, number]>) {
      if (wanted.u.has(uscc)) found(`u:${uscc}`, keyNoOfRowid.get(rowid)!);
    }
    for (const [name, keyNo] of sqlite.prepare('select name_norm, key_no from company_names where is_current = 1').raw().iterate() as IterableIterator<[string, string]>) {
      if (wanted.n.has(name)) found(`n:${name}`, keyNo);
    }
    for (let i = 0; i < srcs.length; i++) build.addFarEnd(srcs[i]!, fars[i]!, resolved.get(fars[i]!) ?? null);
  } finally {
    sqlite.prepare('commit').run();
  }
  phases.resolve = performance.now() - t;
  t = performance.now();
  const written = writeWholeStoreGroups(sqlite, build.groups(), marks);
  phases.write = performance.now() - t;
  return { rows: written, names: build.nameCount };
}

/**
 * Records that `key` (a credit code, a current name) names company `keyNo`: two companies under one
 * key leave it null, unresolved rather than guessed, as graph-store.ts `resolveCompanies` does.
 */
function claimReference(map: Map<string, string | null>, key: string, keyNo: string): void {
  const before = map.get(key);
  map.set(key, before === undefined || before === keyNo ? keyNo : null);
}

/** The kinds of edge whose far end links a name's companies (FAR_ENDS). */
const COMPANY_EDGE_KINDS = [EDGE_KIND.shareholder, EDGE_KIND.investment, EDGE_KIND.branch];

/** Companies per page of the PostgreSQL pass (~6.6 edges each at 1,000,000 generated companies). */
const COMPANY_PAGE = 5000;
/** Values per `= any(…)` look-up of the far ends, and group rows per insert. */
const VALUES_PER_STATEMENT = 10_000;

/**
 * PostgreSQL: every edge read once, page by page of companies from the `src` index (a company's
 * edges were written together, so each page reads few table pages), in one repeatable-read
 * snapshot with the marks; the far ends then resolved as on SQLite, by looking up only the codes,
 * names and KeyNos they name (`= any(…)` on the companies' indexes) rather than per edge in SQL.
 */
async function rebuildOnKysely(db: Kysely<Schema>, phases: Phases): Promise<{ rows: number; names: number }> {
  const build = new IdentityBuild();
  let t = performance.now();
  const { marks } = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const marks = (await trx.selectFrom('person_identity_dirty').select(['ref', 'version']).execute()).map((m) => ({ ref: m.ref, version: Number(m.version) }));
    const srcs: string[] = [];
    const fars: string[] = [];
    const wanted = { k: new Set<string>(), u: new Set<string>(), n: new Set<string>() };
    for (let after = ''; ;) {
      const page = await trx.selectFrom('companies').select('key_no').where('key_no', '>', after).orderBy('key_no').limit(COMPANY_PAGE).execute();
      if (page.length === 0) break;
      const last = page[page.length - 1]!.key_no;
      // Two columns a row: a person's mention (`p:…`), or a company edge's far end as FAR_ENDS
      // takes it (identity.ts `neighbourRef`), which is never a person's reference.
      const rows = await sql<{ src: string; ref: string }>`
        select src, case when a_type = 'person' then a_ref when a_ref = 'k:' || src then b_ref else a_ref end as ref
          from company_relations
          where src > ${after} and src <= ${last} and (a_type = 'person' or kind in (${sql.join(COMPANY_EDGE_KINDS)}))`.execute(trx);
      for (const r of rows.rows) {
        if (r.ref.startsWith('p:')) build.addMention(r.ref, r.src);
        else {
          const far = r.ref;
          srcs.push(r.src);
          fars.push(far);
          const kind = far.slice(0, 2);
          if (kind === 'k:') wanted.k.add(far.slice(2));
          else if (kind === 'u:') wanted.u.add(far.slice(2));
          else if (kind === 'n:') wanted.n.add(far.slice(2));
        }
      }
      after = last;
    }
    phases.read = performance.now() - t;
    t = performance.now();
    const resolved = new Map<string, string | null>();
    const lookUp = async (values: Set<string>, query: (chunk: string[]) => Promise<Array<{ value: string; key_no: string }>>, prefix: string): Promise<void> => {
      const all = [...values];
      for (let i = 0; i < all.length; i += VALUES_PER_STATEMENT) {
        for (const r of await query(all.slice(i, i + VALUES_PER_STATEMENT))) claimReference(resolved, `${prefix}${r.value}`, r.key_no);
      }
    };
    await lookUp(wanted.k, async (chunk) => (await sql<{ value: string; key_no: string }>`select key_no as value, key_no from companies where key_no = any(${chunk}::text[])`.execute(trx)).rows, 'k:');
    await lookUp(wanted.u, async (chunk) => (await sql<{ value: string; key_no: string }>`select uscc as value, key_no from companies where uscc = any(${chunk}::text[])`.execute(trx)).rows, 'u:');
    await lookUp(wanted.n, async (chunk) => (await sql<{ value: string; key_no: string }>`select name_norm as value, key_no from company_names where is_current = 1 and name_norm = any(${chunk}::text[])`.execute(trx)).rows, 'n:');
    for (let i = 0; i < srcs.length; i++) build.addFarEnd(srcs[i]!, fars[i]!, resolved.get(fars[i]!) ?? null);
    phases.resolve = performance.now() - t;
    return { marks };
  });
  let written = 0;
  t = performance.now();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('person_groups').execute();
    let batch: GroupRow[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await sql`insert into person_groups (ref, key_no, group_key)
        select * from unnest(${batch.map((r) => r.ref)}::text[], ${batch.map((r) => r.key_no)}::text[], ${batch.map((r) => r.group_key)}::text[])`.execute(trx);
      written += batch.length;
      batch = [];
    };
    for (const r of build.groups()) {
      batch.push(r);
      if (batch.length === VALUES_PER_STATEMENT) await flush();
    }
    await flush();
    await finishRebuild(trx, marks);
  });
  phases.write = performance.now() - t;
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
  const marks = (await db.selectFrom('person_identity_dirty').select(['ref', 'version']).where('ref', '<>', WHOLE_STORE_MARK).orderBy('ref').limit(limit).execute())
    .map((m) => ({ ref: m.ref, version: Number(m.version) }));
  if (marks.length === 0) return 0;
  // Not built (or the whole store marked): only a rebuild can make the kept groups trustworthy.
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
  const row = await db.selectFrom('person_identity_dirty').select((eb) => eb.fn.countAll<number>().as('n')).where('ref', '<>', WHOLE_STORE_MARK).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Above this many dirty names, `settlePersonIdentity` rebuilds rather than regroups. */
export const REBUILD_ABOVE_DIRTY = 20_000;

/** After an import: build when not built (or the whole store is marked), rebuild when many names are dirty, else regroup them. Returns the rebuild's figures, if it rebuilt. */
export async function settlePersonIdentity(db: Kysely<Schema>): Promise<IdentityBuildResult | undefined> {
  if (!(await identityBuilt(db)) || (await dirtyNameCount(db)) > REBUILD_ABOVE_DIRTY) return rebuildPersonIdentity(db);
  // Bounded: marks a concurrent writer keeps bumping are left to `serve`'s background regroup.
  for (let passes = Math.ceil((await dirtyNameCount(db)) / REGROUP_BATCH) + 1; passes > 0; passes--) {
    if ((await regroupDirtyNames(db)) === 0) break;
  }
  return undefined;
}

/**
 * The kept identity of a load into an empty store, gathered from the documents as they are written
 * (no second read of the edges) and clustered in a worker thread while the load rebuilds its
 * indexes (import.ts). The store was empty, so the loaded documents are the whole store: their
 * credit codes and current names resolve the far ends exactly as the stored rows would.
 */
export class LoadedIdentity {
  private readonly build = new IdentityBuild();
  /** Credit code and current name → KeyNo; null once two companies share one (unresolved, never guessed). */
  private readonly usccs = new Map<string, string | null>();
  private readonly currentNames = new Map<string, string | null>();
  private readonly farSrc: string[] = [];
  private readonly farRef: string[] = [];

  /** A written company: its KeyNo, credit code, current (normalised) name and the edges its document states. */
  add(keyNo: string, uscc: string | null, currentName: string | undefined, edges: readonly RelationEdge[] | undefined): void {
    this.build.addCompany(keyNo);
    if (uscc) claimReference(this.usccs, uscc, keyNo);
    if (currentName !== undefined) claimReference(this.currentNames, currentName, keyNo);
    const own = keyRef(keyNo);
    for (const e of edges ?? []) {
      const a = settle(e.aRef, keyNo);
      if (e.aType === 'person') this.build.addMention(a, keyNo);
      else if (e.kind !== EDGE_KIND.executive && e.kind !== EDGE_KIND.legalRep) {
        this.farSrc.push(keyNo);
        this.farRef.push(a === own ? settle(e.bRef, keyNo) : a);
      }
    }
  }

  /** The build's arrays with every far end resolved (the state a worker clusters). */
  state(): IdentityBuildState {
    const resolve = (ref: string): string | null => {
      const v = ref.slice(2);
      if (ref.startsWith('k:')) return this.build.has(v) ? v : null;
      if (ref.startsWith('u:')) return this.usccs.get(v) ?? null;
      if (ref.startsWith('n:')) return this.currentNames.get(v) ?? null;
      return null;
    };
    for (let i = 0; i < this.farSrc.length; i++) this.build.addFarEnd(this.farSrc[i]!, this.farRef[i]!, resolve(this.farRef[i]!));
    return this.build.toState();
  }
}

/** Clusters a build's state in a worker thread (the other core, while the caller's thread works). */
export function groupsInWorker(state: IdentityBuildState): Promise<GroupRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./identity-worker.js', import.meta.url), {
      workerData: state,
      transferList: [state.mentionName.buffer, state.mentionKey.buffer, state.farFrom.buffer, state.farTo.buffer] as ArrayBuffer[],
    });
    worker.once('message', (rows: GroupRow[]) => resolve(rows));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`person identity worker exited with code ${code}`)); });
  });
}

/**
 * Replaces every kept group with `rows` and sets the marker, in one SQLite transaction; clears the
 * `marks` the rows were read after, at their versions (any other mark stays). Returns the rows written.
 */
export function writeWholeStoreGroups(sqlite: SqliteDatabase.Database, rows: Iterable<GroupRow>, marks: ReadonlyArray<{ ref: string; version: number }> = []): number {
  const insert = sqlite.prepare('insert into person_groups (ref, key_no, group_key) values (?, ?, ?)');
  const clear = sqlite.prepare('delete from person_identity_dirty where ref = ? and version = ?');
  let written = 0;
  sqlite.transaction(() => {
    sqlite.prepare('delete from person_groups').run();
    for (const r of rows) {
      insert.run(r.ref, r.key_no, r.group_key);
      written++;
    }
    for (const m of marks) clear.run(m.ref, m.version);
    // As identity-store.ts `finishRebuild`: built unless the whole-store mark was set after the read.
    sqlite.prepare('delete from system_settings where name = ?').run(IDENTITY_MARKER);
    if (sqlite.prepare('select 1 from person_identity_dirty where ref = ?').get(WHOLE_STORE_MARK) === undefined) {
      sqlite.prepare("insert into system_settings (name, value) values (?, 'built')").run(IDENTITY_MARKER);
    }
  })();
  return written;
}
