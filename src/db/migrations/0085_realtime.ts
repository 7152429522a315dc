import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Real-time data and monitoring (issue 18, docs/realtime.md):
 *
 * - `company_events`: the change feed. `id` is the cursor, assigned in commit order (SQLite has one
 *   writer; on PostgreSQL the writers take a transaction-scoped advisory lock right before they
 *   insert events, so a later id never becomes visible before an earlier one). AUTOINCREMENT on
 *   SQLite so ids removed by retention are never reused.
 * - `feed_cursors`: how far a consumer inside the service (the callback dispatcher) has read.
 * - `monitor_watches`: an account's watched companies; `since_event` is the feed position when the
 *   company was added (Monitor/Events shows only what came after).
 * - `callback_deliveries`: every callback to send or sent, with its attempts (retried from the
 *   database, so a restart loses none).
 * - `idempotency_keys`: CreateReport's Idempotency-Key/requestId per account for 24 h.
 * - `report_batches`, `report_batch_items`: Report/CreateBatch.
 * - `accounts.callback_url`, `orders.callback_url`: where callbacks go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`create table company_events (id integer primary key autoincrement, key_no text not null, type text not null, data text not null, at text not null)`.execute(db);
  } else {
    await sql`create table company_events (id bigserial primary key, key_no text not null, type text not null, data text not null, at text not null)`.execute(db);
  }
  await db.schema.createIndex('company_events_key').on('company_events').columns(['key_no', 'id']).execute();
  await db.schema.createIndex('company_events_at').on('company_events').columns(['at']).execute();

  await db.schema
    .createTable('feed_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('monitor_watches')
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull())
    .addColumn('since_event', 'bigint', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_watches_pk', ['account_key', 'key_no'])
    .execute();
  await db.schema.createIndex('monitor_watches_key_no').on('monitor_watches').columns(['key_no', 'account_key']).execute();

  await db.schema
    .createTable('callback_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('callback_deliveries_due').on('callback_deliveries').columns(['state', 'next_at']).execute();
  await db.schema.createIndex('callback_deliveries_account').on('callback_deliveries').columns(['account_key', 'created_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('params_hash', 'text', (c) => c.notNull())
    .addColumn('order_no', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_key', 'idem_key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').columns(['created_at']).execute();

  await db.schema
    .createTable('report_batches')
    .addColumn('batch_no', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_batch_items')
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull())
    .addColumn('order_no', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('report_batch_items_pk', ['batch_no', 'idx'])
    .execute();

  await db.schema.alterTable('accounts').addColumn('callback_url', 'text').execute();
  await db.schema.alterTable('orders').addColumn('callback_url', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
