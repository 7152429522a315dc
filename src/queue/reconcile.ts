import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/**
 * Finds orders that are P with no live job and queues them again: the repair for jobs lost with a
 * Redis that restarted without persistence (or failed over to an empty replica), for jobs that sit
 * in BullMQ's failed set while their order is still P (all attempts failed and the refund failed
 * too, e.g. during a database outage), and for anything else that leaves an order without a job.
 * A worker whose lease ran out is BullMQ's own business (its stalled-job check), so an active job
 * counts as live.
 *
 * Safe to run anywhere, at any time, any number of times at once: jobs are keyed by order number,
 * so queueing an order whose job exists is a no-op; a job is revived from the failed set at most
 * `maxRevivals` times per order (counted in `job_revivals`), after which the order is given up
 * (F and refunded) rather than retried for ever, and its in-flight slot is freed.
 */
export type JobLiveness = 'live' | 'missing' | 'dead';

export interface ReconcilePorts {
  /** Where each order's job is: waiting, delayed or running (live), absent (missing), failed or completed (dead). */
  jobLiveness(orderNos: readonly string[]): Promise<Map<string, JobLiveness>>;
  /** Removes a dead job so that the order's job id can be queued again. */
  removeDeadJob(orderNo: string): Promise<void>;
  /** Pushes the outbox rows written here to the queue. */
  relay(): Promise<number>;
  /** Gives an order up for good (F, refunded); absent: dead jobs are revived without a bound. */
  giveUp?(orderNo: string, reason: string): Promise<void>;
}

export interface ReconcileOptions {
  readonly nowMs: number;
  /** Orders younger than this are left alone (their job is normally on its way). */
  readonly graceMs: number;
  /** At most this many P orders are looked at per pass, oldest first from `after`. */
  readonly limit: number;
  /** Where the previous pass stopped (a backlog larger than `limit` is covered over several passes). */
  readonly after?: ReconcileCursor | undefined;
  readonly maxRevivals: number;
}

export interface ReconcileCursor {
  readonly createdAt: string;
  readonly orderNo: string;
}

export interface ReconcileReport {
  /** P orders looked at (not counting those whose job is still in the outbox). */
  readonly checked: number;
  readonly live: number;
  /** No job in the queue: queued again. */
  readonly requeued: string[];
  /** Job in the failed (or completed) set while the order is P: removed and queued again. */
  readonly revived: string[];
  /** Revived too often: given up (F, refunded). */
  readonly gaveUp: string[];
  /** What could not be done, and why. */
  readonly problems: Array<{ orderNo: string; problem: string }>;
  /** Where the next pass starts; undefined when this pass reached the newest P order. */
  readonly next: ReconcileCursor | undefined;
}

export async function reconcilePendingOrders(db: Kysely<Schema>, ports: ReconcilePorts, options: ReconcileOptions): Promise<ReconcileReport> {
  const cutoff = new Date(options.nowMs - options.graceMs).toISOString();
  let query = db.selectFrom('orders').select(['order_no', 'created_at'])
    .where('state', '=', 'P')
    .where('created_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('job_outbox').select('job_outbox.order_no').whereRef('job_outbox.order_no', '=', 'orders.order_no'))))
    .orderBy('created_at').orderBy('order_no')
    .limit(options.limit);
  const after = options.after;
  if (after) {
    query = query.where((eb) => eb.or([
      eb('created_at', '>', after.createdAt),
      eb.and([eb('created_at', '=', after.createdAt), eb('order_no', '>', after.orderNo)]),
    ]));
  }
  const pending = await query.execute();
  const last = pending[pending.length - 1];
  const next = pending.length === options.limit && last ? { createdAt: last.created_at, orderNo: last.order_no } : undefined;
  const report: ReconcileReport = { checked: pending.length, live: 0, requeued: [], revived: [], gaveUp: [], problems: [], next };
  if (pending.length === 0) return report;

  const liveness = await ports.jobLiveness(pending.map((p) => p.order_no));
  const suspects = pending.map((p) => p.order_no).filter((o) => liveness.get(o) !== 'live');
  (report as { live: number }).live = pending.length - suspects.length;
  if (suspects.length === 0) return report;
  // Read again after asking the queue: an order that finished meanwhile (its job completed a
  // moment ago) is not a suspect.
  const stillPending = new Set((await db.selectFrom('orders').select('order_no').where('order_no', 'in', suspects).where('state', '=', 'P').execute()).map((r) => r.order_no));
  const now = new Date(options.nowMs).toISOString();

  for (const orderNo of suspects) {
    if (!stillPending.has(orderNo)) continue;
    try {
      if (liveness.get(orderNo) === 'missing') {
        await queueAgain(db, orderNo, now);
        report.requeued.push(orderNo);
        continue;
      }
      const revived = await db.selectFrom('job_revivals').select('revivals').where('order_no', '=', orderNo).executeTakeFirst();
      const count = Number(revived?.revivals ?? 0);
      if (ports.giveUp && count >= options.maxRevivals) {
        await ports.giveUp(orderNo, `its job failed again after ${count} revivals`);
        report.gaveUp.push(orderNo);
        continue;
      }
      await ports.removeDeadJob(orderNo);
      await db.insertInto('job_revivals').values({ order_no: orderNo, revivals: 1, last_at: now })
        .onConflict((oc) => oc.column('order_no').doUpdateSet((eb) => ({ revivals: eb('job_revivals.revivals', '+', 1), last_at: now })))
        .execute();
      await queueAgain(db, orderNo, now);
      report.revived.push(orderNo);
    } catch (err) {
      report.problems.push({ orderNo, problem: err instanceof Error ? err.message : String(err) });
    }
  }
  if (report.requeued.length + report.revived.length > 0) await ports.relay();
  return report;
}

async function queueAgain(db: Kysely<Schema>, orderNo: string, nowIso: string): Promise<void> {
  await db.insertInto('job_outbox').values({ order_no: orderNo, created_at: nowIso }).onConflict((oc) => oc.column('order_no').doNothing()).execute();
}
