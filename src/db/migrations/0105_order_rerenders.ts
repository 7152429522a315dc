import type { Kysely } from 'kysely';

/**
 * `order_rerenders`: an operator's re-render of a failed order (docs/console.md, 订单). A failed
 * order keeps its state F and its refund; the re-render is a new order (own number, own charge or
 * none, own job), and this row links the two and says who asked and what was charged. The primary
 * key allows one re-render per failed order (a double click cannot start two); a re-render that
 * fails in turn can be re-rendered itself, making a chain.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('order_rerenders')
    .addColumn('failed_order_no', 'text', (c) => c.primaryKey())
    .addColumn('order_no', 'text', (c) => c.notNull().unique())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('charged', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
