/**
 * The company store: plain functions over `db` (Kysely, SQLite or PostgreSQL alike).
 *
 * Design (measured in docs/data-store.md): one `companies` row per company holding the whole
 * validated document as JSON text plus the columns we look up by, and a `company_names` index
 * of current and former normalised names. The report reads a company whole, so one row read is
 * its snapshot; a replacement rewrites that row and its names in one transaction, which is what
 * makes it atomic for readers (a statement sees the old row or the new one, never a mix).
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { compiledStatement } from '../db/compiled-query.js';
import { sqliteHandleOf } from '../db/database.js';
import type { CompanyTable, Schema } from '../db/schema.js';
import { sha256Hex } from './canonical.js';
import { eventsOfWrite, type FeedWrite } from './change-feed.js';
import type { CompanyDocument } from './document.js';
import { entityKind } from './entity-kind.js';
import { deriveKeyNo } from './key-no.js';
import { normaliseName, normaliseStatus, type StatusNorm } from './normalise.js';
import { registrationKeysOf, type RegistrationKey } from './registration-keys.js';
import { decodeSearchTerms, encodeSearchTerms, normaliseLegalRep, searchSourceOfDocument, searchTermsOf } from './search-terms.js';
import { rewriteOneOnSqlite, upsertBatchOnSqlite, type CompanyRowToBind } from './sqlite-company-batch.js';
import { identityKeysOf, keysNeedingStoredText, planBatch, textOf, type ExistingIdentity, type UpsertOutcome } from './upsert-plan.js';
import { normaliseUscc } from './uscc.js';
import { relationEdgesOf, type RelationEdge } from './relations/edges.js';
import { relationRows, writeRelationRows } from './relations/edge-store.js';
import { dirtiedBy, markDirty, markWholeStore, namesNaming, personsStatedBy, type CompanyIdentity } from './relations/identity-store.js';

export interface StoredCompany {
  keyNo: string;
  uscc: string | null;
  regNo: string | null;
  name: string;
  entityKind: string;
  statusNorm: StatusNorm;
  /** Parsed from `docText` on first read. */
  readonly doc: CompanyDocument;
  /** The document as stored (JSON text, without the KeyNo `doc` adds): what a render thread is sent. */
  readonly docText: string;
  synthetic: boolean;
  dataAsOf: string | null;
  updatedAt: string;
}

/** A company found by name, and whether the match was its current name (else a former one). */
export interface NameMatch {
  company: StoredCompany;
  current: boolean;
}

/** The resolver's port: exact look-ups only, each by an already-normalised key. */
export interface CompanyLookup {
  byKeyNo(keyNo: string): Promise<StoredCompany | undefined>;
  /** Upper-case code, as stored. */
  byUscc(uscc: string): Promise<StoredCompany | undefined>;
  byRegNo(regNo: string): Promise<StoredCompany | undefined>;
  /** `normaliseName(name)`; current-name matches first. */
  byName(nameNorm: string): Promise<NameMatch[]>;
}

type Db = Kysely<Schema> | Transaction<Schema>;
type CompanyRow = Selectable<CompanyTable>;

/**
 * The document is parsed on first use of `doc`, not here: resolving a keyword needs only the
 * columns, and parsing 3–4 KB of JSON per look-up (per candidate, for names) was most of a
 * resolve's CPU and garbage. The text was read by the same statement, so the snapshot is still
 * that one statement's. `doc` is an own enumerable property, so spreading a StoredCompany copies it.
 */
export function rowToStoredCompany(row: CompanyRow): StoredCompany {
  let doc: CompanyDocument | undefined;
  const text = row.doc;
  const keyNo = row.key_no;
  return {
    keyNo,
    uscc: row.uscc,
    regNo: row.reg_no,
    name: row.name,
    entityKind: row.entity_kind,
    statusNorm: row.status_norm as StatusNorm,
    get doc(): CompanyDocument {
      doc ??= { ...(JSON.parse(text) as CompanyDocument), keyNo };
      return doc;
    },
    docText: text,
    synthetic: Number(row.synthetic) === 1,
    dataAsOf: row.data_as_of,
    updatedAt: row.updated_at,
  };
}

