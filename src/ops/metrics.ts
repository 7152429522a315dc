import client from 'prom-client';
import { withTimeout } from '../io/with-timeout.js';

/** The service's Prometheus metrics, in a registry of its own (several apps may share a process in tests). */
export interface Metrics {
  readonly registry: client.Registry;
  readonly requests: client.Counter<'endpoint' | 'status'>;
  readonly renderSeconds: client.Histogram<'outcome'>;
  readonly reconciled: client.Counter<'action'>;
  observeRender(seconds: number, outcome: 'ok' | 'error'): void;
}

export interface MetricSources {
  queueDepth(): Promise<number>;
  ordersByState(): Promise<Record<string, number>>;
  /** P orders older than the overdue bound (stranded or overdue: worth an alert). */
  ordersStuck(): Promise<number>;
}

/**
 * A scrape never waits on a dependency longer than this: a gauge whose source did not answer in
 * time reads NaN ("could not be read", never a made-up 0) and `zhengxin_dependency_up` says which
 * dependency failed, so every other metric still arrives during an outage.
 */
export const METRIC_SOURCE_TIMEOUT_MS = 1_500;

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'zhengxin_api_requests_total',
    help: 'API calls by endpoint and wire Status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const renderSeconds = new client.Histogram({
    name: 'zhengxin_report_render_seconds',
    help: 'Time to produce a report file (snapshot, model, render)',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const reconciled = new client.Counter({
    name: 'zhengxin_jobs_reconciled_total',
    help: 'P orders the reconciler found without a live job, by what it did (requeued: no job in Redis; revived: job in the failed set; gave_up: F and refunded after too many revivals)',
    labelNames: ['action'] as const,
    registers: [registry],
  });
  return { registry, requests, renderSeconds, reconciled, observeRender: (s, outcome) => renderSeconds.observe({ outcome }, s) };
}

/**
 * Gauges read from the database and the queue when scraped (so every process reports the
 * cluster-wide truth), each bounded by `timeoutMs`.
 */
export function registerStateGauges(metrics: Metrics, sources: MetricSources, options: { timeoutMs?: number } = {}): void {
  const timeoutMs = options.timeoutMs ?? METRIC_SOURCE_TIMEOUT_MS;
  // One reading per scrape, shared by the gauges below: prom-client collects every metric of a
  // scrape at once, so the first gauge starts the reading and the others await the same one; it is
  // forgotten when it settles, and the next scrape reads afresh.
  let reading: Promise<Reading> | undefined;
  const read = (): Promise<Reading> => {
    reading ??= (async () => {
      const [depth, byState, stuck] = await Promise.allSettled([
        withTimeout(sources.queueDepth(), timeoutMs, 'queue depth'),
        withTimeout(sources.ordersByState(), timeoutMs, 'orders by state'),
        withTimeout(sources.ordersStuck(), timeoutMs, 'stuck orders'),
      ]);
      return {
        depth: depth.status === 'fulfilled' ? depth.value : undefined,
        byState: byState.status === 'fulfilled' ? byState.value : undefined,
        stuck: stuck.status === 'fulfilled' ? stuck.value : undefined,
      };
    })().finally(() => { reading = undefined; });
    return reading;
  };
  new client.Gauge({
    name: 'zhengxin_dependency_up',
    help: 'Whether the dependency answered this scrape in time (1) or not (0; gauges read from it are NaN)',
    labelNames: ['dependency'] as const,
    registers: [metrics.registry],
    async collect() {
      const r = await read();
      this.set({ dependency: 'queue' }, r.depth === undefined ? 0 : 1);
      this.set({ dependency: 'database' }, r.byState === undefined || r.stuck === undefined ? 0 : 1);
    },
  });
  new client.Gauge({
    name: 'zhengxin_queue_depth',
    help: 'Report jobs waiting or running (NaN: the queue could not be read)',
    registers: [metrics.registry],
    async collect() {
      this.set((await read()).depth ?? NaN);
    },
  });
  new client.Gauge({
    name: 'zhengxin_orders',
    help: 'Orders by state (P pending, S done, F failed; NaN: the database could not be read)',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    async collect() {
      const counts = (await read()).byState;
      for (const state of ['P', 'S', 'F']) this.set({ state }, counts ? counts[state] ?? 0 : NaN);
    },
  });
  new client.Gauge({
    name: 'zhengxin_orders_stuck',
    help: 'Orders still P after ZHENGXIN_ORDER_OVERDUE_SECONDS (stranded or overdue; alert when above 0 for a while)',
    registers: [metrics.registry],
    async collect() {
      this.set((await read()).stuck ?? NaN);
    },
  });
}

interface Reading {
  readonly depth: number | undefined;
  readonly byState: Record<string, number> | undefined;
  readonly stuck: number | undefined;
}
