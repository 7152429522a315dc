import type { Kysely } from 'kysely';
import type { Account, ApiInterface } from '../accounts/accounts.js';
import { ipAllowed } from '../accounts/ip-allow-list.js';
import { activeLockout, type FailureKind, type LockoutPolicy, recordFailure } from '../accounts/lockouts.js';
import { ordersToday } from '../accounts/quotas.js';
import { ACCOUNT_KEY_PATTERN, type SecretBox } from '../accounts/secrets.js';
import type { SystemSettings } from '../accounts/system-settings.js';
import type { Schema } from '../db/schema.js';
import { createOrder, findOrder, ORDER_NO_PATTERN, type Order } from '../orders/orders.js';
import type { Transact } from '../orders/group-commit.js';
import { customerFailReason } from '../orders/fail-reasons.js';
import type { CompanyDirectory } from '../orders/ports.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { CallContext, CallContextReader } from './call-context.js';
import type { ResultFields } from './envelope.js';
import { dtypeValid, extensionsRequested, parseReportFormat, type Params } from './params.js';
import { AUTH_FAILURE_STATUSES, PARAMETER_ERROR_STATUSES, type ErrorStatus } from './status-codes.js';
import { checkTimespan, computeToken, tokenMatches } from './token.js';

/** One call to CreateReport or GetReportInfo, as the HTTP layer hands it over. */
export interface ReportCall {
  readonly name: ApiInterface;
  readonly method: string;
  readonly params: Params;
  /** The body was sent but could not be parsed (JSON syntax, not an object): a parameter error. */
  readonly bodyMalformed?: boolean;
  readonly token: string | undefined;
  readonly timespan: string | undefined;
  readonly ip: string;
  readonly nowMs: number;
}

export type ReportCallOutcome =
  | { readonly status: '200'; readonly result: ResultFields; readonly accountKey: string; readonly orderNo: string; readonly created?: boolean }
  | { readonly status: ErrorStatus; readonly reason: string; readonly accountKey: string | null; readonly orderNo?: string };

export interface ReportCallDeps {
  readonly db: Kysely<Schema>;
  readonly secrets: SecretBox;
  readonly jobQueue: JobQueue;
  readonly directory: CompanyDirectory;
  readonly tokenSkewSeconds: number;
  readonly lockout: LockoutPolicy;
  /** How an order's transaction runs (a group commit on SQLite); default: a transaction of its own. */
  readonly transact?: Transact;
  /** How a call's context is read: `callContextReader(db)` (cached on SQLite, the statement every call on PostgreSQL). */
  readonly readContext: CallContextReader;
}

/** An internal invariant broke (e.g. a sealed SecretKey no longer opens): answered 500, logged. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

class Refusal {
  constructor(readonly status: ErrorStatus, readonly reason: string) {}
}
const refuse = (status: ErrorStatus, reason: string): never => {
  throw new Refusal(status, reason);
};

/**
 * The order of checks of PROTOCOL.md, in one place; the first failure answers:
 * method (118) → key (101, 119, 103, 104) → lockout (106, 108) → headers and skew (115) →
 * token and IP (107) → interface (113, 114, 214, 111) → quotas (109, 116, 122) → maintenance (124)
 * → parameters (202, 213, 215, 223) → balance (112, 102) → company / order (201, 208) → success.
 * Failed authentications and parameter errors are counted toward the 106 and 108 lockouts.
 */
export async function handleReportCall(call: ReportCall, deps: ReportCallDeps): Promise<ReportCallOutcome> {
  let account: Account | undefined;
  try {
    if (call.method !== 'GET' && call.method !== 'POST') refuse('118', 'method_not_allowed');
    const context = await checkKey(call, deps);
    account = context.account;
    const lockout = activeLockout(account, call.nowMs);
    if (lockout) refuse(lockout, lockout === '106' ? 'auth_lockout' : 'param_lockout');
    checkSignature(call, account, deps);
    await checkInterface(call, context, deps);
    return call.name === 'CreateReport' ? await createReport(call, account, context.settings, deps) : await getReportInfo(call, context, deps);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    if (account) {
      const kind: FailureKind | undefined = AUTH_FAILURE_STATUSES.has(err.status) ? 'auth' : PARAMETER_ERROR_STATUSES.has(err.status) ? 'param' : undefined;
      if (kind) await recordFailure(deps.db, account.key, kind, call.nowMs, deps.lockout);
    }
    return { status: err.status, reason: err.reason, accountKey: account?.key ?? null };
  }
}

