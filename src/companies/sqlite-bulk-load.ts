/**
 * Loading companies into an EMPTY SQLite store: one transaction that drops the company indexes,
 * appends rows, and rebuilds the indexes before it commits.
 *
 * Why: with a million companies stored, each insert of the ordinary path walks five randomly keyed
 * B-trees (KeyNo, USCC, regNo, names twice) that no longer fit the page cache, plus three look-ups
 * of keys that are almost never there; that was about half of a 1M import's database time. Building
 * an index from a sort once the rows are in is what every bulk loader does.
 *
 * Why one transaction: nobody ever sees the store without its indexes or half loaded. Readers in
 * other connections keep the empty store with its indexes (WAL snapshot) until the commit, a crash
 * leaves the empty store exactly as it was, and there is nothing to repair. The price: the load
 * holds the write lock throughout (other writers wait, then fail with "database is locked"), and a
 * write error rolls back the whole load, not one batch. When nobody else has the store open, the
 * load also swaps the WAL for a rollback journal, which writes its pages once (`useLoadSettings`).
 *
 * Exactness without indexes: the store was empty, so a company "already stored" can only be one
 * this load wrote. `RowidsByKey` remembers the rowid written under each KeyNo, USCC and regNo; a
 * look-up reads the candidate rows by rowid and compares, and the same `planBatch` as the ordinary
 * path decides every outcome, so identity, ownership and duplicate rules are unchanged.
 */
import type SqliteDatabase from 'better-sqlite3';
import { RowidsByKey } from './rowids-by-key.js';
import {
  COMPANY_COLUMNS, COMPANY_PLACEHOLDERS, INSERT_REGISTRATION_KEY, insertRegistrationKeys, SearchTermWriter, type CompanyRowToBind, type SqliteWritable,
} from './sqlite-company-batch.js';
import { INSERT_RELATION, insertRelationEdges, type InsertRelation } from './relations/edge-store.js';
import { planBatch, type ExistingIdentity, type UpsertOutcome } from './upsert-plan.js';

interface IdentityRow {
  key_no: string;
  uscc: string | null;
  reg_no: string | null;
  doc_hash: string;
}

interface Found {
  identity: ExistingIdentity;
  rowid: number;
}

/** The end of a load, timed: the index rebuilds, then the commit with its WAL checkpoint. */
export type BulkLoadPhase = { phase: 'indexes'; ms: number; count: number } | { phase: 'commit'; ms: number };

interface DroppedIndex {
  name: string;
  sql: string;
}

const COMPANY_TABLES = ['companies', 'company_names', 'company_search', 'company_relations', 'company_contacts'] as const;

export class SqliteBulkLoad {
  private readonly byKeyNo = new RowidsByKey(1 << 16);
  private readonly byUscc = new RowidsByKey(1 << 16);
  private readonly byRegNo = new RowidsByKey(1 << 16);
  /** The line each written row came from (rowids of a load into an empty table count up from 1). */
  private lineOfRowid = new Uint32Array(1 << 16);
  private readonly identityAt: SqliteDatabase.Statement<[number], IdentityRow>;
  private readonly insert: SqliteDatabase.Statement<unknown[]>;
  private readonly insertName: SqliteDatabase.Statement<[string, string, number]>;
  private readonly insertTerms: SearchTermWriter;
  private readonly insertRelation: InsertRelation;
  private readonly insertKey: SqliteDatabase.Statement<[number, string, string]>;
  private readonly insertCreated: SqliteDatabase.Statement<[string, string, string]>;
  private open = true;
  /** Called for every company written (person identity gathers its edges here, import.ts). */
  onWritten: ((keyNo: string, doc: SqliteWritable, uscc: string | null) => void) | undefined;

