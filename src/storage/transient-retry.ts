/**
 * Retries an operation on a dependency while its errors are transient (connection refused or
 * reset, timeouts, HTTP 5xx/429 from an object store), with exponential backoff and full jitter
 * (each wait is uniform in [0, min(cap, base·2^n)], so workers that failed together do not retry
 * together), until a total time budget is spent. The budget is what separates a blip from an
 * outage: a blob store away for seconds (a restart, a failover) costs a delay, never a failed order.
 */
export interface RetryBudget {
  readonly baseMs: number;
  readonly capMs: number;
  /** No retry starts once this much time has passed since the first try. */
  readonly budgetMs: number;
}

/** Report files: about three minutes of retries before the job attempt fails (docs/deploy.md). */
export const BLOB_WRITE_RETRY: RetryBudget = { baseMs: 500, capMs: 15_000, budgetMs: 180_000 };

export interface RetryDeps {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Told before each wait (for the log). */
  readonly onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

export const realRetryDeps: RetryDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export async function retryTransient<T>(
  operation: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  budget: RetryBudget,
  deps: RetryDeps = realRetryDeps,
): Promise<T> {
  const started = deps.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const waitMs = Math.floor(deps.random() * Math.min(budget.capMs, budget.baseMs * 2 ** (attempt - 1)));
      if (deps.now() - started + waitMs > budget.budgetMs) throw error;
      deps.onRetry?.(error, attempt, waitMs);
      await deps.sleep(waitMs);
    }
  }
}
