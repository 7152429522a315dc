import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { countOrdersByState, orderFromRow } from '../orders/orders.js';
import type { JobQueue } from '../queue/job-queue.js';

/** Days the overview's charts cover (UTC days, as `audit_log.at` and `orders.created_at` are stored). */
export const OVERVIEW_DAYS = 14;

function dayStart(nowMs: number, daysBack: number): string {
  const d = new Date(nowMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - daysBack * 86_400_000).toISOString();
}

/** The last `OVERVIEW_DAYS` dates, oldest first, so a day without traffic still shows (as 0, which is then true). */
export function dayLabels(nowMs: number, days = OVERVIEW_DAYS): string[] {
  return Array.from({ length: days }, (_, i) => dayStart(nowMs, days - 1 - i).slice(0, 10));
}

export interface DayCount { readonly day: string; readonly label: string; readonly n: number }

/** The median and 95th percentile of a sorted list (undefined when empty: nothing measured, not zero). */
export function percentiles(sorted: readonly number[]): { median: number; p95: number } | null {
  if (sorted.length === 0) return null;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const day = sql<string>`substr(at, 1, 10)`;
const orderDay = sql<string>`substr(created_at, 1, 10)`;

export async function operatorOverview(db: Kysely<Schema>, queue: JobQueue, nowMs: number) {
  const since = dayStart(nowMs, OVERVIEW_DAYS - 1);
  // API calls only: the console's own lines are `console:…`.
  const calls = await db.selectFrom('audit_log')
    .select([day.as('day'), 'status', 'interface', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('at', '>=', since).where('interface', 'not like', 'console:%')
    .groupBy([day, 'status', 'interface']).execute();
  const byStatus: DayCount[] = [];
  const byInterface: DayCount[] = [];
  const add = (list: DayCount[], d: string, label: string, n: number) => {
    const found = list.find((x) => x.day === d && x.label === label);
    if (found) (found as { n: number }).n += n;
    else list.push({ day: d, label, n });
  };
  for (const r of calls) {
    add(byStatus, r.day, r.status, Number(r.n));
    add(byInterface, r.day, r.interface, Number(r.n));
  }
  const orders = await db.selectFrom('orders').select([orderDay.as('day'), 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', since).groupBy([orderDay, 'state']).execute();
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
    requestsByStatus: byStatus,
    requestsByInterface: byInterface,
    ordersByDay: orders.map((r) => ({ day: r.day, label: r.state, n: Number(r.n) })),
    ordersByState: await countOrdersByState(db),
    queueDepth,
    turnaround: { orders: seconds.length, seconds: percentiles(seconds) },
    recentFailures: failures.map(orderFromRow).map((o) => ({ orderNo: o.orderNo, companyName: o.companyName, accountKey: o.accountKey, createdAt: o.createdAt, failReason: o.failReason })),
  };
}

/** A customer's calls per day and Status over the overview's days (index audit_log_key_at). */
export async function usageByDay(db: Kysely<Schema>, accountKey: string, nowMs: number) {
  const rows = await db.selectFrom('audit_log').select([day.as('day'), 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('account_key', '=', accountKey).where('at', '>=', dayStart(nowMs, OVERVIEW_DAYS - 1)).where('interface', 'not like', 'console:%')
    .groupBy([day, 'status']).execute();
  return { days: dayLabels(nowMs), byStatus: rows.map((r) => ({ day: r.day, label: r.status, n: Number(r.n) })) };
}
