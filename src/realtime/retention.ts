/** Retention of the real-time tables, run with the report retention sweep (src/server.ts). */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { sweepIdempotencyKeys } from '../orders/orders.js';
import { sweepDeliveries } from './deliveries.js';
import { sweepFeed } from './feed.js';

export async function sweepRealtime(db: Kysely<Schema>, nowMs: number, eventRetentionDays: number): Promise<void> {
  await sweepFeed(db, nowMs, eventRetentionDays);
  await sweepDeliveries(db, nowMs, eventRetentionDays);
  await sweepIdempotencyKeys(db, nowMs);
}
