import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('key_no', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.unique())
    .addColumn('reg_no', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('status_norm', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('doc_hash', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data_as_of', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companies_reg_no').on('companies').column('reg_no').execute();

  await db.schema
    .createTable('company_names')
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull().references('companies.key_no').onDelete('cascade'))
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_names_pk', ['name_norm', 'key_no'])
    .execute();
  await db.schema.createIndex('company_names_key_no').on('company_names').column('key_no').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
