/**
 * PostgreSQL: the edge table's indexes left out while a large import loads an empty store, and
 * built once from a sort when it ends (import.ts).
 *
 * Why: each edge row costs three random B-tree inserts (by `src`, by `(a_ref, kind, src)`, by
 * `(b_ref, kind)`), ~6.6 rows per company; once those indexes outgrow the server's buffer cache
 * every insert reads and dirties index pages at random. Measured at 335,603 edges (50,000
 * generated companies, rows in random order): the inserts took 0.64 s without the indexes and 5.26
 * s with them; building the three afterwards takes well under a second. The SQLite bulk load
 * (sqlite-bulk-load.ts) does the same for every company table inside its one transaction.
 *
 * Unlike SQLite's load, the PostgreSQL import commits batch by batch (concurrent writers wait only
 * for the companies they share; there is no store-wide lock to hold for an hour), so the indexes
 * are dropped in a committed transaction and the table is without them until the import ends.
 * What that costs others, and why it is still safe:
 * - readers see committed batches as always, consistent; a graph read in that time scans the
 *   table instead of probing an index (slow, never wrong). Only an import that found the store
 *   *empty* defers, where nobody can be relying on the graph yet, and only once it has written
 *   enough to mark the whole store's person identity (a few thousand companies): a small load
 *   keeps its indexes, and the batches before that point, which look up names per batch
 *   (`namesNaming`), have them.
 * - the marker row `relations.edge-indexes = deferred` is written in the same transaction as the
 *   drop; whoever finds it restores the indexes (`restoreEdgeIndexes`, idempotent, under one
 *   advisory lock): the import at its end (also after an abort), and `ensureRelationGraph` at the
 *   start of every import and `serve` (rebuild.ts), so a crash mid-load leaves a store that the
 *   next run repairs. Indexes carry no constraint here, so nothing else depends on them.
 */
import { sql, type Kysely } from 'kysely';
import { sqliteHandleOf } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';

/** `system_settings` row present while the edge indexes are left out. */
export const EDGE_INDEXES_MARKER = 'relations.edge-indexes';

/**
 * The edge table's indexes as the migrations create them (0060, 0090); `test/import-edge-indexes`
 * holds this list to what the migrated schema has, so a migration that changes them fails there.
 */
export const EDGE_INDEXES: ReadonlyArray<{ name: string; columns: readonly string[] }> = [
  { name: 'company_relations_src', columns: ['src'] },
  { name: 'company_relations_a_src', columns: ['a_ref', 'kind', 'src'] },
  { name: 'company_relations_b', columns: ['b_ref', 'kind'] },
];

/** Serialises deferring and restoring between processes. */
const EDGE_INDEX_LOCK = 0x7a78_6569; // "zxei"

/** Sort memory for building the indexes (session-local; the default 64 MB spills to disk at 1,000,000 companies). */
const BUILD_MEMORY = '256MB';

/**
 * Drops the edge indexes and records that they are deferred, in one transaction (PostgreSQL only;
 * returns whether it did). The caller's rule (import.ts): an import that found the store empty,
 * once it is large enough to mark the whole store's person identity.
 */
export async function deferEdgeIndexes(db: Kysely<Schema>): Promise<boolean> {
  if (sqliteHandleOf(db)) return false;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${EDGE_INDEX_LOCK})`.execute(trx);
    await trx.deleteFrom('system_settings').where('name', '=', EDGE_INDEXES_MARKER).execute();
    await trx.insertInto('system_settings').values({ name: EDGE_INDEXES_MARKER, value: 'deferred' }).execute();
    for (const index of EDGE_INDEXES) await trx.schema.dropIndex(index.name).ifExists().execute();
    return true;
  });
}

/**
 * Builds the edge indexes again if they were deferred, and removes the marker, in one transaction;
 * returns the milliseconds it took, or undefined when nothing was deferred.
 */
export async function restoreEdgeIndexes(db: Kysely<Schema>): Promise<number | undefined> {
  if (sqliteHandleOf(db)) return undefined;
  const started = performance.now();
  const restored = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${EDGE_INDEX_LOCK})`.execute(trx);
    if (!(await trx.selectFrom('system_settings').select('value').where('name', '=', EDGE_INDEXES_MARKER).executeTakeFirst())) return false;
    await sql`set local maintenance_work_mem = ${sql.lit(BUILD_MEMORY)}`.execute(trx);
    for (const index of EDGE_INDEXES) await trx.schema.createIndex(index.name).ifNotExists().on('company_relations').columns([...index.columns]).execute();
    await trx.deleteFrom('system_settings').where('name', '=', EDGE_INDEXES_MARKER).execute();
    return true;
  });
  return restored ? performance.now() - started : undefined;
}
