import { permissionOf, priceOf, type Account } from '../accounts/accounts.js';
import { billedCallsToday, billedInterfaceCallsToday } from '../accounts/call-charges.js';
import { ipAllowed } from '../accounts/ip-allow-list.js';
import { activeLockout, type FailureKind, type LockoutPolicy, recordFailure } from '../accounts/lockouts.js';
import { ACCOUNT_KEY_PATTERN, type SecretBox } from '../accounts/secrets.js';
import { interfaceSwitchOf } from '../accounts/system-settings.js';
import type { CallContext, CallContextReader } from './call-context.js';
import { missingReason, newOrderNumber, type InterfaceCall, type InterfaceDeclaration, type InterfaceDeps, type InterfaceSuccess } from './interfaces.js';
import { dtypeValid, type Params } from './params.js';
import { AUTH_FAILURE_STATUSES, PARAMETER_ERROR_STATUSES, type ErrorStatus } from './status-codes.js';
import { checkTimespan, computeToken, tokenMatches } from './token.js';

/** One API call as the HTTP layer hands it over; `declaration` is undefined for a path naming no interface. */
export interface IncomingCall {
  readonly declaration: InterfaceDeclaration | undefined;
  readonly requestId: string;
  readonly method: string;
  readonly params: Params;
  /** The body was sent but could not be read (and the query string did not carry the call): the 202 reason. */
  readonly bodyMalformed?: string;
  readonly token: string | undefined;
  readonly timespan: string | undefined;
  readonly ip: string;
  readonly nowMs: number;
  /** The `Idempotency-Key` header, when sent. */
  readonly idempotencyKey?: string | undefined;
}

export type CallOutcome =
  | (InterfaceSuccess & { readonly accountKey: string; readonly orderNumber?: string })
  | { readonly status: ErrorStatus; readonly reason: string; readonly accountKey: string | null; readonly orderNo?: string; readonly orderNumber?: string };

