/** Transport helpers shared by API calls and downloads: timeouts, cancellation, error mapping. */
import { ReportNetworkError, type ApiOperation } from './errors.js';
import { isRetryableNetworkFailure, networkErrorCodes, provablyNeverSent } from './retry-policy.js';

export type FetchFunction = typeof globalThis.fetch;

/**
 * One request's abort controller: fires after `timeoutMs` without `restart()` (so a download that
 * keeps receiving is never cut, but a stalled one is), or when the caller's signal aborts.
 * Node 18 has no `AbortSignal.any`, hence the listener.
 */
export class RequestTimer {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onExternalAbort: () => void;
  timedOut = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly external: AbortSignal | undefined,
  ) {
    this.onExternalAbort = () => this.controller.abort(external?.reason);
    if (external?.aborted) this.controller.abort(external.reason);
    else external?.addEventListener('abort', this.onExternalAbort, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`no answer within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.external?.removeEventListener('abort', this.onExternalAbort);
  }
}

/**
 * Turns whatever fetch threw into a ReportNetworkError, except a caller's abort, which is
 * rethrown as the signal's reason (the caller asked for it; it is not our failure to report).
 */
export function toNetworkError(operation: ApiOperation, error: unknown, timer: RequestTimer, callerSignal: AbortSignal | undefined): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  if (timer.timedOut) {
    return new ReportNetworkError({
      operation,
      code: 'TIMEOUT',
      reachedServer: 'unknown',
      message: `${operation}: ${(timer.signal.reason as Error).message}`,
      retryable: isRetryableNetworkFailure(operation, false),
      cause: error,
    });
  }
  const neverSent = provablyNeverSent(error);
  const code = networkErrorCodes(error)[0] ?? 'UNKNOWN';
  const detail = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  return new ReportNetworkError({
    operation,
    code,
    reachedServer: neverSent ? false : 'unknown',
    message: `${operation}: ${detail}`,
    retryable: isRetryableNetworkFailure(operation, neverSent),
    cause: error,
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
