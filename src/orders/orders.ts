import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Account, ReportFormat } from '../accounts/accounts.js';
import { insertLedger } from '../accounts/accounts.js';
import type { OrderTable, Schema } from '../db/schema.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { OrderedCompany } from './ports.js';
import type { ReportTypeCode } from '../reports/types/report-type.js';
import { dailyLimitReached } from '../accounts/call-charges.js';
import { randomHex } from '../accounts/row-ids.js';
import { compiledStatement } from '../db/compiled-query.js';
import { type Transact, transactionPerWork } from './group-commit.js';

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
  /** The wire's `reportType` (1 企业信用报告 … 4 空壳扫描报告). */
  readonly reportType: ReportTypeCode;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const ORDER_NO_PATTERN = /^[0-9a-f]{32}$/;

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json',
};
export const FILE_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { pdf: 'pdf', word: 'docx', json: 'json' };

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
    reportType: Number(row.report_type) as ReportTypeCode,
  };
}

/** Never sequential: 128 bits from the CSPRNG. */
export function newOrderNo(): string {
  return randomHex(16);
}

/** The blob key is a function of the order, so a re-run of the job can never create a second file. */
export function reportBlobKey(order: Pick<Order, 'orderNo' | 'format' | 'createdAt'>): string {
  return `reports/${order.createdAt.slice(0, 7)}/${order.orderNo}.${FILE_EXTENSIONS[order.format]}`;
}

export type CreateOrderResult =
  | { ok: true; order: Order }
  /** `interfaceQuota`: the 116 is CreateReport's own quota, not the key's. */
  | { ok: false; status: '112' | '102' | OrderLimitStatus; interfaceQuota?: true }
  /** Another order holds this idempotency key (a concurrent retry won): answer with that order. */
  | { ok: false; status: 'idempotent'; orderNo: string; sameParams: boolean };

/** An idempotency key (CreateReport's Idempotency-Key header or requestId), kept for 24 h per account. */
export interface IdempotencyClaim {
  readonly key: string;
  /** sha256 of the call's parameters that decide the order (company, format, callback URL). */
  readonly paramsHash: string;
}

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

/** The order an account's idempotency key named within the window, if any. */
export async function findIdempotentOrder(db: Kysely<Schema>, accountKey: string, key: string, nowMs: number): Promise<{ orderNo: string; paramsHash: string } | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['order_no', 'params_hash'])
    .where('account_key', '=', accountKey)
    .where('idem_key', '=', key)
    .where('created_at', '>', new Date(nowMs - IDEMPOTENCY_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return row && { orderNo: row.order_no, paramsHash: row.params_hash };
}

/** Drops idempotency keys past the window (the retention sweep). */
export async function sweepIdempotencyKeys(db: Kysely<Schema>, nowMs: number): Promise<number> {
  const res = await db.deleteFrom('idempotency_keys').where('created_at', '<=', new Date(nowMs - IDEMPOTENCY_WINDOW_MS).toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

class IdempotencyTaken extends Error {}

/**
 * Per-key limits, checked again inside the order's transaction: the checks before it are only a
 * fast path, and two API processes (or two pooled connections) placing orders for one key at once
 * would otherwise both pass them.
 */
export interface OrderLimits {
  readonly systemDailyLimit: number | null;
  readonly dailyQuota: number | null;
  /** CreateReport's own daily quota (`interfaceQuotas.CreateReport`), if the operator set one. */
  readonly interfaceQuota?: number | null;
  readonly concurrencyLimit: number;
}
export type OrderLimitStatus = '109' | '116' | '122';
/** The interface an order's charge is booked to (the ledger's `interface`), whichever path placed it. */
const ORDER_INTERFACE = 'CreateReport';

/** Rolls the order's transaction back (charge included) when a limit is reached under the lock. */
class OrderRefused extends Error {
  constructor(readonly status: '112' | '102' | OrderLimitStatus, readonly interfaceQuota = false) {
    super(`order refused with ${status}`);
  }
}

/*
 * The statements of an order, compiled once per dialect (src/db/compiled-query.ts). The charge
 * is one conditional UPDATE that takes the price off the balance and counts the order in flight
 * only if the balance (or credit line) covers it and the key is under its in-flight limit, so
 * concurrent orders cannot overdraw an account or exceed the limit whatever the interleaving; it
 * also takes the account row's write lock for the rest of the transaction.
 */
const chargeForOrder = compiledStatement((db: Kysely<Schema>, key: string, price: number) =>
  db
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '-', price), orders_in_flight: eb('orders_in_flight', '+', 1) }))
    .where('key', '=', key)
    .where((eb) =>
      eb.and([
        eb('orders_in_flight', '<', eb.ref('concurrency_limit')),
        eb.or([
          eb.and([eb('billing', '=', 'prepaid'), eb('balance', '>=', price)]),
          eb.and([eb('billing', '=', 'postpaid'), eb(eb('balance', '+', eb.ref('credit_limit')), '>=', price)]),
        ]),
      ]),
    ),
);
const accountLimitsForRefusal = compiledStatement((db: Kysely<Schema>, key: string) =>
  db.selectFrom('accounts').select(['billing', 'balance', 'credit_limit', 'orders_in_flight', 'concurrency_limit']).where('key', '=', key),
);
/** The columns of an order row, in table order. */
export const ORDER_COLUMNS = [
  'order_no', 'account_key', 'key_no', 'company_name', 'credit_code', 'report_format', 'state', 'price',
  'created_at', 'finished_at', 'expires_at', 'retrieve_code', 'blob_key', 'file_size', 'fail_reason', 'callback_url', 'report_type',
] as const satisfies ReadonlyArray<keyof OrderTable>;
const insertOrderRow = compiledStatement((db: Kysely<Schema>, ...v: Array<string | number | null>) =>
  db.insertInto('orders').values(Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c, v[i]])) as unknown as Selectable<OrderTable>),
  { arity: ORDER_COLUMNS.length },
);

