import type { Kysely } from 'kysely';

/**
 * The BullMQ queue heals itself (docs/deploy.md, "What heals by itself"):
 * - `job_outbox.claimed_until`: a relay claims a batch in a short transaction and pushes it to Redis
 *   after commit, so no transaction (and no row lock) is held across a Redis call that may hang
 *   while Redis is down; an expired claim (its relay died or Redis timed out) is taken again.
 * - `job_revivals`: how often the reconciler revived an order's job from BullMQ's failed set, so
 *   that an order failing for ever is given up (F, refunded) after a bound instead of looping.
 * - `orders (state, created_at)`: the reconciler and the stuck gauge read P orders oldest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('job_outbox').addColumn('claimed_until', 'text').execute();
  await db.schema
    .createTable('job_revivals')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('revivals', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_state_created').on('orders').columns(['state', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
