/**
 * The company upsert on SQLite through better-sqlite3 prepared statements, one row per call, in
 * one synchronous transaction. The bulk import spends most of its database time here: building a
 * Kysely multi-row query per batch cost about a third more CPU per document than binding
 * single-row statements that are prepared once per connection (measured on 20,000 documents).
 * PostgreSQL keeps the Kysely path in store.ts (a round trip per row would be slower there).
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { CompanyTable } from '../db/schema.js';
import { eventsOfWrite, type FeedWrite } from './change-feed.js';
import type { CompanyDocument } from './document.js';
import { registrationKeysOf, type RegistrationKey } from './registration-keys.js';
import { decodeSearchTerms, encodeSearchTerms, searchSourceOfDocument, searchTermsOf } from './search-terms.js';
import { relationEdgesOf } from './relations/edges.js';
import { DELETE_RELATIONS_OF, INSERT_RELATION, insertRelationEdges } from './relations/edge-store.js';
import { dirtiedBy, MARK_DIRTY, NAMES_NAMING_REF, type CompanyIdentity } from './relations/identity-store.js';
import type { RelationEdge } from './relations/edges.js';
import { identityKeysOf, keysNeedingStoredText, planBatch, textOf, type ExistingIdentity, type PlannedDocument, type PlanOptions, type UpsertOutcome } from './upsert-plan.js';

interface Statements {
  byKeyNo: SqliteDatabase.Statement<[string], IdentityRow>;
  byUscc: SqliteDatabase.Statement<[string], IdentityRow>;
  byRegNo: SqliteDatabase.Statement<[string], IdentityRow>;
  docOf: SqliteDatabase.Statement<[string], string>;
  deleteNames: SqliteDatabase.Statement<[string]>;
  upsert: SqliteDatabase.Statement<unknown[]>;
  insertName: SqliteDatabase.Statement<[string, string, number]>;
  insertTerms: SearchTermWriter;
  deleteTerm: SqliteDatabase.Statement<[number, string, string, number]>;
  insertEvent: SqliteDatabase.Statement<[string, string, string, string]>;
  companyRow: SqliteDatabase.Statement<[string], Selectable<CompanyTable>>;
  versionOf: SqliteDatabase.Statement<[string], number>;
  insertRelation: SqliteDatabase.Statement<unknown[]>;
  deleteRelations: SqliteDatabase.Statement<[string]>;
  insertKey: SqliteDatabase.Statement<[number, string, string]>;
  deleteKey: SqliteDatabase.Statement<[number, string, string]>;
  identityOf: SqliteDatabase.Statement<[string], { name_norm: string; uscc: string | null }>;
  personsOf: SqliteDatabase.Statement<[string], string>;
  namesNaming: SqliteDatabase.Statement<[string, string], string>;
  markDirty: SqliteDatabase.Statement<[string]>;
}

interface IdentityRow {
  key_no: string;
  uscc: string | null;
  reg_no: string | null;
  doc_hash: string;
}

/** A `companies` row as SQLite paths bind it: the document text may be UTF-8 bytes. */
export type CompanyRowToBind = Omit<CompanyTable, 'doc'> & { doc: string | Uint8Array };

/** The `companies` columns every SQLite write path binds, in this order. */
export const COMPANY_COLUMNS = ['key_no', 'uscc', 'reg_no', 'name', 'name_norm', 'entity_kind', 'status_norm', 'doc', 'doc_hash', 'synthetic', 'data_as_of', 'updated_at'] as const satisfies ReadonlyArray<keyof CompanyTable>;

/**
 * Placeholders for COMPANY_COLUMNS. better-sqlite3 binds a Uint8Array as a BLOB; the cast stores
 * it as TEXT (SQLite reads a blob cast to text as UTF-8), so a document never becomes a JS string
 * on the writing thread, and a string bound there is stored unchanged.
 */
