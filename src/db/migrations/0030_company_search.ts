import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The fuzzy-search index of companies (src/companies/search-terms.ts, docs/data-store.md "Search
 * index"): one row per (anchor, term, key_no, field). Searches read the one index, which leads with
 * the anchor so that exact, prefix and fragment matches are each one contiguous range, and covers
 * every column, so a search never reads the table. No foreign key: the writers keep the rows with
 * their company in the same transaction, and a key reference per row would cost the bulk load.
 *
 * PostgreSQL compares `term` in the C collation, so that a prefix range (`term >= q and term < q ||
 * U+10FFFF`) means "starts with q" whatever the database's default collation; SQLite's BINARY
 * collation already compares UTF-8 bytes.
 *
 * Stores that hold companies already get their terms from `ensureSearchIndex` (src/companies),
 * not here: the terms are derived by domain code this layer does not know.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('company_search')
    .addColumn('anchor', 'integer', (c) => c.notNull())
    .addColumn('term', sqlite ? 'text' : sql`text collate "C"`, (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull())
    .addColumn('field', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('company_search_term').on('company_search').columns(['anchor', 'term', 'key_no', 'field']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
