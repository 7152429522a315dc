import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Schema } from '../db/schema.js';
import { compiledStatement } from '../db/compiled-query.js';
import { DEFAULT_RETRY_POLICY, type JobHandlers, type JobQueue, type ReportJobRef, type RetryPolicy } from './job-queue.js';

export interface DbJobQueueOptions {
  /** Idle polling interval; `kick()` wakes the workers at once after a local enqueue. */
  readonly pollMs?: number;
  /** A claimed job whose lease runs out (its process died) is claimed again by someone else. */
  readonly leaseMs?: number;
  readonly retry?: RetryPolicy;
  /** How long `stop()` lets running jobs finish before handing them back. */
  readonly stopTimeoutMs?: number;
  readonly onError?: (err: unknown, job?: ReportJobRef) => void;
}

export interface DbJobQueue extends JobQueue {
  /** Wakes idle workers of this process (called after an order commits). */
  kick(): void;
}

/**
 * The job queue in the database itself (the embedded default): a `report_jobs` row per order,
 * written in the order's transaction. Workers claim a row by setting a lease with a conditional
 * UPDATE (and `FOR UPDATE SKIP LOCKED` where the dialect has it), renew the lease while the job
 * runs, and delete the row when done. Rows survive a crash; a dead worker's lease expires and the
 * job is claimed again, which the idempotent handler tolerates.
 */
export function dbJobQueue(database: Database, options: DbJobQueueOptions = {}): DbJobQueue {
  const db: Kysely<Schema> = database.db;
  const pollMs = options.pollMs ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const owner = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  const active = new Map<string, Promise<void>>();
  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const iso = (ms: number) => new Date(ms).toISOString();

  async function claim(): Promise<{ orderNo: string; attempt: number } | undefined> {
    const now = Date.now();
    return db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('report_jobs')
        .select(['order_no', 'attempts'])
        .where('run_at', '<=', iso(now))
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso(now))]))
        .orderBy('run_at')
        .limit(1);
      if (database.capabilities.supportsSkipLocked) q = q.forUpdate().skipLocked();
      const row = await q.executeTakeFirst();
      if (!row) return undefined;
      const res = await trx
        .updateTable('report_jobs')
        .set({ lease_until: iso(now + leaseMs), lease_owner: owner, attempts: Number(row.attempts) + 1 })
        .where('order_no', '=', row.order_no)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso(now))]))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1 ? { orderNo: row.order_no, attempt: Number(row.attempts) + 1 } : undefined;
    });
  }

  async function finish(orderNo: string): Promise<void> {
    await db.deleteFrom('report_jobs').where('order_no', '=', orderNo).where('lease_owner', '=', owner).execute();
  }

  async function run(handlers: JobHandlers, orderNo: string, attempt: number): Promise<void> {
    const job = { orderNo };
    const renew = setInterval(() => {
      db.updateTable('report_jobs').set({ lease_until: iso(Date.now() + leaseMs) }).where('order_no', '=', orderNo).where('lease_owner', '=', owner)
        .execute().catch((err) => options.onError?.(err, job));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      if (attempt > retry.maxAttempts) {
        // Claimed again after its process died during the last attempt: no attempts left.
        await handlers.exhausted(job, new Error(`no attempts left after ${retry.maxAttempts} (worker lost during the last one)`));
        await finish(orderNo);
        return;
      }
      try {
        await handlers.handle(job, attempt);
        await finish(orderNo);
      } catch (err) {
        options.onError?.(err, job);
        if (attempt >= retry.maxAttempts) {
          await handlers.exhausted(job, err);
          await finish(orderNo);
        } else {
          await db
            .updateTable('report_jobs')
            .set({ run_at: iso(Date.now() + retry.backoffMs(attempt)), lease_until: null, lease_owner: null, last_error: errorText(err) })
            .where('order_no', '=', orderNo)
            .where('lease_owner', '=', owner)
            .execute();
        }
      }
    } catch (err) {
      // Bookkeeping failed (database gone?): the lease expires and the job is claimed again.
      options.onError?.(err, job);
    } finally {
      clearInterval(renew);
    }
  }

  async function consume(handlers: JobHandlers, concurrency: number): Promise<void> {
    while (running) {
      let claimed: { orderNo: string; attempt: number } | undefined;
      if (active.size < concurrency) {
        try {
          claimed = await claim();
        } catch (err) {
          options.onError?.(err);
        }
      }
      if (claimed && !running) {
        // Stopped while claiming: hand the job straight back rather than sit on its lease.
        await db.updateTable('report_jobs').set({ lease_until: null, lease_owner: null, attempts: claimed.attempt - 1 })
          .where('order_no', '=', claimed.orderNo).where('lease_owner', '=', owner).execute().catch((err) => options.onError?.(err));
        break;
      }
      if (claimed) {
        const { orderNo, attempt } = claimed;
        const p = run(handlers, orderNo, attempt).finally(() => {
          active.delete(orderNo);
          wake?.();
        });
        active.set(orderNo, p);
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => { clearTimeout(t); wake = undefined; resolve(); };
      });
    }
  }

  return {
    async enqueue(trx, job: ReportJobRef) {
      const now = iso(Date.now());
      await insertJob.execute(trx as Kysely<Schema>, job.orderNo, now, now);
    },
    async start(handlers, { concurrency }) {
      if (running) return;
      running = true;
      loop = consume(handlers, Math.max(1, concurrency));
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      const pending = [...active.values()];
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.allSettled(pending).then(() => false),
        new Promise<boolean>((r) => { timer = setTimeout(() => r(true), stopTimeoutMs); }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        // Hand the unfinished jobs back at once instead of waiting for their leases to expire.
        await db.updateTable('report_jobs').set({ lease_until: null, lease_owner: null }).where('lease_owner', '=', owner).execute();
      }
    },
    async depth() {
      const { n } = await db.selectFrom('report_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
    async ping() {
      await db.selectFrom('report_jobs').select('order_no').limit(1).execute();
    },
    kick() {
      wake?.();
    },
  };
}

/** Part of every order's transaction, so compiled once per dialect (src/db/compiled-query.ts). */
const insertJob = compiledStatement((db: Kysely<Schema>, orderNo: string, runAt: string, createdAt: string) =>
  db
    .insertInto('report_jobs')
    .values({ order_no: orderNo, attempts: 0, run_at: runAt, lease_until: null, lease_owner: null, last_error: null, created_at: createdAt })
    .onConflict((oc) => oc.column('order_no').doNothing()),
);

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}
