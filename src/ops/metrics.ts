import client from 'prom-client';

/** The service's Prometheus metrics, in a registry of its own (several apps may share a process in tests). */
export interface Metrics {
  readonly registry: client.Registry;
  readonly requests: client.Counter<'endpoint' | 'status'>;
  readonly renderSeconds: client.Histogram<'outcome'>;
  observeRender(seconds: number, outcome: 'ok' | 'error'): void;
}

export interface MetricSources {
  queueDepth(): Promise<number>;
  ordersByState(): Promise<Record<string, number>>;
}

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
  return { registry, requests, renderSeconds, observeRender: (s, outcome) => renderSeconds.observe({ outcome }, s) };
}

/** Gauges read from the database when scraped (so every process reports the cluster-wide truth). */
export function registerStateGauges(metrics: Metrics, sources: MetricSources): void {
  new client.Gauge({
    name: 'zhengxin_queue_depth',
    help: 'Report jobs waiting or running',
    registers: [metrics.registry],
    async collect() {
      this.set(await sources.queueDepth());
    },
  });
  new client.Gauge({
    name: 'zhengxin_orders',
    help: 'Orders by state (P pending, S done, F failed)',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    async collect() {
      const counts = await sources.ordersByState();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
}
