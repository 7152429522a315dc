import type { Kysely } from 'kysely';

/**
 * `console_imports`: the console's NDJSON imports and their progress as the server counts it
 * (bytes read of the upload, lines processed, imported/updated/unchanged/rejected so far), updated
 * after every batch, then the summary. In the database so that any API process of a scale-out
 * deployment answers the 数据 page's polls, whichever process runs the import.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('console_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('bytes_total', 'bigint')
    .addColumn('bytes_read', 'bigint', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('console_imports_created').on('console_imports').column('created_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
