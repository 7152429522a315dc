import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { JobHandlers } from '../queue/job-queue.js';
import { isTransientBlobError, type BlobStore } from '../storage/blob-store.js';
import { BLOB_WRITE_RETRY, retryTransient, realRetryDeps, type RetryBudget } from '../storage/transient-retry.js';
import type { Clock } from '../ops/clock.js';
import { storedFailReason } from './fail-reasons.js';
import { CONTENT_TYPES, findOrder, markOrderFailedAndRefund, markOrderSucceeded, reportBlobKey, type OrderFinishedHook } from './orders.js';
import type { ReportProducer } from './ports.js';

export interface ReportJobDeps {
  readonly db: Kysely<Schema>;
  readonly blobStore: BlobStore;
  readonly producer: ReportProducer;
  readonly clock: Clock;
  readonly retentionDays: number;
  /** Observes each render (seconds, outcome), for /metrics. */
  readonly observeRender?: (seconds: number, outcome: 'ok' | 'error') => void;
  /** Told about every failed attempt (to be retried) and every order given up on (F, refunded). */
  readonly onFailure?: (event: { orderNo: string; attempt?: number; final: boolean; error: unknown }) => void;
  /** Retries of a transient blob store error within one attempt (default BLOB_WRITE_RETRY, minutes). */
  readonly blobRetry?: RetryBudget;
  /** In the transaction that finishes an order (S or F): the report.finished callback is stored there. */
  readonly onOrderFinished: OrderFinishedHook;
  /** After an order finished (wakes an in-process callback dispatcher). */
  readonly afterOrderFinished?: () => void;
}

/**
 * The report job, safe to run any number of times: the order row is the truth. A job for an order
 * that is no longer P does nothing; the file goes to a key derived from the order (the blob store
 * keeps the first file written there); the order becomes S only if it is still P.
 */
export function reportJobHandlers(deps: ReportJobDeps): JobHandlers {
  return {
    async handle({ orderNo }, attempt) {
      try {
        await produceOnce(orderNo);
      } catch (error) {
        deps.onFailure?.({ orderNo, attempt, final: false, error });
        throw error;
      }
    },
    async exhausted({ orderNo }, error) {
      deps.onFailure?.({ orderNo, final: true, error });
      // The customer sees only the code's fixed text (fail-reasons.ts); the detail stays with us.
      await markOrderFailedAndRefund(deps.db, orderNo, storedFailReason(error), deps.clock.now(), deps.onOrderFinished);
      deps.afterOrderFinished?.();
    },
  };

  async function produceOnce(orderNo: string): Promise<void> {
    const order = await findOrder(deps.db, orderNo);
    if (!order || order.state !== 'P') return;
    const started = process.hrtime.bigint();
    let bytes: Uint8Array;
    try {
      bytes = await deps.producer.produce(order, deps.clock.now());
      deps.observeRender?.(Number(process.hrtime.bigint() - started) / 1e9, 'ok');
    } catch (err) {
      deps.observeRender?.(Number(process.hrtime.bigint() - started) / 1e9, 'error');
      throw err;
    }
    const blobKey = reportBlobKey(order);
    // A blob store blip (a restart, a failover) is waited out here, with backoff, instead of
    // spending the job's attempts (each of which renders again) within seconds.
    const info = await retryTransient(() => deps.blobStore.put(blobKey, bytes, CONTENT_TYPES[order.format]), isTransientBlobError, deps.blobRetry ?? BLOB_WRITE_RETRY, {
      ...realRetryDeps,
      onRetry: (error, attempt, waitMs) => deps.onFailure?.({ orderNo, attempt, final: false, error: new Error(`blob store unavailable, retry ${attempt} in ${waitMs} ms: ${error instanceof Error ? error.message : String(error)}`) }),
    });
    await markOrderSucceeded(deps.db, orderNo, { blobKey, fileSize: info.size, nowMs: deps.clock.now(), retentionDays: deps.retentionDays }, deps.onOrderFinished);
    deps.afterOrderFinished?.();
  }
}