/**
 * The look-ups, compiled once per dialect (src/db/compiled-query.ts): building and compiling the
 * Kysely query cost more than the index probe itself, and a resolve should stay well under 1 ms
 * with a million companies stored.
 */
const selectByKeyNo = compiledStatement((db: Kysely<Schema>, keyNo: string) => db.selectFrom('companies').selectAll().where('key_no', '=', keyNo));
const selectByUscc = compiledStatement((db: Kysely<Schema>, uscc: string) => db.selectFrom('companies').selectAll().where('uscc', '=', uscc));
// Registration numbers are not guaranteed unique across authorities' history; the oldest key wins.
const selectByRegNo = compiledStatement((db: Kysely<Schema>, regNo: string) =>
  db.selectFrom('companies').selectAll().where('reg_no', '=', regNo).orderBy('key_no').limit(1));
const selectByName = compiledStatement((db: Kysely<Schema>, nameNorm: string) =>
  db
    .selectFrom('company_names as n')
    .innerJoin('companies as c', 'c.key_no', 'n.key_no')
    .selectAll('c')
    .select('n.is_current')
    .where('n.name_norm', '=', nameNorm)
    .orderBy('n.is_current', 'desc')
    .orderBy('c.key_no'));

export async function findCompanyByKeyNo(db: Db, keyNo: string): Promise<StoredCompany | undefined> {
  const row = await selectByKeyNo.first(db, keyNo);
  return row && rowToStoredCompany(row);
}

export async function findCompanyByUscc(db: Db, uscc: string): Promise<StoredCompany | undefined> {
  const row = await selectByUscc.first(db, normaliseUscc(uscc));
  return row && rowToStoredCompany(row);
}

export async function findCompanyByRegNo(db: Db, regNo: string): Promise<StoredCompany | undefined> {
  const row = await selectByRegNo.first(db, regNo.trim());
  return row && rowToStoredCompany(row);
}

const GONE = new Set<string>(['CANCELLED', 'ANNULLED', 'REVOKED']);

/**
 * Exact normalised-name matches, current names before former ones, then active before gone
 * (a former name is often reused by a newer company), then by KeyNo for a stable order.
 */
export async function findCompaniesByName(db: Db, name: string): Promise<NameMatch[]> {
  const { rows } = await selectByName.execute(db, normaliseName(name));
  return rows
    .map((row) => ({ company: rowToStoredCompany(row), current: Number(row.is_current) === 1 }))
    .sort((a, b) => Number(b.current) - Number(a.current) || Number(GONE.has(a.company.statusNorm)) - Number(GONE.has(b.company.statusNorm)));
}

export function companyLookup(db: Kysely<Schema>): CompanyLookup {
  return {
    byKeyNo: (keyNo) => findCompanyByKeyNo(db, keyNo),
    byUscc: (uscc) => findCompanyByUscc(db, uscc),
    byRegNo: (regNo) => findCompanyByRegNo(db, regNo),
    byName: (nameNorm) => findCompaniesByName(db, nameNorm),
  };
}