export const COMPANY_PLACEHOLDERS = COMPANY_COLUMNS.map((c) => (c === 'doc' ? 'CAST(? AS TEXT)' : '?'));

const prepared = new WeakMap<SqliteDatabase.Database, Statements>();

function statementsFor(sqlite: SqliteDatabase.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    const identity = 'select key_no, uscc, reg_no, doc_hash from companies where';
    s = {
      byKeyNo: sqlite.prepare(`${identity} key_no = ?`),
      byUscc: sqlite.prepare(`${identity} uscc = ?`),
      byRegNo: sqlite.prepare(`${identity} reg_no = ?`),
      docOf: sqlite.prepare<[string], string>('select doc from companies where key_no = ?').pluck(),
      deleteNames: sqlite.prepare('delete from company_names where key_no = ?'),
      upsert: sqlite.prepare(
        `insert into companies (${COMPANY_COLUMNS.join(', ')}) values (${COMPANY_PLACEHOLDERS.join(', ')}) ` +
          `on conflict (key_no) do update set ${COMPANY_COLUMNS.filter((c) => c !== 'key_no').map((c) => `${c} = excluded.${c}`).join(', ')}, version = companies.version + 1`,
      ),
      insertName: sqlite.prepare('insert into company_names (name_norm, key_no, is_current) values (?, ?, ?)'),
      insertTerms: new SearchTermWriter(sqlite),
      deleteTerm: sqlite.prepare('delete from company_search where anchor = ? and term = ? and key_no = ? and field = ?'),
      insertEvent: sqlite.prepare('insert into company_events (key_no, type, data, at) values (?, ?, ?, ?)'),
      companyRow: sqlite.prepare('select * from companies where key_no = ?'),
      versionOf: sqlite.prepare<[string], number>('select version from companies where key_no = ?').pluck(),
      insertRelation: sqlite.prepare(INSERT_RELATION),
      deleteRelations: sqlite.prepare(DELETE_RELATIONS_OF),
      insertKey: sqlite.prepare(INSERT_REGISTRATION_KEY),
      deleteKey: sqlite.prepare('delete from company_contacts where kind = ? and value = ? and key_no = ?'),
      identityOf: sqlite.prepare('select name_norm, uscc from companies where key_no = ?'),
      personsOf: sqlite.prepare<[string], string>("select a_ref from company_relations where src = ? and a_type = 'person'").pluck(),
      namesNaming: sqlite.prepare<[string, string], string>(NAMES_NAMING_REF).pluck(),
      markDirty: sqlite.prepare(MARK_DIRTY),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

export const INSERT_REGISTRATION_KEY = 'insert into company_contacts (kind, value, key_no) values (?, ?, ?)';

/** What the batch writes for a planned document: its row under the resolved KeyNo, its names and search terms. */
export interface SqliteWritable extends PlannedDocument {
  names: string[];
  relationEdges?: RelationEdge[] | undefined;
  registrationKeys: readonly RegistrationKey[];
  /** `encodeSearchTerms` of its terms (prepared with the document, see `PreparedDocument`). */
  searchTerms: string;
}

/** Rows per multi-row insert of search terms: a company has ~10; more go in several statements. */
const TERMS_PER_STATEMENT = 16;

/**
 * Writes a company's search terms with one multi-row INSERT per company (up to
 * TERMS_PER_STATEMENT rows, one statement prepared per row count): a statement call crosses from
 * JavaScript into SQLite once for all of a company's terms instead of once per term.
 */
export class SearchTermWriter {
  private readonly statements: Array<SqliteDatabase.Statement<unknown[]> | undefined> = [];
  private readonly params: unknown[] = [];

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  write(encodedTerms: string, keyNo: string): void {
    const terms = decodeSearchTerms(encodedTerms);
    for (let i = 0; i < terms.length; i += TERMS_PER_STATEMENT) {
      const n = Math.min(TERMS_PER_STATEMENT, terms.length - i);
      const params = this.params;
      params.length = 0;
      for (let j = i; j < i + n; j++) params.push(terms[j]!.anchor, terms[j]!.term, keyNo, terms[j]!.field);
      this.statement(n).run(params);
    }
  }

  private statement(rows: number): SqliteDatabase.Statement<unknown[]> {
    let s = this.statements[rows];
    if (!s) {
      s = this.sqlite.prepare(`insert into company_search (anchor, term, key_no, field) values ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}`);
      this.statements[rows] = s;
    }
    return s;
  }
}

/** Writes a company's registration keys (registration-keys.ts) with a prepared `INSERT_REGISTRATION_KEY`. */
export function insertRegistrationKeys(insert: SqliteDatabase.Statement<[number, string, string]>, doc: SqliteWritable, keyNo: string): void {
  for (const k of doc.registrationKeys) insert.run(k.kind, k.value, keyNo);
}

/**
 * Plans and writes one batch in one transaction. The caller holds the connection (see
 * `sqliteHandleOf`), so nothing else runs on it until this returns.
 */
export function upsertBatchOnSqlite<D extends SqliteWritable>(
  sqlite: SqliteDatabase.Database,
  docs: readonly D[],
  toRow: (doc: D, keyNo: string) => CompanyRowToBind,
  options: SqliteUpsertOptions,
): UpsertOutcome[] {
  if (sqlite.inTransaction) throw new Error('company import: the SQLite connection is already inside a transaction');
  // IMMEDIATE: the write lock is taken before the identities and stored documents are read, so a
  // writer in another process cannot commit between this read and this write (a deferred
  // transaction would read a snapshot that its later write then overwrites or fails on).
  return sqlite.transaction(() => writeBatch(sqlite, docs, toRow, options)).immediate();
}

/** Which of a replaced company's derived rows are unchanged (and so neither deleted nor written again). */
interface KeptRows {
  readonly names: boolean;
  readonly terms: boolean;
  readonly keys: boolean;
  readonly relations: boolean;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export type SqliteUpsertOptions = PlanOptions & { feed?: { write: FeedWrite; now: string } | undefined };

/**
 * One company rewritten from what is stored under `keyNo` at the moment of writing: `change` is
 * given the stored row (or undefined) read inside the same IMMEDIATE transaction, so appends from
 * several processes each see the one before (none is lost). Returns the outcome and the company's
 * version after the write (0 when it was refused or is not stored).
 */
export function rewriteOneOnSqlite<D extends SqliteWritable>(
  sqlite: SqliteDatabase.Database,
  keyNo: string,
  change: (stored: Selectable<CompanyTable> | undefined) => D,
  toRow: (doc: D, keyNo: string) => CompanyRowToBind,
  options: SqliteUpsertOptions,
): { outcome: UpsertOutcome; version: number } {
  if (sqlite.inTransaction) throw new Error('company write: the SQLite connection is already inside a transaction');
  const s = statementsFor(sqlite);
  return sqlite.transaction(() => {
    const doc = change(s.companyRow.get(keyNo));
    const [outcome] = writeBatch(sqlite, [doc], toRow, options);
    if (!outcome) throw new Error('company write: no outcome');
    const written = outcome.keyNo === undefined ? undefined : s.versionOf.get(outcome.keyNo);
    return { outcome, version: written ?? 0 };
  }).immediate();
}

function writeBatch<D extends SqliteWritable>(
  sqlite: SqliteDatabase.Database,
  docs: readonly D[],
  toRow: (doc: D, keyNo: string) => CompanyRowToBind,
  options: SqliteUpsertOptions,
): UpsertOutcome[] {
  const s = statementsFor(sqlite);
  const { keyNos, usccs, regNos } = identityKeysOf(docs);
  const found = new Map<string, ExistingIdentity>();
  const add = (r: IdentityRow | undefined): void => {
    if (r) found.set(r.key_no, { keyNo: r.key_no, uscc: r.uscc, regNo: r.reg_no, hash: r.doc_hash });
  };
  for (const k of keyNos) add(s.byKeyNo.get(k));
  for (const u of usccs) add(s.byUscc.get(u));
  for (const r of regNos) for (const row of s.byRegNo.all(r)) add(row);
  const existing = [...found.values()];
  const storedText = new Map<string, string>();
  for (const k of keysNeedingStoredText(docs, existing)) {
    const text = s.docOf.get(k);
    if (text !== undefined) storedText.set(k, text);
  }

  const plan = planBatch(docs, existing, storedText, options);
  const oldTexts = new Map<string, string>();
  // What a replacement leaves as it was: a push that adds a record changes no name, search term,
  // registration key or relation, and rewriting those rows (a delete and an insert per search
  // term) was most of an update's database time (bench:realtime, profiled).
  const kept = new Map<string, KeptRows>();
  const writtenDoc = new Map(plan.writes.map((w) => [w.keyNo, w.doc]));
  // Person identity (relations/identity-store.ts): the replaced companies' identities and the
  // names their documents mentioned, read before the rows change.
  const before = new Map<string, CompanyIdentity>();
  const oldPersons = new Map<string, string[]>();
  for (const k of plan.replacedKeys) {
    const id = s.identityOf.get(k);
    if (id) before.set(k, { nameNorm: id.name_norm, uscc: id.uscc });
  }
  const relationsReplaced = (k: string): void => {
    oldPersons.set(k, s.personsOf.all(k));
    s.deleteRelations.run(k);
  };
  for (const k of plan.replacedKeys) {
    const old = storedText.get(k) ?? s.docOf.get(k);
    if (old === undefined) {
      s.deleteNames.run(k);
      relationsReplaced(k);
      continue;
    }
    oldTexts.set(k, old);
    const stored = JSON.parse(old) as CompanyDocument;
    const next = writtenDoc.get(k)!;
    const source = searchSourceOfDocument(stored);
    const oldTerms = searchTermsOf(source);
    const oldKeys = registrationKeysOf(stored);
    const same: KeptRows = {
      names: sameList(source.names, next.names),
      terms: next.searchTerms === encodeSearchTerms(oldTerms),
      keys: JSON.stringify(oldKeys) === JSON.stringify(next.registrationKeys),
      relations: next.relationEdges !== undefined && JSON.stringify(relationEdgesOf(stored)) === JSON.stringify(next.relationEdges),
    };
    kept.set(k, same);
    if (!same.names) s.deleteNames.run(k);
    if (!same.relations) relationsReplaced(k);
    // The old terms, derived from the old document (no index by KeyNo is kept for them).
    if (!same.terms) for (const t of oldTerms) s.deleteTerm.run(t.anchor, t.term, k, t.field);
    if (!same.keys) for (const key of oldKeys) s.deleteKey.run(key.kind, key.value, k);
  }
  const after = new Map<string, CompanyIdentity>();
  for (const { doc, keyNo } of plan.writes) {
    const row = toRow(doc, keyNo);
    s.upsert.run(COMPANY_COLUMNS.map((c) => row[c]));
    after.set(keyNo, { nameNorm: row.name_norm, uscc: row.uscc });
  }
  for (const { doc, keyNo } of plan.writes) {
    const same = kept.get(keyNo);
    if (!same?.names) doc.names.forEach((name, i) => s.insertName.run(name, keyNo, i === 0 ? 1 : 0));
    if (!same?.terms) s.insertTerms.write(doc.searchTerms, keyNo);
    if (!same?.relations) insertRelationEdges(s.insertRelation, doc.relationEdges, keyNo);
    if (!same?.keys) insertRegistrationKeys(s.insertKey, doc, keyNo);
  }
  markPersonsDirty(s, plan.writes, kept, oldPersons, before, after);
  const feed = options.feed;
  if (feed) {
    // One writer: ids are assigned in commit order (the feed's cursor, docs/realtime.md).
    for (const { doc, keyNo } of plan.writes) {
      let lastEvent = 0;
      for (const e of eventsOfWrite(oldTexts.get(keyNo), textOf(doc.docText), feed.write)) {
        lastEvent = Number(s.insertEvent.run(keyNo, e.type, JSON.stringify(e.data), feed.now).lastInsertRowid);
      }
      if (lastEvent > 0) feed.write.recorded?.(keyNo, lastEvent);
    }
  }
  return plan.outcomes;
}

/**
 * Marks the names whose person groups this batch may change (identity-store.ts `dirtiedBy`), after
 * its edges are written, in its transaction: a reader never trusts a kept group the batch changed.
 */
function markPersonsDirty(
  s: Statements,
  writes: ReadonlyArray<{ doc: SqliteWritable; keyNo: string }>,
  kept: ReadonlyMap<string, KeptRows>,
  oldPersons: ReadonlyMap<string, string[]>,
  before: ReadonlyMap<string, CompanyIdentity>,
  after: ReadonlyMap<string, CompanyIdentity>,
): void {
  const changes = [
    ...[...oldPersons.values()].map((persons) => ({ oldPersons: persons })),
    ...writes.filter((w) => !kept.get(w.keyNo)?.relations).map((w) => ({ newEdges: w.doc.relationEdges })),
  ];
  const { names, refs } = dirtiedBy(changes, before, after);
  const all = new Set(names);
  for (const r of refs) for (const n of s.namesNaming.all(r, r)) all.add(n);
  for (const n of [...all].sort()) s.markDirty.run(n);
}

/**
 * SQLite page cache for a bulk import, in KiB (negative `cache_size` means KiB). The default 2 MB
 * holds little of the five random-keyed indexes (KeyNo, USCC, regNo, names twice) a million
 * companies have, so nearly every insert re-read index pages through system calls. Measured over
 * 100,000 companies (one thread, 2 runs each): 64 MB cut the importer's system CPU time from ~7.2 s
 * to ~4.3 s and its total CPU by ~20 %, for ~35 MB more RSS. At 1,000,000 companies (indexes
 * ~300 MB) 96 MB measured no less CPU than 64 MB (291 vs 277 µs per company) and 40 MB more peak
 * RSS (469 vs 429 MB, budget 500 MB), so 64 MB it is (docs/data-store.md, runs 5 and 6).
 */
export const BULK_IMPORT_CACHE_KIB = 64 * 1024;

/**
 * WAL pages between automatic checkpoints during a bulk import (default 1,000). Every batch
 * dirties index pages all over the five random-keyed indexes; checkpointing after every batch
 * copied each of them into the database file once per batch, checkpointing every ~64 MB of WAL
 * copies a page once however many batches changed it in between.
 */
export const BULK_IMPORT_CHECKPOINT_PAGES = 16 * 1024;

/**
 * Page cache for a load into an empty store (sqlite-bulk-load.ts), in KiB: it only appends rows
 * and sorts each index once at the end, so the random-access working set above is gone, and the
 * importer's peak RSS at 1,000,000 companies was over its 500 MB budget with 64 MB.
 */
export const BULK_LOAD_CACHE_KIB = 16 * 1024;

/** Applies the bulk-import settings to this connection and returns a function that restores them. */
export function useBulkImportSettings(sqlite: SqliteDatabase.Database, cacheKib = BULK_IMPORT_CACHE_KIB): () => void {
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  const checkpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${-cacheKib}`);
  // 0 means another thread checkpoints (src/db/wal-checkpointer.ts, in the server): leave it so.
  if (checkpoint > 0 && checkpoint < BULK_IMPORT_CHECKPOINT_PAGES) sqlite.pragma(`wal_autocheckpoint = ${BULK_IMPORT_CHECKPOINT_PAGES}`);
  return () => {
    if (!sqlite.open) return;
    sqlite.pragma(`cache_size = ${Math.trunc(cache)}`);
    sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(checkpoint)}`);
  };
}
