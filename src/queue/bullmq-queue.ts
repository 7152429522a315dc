import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { DEFAULT_RETRY_POLICY, type JobHandlers, type JobQueue, type ReportJobRef, type RetryPolicy } from './job-queue.js';
import { enqueueInOutbox, relayOutbox, countOutbox } from './job-outbox.js';
import { reconcilePendingOrders, type JobLiveness, type ReconcileCursor, type ReconcileReport } from './reconcile.js';
import { withTimeout } from '../io/with-timeout.js';

export interface BullmqJobQueueOptions {
  /** The database the orders live in: the outbox is a table there. */
  readonly database: Database;
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  readonly redisUrl: string;
  /** Redis key namespace; tests use a unique one per run so they can share a server. */
  readonly queueName?: string;
  readonly retryPolicy?: RetryPolicy;
  /**
   * How long a worker's claim on a job lasts without renewal. A worker killed with SIGKILL stops
   * renewing; after this long its job goes back to the queue for another worker.
   */
  readonly lockDurationMs?: number;
  /** Polling period of the outbox relay, the safety net behind the post-enqueue nudge. */
  readonly relayIntervalMs?: number;
  /** Run the outbox relay in this process (default true). */
  readonly relay?: boolean;
  /** Where background failures (relay, exhausted handler) are reported; default stderr. */
  readonly log?: (message: string) => void;
  /**
   * How often a consuming process looks for P orders without a live job (src/queue/reconcile.ts);
   * 0 turns the reconciler off. One process per period does the work (a short Redis lock), but
   * passes are idempotent, so two at once would be harmless.
   */
  readonly reconcileMs?: number;
  /** Revivals of one order's job from the failed set before the order is given up (F, refunded). */
  readonly maxRevivals?: number;
  /** Told about every reconcile pass that found something to do (for /metrics and the log). */
  readonly onReconciled?: (report: ReconcileReport) => void;
}

export const DEFAULT_QUEUE_NAME = 'zhengxin-reports';
export const DEFAULT_LOCK_DURATION_MS = 15_000;
export const DEFAULT_RELAY_INTERVAL_MS = 500;
/** How long finished jobs stay in Redis: while a job id is present, BullMQ refuses a duplicate. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
const STALLED_MESSAGE = 'job stalled more than allowable limit';
const PING_TIMEOUT_MS = 2_000;
export const DEFAULT_RECONCILE_MS = 15_000;
export const DEFAULT_MAX_REVIVALS = 3;
/** A P order younger than this is not a reconcile suspect (its job is normally on its way). */
const RECONCILE_GRACE_MS = 5_000;
const RECONCILE_BATCH = 1_000;
/** How long one Redis step of the relay or the reconciler may wait (Redis down: give up, retry later). */
export const REDIS_STEP_TIMEOUT_MS = 10_000;
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

interface ReportJobData {
  orderNo: string;
}

/**
 * JobQueue on BullMQ/Redis with a transactional outbox: `enqueue` only inserts a `job_outbox` row in
 * the caller's transaction, so a job exists if and only if its order committed; a relay (in every
 * process that has this adapter) copies outbox rows to BullMQ with `jobId = orderNo`, which makes a
 * repeated relay harmless, and deletes them once Redis has accepted them. At-least-once delivery:
 * a job whose worker died is handed to another after `lockDurationMs`; the handler is idempotent.
 */
export interface BullmqJobQueue extends JobQueue {
  /** Relays committed outbox rows now and resolves with how many went to Redis. */
  relayNow(): Promise<number>;
  /** Relays soon, in the background (called after an order commits). */
  kick(): void;
  /**
   * `jobs requeue`: one reconcile over every P order, without the grace period and without giving
   * anything up (an operator asked for it): missing jobs are queued, dead ones revived.
   */
  requeueAll(): Promise<ReconcileReport>;
}