/**
 * Reads everything the checks need in one statement (src/protocol/call-context.ts): the account,
 * the operator's switches and, for GetReportInfo with a well-formed orderNo, the order. Reading
 * the order this early changes no answer: it is only looked at after every earlier check passed.
 */
async function checkKey(call: ReportCall, deps: ReportCallDeps): Promise<CallContext> {
  const key = call.params.get('key')?.trim();
  if (!key) return refuse('101', 'key_missing');
  if (!ACCOUNT_KEY_PATTERN.test(key)) return refuse('101', 'key_malformed');
  const orderNo = call.name === 'GetReportInfo' ? requestedOrderNo(call.params) : undefined;
  const wellFormedOrderNo = orderNo !== undefined && ORDER_NO_PATTERN.test(orderNo) ? orderNo : undefined;
  const context = await deps.readContext(key, wellFormedOrderNo);
  if (!context) return refuse('101', 'key_unknown');
  const { account } = context;
  if (account.state === 'pending' || (account.effectiveAt !== null && account.effectiveAt > new Date(call.nowMs).toISOString())) {
    return refuse('101', 'key_not_effective');
  }
  if (account.state === 'locked') refuse('119', 'account_locked');
  if (account.state === 'suspended') refuse('103', 'key_suspended');
  if (account.state === 'abnormal') refuse('104', 'key_abnormal');
  return context;
}

function requestedOrderNo(params: Params): string | undefined {
  return params.get('orderNo')?.trim().toLowerCase();
}

function checkSignature(call: ReportCall, account: Account, deps: ReportCallDeps): void {
  const timespan = call.timespan?.trim();
  const token = call.token?.trim();
  const ts = checkTimespan(token, timespan, Math.floor(call.nowMs / 1000), deps.tokenSkewSeconds);
  if (!ts.ok) refuse('115', ts.reason);
  let secretKey: string;
  try {
    secretKey = deps.secrets.open(account.key, account.secretEnc);
  } catch (err) {
    throw new InvariantError(`the SecretKey of ${account.key} does not open with this master key (${err instanceof Error ? err.message : String(err)})`);
  }
  const expected = computeToken(account.key, timespan!, secretKey);
  if (!tokenMatches(token!, expected)) refuse('107', 'signature_mismatch');
  if (!ipAllowed(call.ip, account.allowedIps)) refuse('107', 'ip_not_allowed');
}

async function checkInterface(call: ReportCall, { account, settings }: CallContext, deps: ReportCallDeps): Promise<void> {
  const operatorSwitch = settings.interfaces[call.name];
  if (operatorSwitch === 'deleted') refuse('113', 'interface_deleted');
  if (operatorSwitch === 'disabled') refuse('114', 'interface_disabled');
  const permission = account.interfaces[call.name];
  if (!permission.bought) refuse('214', 'interface_not_bought');
  if (!permission.enabled) refuse('111', 'interface_not_enabled');
  // Quotas and maintenance concern placing orders; polling GetReportInfo is never throttled by them.
  if (call.name !== 'CreateReport') return;
  if (settings.systemDailyLimit !== null || account.dailyQuota !== null) {
    const today = await ordersToday(deps.db, account.key, call.nowMs);
    if (settings.systemDailyLimit !== null && today >= settings.systemDailyLimit) refuse('109', 'system_daily_limit');
    if (account.dailyQuota !== null && today >= account.dailyQuota) refuse('116', 'daily_quota');
  }
  if (account.ordersInFlight >= account.concurrencyLimit) refuse('122', 'concurrency_limit');
  if (settings.maintenance) refuse('124', 'maintenance');
}