/**
 * Charges the account, stores the order and enqueues its job in one transaction: no order without
 * its charge, no charge without its order. `transact` runs the order's statements in a transaction
 * of its own (default) or in a group commit shared with concurrent orders (src/orders/group-commit.ts,
 * SQLite), where the order still commits or rolls back as a whole.
 */
export async function createOrder(
  db: Kysely<Schema>,
  queue: JobQueue,
  input: {
    account: Account; company: OrderedCompany; format: ReportFormat; price: number; nowMs: number; limits: OrderLimits;
    /** The wire's `reportType` (default 1). */
    reportType?: ReportTypeCode;
    /** Where this order's report.finished callback goes (else the account's). */
    callbackUrl?: string | undefined;
    idempotency?: IdempotencyClaim | undefined;
  },
  transact: Transact = transactionPerWork(db),
): Promise<CreateOrderResult> {
  const { account, company, format, limits, price } = input;
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
    callback_url: input.callbackUrl ?? null,
    report_type: input.reportType ?? 1,
  };
  const claim = input.idempotency;
  const placing = transact(async (trx): Promise<CreateOrderResult> => {
    const charged = await chargeForOrder.execute(trx, account.key, price);
    if (Number(charged.numAffectedRows) !== 1) throw new OrderRefused(await refusalReason(trx, account.key));
    // Counted with the account row locked by the charge, so two orders cannot both take the last
    // place; the day's charges of every interface, as the checks before the call count them.
    const reached = await dailyLimitReached(trx, account.key, ORDER_INTERFACE, { ...limits, interfaceQuota: limits.interfaceQuota ?? null }, input.nowMs);
    if (reached) throw new OrderRefused(reached.status as OrderLimitStatus, reached.reason === 'interface_daily_quota');
    await insertOrderRow.execute(trx, ...ORDER_COLUMNS.map((c) => row[c]));
    if (claim) {
      // Claims the key, or takes over one past its window; a fresh claim by a concurrent retry
      // updates nothing, and this order (with its charge) rolls back.
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ account_key: account.key, idem_key: claim.key, params_hash: claim.paramsHash, order_no: row.order_no, created_at: now })
        .onConflict((oc) =>
          oc.columns(['account_key', 'idem_key'])
            .doUpdateSet({ params_hash: claim.paramsHash, order_no: row.order_no, created_at: now })
            .where('idempotency_keys.created_at', '<=', new Date(input.nowMs - IDEMPOTENCY_WINDOW_MS).toISOString()))
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new IdempotencyTaken();
    }
    await insertLedger(trx, account.key, row.order_no, 'charge', -price, now, ORDER_INTERFACE);
    await queue.enqueue(trx, { orderNo: row.order_no });
    return { ok: true, order: orderFromRow(row) };
  });
  return placing.catch(async (err: unknown): Promise<CreateOrderResult> => {
    if (err instanceof OrderRefused) return { ok: false, status: err.status, ...(err.interfaceQuota ? { interfaceQuota: true as const } : {}) };
    if (err instanceof IdempotencyTaken && claim) {
      const winner = await findIdempotentOrder(db, account.key, claim.key, input.nowMs);
      if (winner) return { ok: false, status: 'idempotent', orderNo: winner.orderNo, sameParams: winner.paramsHash === claim.paramsHash };
    }
    throw err;
  });
}

