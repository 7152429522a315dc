import type { Kysely } from 'kysely';
import { getAccount } from '../accounts/accounts.js';
import type { Schema } from '../db/schema.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Transact } from './group-commit.js';
import { createOrder, findOrder, ORDER_NO_PATTERN, type CreateOrderResult, type Order } from './orders.js';

/**
 * Re-rendering a failed order (an operator's action, docs/console.md 订单).
 *
 * A failed order was refunded when it failed, and it stays as it is: F, its charge, its refund.
 * The re-render is a new order for the same company, format, report type and callback URL, linked
 * to the failed one (`order_rerenders`), charged the failed order's price or nothing, as the
 * operator chooses. So every charge keeps at most one refund, the balance history reads "charged,
 * refunded, charged again (or 0) for the re-render", and the new order goes through the ordinary
 * pipeline (job, S or F with its own refund, report.finished callback, retrieval by its number).
 */
export interface RerenderLink {
  readonly failedOrderNo: string;
  readonly orderNo: string;
  readonly actor: string;
  readonly charged: number;
  readonly at: string;
}

export type RerenderResult =
  | { ok: true; order: Order; link: RerenderLink }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'not-failed'; state: Order['state'] }
  | { ok: false; problem: 'already'; link: RerenderLink }
  | { ok: false; problem: 'refused'; status: '112' | '102' | '122' | '109' | '116' };

/** What an operator reads when a re-render is refused (the console and /admin answer with it). */
export function rerenderProblemText(r: Exclude<RerenderResult, { ok: true }>): string {
  switch (r.problem) {
    case 'not-found': return 'no such order';
    case 'not-failed': return `only a failed order (F) can be re-rendered; this one is ${r.state}`;
    case 'already': return `this order was already re-rendered as ${r.link.orderNo} (by ${r.link.actor})`;
    case 'refused':
      return r.status === '122' ? 'the account has as many orders in flight as its concurrency limit allows; try again when one finishes'
        : r.status === '112' || r.status === '102' ? `the account's balance${r.status === '102' ? ' and credit line' : ''} does not cover the price; top it up or re-render free of charge`
          : `refused with ${r.status}`;
  }
}

function linkFromRow(row: { failed_order_no: string; order_no: string; actor: string; charged: number | string; at: string }): RerenderLink {
  return { failedOrderNo: row.failed_order_no, orderNo: row.order_no, actor: row.actor, charged: Number(row.charged), at: row.at };
}

/** The re-render of a failed order, if it had one. */
export async function rerenderOf(db: Kysely<Schema>, failedOrderNo: string): Promise<RerenderLink | undefined> {
  const row = await db.selectFrom('order_rerenders').selectAll().where('failed_order_no', '=', failedOrderNo).executeTakeFirst();
  return row ? linkFromRow(row) : undefined;
}

/** The failed order an order re-renders, if it is a re-render. */
export async function rerenderedFrom(db: Kysely<Schema>, orderNo: string): Promise<RerenderLink | undefined> {
  const row = await db.selectFrom('order_rerenders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
  return row ? linkFromRow(row) : undefined;
}

/**
 * Places the re-render of failed order `orderNo`: the new order, its charge (the failed order's
 * price, or 0 when `charge` is false), its job and the link, in one transaction. The account's
 * balance and concurrency limit hold as for any order; its daily quotas do not (the operator
 * decided), though the new order counts toward the day's like any other.
 */
export async function rerenderFailedOrder(
  db: Kysely<Schema>,
  queue: Pick<JobQueue, 'enqueue'>,
  input: { orderNo: string; charge: boolean; actor: string; nowMs: number },
): Promise<RerenderResult> {
  const failed = ORDER_NO_PATTERN.test(input.orderNo) ? await findOrder(db, input.orderNo) : undefined;
  if (!failed) return { ok: false, problem: 'not-found' };
  if (failed.state !== 'F') return { ok: false, problem: 'not-failed', state: failed.state };
  const earlier = await rerenderOf(db, failed.orderNo);
  if (earlier) return { ok: false, problem: 'already', link: earlier };
  const callback = await db.selectFrom('orders').select('callback_url').where('order_no', '=', failed.orderNo).executeTakeFirst();
  const price = input.charge ? failed.price : 0;
  const at = new Date(input.nowMs).toISOString();
  // The link is written in the order's own transaction: no re-render without its link, and the
  // link's primary key makes a second, concurrent re-render of the same order roll back whole.
  const transact: Transact = <T>(work: (trx: Parameters<Parameters<Transact>[0]>[0]) => Promise<T>) => db.transaction().execute(async (trx) => {
    const result = await work(trx) as CreateOrderResult;
    if (result.ok) {
      await trx.insertInto('order_rerenders').values({ failed_order_no: failed.orderNo, order_no: result.order.orderNo, actor: input.actor, charged: price, at }).execute();
    }
    return result as T;
  });
  const account = await getAccount(db, failed.accountKey);
  let result: CreateOrderResult;
  try {
    result = await createOrder(db, queue as JobQueue, {
      account,
      company: { keyNo: failed.keyNo, name: failed.companyName, uscc: failed.creditCode },
      format: failed.format,
      price,
      nowMs: input.nowMs,
      limits: { systemDailyLimit: null, dailyQuota: null, concurrencyLimit: account.concurrencyLimit },
      reportType: failed.reportType,
      callbackUrl: callback?.callback_url ?? undefined,
    }, transact);
  } catch (err) {
    const winner = await rerenderOf(db, failed.orderNo);
    if (winner) return { ok: false, problem: 'already', link: winner };
    throw err;
  }
  if (!result.ok) {
    if (result.status === 'idempotent') throw new Error('a re-render carries no idempotency key');
    return { ok: false, problem: 'refused', status: result.status };
  }
  return { ok: true, order: result.order, link: { failedOrderNo: failed.orderNo, orderNo: result.order.orderNo, actor: input.actor, charged: price, at } };
}