export async function countCompanies(db: Db): Promise<number> {
  const r = await db.selectFrom('companies').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Writing

export type { UpsertOutcome } from './upsert-plan.js';

export interface UpsertOptions {
  /** ISO instant written to `updated_at` of rows this batch writes. */
  now: string;
  /**
   * Called once per document that passed the uscc/regNo ownership checks, in order, with its
   * resolved KeyNo, before it is compared or written; a returned string rejects it with that
   * reason. The importer uses it to refuse the same identity twice in one file across batches. Without it, a KeyNo repeated inside the batch
   * is refused (the first occurrence wins).
   */
  admit?: (keyNo: string, index: number) => string | undefined;
  /** See `PlanOptions.replace` in upsert-plan.ts. */
  replace?: boolean;
  /**
   * Record the change feed's events of every write (src/companies/change-feed.ts) in the same
   * transaction. Absent: no events (a first load into an empty store, tests' fixtures).
   */
  feed?: FeedWrite;
  /**
   * PostgreSQL: mark the whole store's person identity stale (identity-store.ts `markWholeStore`)
   * instead of finding and marking the names this batch may regroup. For an import that has
   * already dirtied more names than a regroup is worth: its settle rebuilds the whole identity
   * anyway, and the per-name marking (`namesNaming` over every new company's references, then an
   * upsert per name) was most of what the graph added to such an import (docs/relations.md).
   */
  markWholeStore?: boolean;
  /** PostgreSQL: milliseconds per step of the batch's transaction, added in (a benchmark's breakdown). */
  steps?: WriteSteps;
}

/** Milliseconds spent per step of PostgreSQL batch writes, summed over batches. */
export type WriteSteps = Partial<Record<'identities' | 'companies' | 'edges' | 'identity marks' | 'feed' | 'commit', number>>;

/** Adds the time since the previous lap to `steps[name]` (nothing without `steps`). */
function stepClock(steps: WriteSteps | undefined): (name: keyof WriteSteps) => void {
  if (!steps) return () => {};
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - last);
    last = now;
  };
}

/**
 * Everything the store writes for a document that does not depend on the database: computable
 * off the main thread (the importer does it in worker threads).
 */
export interface PreparedDocument {
  explicitKeyNo: string | null;
  derivedKeyNo: string;
  uscc: string | null;
  regNo: string | null;
  name: string;
  nameNorm: string;
  /** Normalised current name first, then distinct former names. */
  names: string[];
  /** The legal representative, normalised like names (a search term source), or null. */
  legalRep: string | null;
  /** The store-wide registration keys (address, phones, e-mails, legal representative): registration-keys.ts. */
  registrationKeys: RegistrationKey[];
  /**
   * The company's search terms (search-terms.ts), encoded by `encodeSearchTerms`: computed with
   * the rest of the preparation, so the importer's worker threads derive them and the writing
   * thread only binds them.
   */
  searchTerms: string;
  entityKind: string;
  statusNorm: string;
  /**
   * The stored JSON text: the line as imported when it is already in stored form (uscc upper-case,
   * regNo trimmed), else the document re-serialised with those fixed and without `keyNo`. A
   * `keyNo` inside the text is harmless: the column is the KeyNo, and `rowToStoredCompany` puts it
   * back over whatever the text says. The importer's lines arrive as UTF-8 bytes, which SQLite
   * binds as they are (`textOf` turns either form into a string where one is needed).
   */
  docText: string | Uint8Array;
  /** sha256 of `docText`'s UTF-8: equal hashes are "unchanged" without comparing content. */
  docHash: string;
  synthetic: boolean;
  dataAsOf: string | null;
  /** The relation graph's edges the document states (relations/edges.ts); absent: none written (a benchmark's baseline). */
  relationEdges?: RelationEdge[];
}

/**
 * For `bench:import --without-search-index` only: the import writes no search terms, so that the
 * same run measures the index's cost. The store is then unsearchable until `ensureSearchIndex`
 * (the next API start or import) writes the terms, which it does because the table is empty.
 */
const WITHOUT_SEARCH_TERMS = process.env.ZHENGXIN_BENCH_WITHOUT_SEARCH_INDEX === '1';

/**
 * `rawText`, when given, is the JSON text `doc` was parsed from: stored as it is when possible,
 * which saves serialising 3–4 KB per document on the import path; `rawBytes`, when given, is its
 * UTF-8, stored and hashed in its place. Canonical JSON (sorted keys) is not computed here: a hash
 * mismatch against a stored company is settled by comparing canonical content then, which only
 * updates pay for (see `planBatch`).
 */