/** Why the charge matched no row (a lost race): the in-flight limit first (PROTOCOL.md's order), then the balance. */
async function refusalReason(db: Kysely<Schema>, key: string): Promise<'112' | '102' | '122'> {
  const a = await accountLimitsForRefusal.first(db, key);
  if (a && Number(a.orders_in_flight) >= Number(a.concurrency_limit)) return '122';
  return a?.billing === 'postpaid' ? '102' : '112';
}

/** The account's in-flight count goes down when an order leaves P (S or F), in the same transaction. */
const orderLeftFlight = compiledStatement((db: Kysely<Schema>, key: string) =>
  db.updateTable('accounts').set((eb) => ({ orders_in_flight: eb('orders_in_flight', '-', 1) })).where('key', '=', key).where('orders_in_flight', '>', 0),
);

const findOrderRow = compiledStatement((db: Kysely<Schema>, orderNo: string) => db.selectFrom('orders').selectAll().where('order_no', '=', orderNo));

export async function findOrder(db: Kysely<Schema>, orderNo: string): Promise<Order | undefined> {
  const row = await findOrderRow.first(db, orderNo);
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

/**
 * P → S with the file's location and a fresh retrieve code, and the account's in-flight count down
 * by one, in one transaction; a no-op unless the order is still P.
 */
export async function markOrderSucceeded(
  db: Kysely<Schema>,
  orderNo: string,
  done: { blobKey: string; fileSize: number; nowMs: number; retentionDays: number },
  onFinished: OrderFinishedHook,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('orders')
      .set({
        state: 'S',
        blob_key: done.blobKey,
        file_size: done.fileSize,
        retrieve_code: randomHex(16),
        finished_at: new Date(done.nowMs).toISOString(),
        expires_at: new Date(done.nowMs + done.retentionDays * 86_400_000).toISOString(),
      })
      .where('order_no', '=', orderNo)
      .where('state', '=', 'P')
      .returning('account_key')
      .executeTakeFirst();
    if (!res) return false;
    await orderLeftFlight.execute(trx, res.account_key);
    await onFinished(trx, orderNo, done.nowMs);
    return true;
  });
}

/**
 * Runs inside the transaction that takes an order from P to S or F (the `report.finished`
 * callback is stored there, so it exists exactly when the order finished). Required on both
 * transitions, so that no path that finishes an order (the job, its give-up, the reconciler's
 * give-up, anything added later) can leave the callback out by forgetting it.
 */
export type OrderFinishedHook = (trx: Transaction<Schema>, orderNo: string, nowMs: number) => Promise<void>;

/**
 * P → F and the refund, in one transaction; a no-op unless the order is still P (so a refund
 * happens at most once, which the ledger's unique (order_no, kind) enforces as well).
 */
export async function markOrderFailedAndRefund(db: Kysely<Schema>, orderNo: string, failReason: string, nowMs: number, onFinished: OrderFinishedHook): Promise<boolean> {
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
    await orderLeftFlight.execute(trx, order.account_key);
    await insertLedger(trx, order.account_key, orderNo, 'refund', price, now);
    await onFinished(trx, orderNo, nowMs);
    return true;
  });
}

export async function countOrdersByState(db: Kysely<Schema>): Promise<Record<OrderState, number>> {
  const rows = await db.selectFrom('orders').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  const out: Record<OrderState, number> = { P: 0, S: 0, F: 0 };
  for (const r of rows) out[r.state as OrderState] = Number(r.n);
  return out;
}

/**
 * Notes that an order's report file was found damaged (see BlobDamagedError), once: the first
 * finding is kept, and a repaired order found damaged again is noted again.
 */
export async function noteDamagedReport(db: Kysely<Schema>, orderNo: string, reason: string, nowMs: number): Promise<void> {
  const foundAt = new Date(nowMs).toISOString();
  await db
    .insertInto('report_repairs')
    .values({ order_no: orderNo, found_at: foundAt, reason: reason.slice(0, 500), repaired_at: null })
    .onConflict((oc) => oc.column('order_no').doUpdateSet({ found_at: foundAt, reason: reason.slice(0, 500), repaired_at: null }).where('report_repairs.repaired_at', 'is not', null))
    .execute();
}

/** Orders still P that were placed before `beforeIso` (for the stuck-orders gauge). */
export async function countPendingOlderThan(db: Kysely<Schema>, beforeIso: string): Promise<number> {
  const row = await db.selectFrom('orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('state', '=', 'P').where('created_at', '<', beforeIso).executeTakeFirstOrThrow();
  return Number(row.n);
}
