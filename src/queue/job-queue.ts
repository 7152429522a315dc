import type { Kysely } from 'kysely';

/**
 * The report job queue. Adapters: the database itself (embedded default, in-process workers) and
 * BullMQ on Redis (scale-out). Jobs are keyed by order number; the handler must be safe to run twice
 * (after a crash a job may be delivered again), so the order row, not the queue, is the truth about
 * whether a report is done.
 *
 * Deliberately not in the contract: priorities, delayed jobs chosen by callers, job payloads beyond
 * the order number, and exactly-once delivery (we promise at-least-once delivery plus an
 * idempotent handler, which together give exactly-once effects).
 */
export interface JobQueue {
  /**
   * Records the job inside the caller's transaction, so that the job exists if and only if the
   * order (and its charge) commits. A Redis-backed adapter writes an outbox row here and relays it
   * to Redis after commit.
   */
  enqueue(trx: Kysely<any>, job: ReportJobRef): Promise<void>;
  /** Starts consuming with `concurrency` parallel handlers in this process. */
  start(handlers: JobHandlers, options: { concurrency: number }): Promise<void>;
  /** Stops taking new jobs and waits for running ones to finish (or hands them back) before resolving. */
  stop(): Promise<void>;
  /** Jobs waiting or running, for /metrics. */
  depth(): Promise<number>;
  /** Reachable (for /readyz). */
  ping(): Promise<void>;
}

export interface ReportJobRef {
  readonly orderNo: string;
}

export interface JobHandlers {
  /** Does the work; a thrown error schedules a retry with backoff until attempts run out. */
  handle(job: ReportJobRef, attempt: number): Promise<void>;
  /** Called once when the last attempt failed: the order becomes F and its charge is refunded. */
  exhausted(job: ReportJobRef, error: unknown): Promise<void>;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Delay before attempt n+1 (n ≥ 1), in milliseconds. */
  backoffMs(attempt: number): number;
}

/**
 * Four attempts, waiting about 2, 8 and 32 s between them (each ×0.5–1.5 at random, so jobs that
 * failed together do not retry together): ~40 s in all, so a database or Redis outage of that
 * order does not fail an order. Blob store errors are retried within an attempt for minutes
 * (src/storage/transient-retry.ts) before an attempt counts as failed.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  backoffMs: (attempt) => Math.round(Math.min(60_000, 2_000 * 4 ** (attempt - 1)) * (0.5 + Math.random())),
};
