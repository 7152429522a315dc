import type { Kysely } from 'kysely';

/**
 * The console's order list filtered by account and state together (`orders?account=…&state=F`):
 * without this index PostgreSQL walked the account's whole history newest first looking for the
 * state, ~0.9 s at 100,000 orders of one account when none matched (bench/console.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_key_state_created').on('orders').columns(['account_key', 'state', 'created_at', 'order_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
