import { sql, type Kysely } from 'kysely';
import { chinaDayStart } from '../accounts/quotas.js';
import type { Schema } from '../db/schema.js';
import { countOrdersByState, orderFromRow } from '../orders/orders.js';
import type { JobQueue } from '../queue/job-queue.js';

/**
 * Days the overview's charts cover. A day is the China day (Asia/Shanghai, UTC+8, no daylight
 * saving), as the daily quotas count it: a call at 16:30 UTC belongs to the next day's bar.
 */
export const OVERVIEW_DAYS = 14;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** Where the China day `daysBack` days before today's began, as an ISO instant (comparable with stored `at`). */
function dayStart(nowMs: number, daysBack: number): string {
  return new Date(Date.parse(chinaDayStart(nowMs)) - daysBack * DAY_MS).toISOString();
}

/** The last `OVERVIEW_DAYS` China dates, oldest first, so a day without traffic still shows (as 0, which is then true). */
export function dayLabels(nowMs: number, days = OVERVIEW_DAYS): string[] {
  return Array.from({ length: days }, (_, i) => new Date(Date.parse(dayStart(nowMs, days - 1 - i)) + CHINA_OFFSET_MS).toISOString().slice(0, 10));
}

/**
 * The China date of a stored instant's UTC hour (`2026-12-06T16` → `2026-12-07`). The database
 * groups by the UTC hour (a plain prefix of the stored ISO text, the same on SQLite and PostgreSQL)
 * and the hours are folded into China days here: China's offset is whole hours.
 */
export function chinaDayOfHour(utcHour: string): string {
  return new Date(Date.parse(`${utcHour}:00:00Z`) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export interface DayCount { readonly day: string; readonly label: string; readonly n: number }

/** The median and 95th percentile of a sorted list (undefined when empty: nothing measured, not zero). */
export function percentiles(sorted: readonly number[]): { median: number; p95: number } | null {
  if (sorted.length === 0) return null;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const hour = sql<string>`substr(at, 1, 13)`;
const orderHour = sql<string>`substr(created_at, 1, 13)`;

/** Rows counted per UTC hour, summed per China day and label. */
function byChinaDay(rows: ReadonlyArray<{ hour: string; label: string; n: number | string }>): DayCount[] {
  const sums = new Map<string, DayCount>();
  for (const r of rows) {
    const d = chinaDayOfHour(r.hour);
    const k = `${d}\0${r.label}`;
    const found = sums.get(k);
    sums.set(k, { day: d, label: r.label, n: (found?.n ?? 0) + Number(r.n) });
  }
  return [...sums.values()];
}

export async function operatorOverview(db: Kysely<Schema>, queue: JobQueue, nowMs: number) {
  const since = dayStart(nowMs, OVERVIEW_DAYS - 1);
  // API calls only: the console's own lines are `console:…`.
  const calls = await db.selectFrom('audit_log')
    .select([hour.as('hour'), 'status', 'interface', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('at', '>=', since).where('interface', 'not like', 'console:%')
    .groupBy([hour, 'status', 'interface']).execute();
  const orders = await db.selectFrom('orders').select([orderHour.as('hour'), 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', since).groupBy([orderHour, 'state']).execute();
  const recentDone = await db.selectFrom('orders').select(['created_at', 'finished_at']).where('state', '=', 'S')
    .orderBy('created_at', 'desc').limit(200).execute();
  const seconds = recentDone.filter((r) => r.finished_at).map((r) => (Date.parse(r.finished_at!) - Date.parse(r.created_at)) / 1000).sort((a, b) => a - b);
  const failures = await db.selectFrom('orders').selectAll().where('state', '=', 'F').orderBy('created_at', 'desc').limit(10).execute();
  let queueDepth: number | null = null;
  try {
    queueDepth = await queue.depth();
  } catch {
    queueDepth = null; // shown as "unknown", never as 0
  }
  return {
    days: dayLabels(nowMs),
    requestsByStatus: byChinaDay(calls.map((r) => ({ hour: r.hour, label: r.status, n: r.n }))),
    requestsByInterface: byChinaDay(calls.map((r) => ({ hour: r.hour, label: r.interface, n: r.n }))),
    ordersByDay: byChinaDay(orders.map((r) => ({ hour: r.hour, label: r.state, n: r.n }))),
    ordersByState: await countOrdersByState(db),
    queueDepth,
    turnaround: { orders: seconds.length, seconds: percentiles(seconds) },
    recentFailures: failures.map(orderFromRow).map((o) => ({ orderNo: o.orderNo, companyName: o.companyName, accountKey: o.accountKey, createdAt: o.createdAt, failReason: o.failReason })),
  };
}

/** A customer's calls per China day and Status over the overview's days (index audit_log_key_at). */
export async function usageByDay(db: Kysely<Schema>, accountKey: string, nowMs: number) {
  const rows = await db.selectFrom('audit_log').select([hour.as('hour'), 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('account_key', '=', accountKey).where('at', '>=', dayStart(nowMs, OVERVIEW_DAYS - 1)).where('interface', 'not like', 'console:%')
    .groupBy([hour, 'status']).execute();
  return { days: dayLabels(nowMs), byStatus: byChinaDay(rows.map((r) => ({ hour: r.hour, label: r.status, n: r.n }))) };
}