const CREATE_ORDER_REFUSALS = {
  '112': 'balance_exhausted',
  '102': 'credit_line_exceeded',
  '109': 'system_daily_limit',
  '116': 'daily_quota',
  '122': 'concurrency_limit',
} as const;

async function createReport(call: ReportCall, account: Account, settings: SystemSettings, deps: ReportCallDeps): Promise<ReportCallOutcome> {
  if (call.bodyMalformed) refuse('202', 'body_malformed');
  const keyNo = call.params.get('keyNo');
  if (keyNo === undefined || keyNo.trim() === '') refuse('202', 'key_no_missing');
  const format = parseReportFormat(call.params);
  if (!format) refuse('202', 'report_format_invalid');
  if (!dtypeValid(call.params)) refuse('202', 'dtype_invalid');
  const resolution = await deps.directory.resolve(keyNo!);
  if (!resolution.ok && PARAMETER_ERROR_STATUSES.has(resolution.status)) refuse(resolution.status, resolution.reason);
  if (!account.formats.includes(format!)) refuse('223', 'report_format_not_in_package');

  const price = account.prices[format!];
  if (account.billing === 'prepaid' && account.balance < price) refuse('112', 'balance_exhausted');
  if (account.billing === 'postpaid' && account.balance + account.creditLimit < price) refuse('102', 'credit_line_exceeded');

  if (!resolution.ok) return refuse(resolution.status, resolution.reason);
  const { systemDailyLimit } = settings;
  const limits = { systemDailyLimit, dailyQuota: account.dailyQuota, concurrencyLimit: account.concurrencyLimit };
  const created = await createOrder(deps.db, deps.jobQueue, { account, company: resolution.company, format: format!, nowMs: call.nowMs, limits }, deps.transact);
  // Lost a race to a concurrent order of the same key (another process or connection): for the
  // last units of balance, or for the last place under a quota or the in-flight limit.
  if (!created.ok) return refuse(created.status, CREATE_ORDER_REFUSALS[created.status]);
  const result: ResultFields = [['OrderNo', created.order.orderNo], ...(extensionsRequested(call.params) ? extensionFields(created.order) : [])];
  return { status: '200', result, accountKey: account.key, orderNo: created.order.orderNo, created: true };
}

async function getReportInfo(call: ReportCall, { account, order }: CallContext, deps: ReportCallDeps): Promise<ReportCallOutcome> {
  if (call.bodyMalformed) refuse('202', 'body_malformed');
  const orderNo = requestedOrderNo(call.params);
  if (!orderNo) refuse('202', 'order_no_missing');
  if (!dtypeValid(call.params)) refuse('202', 'dtype_invalid');
  if (!ORDER_NO_PATTERN.test(orderNo!)) refuse('202', 'order_no_malformed');
  // Read with the account (checkKey), joined on it: someone else's order is no order at all.
  if (!order || order.orderNo !== orderNo) return refuse('201', 'order_not_found');
  // ext=1 wants the whole order: read it, and answer from that one read so the fields agree.
  const full = extensionsRequested(call.params) ? await findOrder(deps.db, orderNo) : undefined;
  if (full && full.accountKey !== account.key) return refuse('201', 'order_not_found');
  const status = full ?? order;
  const result: ResultFields = [
    ['ReportStatus', status.state],
    ['ReportUrl', status.state === 'S' && status.retrieveCode ? `/api/rpt/retrieve?code=${status.retrieveCode}` : null],
    ...(full ? extensionFields(full) : []),
  ];
  return { status: '200', result, accountKey: account.key, orderNo: order.orderNo };
}

/** Our `ext=1` fields (PROTOCOL.md "Report lifecycle"); instants in ISO 8601 with an offset. */
function extensionFields(order: Order): ResultFields {
  const fields: Array<readonly [string, string | null]> = [
    ['KeyNo', order.keyNo],
    ['CompanyName', order.companyName],
    ['CreditCode', order.creditCode],
    ['ReportFormat', order.format],
    ['CreatedAt', order.createdAt],
    ['FinishedAt', order.finishedAt],
    ['ExpiresAt', order.expiresAt],
  ];
  if (order.state === 'F') fields.push(['FailReason', customerFailReason(order.failReason)]);
  return fields;
}
