import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/** Daily quotas count by the China Standard Time calendar day (UTC+8, no DST), as customers do. */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export function chinaDayStart(nowMs: number): string {
  return new Date(Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS).toISOString();
}

/**
 * Orders the key placed today. Counted from the orders table itself, so the figure is exact across
 * processes and costs no extra write per call.
 */
export async function ordersToday(db: Kysely<Schema>, accountKey: string, nowMs: number): Promise<number> {
  const { n } = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_key', '=', accountKey)
    .where('created_at', '>=', chinaDayStart(nowMs))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Orders of the key still in `P` (the 122 concurrency limit). With `atMost` the count stops there
 * (a LIMIT in a subquery), so the check costs O(limit) index entries however big a backlog grows.
 */
export async function ordersInFlight(db: Kysely<Schema>, accountKey: string, atMost?: number): Promise<number> {
  let pending = db.selectFrom('orders').select('order_no').where('account_key', '=', accountKey).where('state', '=', 'P');
  if (atMost !== undefined) pending = pending.limit(atMost);
  const { n } = await db
    .selectFrom(pending.as('pending'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