export function createBullmqJobQueue(options: BullmqJobQueueOptions): BullmqJobQueue {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const { db } = options.database;
  const defaultJobOptions: JobsOptions = {
    attempts: policy.maxAttempts,
    backoff: { type: 'zhengxin' },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
  // BullMQ needs maxRetriesPerRequest: null so that its blocking commands survive a Redis restart.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  connection.on('error', () => { /* reconnects by itself; ping() and the relay report outages */ });
  const queue = new Queue<ReportJobData>(queueName, { connection, defaultJobOptions });
  queue.on('error', () => { /* as above */ });

  let worker: Worker<ReportJobData> | undefined;
  // BullMQ does not close connections it was given; left open, they would reconnect forever.
  let workerConnection: Redis | undefined;
  let relayTimer: NodeJS.Timeout | undefined;
  let relayRunning: Promise<number> | undefined;
  let relayAgain = false;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let reconcileTimer: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> | undefined;
  let reconcileCursor: ReconcileCursor | undefined;
  const reconcilerId = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  async function pushToRedis(orderNos: readonly string[]): Promise<void> {
    await withTimeout(queue.addBulk(orderNos.map((orderNo) => ({ name: 'report', data: { orderNo }, opts: { jobId: orderNo } }))), REDIS_STEP_TIMEOUT_MS, 'Redis (adding jobs)');
  }

  const reconcilePorts = {
    async jobLiveness(orderNos: readonly string[]): Promise<Map<string, JobLiveness>> {
      if (connection.status !== 'ready') throw new Error(`Redis is not connected (${connection.status})`);
      const out = new Map<string, JobLiveness>();
      for (let i = 0; i < orderNos.length; i += 100) {
        const chunk = orderNos.slice(i, i + 100);
        const states = await withTimeout(Promise.all(chunk.map((o) => queue.getJobState(o))), REDIS_STEP_TIMEOUT_MS, 'Redis (job states)');
        chunk.forEach((o, k) => out.set(o, LIVE_STATES.has(states[k]!) ? 'live' : states[k] === 'unknown' ? 'missing' : 'dead'));
      }
      return out;
    },
    async removeDeadJob(orderNo: string) {
      await withTimeout(queue.remove(orderNo), REDIS_STEP_TIMEOUT_MS, 'Redis (removing a dead job)');
    },
    relay: () => relayNow(),
  };

  async function requeueAll(): Promise<ReconcileReport> {
    const total: ReconcileReport = { checked: 0, live: 0, requeued: [], revived: [], gaveUp: [], problems: [], next: undefined };
    let after: ReconcileCursor | undefined;
    do {
      const pass = await reconcilePendingOrders(db, reconcilePorts, { nowMs: Date.now(), graceMs: 0, limit: RECONCILE_BATCH, after, maxRevivals: Infinity });
      Object.assign(total, { checked: total.checked + pass.checked, live: total.live + pass.live });
      total.requeued.push(...pass.requeued);
      total.revived.push(...pass.revived);
      total.problems.push(...pass.problems);
      after = pass.next;
    } while (after);
    return total;
  }

  /** One relay pass at a time per process; a nudge during a pass schedules another pass. */
  function relayNow(): Promise<number> {
    if (relayRunning) {
      relayAgain = true;
      return relayRunning;
    }
    relayRunning = (async () => {
      let total = 0;
      try {
        do {
          relayAgain = false;
          total += await relayOutbox(options.database, pushToRedis);
        } while (relayAgain && !stopped);
      } finally {
        relayRunning = undefined;
      }
      return total;
    })();
    return relayRunning;
  }

  function relayInBackground(): void {
    relayNow().catch((err: unknown) => log(`job outbox relay to Redis failed (will retry): ${messageOf(err)}`));
  }

  if (options.relay !== false) {
    // Leftovers from a crash between commit and relay go out now; afterwards the timer catches rows
    // whose nudge ran before their transaction committed.
    relayInBackground();
    relayTimer = setInterval(relayInBackground, options.relayIntervalMs ?? DEFAULT_RELAY_INTERVAL_MS);
    relayTimer.unref();
  }

  return {
    async enqueue(trx: Kysely<any>, job: ReportJobRef) {
      await enqueueInOutbox(trx, job.orderNo);
      // The caller's transaction has not committed yet; relay shortly after, and the timer covers
      // the case where this nudge is too early.
      if (options.relay !== false && !stopped) setTimeout(relayInBackground, 5).unref();
    },

    async start(handlers: JobHandlers, { concurrency }) {
      if (worker) throw new Error('this BullMQ job queue is already consuming');
      const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
      workerConnection = connection.duplicate();
      workerConnection.on('error', () => { /* reconnects by itself */ });
      worker = new Worker<ReportJobData>(
        queueName,
        async (job: Job<ReportJobData>) => {
          const ref: ReportJobRef = { orderNo: job.data.orderNo };
          const attempt = job.attemptsMade + 1;
          try {
            await handlers.handle(ref, attempt);
          } catch (err) {
            if (attempt >= policy.maxAttempts) await callExhausted(handlers, ref, err);
            throw err;
          }
        },
        {
          connection: workerConnection,
          concurrency,
          lockDuration,
          stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)),
          // A job that keeps killing its worker is failed after as many crashes as attempts.
          maxStalledCount: policy.maxAttempts,
          settings: { backoffStrategy: (attemptsMade: number) => policy.backoffMs(attemptsMade) },
        },
      );
      worker.on('error', (err) => log(`BullMQ worker error: ${messageOf(err)}`));
      startReconciler(handlers);
      worker.on('failed', (job, err) => {
        // Jobs failed for stalling never reach the processor's catch, so report them here.
        if (job && err.message === STALLED_MESSAGE) void callExhausted(handlers, { orderNo: job.data.orderNo }, err);
      });
      await worker.waitUntilReady();
    },

    stop() {
      // Idempotent: a server's shutdown path and a test may both stop the same queue.
      stopping ??= (async () => {
        stopped = true;
        if (relayTimer) clearInterval(relayTimer);
        if (reconcileTimer) clearInterval(reconcileTimer);
        await reconciling?.catch(() => undefined);
        await relayRunning?.catch(() => undefined);
        // close() lets running handlers finish; unfinished work would otherwise return via the lock.
        await worker?.close();
        await queue.close();
        workerConnection?.disconnect();
        connection.disconnect();
      })();
      return stopping;
    },

    async depth() {
      // While Redis is away its commands wait in the client's offline queue: answer at once instead
      // (a first connect in progress is bounded by the caller's timeout, /metrics's).
      if (connection.status === 'reconnecting' || connection.status === 'close' || connection.status === 'end') throw new Error(`Redis is not connected (${connection.status})`);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const inRedis = Object.values(counts).reduce((a, b) => a + b, 0);
      return inRedis + (await countOutbox(db));
    },

    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${PING_TIMEOUT_MS} ms (${redactUrl(options.redisUrl)})`)), PING_TIMEOUT_MS);
      });
      try {
        if (connection.status === 'wait') await Promise.race([connection.connect(), timeout]);
        await Promise.race([connection.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    relayNow,
    requeueAll,

    kick() {
      if (options.relay !== false && !stopped) relayInBackground();
    },
  };

  function startReconciler(handlers: JobHandlers): void {
    const every = options.reconcileMs ?? DEFAULT_RECONCILE_MS;
    if (every <= 0) return;
    const leaderKey = `zhengxin:${queueName}:reconcile-leader`;
    const pass = async () => {
      if (connection.status !== 'ready') return; // Redis away: nothing can be checked; next period
      // One process per period: the lock expires before the next period, so a dead leader is replaced.
      const won = await withTimeout(connection.set(leaderKey, reconcilerId, 'PX', Math.max(500, Math.floor(every * 0.8)), 'NX'), REDIS_STEP_TIMEOUT_MS, 'Redis (reconcile lock)');
      if (won !== 'OK') return;
      const report = await reconcilePendingOrders(db, {
        ...reconcilePorts,
        giveUp: (orderNo, reason) => handlers.exhausted({ orderNo }, new Error(`report job given up by the reconciler: ${reason}`)),
      }, { nowMs: Date.now(), graceMs: Math.min(RECONCILE_GRACE_MS, every), limit: RECONCILE_BATCH, after: reconcileCursor, maxRevivals: options.maxRevivals ?? DEFAULT_MAX_REVIVALS });
      reconcileCursor = report.next;
      if (report.requeued.length + report.revived.length + report.gaveUp.length + report.problems.length > 0) {
        log(`reconciler: ${report.checked} P orders checked, ${report.live} with a live job; queued again ${report.requeued.length} without a job, revived ${report.revived.length} from the failed set, gave up ${report.gaveUp.length}${report.problems.length ? `; could not handle ${report.problems.length}: ${report.problems.slice(0, 3).map((p) => `${p.orderNo}: ${p.problem}`).join('; ')}` : ''}`);
        options.onReconciled?.(report);
      }
    };
    reconcileTimer = setInterval(() => {
      if (reconciling || stopped) return;
      reconciling = pass().catch((err: unknown) => log(`reconciler pass failed (will retry): ${messageOf(err)}`)).finally(() => { reconciling = undefined; });
    }, every);
    reconcileTimer.unref();
  }

  async function callExhausted(handlers: JobHandlers, ref: ReportJobRef, error: unknown): Promise<void> {
    try {
      await handlers.exhausted(ref, error);
    } catch (err) {
      log(`exhausted handler for order ${ref.orderNo} failed: ${messageOf(err)}`);
      throw err;
    }
  }
}

/** Hides the password in `redis://user:secret@host` for log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable Redis URL';
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