export function prepareDocument(doc: CompanyDocument, rawText?: string, rawBytes?: Uint8Array): PreparedDocument {
  const uscc = doc.uscc === undefined ? null : normaliseUscc(doc.uscc);
  const regNo = doc.regNo === undefined ? null : doc.regNo.trim();
  let docText: string | Uint8Array;
  if (rawText !== undefined && (uscc === null || uscc === doc.uscc) && (regNo === null || regNo === doc.regNo)) {
    docText = rawBytes ?? rawText;
  } else {
    const { keyNo: _keyNo, ...content } = doc;
    if (uscc !== null) content.uscc = uscc;
    if (regNo !== null) content.regNo = regNo;
    docText = JSON.stringify(content);
  }
  const nameNorm = normaliseName(doc.name);
  const names = [nameNorm];
  for (const former of doc.formerNames ?? []) {
    const n = normaliseName(former);
    if (n.length > 0 && !names.includes(n)) names.push(n);
  }
  const legalRep = normaliseLegalRep(doc.legalRep);
  return {
    explicitKeyNo: doc.keyNo ?? null,
    derivedKeyNo: deriveKeyNo(doc),
    uscc,
    regNo,
    name: doc.name.trim(),
    nameNorm,
    names,
    legalRep,
    registrationKeys: registrationKeysOf(doc),
    searchTerms: WITHOUT_SEARCH_TERMS ? '' : encodeSearchTerms(searchTermsOf({ names, legalRep })),
    entityKind: entityKind(uscc, doc.companyType).kind,
    statusNorm: normaliseStatus(doc.status),
    docText,
    docHash: sha256Hex(docText),
    synthetic: doc.source === 'synthetic',
    dataAsOf: doc.dataAsOf ?? null,
    relationEdges: relationEdgesOf(doc),
  };
}

/** The `companies` row of a prepared document under its resolved KeyNo. */
export function companyRow(p: PreparedDocument, keyNo: string, now: string): CompanyTable {
  return { ...companyRowToBind(p, keyNo, now), doc: textOf(p.docText) };
}

/** As `companyRow`, with the document text left as bytes when it came as bytes (SQLite binds them). */
export function companyRowToBind(p: PreparedDocument, keyNo: string, now: string): CompanyRowToBind {
  return {
    key_no: keyNo,
    uscc: p.uscc,
    reg_no: p.regNo,
    name: p.name,
    name_norm: p.nameNorm,
    entity_kind: p.entityKind,
    status_norm: p.statusNorm,
    doc: p.docText,
    doc_hash: p.docHash,
    synthetic: p.synthetic ? 1 : 0,
    data_as_of: p.dataAsOf,
    updated_at: now,
  };
}

/** Rows per multi-row statement, largest first: 12 columns × 1,000 stays under PostgreSQL's 65,535 bound parameters. */
const STATEMENT_ROW_COUNTS = [1000, 100, 10, 1] as const;

/** `upsertPrepared` over documents prepared here, on the calling thread. */
export async function upsertCompanies(db: Kysely<Schema>, docs: readonly CompanyDocument[], options: UpsertOptions): Promise<UpsertOutcome[]> {
  return upsertPrepared(db, docs.map((d) => prepareDocument(d)), options);
}

/**
 * Upserts a batch in one transaction (identity, ownership and change rules: `planBatch`). On
 * SQLite through prepared better-sqlite3 statements while holding Kysely's connection; on
 * PostgreSQL through Kysely with multi-row statements.
 */
