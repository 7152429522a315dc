import type { Kysely } from 'kysely';

/**
 * Orders, the ledger of charges and refunds, and the database-backed job queue.
 * The ledger's unique (order_no, kind) is the last line of defence against charging or refunding
 * an order twice, whatever the code above it does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull().references('accounts.key'))
    .addColumn('key_no', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('report_format', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('retrieve_code', 'text', (c) => c.unique())
    .addColumn('blob_key', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('fail_reason', 'text')
    .execute();
  await db.schema.createIndex('orders_key_state').on('orders').columns(['account_key', 'state']).execute();
  await db.schema.createIndex('orders_key_created').on('orders').columns(['account_key', 'created_at']).execute();
  await db.schema.createIndex('orders_state_expires').on('orders').columns(['state', 'expires_at']).execute();

  await db.schema
    .createTable('account_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull().references('accounts.key'))
    .addColumn('order_no', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('account_ledger_order_kind', ['order_no', 'kind'])
    .execute();
  await db.schema.createIndex('account_ledger_key').on('account_ledger').column('account_key').execute();

  await db.schema
    .createTable('report_jobs')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_jobs_run_at').on('report_jobs').column('run_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
