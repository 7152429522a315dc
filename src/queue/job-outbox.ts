import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** How many outbox rows one relay round moves; bounded so one round holds its locks briefly. */
export const OUTBOX_BATCH_SIZE = 200;

/**
 * Records a job in the `job_outbox` table inside the caller's transaction. A second enqueue of the
 * same order before the relay ran is a no-op (the order number is the key).
 */
export async function enqueueInOutbox(trx: Kysely<any>, orderNo: string): Promise<void> {
  await trx
    .insertInto('job_outbox')
    .values({ order_no: orderNo, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('order_no').doNothing())
    .execute();
}

/** How long a relay's claim on a batch lasts: past it, another relay may push the batch again. */
export const OUTBOX_CLAIM_MS = 30_000;

/**
 * Moves committed outbox rows to the external queue until none are left, and returns how many it
 * moved. A batch is claimed in a short transaction of its own (`claimed_until`, with `SKIP LOCKED`
 * where the database has it, so relays in several processes take disjoint batches) and pushed
 * after that transaction committed: no transaction, and no row lock, is ever held across `push`,
 * which may wait for a Redis that is down. A row is deleted only after `push` resolved, so a crash
 * or a failed push leaves it for the next relay once the claim expires (a failed push releases it
 * at once), and the external queue must treat a repeated order number as a duplicate (BullMQ does,
 * by job id).
 */
export async function relayOutbox(database: Database, push: (orderNos: readonly string[]) => Promise<void>, nowMs: () => number = Date.now): Promise<number> {
  const { db, capabilities } = database;
  let moved = 0;
  while (true) {
    const now = new Date(nowMs()).toISOString();
    const orderNos = await db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('job_outbox').select('order_no')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('created_at').limit(OUTBOX_BATCH_SIZE);
      if (capabilities.supportsSkipLocked) query = query.forUpdate().skipLocked();
      const claimed = (await query.execute()).map((r) => r.order_no);
      if (claimed.length > 0) {
        await trx.updateTable('job_outbox').set({ claimed_until: new Date(nowMs() + OUTBOX_CLAIM_MS).toISOString() }).where('order_no', 'in', claimed).execute();
      }
      return claimed;
    });
    if (orderNos.length === 0) return moved;
    try {
      await push(orderNos);
    } catch (err) {
      await db.updateTable('job_outbox').set({ claimed_until: null }).where('order_no', 'in', orderNos).execute().catch(() => undefined);
      throw err;
    }
    await db.deleteFrom('job_outbox').where('order_no', 'in', orderNos).execute();
    moved += orderNos.length;
    if (orderNos.length < OUTBOX_BATCH_SIZE) return moved;
  }
}

/** Jobs committed but not yet relayed (part of the queue depth). */
export async function countOutbox(db: Kysely<any>): Promise<number> {
  const row = await db.selectFrom('job_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