export async function upsertPrepared(db: Kysely<Schema>, docs: readonly PreparedDocument[], options: UpsertOptions): Promise<UpsertOutcome[]> {
  if (docs.length === 0) return [];
  const sqlite = sqliteHandleOf(db);
  if (sqlite) {
    const feed = options.feed ? { write: options.feed, now: options.now } : undefined;
    return db.connection().execute(async () => upsertBatchOnSqlite(sqlite, docs, (p, keyNo) => companyRowToBind(p, keyNo, options.now), { ...options, feed }));
  }
  return retryingDeadlocks(async () => {
    let lap: ((name: keyof WriteSteps) => void) | undefined;
    const outcomes = await db.transaction().execute(async (trx) => {
      const out = await upsertInTransaction(trx, docs, options);
      lap = stepClock(options.steps);
      return out;
    });
    lap?.('commit');
    return outcomes;
  });
}

/** A company write's outcome and the company's version after it (0: refused, or not stored). */
export interface CompanyWrite {
  readonly outcome: UpsertOutcome;
  readonly version: number;
}

/**
 * Writes one company from what is stored under `keyNo` at the moment of writing: `change` gets the
 * stored company (undefined when none) read inside the write's transaction, under a lock every
 * writer of that KeyNo takes (SQLite: the IMMEDIATE transaction's write lock; PostgreSQL: the
 * KeyNo's transaction-scoped advisory lock), so that read-modify-writes from any number of
 * processes (a record append) each see the one committed before and none is lost. What `change`
 * throws rolls the transaction back and is thrown here.
 */
export async function rewriteCompany(
  db: Kysely<Schema>,
  keyNo: string,
  change: (stored: StoredCompany | undefined) => PreparedDocument,
  options: UpsertOptions,
): Promise<CompanyWrite> {
  const sqlite = sqliteHandleOf(db);
  if (sqlite) {
    const feed = options.feed ? { write: options.feed, now: options.now } : undefined;
    return db.connection().execute(async () =>
      rewriteOneOnSqlite(sqlite, keyNo, (row) => change(row && rowToStoredCompany(row)), (p, k) => companyRowToBind(p, k, options.now), { ...options, feed }));
  }
  return retryingDeadlocks(() => db.transaction().execute(async (trx) => {
    const held = new Set<string>();
    await lockCompanyKeys(trx, [keyNo], held);
    const [outcome] = await upsertInTransaction(trx, [change(await findCompanyByKeyNo(trx, keyNo))], options, held);
    if (!outcome) throw new Error('company write: no outcome');
    const row = outcome.keyNo === undefined ? undefined : await trx.selectFrom('companies').select('version').where('key_no', '=', outcome.keyNo).executeTakeFirst();
    return { outcome, version: Number(row?.version ?? 0) };
  }));
}