export interface PipelineDeps extends InterfaceDeps {
  readonly secrets: SecretBox;
  readonly tokenSkewSeconds: number;
  readonly lockout: LockoutPolicy;
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

/** A handler's refusal caught by a handler that answers for many items at once (Report/CreateBatch). */
export function refusalOf(err: unknown): { status: ErrorStatus; reason: string } | undefined {
  return err instanceof Refusal ? { status: err.status, reason: err.reason } : undefined;
}

/** Answers the call with an error status (thrown; the pipeline turns it into the envelope). */
export const refuse = (status: ErrorStatus, reason: string): never => {
  throw new Refusal(status, reason);
};

const DEFAULT_METHODS: readonly string[] = ['GET', 'POST'];

/**
 * The order of checks of PROTOCOL.md, in one place, for every interface; the first failure answers:
 * method (118) → key (101, 119, 103, 104) → lockout (106, 108) → headers and skew (115) →
 * token and IP (107) → interface (214 unknown, 113, 114, 214, 111) → quotas (109, 116, 122) →
 * maintenance (124) → parameters (202 here; the handler's own 202, 213, 215, 223) → the handler
 * (balance 112/102, company/order 201/208, success).
 * Failed authentications and parameter errors are counted toward the 106 and 108 lockouts.
 */
export async function handleCall(call: IncomingCall, deps: PipelineDeps): Promise<CallOutcome> {
  const declaration = call.declaration;
  let account: Account | undefined;
  const orderNumber = declaration?.envelope.kind === 'data' ? newOrderNumber(declaration.envelope.orderNumberPrefix, call.nowMs) : undefined;
  try {
    if (!(declaration?.methods ?? DEFAULT_METHODS).includes(call.method)) refuse('118', 'method_not_allowed');
    const context = await checkKey(call, deps);
    account = context.account;
    const lockout = activeLockout(account, call.nowMs);
    if (lockout) refuse(lockout, lockout === '106' ? 'auth_lockout' : 'param_lockout');
    checkSignature(call, account, deps);
    if (!declaration) return refuse('214', 'interface_unknown');
    await checkInterface(call, declaration, context, deps);
    checkParameters(call, declaration);
    const success = await declaration.handle(interfaceCall(call, declaration, context, orderNumber), deps);
    return { ...success, accountKey: account.key, ...(orderNumber !== undefined ? { orderNumber } : {}) };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    if (account) {
      const kind: FailureKind | undefined = AUTH_FAILURE_STATUSES.has(err.status) ? 'auth' : PARAMETER_ERROR_STATUSES.has(err.status) ? 'param' : undefined;
      if (kind) await recordFailure(deps.db, account.key, kind, call.nowMs, deps.lockout);
    }
    const accountKey = account?.key ?? (err instanceof RecognisedRefusal ? err.accountKey : null);
    return { status: err.status, reason: err.reason, accountKey, ...(orderNumber !== undefined ? { orderNumber } : {}) };
  }
}

/**
 * Reads everything the checks need in one statement (src/protocol/call-context.ts): the account,
 * the operator's switches and, for GetReportInfo with a well-formed orderNo, the order. Reading
 * the order this early changes no answer: it is only looked at after every earlier check passed.
 * The key is recognised before it is judged, so a 101 (not yet effective), 103, 104 or 119 still
 * names the account in the audit log.
 */
async function checkKey(call: IncomingCall, deps: PipelineDeps): Promise<CallContext> {
  const key = call.params.get('key')?.trim();
  if (!key) return refuse('101', 'key_missing');
  if (!ACCOUNT_KEY_PATTERN.test(key)) return refuse('101', 'key_malformed');
  const orderNo = call.declaration?.contextOrderNo?.(call.params);
  const context = await deps.readContext(key, orderNo, call.declaration?.name ?? '');
  if (!context) return refuse('101', 'key_unknown');
  const { account } = context;
  const judged = (status: ErrorStatus, reason: string): never => {
    throw new RecognisedRefusal(status, reason, account.key);
  };
  if (account.state === 'pending' || (account.effectiveAt !== null && account.effectiveAt > new Date(call.nowMs).toISOString())) {
    judged('101', 'key_not_effective');
  }
  if (account.state === 'locked') judged('119', 'account_locked');
  if (account.state === 'suspended') judged('103', 'key_suspended');
  if (account.state === 'abnormal') judged('104', 'key_abnormal');
  return context;
}

/** A refusal of a key we recognised: the audit names the account, the lockouts do not count it. */
export class RecognisedRefusal extends Refusal {
  constructor(status: ErrorStatus, reason: string, readonly accountKey: string) {
    super(status, reason);
  }
}

function checkSignature(call: IncomingCall, account: Account, deps: PipelineDeps): void {
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

async function checkInterface(call: IncomingCall, declaration: InterfaceDeclaration, { account, settings }: CallContext, deps: PipelineDeps): Promise<void> {
  const operatorSwitch = interfaceSwitchOf(settings, declaration.name);
  if (operatorSwitch === 'deleted') refuse('113', 'interface_deleted');
  if (operatorSwitch === 'disabled') refuse('114', 'interface_disabled');
  const permission = permissionOf(account, declaration.name);
  if (!permission.bought) refuse('214', 'interface_not_bought');
  if (!permission.enabled) refuse('111', 'interface_not_enabled');
  // Daily limits count billed calls (orders included); polling GetReportInfo is never throttled by them.
  if (declaration.billing.per !== 'free' && (settings.systemDailyLimit !== null || account.dailyQuota !== null)) {
    const today = await billedCallsToday(deps.db, account.key, call.nowMs);
    if (settings.systemDailyLimit !== null && today >= settings.systemDailyLimit) refuse('109', 'system_daily_limit');
    if (account.dailyQuota !== null && today >= account.dailyQuota) refuse('116', 'daily_quota');
  }
  // The interface's own daily quota (PROTOCOL.md's 116 "the key's own daily call quota", per interface).
  const interfaceQuota = declaration.billing.per !== 'free' && Object.hasOwn(account.interfaceQuotas, declaration.name) ? account.interfaceQuotas[declaration.name]! : null;
  if (interfaceQuota !== null && (await billedInterfaceCallsToday(deps.db, account.key, declaration.name, call.nowMs)) >= interfaceQuota) {
    refuse('116', 'interface_daily_quota');
  }
  if (!declaration.placesOrders) return;
  if (account.ordersInFlight >= account.concurrencyLimit) refuse('122', 'concurrency_limit');
  if (settings.maintenance) refuse('124', 'maintenance');
}

/** The checks every interface's parameters share; the handler goes on with its own. */
function checkParameters(call: IncomingCall, declaration: InterfaceDeclaration): void {
  if (call.bodyMalformed) refuse('202', call.bodyMalformed);
  const invalid = call.params.invalid();
  if (invalid) refuse('202', invalid.reason);
  for (const spec of declaration.parameters) {
    if (!spec.required) continue;
    const value = paramOf(call.params, declaration, spec.name);
    if (value === undefined || value.trim() === '') refuse('202', missingReason(spec.name));
  }
  if (!dtypeValid(call.params)) refuse('202', 'dtype_invalid');
}

function paramOf(params: Params, declaration: InterfaceDeclaration, name: string): string | undefined {
  const direct = params.get(name);
  if (direct !== undefined) return direct;
  const spec = declaration.parameters.find((p) => p.name === name);
  for (const alias of spec?.aliases ?? []) {
    const v = params.get(alias);
    if (v !== undefined) return v;
  }
  return undefined;
}

function interfaceCall(call: IncomingCall, declaration: InterfaceDeclaration, context: CallContext, orderNumber: string | undefined): InterfaceCall {
  return {
    declaration,
    requestId: call.requestId,
    method: call.method,
    params: call.params,
    ip: call.ip,
    nowMs: call.nowMs,
    account: context.account,
    context,
    orderNumber,
    idempotencyKey: call.idempotencyKey,
    param: (name) => paramOf(call.params, declaration, name),
  };
}

/** The account's price for a call of `declaration` (in `format` for one priced per format). */
export function callPrice(account: Account, declaration: InterfaceDeclaration, format?: string): number {
  const billing = declaration.billing;
  if (billing.per === 'free') return 0;
  if (billing.per === 'call') return priceOf(account, declaration.name, billing.defaultPrice);
  return priceOf(account, `${declaration.name}:${format}`, billing.defaultPrice);
}
