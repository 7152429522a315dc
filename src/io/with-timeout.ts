/**
 * Resolves with `promise`, or rejects with a `TimeoutError` after `ms`. The promise itself is left
 * to settle on its own (a command queued by a reconnecting client still runs when its server is
 * back); only the caller stops waiting. Used wherever a caller must not wait on a dependency for
 * ever: /metrics, /readyz, the outbox relay's push to Redis, the reconciler.
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => { /* a rejection after the timeout is not an unhandled one */ });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
