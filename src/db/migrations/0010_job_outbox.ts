import type { Kysely } from 'kysely';

/**
 * Transactional outbox of the Redis (BullMQ) job queue: a row per report job committed with its
 * order and not yet handed to Redis. Empty in embedded mode (the database queue needs no outbox).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_outbox')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_outbox_created_at').on('job_outbox').column('created_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
