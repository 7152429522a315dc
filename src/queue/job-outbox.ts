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

/**
 * Moves committed outbox rows to the external queue until none are left, and returns how many it
 * moved. A row is deleted only after `push` resolved, so a crash in between leaves it for the next
 * relay, which pushes it again: the external queue must treat a repeated order number as a
 * duplicate (BullMQ does, by job id). Where the database can `SKIP LOCKED`, concurrent relays in
 * several processes take disjoint batches; elsewhere (SQLite: one machine) they may overlap, which
 * costs a duplicate push, never a duplicate job.
 */
export async function relayOutbox(database: Database, push: (orderNos: readonly string[]) => Promise<void>): Promise<number> {
  const { db, capabilities } = database;
  let moved = 0;
  while (true) {
    const batch = await db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('job_outbox').select('order_no').orderBy('created_at').limit(OUTBOX_BATCH_SIZE);
      if (capabilities.supportsSkipLocked) query = query.forUpdate().skipLocked();
      const orderNos = (await query.execute()).map((r) => r.order_no);
      if (orderNos.length === 0) return 0;
      await push(orderNos);
      await trx.deleteFrom('job_outbox').where('order_no', 'in', orderNos).execute();
      return orderNos.length;
    });
    moved += batch;
    if (batch < OUTBOX_BATCH_SIZE) return moved;
  }
}

/** Jobs committed but not yet relayed (part of the queue depth). */
export async function countOutbox(db: Kysely<any>): Promise<number> {
  const row = await db.selectFrom('job_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Writes an outbox row for every order still `P` (recovery after Redis lost jobs). Harmless for
 * orders whose job Redis still has: the relay's job id is the order number, so BullMQ ignores them.
 */
export async function requeuePendingOrders(db: Kysely<any>, nowIso: string): Promise<number> {
  const pending = await db.selectFrom('orders').select('order_no').where('state', '=', 'P').execute();
  let queued = 0;
  for (const { order_no } of pending) {
    const result = await db
      .insertInto('job_outbox')
      .values({ order_no, created_at: nowIso })
      .onConflict((oc) => oc.column('order_no').doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}