async function upsertInTransaction(trx: Transaction<Schema>, docs: readonly PreparedDocument[], options: UpsertOptions, held = new Set<string>()): Promise<UpsertOutcome[]> {
  const lap = stepClock(options.steps);
  const existing = await lockAndLoadIdentities(trx, docs, held);
  const storedText = new Map<string, string>();
  for (const chunk of chunks(keysNeedingStoredText(docs, existing))) {
    const rows = await trx.selectFrom('companies').select(['key_no', 'doc']).where('key_no', 'in', chunk).execute();
    for (const r of rows) storedText.set(r.key_no, r.doc);
  }
  const plan = planBatch(docs, existing, storedText, options);
  const oldTexts = options.feed ? await storedTextsOf(trx, plan.replacedKeys) : undefined;
  lap('identities');
  // Person identity (relations/identity-store.ts): what the replaced companies were and mentioned
  // (not needed when the batch marks the whole store).
  const perName = options.markWholeStore !== true;
  const before = new Map<string, CompanyIdentity>();
  for (const chunk of perName ? chunks(plan.replacedKeys) : []) {
    const rows = await trx.selectFrom('companies').select(['key_no', 'name_norm', 'uscc']).where('key_no', 'in', chunk).execute();
    for (const r of rows) before.set(r.key_no, { nameNorm: r.name_norm, uscc: r.uscc });
  }
  const oldPersons = perName && plan.replacedKeys.length > 0 ? await personsStatedBy(trx, plan.replacedKeys) : new Map<string, string[]>();
  lap('identity marks');
  await deleteSearchTermsOf(trx, plan.replacedKeys);
  await writeRows(
    trx,
    plan.writes.map(({ doc, keyNo }) => ({ row: companyRow(doc, keyNo, options.now), names: doc.names, searchTerms: doc.searchTerms, registrationKeys: doc.registrationKeys })),
    plan.replacedKeys,
  );
  lap('companies');
  await writeRelationRows(trx, plan.replacedKeys, plan.writes.flatMap(({ doc, keyNo }) => relationRows(doc.relationEdges, keyNo)));
  lap('edges');
  if (perName) {
    const { names, refs } = dirtiedBy(
      [
        ...[...oldPersons.values()].map((persons) => ({ oldPersons: persons })),
        ...plan.writes.map(({ doc }) => ({ newEdges: doc.relationEdges })),
      ],
      before,
      new Map(plan.writes.map(({ doc, keyNo }) => [keyNo, { nameNorm: doc.nameNorm, uscc: doc.uscc }])),
    );
    await markDirty(trx, refs.length > 0 ? [...names, ...(await namesNaming(trx, refs))] : names);
  } else if (plan.writes.length > 0) {
    await markWholeStore(trx);
  }
  lap('identity marks');
  if (options.feed && oldTexts) await recordFeedEvents(trx, plan.writes, oldTexts, options.feed, options.now);
  lap('feed');
  return plan.outcomes;
}

/**
 * PostgreSQL: a transaction-scoped advisory lock per identity (in the lock space COMPANY_LOCKS),
 * taken in one statement in hash order so the locks of one step never wait on each other
 * crosswise. It covers companies not stored yet too, which a row lock could not. The keys are
 * KeyNos and the identity values `uscc:…` and `regNo:…`: two documents that would land on the same
 * company by any identity rule of `planBatch` share at least one of them.
 */
const COMPANY_LOCKS = 0x7a78_636f; // "zxco"

async function lockCompanyKeys(trx: Transaction<Schema>, keys: readonly string[], held: Set<string>): Promise<void> {
  const wanted = [...new Set(keys)].filter((k) => !held.has(k));
  if (wanted.length === 0) return;
  // The sorted subquery is kept apart (OFFSET 0), so the locks are taken in its order.
  await sql`select count(pg_advisory_xact_lock(${COMPANY_LOCKS}, h)) from (select distinct hashtext(k) as h from unnest(${wanted}::text[]) as k order by h offset 0) as s`.execute(trx);
  for (const k of wanted) held.add(k);
}

/**
 * Locks everything the batch could write, then reads the stored companies it could land on: the
 * batch's own KeyNos (given and derived), its uscc and regNo values, and the KeyNos of the stored
 * companies a first, unlocked read found by those codes (a document may land on a company found
 * only by its uscc or regNo, under a KeyNo it neither names nor derives). A concurrent writer of
 * the same company, or of a new company with the same code, waits until this one commits and
 * then reads what it wrote, so the change feed's "before", the version and the indexes are right
 * and no code gets two companies. The identities are read again after locking; should they name a
 * company not locked yet (ownership moved between the two reads), that one is locked and they are
 * read again. A company's row changes only under its KeyNo's lock, and a company gains a code only
 * under that code's lock, so once all is locked what was read stays true until commit.
 */
async function lockAndLoadIdentities(trx: Transaction<Schema>, docs: readonly PreparedDocument[], held: Set<string>): Promise<ExistingIdentity[]> {
  const { keyNos, usccs, regNos } = identityKeysOf(docs);
  const own = [...keyNos, ...usccs.map((u) => `uscc:${u}`), ...regNos.map((r) => `regNo:${r}`)];
  let existing = await loadExistingIdentities(trx, docs);
  for (;;) {
    const lockedBefore = held.size;
    await lockCompanyKeys(trx, [...own, ...existing.map((e) => e.keyNo)], held);
    if (held.size === lockedBefore) return existing;
    existing = await loadExistingIdentities(trx, docs);
  }
}

