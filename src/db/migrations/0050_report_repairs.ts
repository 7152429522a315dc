import type { Kysely } from 'kysely';

/**
 * `report_repairs`: orders whose report file was found damaged when it was served (truncated,
 * changed in place, a link, an unreadable description), to be rendered again. One row per order;
 * `repaired_at` is set once a good file replaces the damaged one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_repairs')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('repaired_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
