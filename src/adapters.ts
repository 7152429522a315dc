import path from 'node:path';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { dbJobQueue } from './queue/db-queue.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import { fsBlobStore } from './storage/fs-blob-store.js';

/**
 * Picks the engines the configuration names: the database queue or BullMQ on Redis, local disk or
 * an S3-compatible bucket. The rest of the service sees only the ports. The scale-out adapters are
 * imported only when selected: BullMQ and the AWS SDK take seconds to load on a busy machine, which
 * an embedded process should not pay.
 */
export interface SelectedJobQueue {
  readonly jobQueue: JobQueue;
  /** Hurries a freshly committed job along (wakes local workers, or relays the outbox to Redis). */
  readonly kick: () => void;
  readonly engine: 'database' | 'redis';
}

export async function selectJobQueue(
  config: Config,
  database: Database,
  options: { leaseMs: number; pollMs: number; log: (line: string) => void; reconcileMs?: number; onReconciled?: (counts: { requeued: number; revived: number; gaveUp: number }) => void },
): Promise<SelectedJobQueue> {
  if (config.redisUrl) {
    const { createBullmqJobQueue } = await import('./queue/bullmq-queue.js');
    const onReconciled = options.onReconciled;
    const queue = createBullmqJobQueue({
      database,
      redisUrl: config.redisUrl,
      queueName: config.queueName,
      lockDurationMs: options.leaseMs,
      log: options.log,
      reconcileMs: options.reconcileMs,
      onReconciled: onReconciled ? (r) => onReconciled({ requeued: r.requeued.length, revived: r.revived.length, gaveUp: r.gaveUp.length }) : undefined,
    });
    return { jobQueue: queue, kick: () => queue.kick(), engine: 'redis' };
  }
  const queue = dbJobQueue(database, { pollMs: options.pollMs, leaseMs: options.leaseMs });
  return { jobQueue: queue, kick: () => queue.kick(), engine: 'database' };
}

/** The blob store plus how to release its connections at shutdown. */
export interface SelectedBlobStore {
  readonly blobStore: BlobStore;
  readonly close: () => void;
  readonly engine: 'fs' | 's3';
}

export async function selectBlobStore(config: Config, reportsDirName: string): Promise<SelectedBlobStore> {
  const settings = config.blobStore;
  if (settings.kind === 's3') {
    const { createS3BlobStore } = await import('./storage/s3-blob-store.js');
    const store = createS3BlobStore({
      endpoint: settings.endpoint,
      bucket: settings.bucket,
      region: settings.region,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      forcePathStyle: settings.forcePathStyle,
    });
    return { blobStore: store, close: () => store.close(), engine: 's3' };
  }
  return { blobStore: fsBlobStore(path.join(config.dataDir, reportsDirName)), close: () => {}, engine: 'fs' };
}
