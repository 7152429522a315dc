import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { DEFAULT_RETRY_POLICY, type JobHandlers, type JobQueue, type ReportJobRef, type RetryPolicy } from './job-queue.js';
import { enqueueInOutbox, relayOutbox, countOutbox } from './job-outbox.js';

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
}

export const DEFAULT_QUEUE_NAME = 'zhengxin-reports';
export const DEFAULT_LOCK_DURATION_MS = 15_000;
export const DEFAULT_RELAY_INTERVAL_MS = 500;
/** How long finished jobs stay in Redis: while a job id is present, BullMQ refuses a duplicate. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
const STALLED_MESSAGE = 'job stalled more than allowable limit';
const PING_TIMEOUT_MS = 2_000;

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

  async function pushToRedis(orderNos: readonly string[]): Promise<void> {
    await queue.addBulk(orderNos.map((orderNo) => ({ name: 'report', data: { orderNo }, opts: { jobId: orderNo } })));
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

    kick() {
      if (options.relay !== false && !stopped) relayInBackground();
    },
  };

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
