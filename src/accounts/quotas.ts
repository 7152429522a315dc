import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/** Daily quotas count by the China Standard Time calendar day (UTC+8, no DST), as customers do. */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export function chinaDayStart(nowMs: number): string {
  return new Date(Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS).toISOString();
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
