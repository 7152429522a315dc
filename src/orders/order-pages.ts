import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { orderFromRow, type Order, type OrderState } from './orders.js';

/**
 * The console's order list: newest first (ties by order number), one page at a time with a keyset
 * cursor, so a page costs the same at the millionth order as at the first. Each filter is served
 * by an index of migration 0080 or an older one (account, state, company name, USCC, with the
 * date range on `created_at` inside each).
 */
export interface OrderPageQuery {
  readonly accountKey?: string;
  readonly state?: OrderState;
  /** A company's exact name or USCC (as the 企业 page and the order itself show them). */
  readonly company?: string;
  /** Beijing calendar dates, inclusive: `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: OrderCursor;
  readonly limit: number;
}

export interface OrderCursor {
  readonly createdAt: string;
  readonly orderNo: string;
}

export interface OrderPage {
  readonly orders: Order[];
  /** The cursor of the next page; null on the last. */
  readonly next: OrderCursor | null;
}

const USCC_LIKE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The UTC instant a Beijing calendar day starts at (`2026-12-01` → `2026-11-30T16:00:00.000Z`). */
export function beijingDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

/** The next day's date, for an inclusive `to`. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export async function listOrderPage(db: Kysely<Schema>, query: OrderPageQuery): Promise<OrderPage> {
  let q = db.selectFrom('orders').selectAll();
  if (query.accountKey) q = q.where('account_key', '=', query.accountKey);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.company) {
    q = USCC_LIKE.test(query.company) ? q.where('credit_code', '=', query.company) : q.where('company_name', '=', query.company);
  }
  if (query.from) q = q.where('created_at', '>=', beijingDayStart(query.from));
  if (query.to) q = q.where('created_at', '<', beijingDayStart(nextDay(query.to)));
  const cursor = query.cursor;
  if (cursor) q = q.where((eb) => eb(eb.refTuple('created_at', 'order_no'), '<', eb.tuple(cursor.createdAt, cursor.orderNo)));
  const rows = await q.orderBy('created_at', 'desc').orderBy('order_no', 'desc').limit(query.limit + 1).execute();
  const orders = rows.slice(0, query.limit).map(orderFromRow);
  const last = orders[orders.length - 1];
  return { orders, next: rows.length > query.limit && last ? { createdAt: last.createdAt, orderNo: last.orderNo } : null };
}

/** The cursor as one opaque URL-safe token, and back (undefined when it is not one of ours). */
export function encodeOrderCursor(c: OrderCursor): string {
  return Buffer.from(`${c.createdAt}|${c.orderNo}`, 'utf8').toString('base64url');
}

export function decodeOrderCursor(token: string): OrderCursor | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)\|([0-9a-f]{32})$/.exec(text);
  return m ? { createdAt: m[1]!, orderNo: m[2]! } : undefined;
}
