import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate.js';
import { preparingPool } from './prepared-statements.js';
import type { Schema } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What differs between the backends, as named capabilities (callers ask `supportsSkipLocked`,
 * never `dialect === 'postgres'`).
 */
export interface DialectCapabilities {
  readonly name: DialectName;
  /** `SELECT … FOR UPDATE SKIP LOCKED` for competing queue consumers. */
  readonly supportsSkipLocked: boolean;
  /** Several processes may write at once (SQLite: one writer per file, serialised). */
  readonly concurrentWriters: boolean;
}

export interface Database {
  readonly db: Kysely<Schema>;
  readonly capabilities: DialectCapabilities;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`; absent selects SQLite. */
  databaseUrl?: string | undefined;
  /** Directory for the SQLite file (`zhengxin.db`). */
  dataDir: string;
  /** Run pending migrations (default true: migrations run automatically on start). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL: bound every statement (server side `statement_timeout` and the client's wait for an
   * answer) for serving processes, so that a database that accepts connections but does not answer
   * turns into 203 instead of a hung request. Absent: no statement bound (CLI bulk loads, migrations).
   */
  statementTimeoutMs?: number;
  /** Where PostgreSQL connection errors outside a query go (a terminated backend); default stderr. */
  onConnectionError?: (message: string) => void;
}

/** How long a PostgreSQL connect (or a wait for a pooled connection) may take before the call answers 203. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;
/** A transaction left idle this long (a process stuck between statements) is ended by the server, releasing its row locks. */
export const POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
/** The serving processes' statement bound (see `statementTimeoutMs`). */
export const SERVING_STATEMENT_TIMEOUT_MS = 15_000;

export const SQLITE_FILE_NAME = 'zhengxin.db';

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl && options.statementTimeoutMs !== undefined && options.migrate !== false) {
    // Migrations (index builds over a large company table) may outlast a serving statement bound:
    // they run first on a short-lived unbounded connection.
    const migrator = openPostgres(options.databaseUrl, 1, { onConnectionError: options.onConnectionError });
    try {
      await migrateToLatest(migrator.db);
    } finally {
      await migrator.close();
    }
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options);
  }
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options)
    : openSqlite(path.join(options.dataDir, SQLITE_FILE_NAME));
  if (options.migrate !== false) {
    try {
      await migrateToLatest(database.db);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

function openSqlite(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // Takes effect only when the file is created (a store keeps its page size). A company row holds
  // its 3–4 KB document, one row per 4 KiB page with a quarter of it unused; with 16 KiB pages a
  // 100,000-company store is 8 % smaller, and building its indexes after a bulk load and
  // checkpointing it read and copy fewer, larger pages (measured: ~40 % less time in each). The
  // API's commits write larger WAL frames for it: CreateReport ~5 % slower (docs/data-store.md).
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  sqliteHandles.set(db, sqlite);
  return {
    db,
    capabilities: { name: 'sqlite', supportsSkipLocked: false, concurrentWriters: false },
    close: () => db.destroy(),
  };
}

/**
 * Settings of the connection an API server serves from; nothing on PostgreSQL.
 *
 * `temp_store = MEMORY`: SQLite keeps the undo copies of pages changed inside a savepoint (its
 * sub-journal) in memory only up to 64 KiB, then spills them to a temporary file with a write per
 * page. That is four of our 16 KiB pages, and each order of a group commit runs in a savepoint
 * that changes more (account, order, ledger, job and their index pages), so every order was
 * writing a temporary file: CreateReport spent ~30 % of its main-thread time there (perf:
 * `subjournalPageIfRequired` → `pwrite`). In memory, a sub-journal is bounded by one group
 * commit (at most 64 orders). Sorts that outgrow the page cache also stay in memory on this
 * connection; it runs none of size (bulk imports run in the CLI's own connection, the demo
 * data is a few thousand companies).
 */
export function useServingConnectionSettings(database: Database): void {
  const sqlite = sqliteHandles.get(database.db);
  if (sqlite) sqlite.pragma('temp_store = MEMORY');
}

const sqliteHandles = new WeakMap<Kysely<Schema>, SqliteDatabase.Database>();

/**
 * The better-sqlite3 handle under a SQLite `db` (undefined on PostgreSQL), for bulk paths that
 * bypass query building (the company importer). Use it only inside `db.connection().execute(…)`,
 * which holds Kysely's lock on the one connection, so no Kysely transaction is open on it meanwhile.
 * The one exception is the change watch of src/db/change-stamped-cache.ts: it reads no table, and
 * only after checking that no transaction is open.
 */
export function sqliteHandleOf(db: Kysely<Schema>): SqliteDatabase.Database | undefined {
  return sqliteHandles.get(db);
}

/**
 * Which backend a `db` (or a transaction on it) runs on, for the few statements whose SQL differs
 * (a collation, a fence, a statement PostgreSQL alone can run in one round trip).
 */
export function dialectOf(db: Kysely<Schema>): DialectName {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/**
 * Kysely prepares every query afresh; compiling SQL is a large share of a small query's cost on
 * better-sqlite3 (measured: the three statements of GetReportInfo 405 → 201 µs with a cache). Our
 * queries are built from a bounded set of shapes with bound parameters, so caching by SQL text is
 * safe; the cap only guards against a caller that builds SQL text from data. Kysely serialises
 * access to the one connection, so a cached statement is never used by two queries at once.
 */
const STATEMENT_CACHE_MAX = 1000;

const NO_OP_STATEMENT = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }), all: () => [], iterate: () => [][Symbol.iterator]() } as unknown as SqliteDatabase.Statement;

function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => { sqlite.close(); },
    prepare(sqlText: string) {
      // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, …):
      // Kysely's ROLLBACK after it would fail with "cannot rollback - no transaction is active"
      // and that error would replace the real cause, so it becomes a no-op then.
      if (sqlText === 'rollback' && !sqlite.inTransaction) return NO_OP_STATEMENT;
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
        cache.set(sqlText, statement);
      }
      return statement;
    },
  } as SqliteDialectDatabase;
}

/**
 * A pg pool that survives its server going away. A terminated backend (a PostgreSQL restart, a
 * failover, `pg_terminate_backend`, an idle-session timeout, a PgBouncer restart) makes the socket
 * emit 'error'; without a listener Node ends the process. The pool's own listener covers idle
 * clients, the per-client one covers clients checked out between two statements. A dead client is
 * dropped by the pool when released, and the next call opens a fresh connection, so the service
 * answers 203 while the server is gone and recovers by itself when it is back.
 */
function openPostgres(url: string, poolSize: number, options: Pick<OpenDatabaseOptions, 'statementTimeoutMs' | 'onConnectionError'>): Database {
  const report = options.onConnectionError ?? ((m: string) => process.stderr.write(`${m}\n`));
  const bounded = options.statementTimeoutMs;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    // JIT off for our sessions: our statements are short, and the planner's estimate for a recursive
    // ownership walk (millions, for a walk that reads a dozen rows) crossed `jit_above_cost`, so each
    // 0.5 ms walk paid 500+ ms of compilation. A `?options=` in the URL still overrides this.
    options: '-c jit=off',
    // Serving processes only: a CLI bulk load may legitimately run long statements.
    ...(bounded !== undefined
      ? { statement_timeout: bounded, query_timeout: bounded + 5_000, idle_in_transaction_session_timeout: POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS }
      : {}),
  });
  // Every client gets this listener when it connects; the pool re-emits an idle client's error,
  // which the client's own listener has already reported.
  pool.on('connect', (client) => {
    client.on('error', (err: Error) => report(`PostgreSQL connection lost (the pool reconnects on the next call): ${err.message}`));
  });
  pool.on('error', () => { /* reported by the client's listener above */ });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    db,
    capabilities: { name: 'postgres', supportsSkipLocked: true, concurrentWriters: true },
    close: () => db.destroy(),
  };
}