  /**
   * Starts a load when both company tables are empty: takes the write lock, drops their indexes
   * (rebuilt by `finish`) and returns the load; returns undefined, having changed nothing, when the
   * store already holds companies (the ordinary per-batch path applies then).
   */
  static begin(sqlite: SqliteDatabase.Database): SqliteBulkLoad | undefined {
    if (sqlite.inTransaction) throw new Error('company bulk load: the SQLite connection is already inside a transaction');
    const settings = useLoadSettings(sqlite);
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (err) {
      settings.restore();
      throw err;
    }
    try {
      const stored = COMPANY_TABLES.some((t) => sqlite.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
      if (stored) {
        sqlite.exec('ROLLBACK');
        settings.restore();
        return undefined;
      }
      const indexes = sqlite
        .prepare<string[], DroppedIndex>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${COMPANY_TABLES.map(() => '?').join(', ')}) ORDER BY name`)
        .all(...COMPANY_TABLES);
      for (const index of indexes) sqlite.exec(`DROP INDEX ${quoteIdentifier(index.name)}`);
      return new SqliteBulkLoad(sqlite, indexes, settings);
    } catch (err) {
      sqlite.exec('ROLLBACK');
      settings.restore();
      throw err;
    }
  }

  private constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly dropped: readonly DroppedIndex[],
    private readonly settings: LoadSettings,
  ) {
    this.identityAt = sqlite.prepare('SELECT key_no, uscc, reg_no, doc_hash FROM companies WHERE rowid = ?');
    this.insert = sqlite.prepare(`INSERT INTO companies (${COMPANY_COLUMNS.join(', ')}) VALUES (${COMPANY_PLACEHOLDERS.join(', ')})`);
    this.insertName = sqlite.prepare('INSERT INTO company_names (name_norm, key_no, is_current) VALUES (?, ?, ?)');
    this.insertTerms = new SearchTermWriter(sqlite);
    this.insertRelation = sqlite.prepare(INSERT_RELATION);
    this.insertKey = sqlite.prepare(INSERT_REGISTRATION_KEY);
    this.insertCreated = sqlite.prepare(`INSERT INTO company_events (key_no, type, data, at) VALUES (?, 'company.created', ?, ?)`);
  }

  /**
   * Plans and writes one batch inside the load's transaction (same rules as `upsertBatchOnSqlite`),
   * first wins across the load: a document resolving to a company that an earlier line of the
   * load (`lines`: each document's line) already wrote, or an earlier document of this batch
   * claimed, is rejected with `duplicateOf(keyNo, thatLine)`. Into an empty store nothing else
   * can be "already stored", so this needs no table of its own.
   */
  write<D extends SqliteWritable>(
    docs: readonly D[],
    lines: readonly number[],
    toRow: (doc: D, keyNo: string) => CompanyRowToBind,
    duplicateOf: (keyNo: string, firstLine: number) => string,
    /**
     * Record a `company.created` event per company written, at this instant (the change feed;
     * without the grade, which would cost a scorecard run per company of the load).
     */
    createdAt?: string,
  ): UpsertOutcome[] {
    if (!this.open) throw new Error('company bulk load: already finished or abandoned');
    const found = new Map<string, Found>();
    const look = (table: RowidsByKey, column: 'key_no' | 'uscc' | 'reg_no', key: string): void => {
      for (const rowid of table.candidates(key)) {
        const r = this.identityAt.get(rowid);
        // A candidate whose column no longer holds the key was re-keyed, or shares a fingerprint only.
        if (r && r[column] === key) found.set(r.key_no, { identity: { keyNo: r.key_no, uscc: r.uscc, regNo: r.reg_no, hash: r.doc_hash }, rowid });
      }
    };
    for (const d of docs) {
      if (d.explicitKeyNo) look(this.byKeyNo, 'key_no', d.explicitKeyNo);
      look(this.byKeyNo, 'key_no', d.derivedKeyNo);
      if (d.uscc) look(this.byUscc, 'uscc', d.uscc);
      if (d.regNo) look(this.byRegNo, 'reg_no', d.regNo);
    }
    const existing = [...found.values()].map((f) => f.identity);

    // First wins: every company found above was written by an earlier line of this load, so
    // `admit` refuses each of them before `planBatch` would compare or replace it. Hence no stored
    // text to load, and every write below is a new row.
    const claimedInBatch = new Map<string, number>();
    const admit = (keyNo: string, index: number): string | undefined => {
      const stored = found.get(keyNo);
      const first = stored ? this.lineOfRowid[stored.rowid] : claimedInBatch.get(keyNo);
      if (first !== undefined) return duplicateOf(keyNo, first);
      claimedInBatch.set(keyNo, lines[index]!);
      return undefined;
    };
    const plan = planBatch(docs, existing, new Map(), { admit });
    if (plan.replacedKeys.length > 0) throw new Error('company bulk load: a plan replaced a company this load wrote, which admission refuses');
    for (const { doc, keyNo } of plan.writes) {
      const row = toRow(doc, keyNo);
      const rowid = Number(this.insert.run(COMPANY_COLUMNS.map((c) => row[c])).lastInsertRowid);
      this.byKeyNo.add(keyNo, rowid);
      this.rememberLine(rowid, claimedInBatch.get(keyNo)!);
      if (row.uscc !== null) this.byUscc.add(row.uscc, rowid);
      if (row.reg_no !== null) this.byRegNo.add(row.reg_no, rowid);
      doc.names.forEach((name, i) => this.insertName.run(name, keyNo, i === 0 ? 1 : 0));
      this.insertTerms.write(doc.searchTerms, keyNo);
      insertRelationEdges(this.insertRelation, doc.relationEdges, keyNo);
      this.onWritten?.(keyNo, doc, row.uscc);
      insertRegistrationKeys(this.insertKey, doc, keyNo);
      if (createdAt !== undefined) this.insertCreated.run(keyNo, JSON.stringify(row.uscc === null ? { name: row.name } : { name: row.name, uscc: row.uscc }), createdAt);
    }
    return plan.outcomes;
  }

  private rememberLine(rowid: number, line: number): void {
    if (rowid >= this.lineOfRowid.length) {
      let capacity = this.lineOfRowid.length * 2;
      while (capacity <= rowid) capacity *= 2;
      const grown = new Uint32Array(capacity);
      grown.set(this.lineOfRowid);
      this.lineOfRowid = grown;
    }
    this.lineOfRowid[rowid] = line;
  }

  /**
   * Rebuilds the dropped indexes and commits. A unique index that cannot be built (which the
   * planning above rules out) rolls the whole load back rather than commit a store without it.
   */
  finish(onPhase?: (phase: BulkLoadPhase) => void): void {
    if (!this.open) throw new Error('company bulk load: already finished or abandoned');
    try {
      let started = performance.now();
      for (const index of this.dropped) this.sqlite.exec(index.sql);
      onPhase?.({ phase: 'indexes', ms: performance.now() - started, count: this.dropped.length });
      started = performance.now();
      this.sqlite.exec('COMMIT');
      onPhase?.({ phase: 'commit', ms: performance.now() - started });
    } catch (err) {
      this.abandon();
      throw err;
    }
    this.close();
    // The WAL file grew to the size of the load and SQLite keeps a WAL file's size for reuse; give
    // the disk back. 0 means a checkpointer thread owns checkpoints (the server): leave it to it.
    // The load is committed whatever happens here, so a failure (a reader holding the WAL) only
    // leaves the file large until a later checkpoint.
    try {
      if ((this.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number) > 0) this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Best effort, see above.
    }
  }

  /** Rolls the whole load back: the store is empty again, with its indexes. */
  abandon(): void {
    if (!this.open) return;
    if (this.sqlite.open && this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
    this.close();
  }

  /** 'delete' when the load has the store to itself and writes pages once (see `useLoadSettings`), else 'wal'. */
  get journal(): 'delete' | 'wal' {
    return this.settings.rollbackJournal ? 'delete' : 'wal';
  }

  private close(): void {
    this.open = false;
    this.settings.restore();
  }
}

interface LoadSettings {
  readonly rollbackJournal: boolean;
  restore(): void;
}

/**
 * The connection settings of a load, and how to put them back.
 *
 * Foreign keys off: with the KeyNo index gone the names' foreign key has no parent index to check
 * against; the load writes a company's names right after the company, so the reference holds by
 * construction.
 *
 * A rollback journal instead of the WAL when nobody else has the store open (leaving WAL mode
 * needs that, so the attempt fails at once otherwise, and the load keeps the WAL). In WAL mode
 * every page of the load is written twice, to the WAL and by the commit's checkpoint into the
 * database, and that checkpoint ran alone at the end: 20 s of a 126 s load of 1,000,000 companies.
 * A rollback journal only records pages that existed before the transaction, and the load's pages
 * are all new, so they are written once, and spilled to the file while the load runs; a crash
 * leaves a journal that the next open rolls back, to the same empty store. The price: while it
 * runs, another process that opens the store waits and then fails with "database is locked" (in
 * WAL mode it could read the empty store). synchronous=FULL during the load, because NORMAL is
 * only crash-safe against power loss in WAL mode. The WAL comes back afterwards (and every open
 * asks for it).
 */
function useLoadSettings(sqlite: SqliteDatabase.Database): LoadSettings {
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  let rollbackJournal = false;
  let synchronous: number | undefined;
  if (sqlite.pragma('journal_mode', { simple: true }) === 'wal') {
    const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      rollbackJournal = sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
    if (rollbackJournal) {
      synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
      sqlite.pragma('synchronous = FULL');
    }
  }
  let restored = false;
  return {
    rollbackJournal,
    restore() {
      if (restored || !sqlite.open) return;
      restored = true;
      sqlite.pragma(`foreign_keys = ${foreignKeys}`);
      if (!rollbackJournal) return;
      sqlite.pragma(`synchronous = ${synchronous}`);
      try {
        sqlite.pragma('journal_mode = WAL');
      } catch {
        // Someone opened the store the moment the load ended; every open asks for WAL again.
      }
    },
  };
}

/** An identifier read from sqlite_master, quoted for DDL (identifiers cannot be bound parameters). */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
