import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * SQLite only: every index of `companies` and `company_names` becomes a named index that a bulk
 * load may drop and rebuild (src/companies/sqlite-bulk-load.ts). Under 0001 three of the five
 * were implicit (`sqlite_autoindex_*` of the KeyNo primary key, the USCC UNIQUE constraint and the
 * names' primary key), which SQLite cannot drop; a load into an empty store then paid for five
 * randomly keyed B-tree inserts per company instead of one sort per index at the end.
 *
 * The tables are rebuilt (SQLite cannot drop a constraint in place), following SQLite's
 * documented procedure: foreign keys off, one transaction, copy, drop, rename. Same columns, same
 * uniqueness, same foreign key; PostgreSQL keeps 0001's constraints, which it can drop and rebuild
 * without a table rewrite, so this is a no-op there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  // Kysely runs SQLite migrations outside a transaction (no transactional DDL in its adapter), on
  // its single connection, so the pragma and the explicit transaction below are ours to manage.
  // foreign_keys cannot change inside a transaction, and dropping the old `companies` with it on
  // would cascade-delete every company's names.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await sql`CREATE TABLE companies_rebuilt (
        key_no text NOT NULL,
        uscc text,
        reg_no text,
        name text NOT NULL,
        name_norm text NOT NULL,
        entity_kind text NOT NULL,
        status_norm text NOT NULL,
        doc text NOT NULL,
        doc_hash text NOT NULL,
        synthetic integer NOT NULL DEFAULT 0,
        data_as_of text,
        updated_at text NOT NULL
      )`.execute(db);
      const columns = sql.raw('key_no, uscc, reg_no, name, name_norm, entity_kind, status_norm, doc, doc_hash, synthetic, data_as_of, updated_at');
      await sql`INSERT INTO companies_rebuilt (${columns}) SELECT ${columns} FROM companies ORDER BY rowid`.execute(db);
      await sql`CREATE TABLE company_names_rebuilt (
        name_norm text NOT NULL,
        key_no text NOT NULL REFERENCES companies (key_no) ON DELETE CASCADE,
        is_current integer NOT NULL
      )`.execute(db);
      await sql`INSERT INTO company_names_rebuilt (name_norm, key_no, is_current) SELECT name_norm, key_no, is_current FROM company_names ORDER BY rowid`.execute(db);
      await sql`DROP TABLE company_names`.execute(db);
      await sql`DROP TABLE companies`.execute(db);
      await sql`ALTER TABLE companies_rebuilt RENAME TO companies`.execute(db);
      await sql`ALTER TABLE company_names_rebuilt RENAME TO company_names`.execute(db);
      await sql`CREATE UNIQUE INDEX companies_key_no ON companies (key_no)`.execute(db);
      await sql`CREATE UNIQUE INDEX companies_uscc ON companies (uscc)`.execute(db);
      await sql`CREATE INDEX companies_reg_no ON companies (reg_no)`.execute(db);
      await sql`CREATE UNIQUE INDEX company_names_name_key_no ON company_names (name_norm, key_no)`.execute(db);
      await sql`CREATE INDEX company_names_key_no ON company_names (key_no)`.execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`rebuilding the company tables would break ${broken.rows.length} foreign key reference(s)`);
      await sql`COMMIT`.execute(db);
    } catch (err) {
      await sql`ROLLBACK`.execute(db);
      throw err;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
