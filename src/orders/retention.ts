import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { BlobStore } from '../storage/blob-store.js';

/**
 * Deletes the files of orders past their retention (the order row stays, so retrieve answers 410
 * instead of 404 and the operator keeps the history). Batched so one sweep never holds the
 * database for long; returns how many files it removed.
 */
export async function sweepExpiredReports(db: Kysely<Schema>, blobStore: BlobStore, nowMs: number, batch = 200): Promise<number> {
  const now = new Date(nowMs).toISOString();
  const expired = await db
    .selectFrom('orders')
    .select(['order_no', 'blob_key'])
    .where('state', '=', 'S')
    .where('expires_at', '<=', now)
    .where('blob_key', 'is not', null)
    .limit(batch)
    .execute();
  for (const o of expired) {
    await blobStore.delete(o.blob_key!);
    await db.updateTable('orders').set({ blob_key: null }).where('order_no', '=', o.order_no).execute();
  }
  return expired.length;
}
