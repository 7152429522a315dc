import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Account, ReportFormat } from '../accounts/accounts.js';
import { insertLedger } from '../accounts/accounts.js';
import type { OrderTable, Schema } from '../db/schema.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { OrderedCompany } from './ports.js';
import { ordersInFlight, ordersToday } from '../accounts/quotas.js';

export type OrderState = 'P' | 'S' | 'F';

export interface Order {
  readonly orderNo: string;
  readonly accountKey: string;
  readonly keyNo: string;
  readonly companyName: string;
  readonly creditCode: string | null;
  readonly format: ReportFormat;
  readonly state: OrderState;
  readonly price: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly expiresAt: string | null;
  readonly retrieveCode: string | null;
  readonly blobKey: string | null;
  readonly fileSize: number | null;
  readonly failReason: string | null;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const ORDER_NO_PATTERN = /^[0-9a-f]{32}$/;

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
export const FILE_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { pdf: 'pdf', word: 'docx' };

export function orderFromRow(row: Selectable<OrderTable>): Order {
  return {
    orderNo: row.order_no,
    accountKey: row.account_key,
    keyNo: row.key_no,
    companyName: row.company_name,
    creditCode: row.credit_code,
    format: row.report_format as ReportFormat,
    state: row.state as OrderState,
    price: Number(row.price),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
    retrieveCode: row.retrieve_code,
    blobKey: row.blob_key,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    failReason: row.fail_reason,
  };
}

/** Never sequential: 128 bits from the CSPRNG. */
export function newOrderNo(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** The blob key is a function of the order, so a re-run of the job can never create a second file. */
export function reportBlobKey(order: Pick<Order, 'orderNo' | 'format' | 'createdAt'>): string {
  return `reports/${order.createdAt.slice(0, 7)}/${order.orderNo}.${FILE_EXTENSIONS[order.format]}`;
}

export type CreateOrderResult = { ok: true; order: Order } | { ok: false; status: '112' | '102' | OrderLimitStatus };

/**
 * Per-key limits, checked again inside the order's transaction after the charge has locked the
 * account row: the checks before it are only a fast path, and two API processes (or two pooled
 * connections) placing orders for one key at once would otherwise both pass them.
 */
export interface OrderLimits {
  readonly systemDailyLimit: number | null;
  readonly dailyQuota: number | null;
  readonly concurrencyLimit: number;
}
export type OrderLimitStatus = '109' | '116' | '122';

/** Rolls the order's transaction back (charge included) when a limit is reached under the lock. */
class OrderLimitReached extends Error {
  constructor(readonly status: OrderLimitStatus) {
    super(`order limit ${status} reached`);
  }
}

/**
 * Charges the account, stores the order and enqueues its job in one transaction: no order without
 * its charge, no charge without its order. The balance is guarded by a conditional UPDATE, so
 * concurrent orders cannot overdraw it whatever the interleaving.
 */
export async function createOrder(
  db: Kysely<Schema>,
  queue: JobQueue,
  input: { account: Account; company: OrderedCompany; format: ReportFormat; nowMs: number; limits?: OrderLimits },
): Promise<CreateOrderResult> {
  const { account, company, format } = input;
  const price = account.prices[format];
  const now = new Date(input.nowMs).toISOString();
  const row: Selectable<OrderTable> = {
    order_no: newOrderNo(),
    account_key: account.key,
    key_no: company.keyNo,
    company_name: company.name,
    credit_code: company.uscc,
    report_format: format,
    state: 'P',
    price,
    created_at: now,
    finished_at: null,
    expires_at: null,
    retrieve_code: null,
    blob_key: null,
    file_size: null,
    fail_reason: null,
  };
  const placing = db.transaction().execute(async (trx): Promise<CreateOrderResult> => {
    const charged = await trx
      .updateTable('accounts')
      .set((eb) => ({ balance: eb('balance', '-', price) }))
      .where('key', '=', account.key)
      .where((eb) =>
        eb.or([
          eb.and([eb('billing', '=', 'prepaid'), eb('balance', '>=', price)]),
          eb.and([eb('billing', '=', 'postpaid'), eb(eb('balance', '+', eb.ref('credit_limit')), '>=', price)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(charged.numUpdatedRows) !== 1) return { ok: false, status: account.billing === 'postpaid' ? '102' : '112' };
    if (input.limits) {
      const reached = await orderLimitReached(trx, account.key, input.limits, input.nowMs);
      if (reached) throw new OrderLimitReached(reached);
    }
    await trx.insertInto('orders').values(row).execute();
    await insertLedger(trx, account.key, row.order_no, 'charge', -price, now);
    await queue.enqueue(trx, { orderNo: row.order_no });
    return { ok: true, order: orderFromRow(row) };
  });
  return placing.catch((err: unknown) => {
    if (err instanceof OrderLimitReached) return { ok: false, status: err.status };
    throw err;
  });
}

/** Which limit the key has reached, counting committed orders (the caller holds the account row lock). */
async function orderLimitReached(db: Kysely<Schema>, accountKey: string, limits: OrderLimits, nowMs: number): Promise<OrderLimitStatus | undefined> {
  if (limits.systemDailyLimit !== null || limits.dailyQuota !== null) {
    const today = await ordersToday(db, accountKey, nowMs);
    if (limits.systemDailyLimit !== null && today >= limits.systemDailyLimit) return '109';
    if (limits.dailyQuota !== null && today >= limits.dailyQuota) return '116';
  }
  if ((await ordersInFlight(db, accountKey, limits.concurrencyLimit)) >= limits.concurrencyLimit) return '122';
  return undefined;
}

export async function findOrder(db: Kysely<Schema>, orderNo: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
  return row ? orderFromRow(row) : undefined;
}

export async function findOrderByRetrieveCode(db: Kysely<Schema>, code: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('retrieve_code', '=', code).executeTakeFirst();
  return row ? orderFromRow(row) : undefined;
}

export async function listOrders(db: Kysely<Schema>, filter: { accountKey?: string; state?: OrderState; limit?: number } = {}): Promise<Order[]> {
  let q = db.selectFrom('orders').selectAll().orderBy('created_at', 'desc').orderBy('order_no').limit(filter.limit ?? 100);
  if (filter.accountKey) q = q.where('account_key', '=', filter.accountKey);
  if (filter.state) q = q.where('state', '=', filter.state);
  return (await q.execute()).map(orderFromRow);
}

/** P → S with the file's location and a fresh retrieve code; a no-op unless the order is still P. */
export async function markOrderSucceeded(
  db: Kysely<Schema>,
  orderNo: string,
  done: { blobKey: string; fileSize: number; nowMs: number; retentionDays: number },
): Promise<boolean> {
  const res = await db
    .updateTable('orders')
    .set({
      state: 'S',
      blob_key: done.blobKey,
      file_size: done.fileSize,
      retrieve_code: crypto.randomBytes(16).toString('hex'),
      finished_at: new Date(done.nowMs).toISOString(),
      expires_at: new Date(done.nowMs + done.retentionDays * 86_400_000).toISOString(),
    })
    .where('order_no', '=', orderNo)
    .where('state', '=', 'P')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * P → F and the refund, in one transaction; a no-op unless the order is still P (so a refund
 * happens at most once, which the ledger's unique (order_no, kind) enforces as well).
 */
export async function markOrderFailedAndRefund(db: Kysely<Schema>, orderNo: string, failReason: string, nowMs: number): Promise<boolean> {
  const now = new Date(nowMs).toISOString();
  return db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').select(['account_key', 'price']).where('order_no', '=', orderNo).where('state', '=', 'P').executeTakeFirst();
    if (!order) return false;
    const res = await trx
      .updateTable('orders')
      .set({ state: 'F', fail_reason: failReason.slice(0, 500), finished_at: now })
      .where('order_no', '=', orderNo)
      .where('state', '=', 'P')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const price = Number(order.price);
    await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', price) })).where('key', '=', order.account_key).execute();
    await insertLedger(trx, order.account_key, orderNo, 'refund', price, now);
    return true;
  });
}

export async function countOrdersByState(db: Kysely<Schema>): Promise<Record<OrderState, number>> {
  const rows = await db.selectFrom('orders').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const out: Record<OrderState, number> = { P: 0, S: 0, F: 0 };
  for (const r of rows) out[r.state as OrderState] = Number(r.n);
  return out;
}
