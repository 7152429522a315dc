/**
 * Reading the change feed (docs/realtime.md): events in cursor order after a cursor, and the
 * retention sweep. The cursor is the event id: ids become visible in increasing order on both
 * backends (see `recordFeedEvents` in src/companies/store.ts), so "everything after N" read twice
 * never skips an event committed in between.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

export interface FeedEventRow {
  readonly id: number;
  readonly keyNo: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly at: string;
}

export const FEED_PAGE_MAX = 1000;

/** Parses `after` (absent or empty: 0) and `limit` (default 100, at most FEED_PAGE_MAX); throws naming the bad one. */
export function parseFeedQuery(query: Record<string, unknown>): { after: number; limit: number } {
  const after = wholeNumber(query.after, 'after', 0);
  const limit = wholeNumber(query.limit, 'limit', 100);
  if (limit < 1 || limit > FEED_PAGE_MAX) throw new FeedQueryError('limit', `must be from 1 to ${FEED_PAGE_MAX}`);
  return { after, limit };
}

export class FeedQueryError extends Error {
  override name = 'FeedQueryError';
  constructor(readonly field: string, readonly reason: string) {
    super(`${field} ${reason}`);
  }
}

function wholeNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new FeedQueryError(name, 'must be a whole number');
  return Number(value);
}

export function rowToEvent(r: { id: number | string; key_no: string; type: string; data: string; at: string }): FeedEventRow {
  return { id: Number(r.id), keyNo: r.key_no, type: r.type, data: JSON.parse(r.data) as Record<string, unknown>, at: r.at };
}

/** Events with id > `after`, oldest first; `next` is the cursor to read on from. */
export async function readFeed(db: Kysely<Schema>, after: number, limit: number): Promise<{ events: FeedEventRow[]; next: number }> {
  const rows = await db.selectFrom('company_events').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  const events = rows.map(rowToEvent);
  return { events, next: events.length > 0 ? events[events.length - 1]!.id : after };
}

/** Drops events older than the retention; returns how many. */
export async function sweepFeed(db: Kysely<Schema>, nowMs: number, retentionDays: number): Promise<number> {
  const before = new Date(nowMs - retentionDays * 86_400_000).toISOString();
  const res = await db.deleteFrom('company_events').where('at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The newest event id (0 when the feed is empty). */
export async function feedHead(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('company_events').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}
