/**
 * When to repeat a request, and how long to wait first. Pure functions: the client and the tests
 * share them.
 */
import type { ApiOperation } from './errors.js';

/**
 * Envelope codes that mean "the server could not do it now" rather than "the request is wrong":
 * 199 unexpected error, 203 database or queue unavailable, 122 too many orders in flight.
 */
export const TRANSIENT_STATUSES: ReadonlySet<string> = new Set(['199', '203', '122']);

/**
 * Whether an error answer may be repeated. Only reads (GetReportInfo, retrieve) are: repeating
 * CreateReport after the server saw it could create and charge a second order, and the protocol
 * has no idempotency key to prevent that.
 */
export function isRetryableAnswer(operation: ApiOperation, status: string | null, httpStatus: number): boolean {
  if (operation === 'CreateReport') return false;
  if (httpStatus >= 500) return true;
  return status !== null && TRANSIENT_STATUSES.has(status);
}

/**
 * Error codes of a connection that failed before any byte of the request was sent: the server
 * cannot have seen it. (A reset or timeout after connecting proves nothing: the order may exist.)
 */
const NEVER_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', // nothing listens on the port
  'ENOTFOUND', // DNS: no such name
  'EAI_AGAIN', // DNS: temporary resolver failure
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT', // undici: TCP connect did not complete
]);

/** All error codes found along `cause` chains and inside AggregateErrors (undici tries every address). */
export function networkErrorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown): void => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (e instanceof AggregateError) for (const inner of e.errors) visit(inner);
    visit((e as { cause?: unknown }).cause);
  };
  visit(error);
  return codes;
}

/** True only when every failure found is a connect-phase one: the request provably never left. */
export function provablyNeverSent(error: unknown): boolean {
  const codes = networkErrorCodes(error);
  return codes.length > 0 && codes.every((code) => NEVER_CONNECTED_CODES.has(code));
}

/** Network failures are retryable for reads; for CreateReport only when the request never left. */
export function isRetryableNetworkFailure(operation: ApiOperation, neverSent: boolean): boolean {
  return operation === 'CreateReport' ? neverSent : true;
}

export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Capped exponential backoff with full jitter: a uniform delay in [0, min(max, base·2^attempt)).
 * Full jitter spreads many clients that failed together (a server restart) instead of having them
 * retry in lockstep. `attempt` counts from 0; `random` is `Math.random` outside tests.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