/**
 * Locks taken in two steps can deadlock with another writer's (rare: it takes two batches whose
 * codes point at each other's companies); PostgreSQL then aborts one transaction with 40P01, which
 * is retried whole here, so the writer sees a slower write, never an error.
 */
async function retryingDeadlocks<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= 5 || (err as { code?: unknown }).code !== '40P01') throw err;
    }
  }
}

async function storedTextsOf(trx: Transaction<Schema>, keyNos: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const chunk of chunks(keyNos)) {
    for (const r of await trx.selectFrom('companies').select(['key_no', 'doc']).where('key_no', 'in', chunk).execute()) texts.set(r.key_no, r.doc);
  }
  return texts;
}

/**
 * The feed's cursor must grow in commit order, or a reader that saw id 8 would never see an id 7
 * committed after it. PostgreSQL assigns sequence values at insert, not at commit, so concurrent
 * writers take this transaction-scoped lock right before inserting events and hold it to their
 * commit: ids are handed out one transaction at a time, in the order the transactions commit.
 */
const FEED_LOCK = 0x7a78_6665; // "zxfe"

async function recordFeedEvents(
  trx: Transaction<Schema>,
  writes: ReadonlyArray<{ doc: PreparedDocument; keyNo: string }>,
  oldTexts: ReadonlyMap<string, string>,
  feed: FeedWrite,
  now: string,
): Promise<void> {
  const rows = writes.flatMap(({ doc, keyNo }) =>
    eventsOfWrite(oldTexts.get(keyNo), textOf(doc.docText), feed).map((e) => ({ key_no: keyNo, type: e.type, data: JSON.stringify(e.data), at: now })));
  if (rows.length === 0) return;
  await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(trx);
  const last = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    for (const r of await trx.insertInto('company_events').values(chunk).returning(['id', 'key_no']).execute()) {
      last.set(r.key_no, Math.max(last.get(r.key_no) ?? 0, Number(r.id)));
    }
  }
  for (const [keyNo, version] of last) feed.recorded?.(keyNo, version);
}

async function loadExistingIdentities(trx: Transaction<Schema>, candidates: readonly PreparedDocument[]): Promise<ExistingIdentity[]> {
  const { keyNos, usccs, regNos } = identityKeysOf(candidates);
  const found = new Map<string, ExistingIdentity>();
  const lookups: Array<['key_no' | 'uscc' | 'reg_no', string[]]> = [['key_no', keyNos], ['uscc', usccs], ['reg_no', regNos]];
  for (const [column, values] of lookups) {
    for (const chunk of chunks(values)) {
      const rows = await trx.selectFrom('companies').select(['key_no', 'uscc', 'reg_no', 'doc_hash']).where(column, 'in', chunk).execute();
      for (const r of rows) found.set(r.key_no, { keyNo: r.key_no, uscc: r.uscc, regNo: r.reg_no, hash: r.doc_hash });
    }
  }
  return [...found.values()];
}

/**
 * The search terms of companies about to be replaced, derived from their stored documents (the
 * terms are a pure function of the document, see search-terms.ts), deleted row by row through the
 * search index: no second index by KeyNo is kept for this.
 */
