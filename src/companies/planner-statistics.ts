import { sql, type Kysely } from 'kysely';
import { sqliteHandleOf } from '../db/database.js';
import type { Schema } from '../db/schema.js';

/** The tables an import writes: the companies and what is derived from each of them. */
export const IMPORTED_TABLES = ['companies', 'company_names', 'company_search', 'company_relations', 'company_contacts', 'company_events'] as const;

/**
 * Whether an import that wrote `written` company rows into a store that held `rowsBefore` should
 * refresh PostgreSQL's planner statistics itself: by the rule autovacuum applies (its defaults:
 * 50 rows plus 10 % of the table), so it happens at the end of the import instead of some minutes
 * later. `rowsBefore` < 0 is PostgreSQL's "never analysed".
 */
export function needsAnalyze(rowsBefore: number, written: number): boolean {
  return written > 50 + 0.1 * Math.max(rowsBefore, 0);
}

/** PostgreSQL's estimate of the companies stored (pg_class, no scan); undefined on SQLite. */
export async function estimatedCompanies(db: Kysely<Schema>): Promise<number | undefined> {
  if (sqliteHandleOf(db)) return undefined;
  const { rows } = await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'companies'::regclass`.execute(db);
  return Number(rows[0]?.n ?? -1);
}

/**
 * ANALYZE on the tables an import filled (PostgreSQL only). Straight after a bulk import the
 * planner has no statistics for the new rows (a fresh store: none at all) and plans the search
 * index's range scans and the look-ups by key as if the tables were nearly empty; measured at
 * 1,000,000 companies, single-run medians were 2–3× higher until an ANALYZE (docs/data-store.md).
 * ANALYZE samples a fixed number of rows per table, so it costs seconds, not a pass over the data.
 * VACUUM is not run: planning reads only the statistics and page counts ANALYZE writes. What
 * VACUUM adds is the visibility map, which lets index-only scans skip the heap; autovacuum vacuums
 * tables after large inserts on its own (PostgreSQL ≥ 13), and a VACUUM of a whole load would make
 * the import read every page it just wrote once more.
 */
export async function analyzeImportedTables(db: Kysely<Schema>): Promise<void> {
  if (sqliteHandleOf(db)) return;
  await sql`ANALYZE ${sql.join(IMPORTED_TABLES.map((t) => sql.table(t)))}`.execute(db);
}