async function deleteSearchTermsOf(trx: Transaction<Schema>, keyNos: readonly string[]): Promise<void> {
  const old: Array<{ anchor: number; term: string; key_no: string; field: number }> = [];
  const oldKeys: Array<{ kind: number; value: string; key_no: string }> = [];
  for (const chunk of chunks(keyNos)) {
    const rows = await trx.selectFrom('companies').select(['key_no', 'doc']).where('key_no', 'in', chunk).execute();
    for (const r of rows) {
      const stored = JSON.parse(r.doc) as CompanyDocument;
      for (const t of searchTermsOf(searchSourceOfDocument(stored))) old.push({ anchor: t.anchor, term: t.term, key_no: r.key_no, field: t.field });
      for (const k of registrationKeysOf(stored)) oldKeys.push({ kind: k.kind, value: k.value, key_no: r.key_no });
    }
  }
  // The old registration keys likewise (3 parameters per key).
  for (const chunk of chunks(oldKeys)) {
    await trx
      .deleteFrom('company_contacts')
      .where((eb) => eb(eb.refTuple('kind', 'value', 'key_no'), 'in', chunk.map((k) => eb.tuple(k.kind, k.value, k.key_no))))
      .execute();
  }
  // Row-value IN: 4 parameters per term, so 1,000 terms per statement.
  for (const chunk of chunks(old)) {
    await trx
      .deleteFrom('company_search')
      .where((eb) => eb(eb.refTuple('anchor', 'term', 'key_no', 'field'), 'in', chunk.map((t) => eb.tuple(t.anchor, t.term, t.key_no, t.field))))
      .execute();
  }
}

async function writeRows(
  trx: Transaction<Schema>,
  writes: ReadonlyArray<{ row: CompanyTable; names: string[]; searchTerms: string; registrationKeys: readonly RegistrationKey[] }>,
  replacedKeys: readonly string[],
): Promise<void> {
  for (const chunk of chunks(replacedKeys)) {
    await trx.deleteFrom('company_names').where('key_no', 'in', chunk).execute();
  }
  for (const chunk of chunks(writes)) {
    await trx
      .insertInto('companies')
      .values(chunk.map((w) => w.row))
      .onConflict((oc) =>
        oc.column('key_no').doUpdateSet((eb) => ({
          uscc: eb.ref('excluded.uscc'),
          reg_no: eb.ref('excluded.reg_no'),
          name: eb.ref('excluded.name'),
          name_norm: eb.ref('excluded.name_norm'),
          entity_kind: eb.ref('excluded.entity_kind'),
          status_norm: eb.ref('excluded.status_norm'),
          doc: eb.ref('excluded.doc'),
          doc_hash: eb.ref('excluded.doc_hash'),
          synthetic: eb.ref('excluded.synthetic'),
          data_as_of: eb.ref('excluded.data_as_of'),
          updated_at: eb.ref('excluded.updated_at'),
          version: sql<number>`companies.version + 1`,
        })),
      )
      .execute();
  }
  const nameRows = writes.flatMap((w) => w.names.map((name_norm, i) => ({ name_norm, key_no: w.row.key_no, is_current: i === 0 ? 1 : 0 })));
  for (const chunk of chunks(nameRows)) {
    await trx.insertInto('company_names').values(chunk).execute();
  }
  const termRows = writes.flatMap((w) => decodeSearchTerms(w.searchTerms).map((t) => ({ anchor: t.anchor, term: t.term, key_no: w.row.key_no, field: t.field })));
  for (const chunk of chunks(termRows)) {
    await trx.insertInto('company_search').values(chunk).execute();
  }
  const keyRows = writes.flatMap((w) => w.registrationKeys.map((k) => ({ kind: k.kind, value: k.value, key_no: w.row.key_no })));
  for (const chunk of chunks(keyRows)) {
    await trx.insertInto('company_contacts').values(chunk).execute();
  }
}

/**
 * Splits into statements of 1,000, 100, 10 and 1 rows (greedy), so that a batch of any size uses
 * at most four distinct SQL texts per statement kind (PostgreSQL only now: SQLite writes row by row
 * through sqlite-company-batch.ts), and none goes past the server's bound-parameter limit.
 */
function* chunks<T>(values: readonly T[]): Generator<T[]> {
  let i = 0;
  for (const size of STATEMENT_ROW_COUNTS) {
    for (; values.length - i >= size; i += size) yield values.slice(i, i + size);
  }
}
