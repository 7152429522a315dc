import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from './db/database.js';
import type { Metrics } from './ops/metrics.js';
import { registerOpsRoutes } from './ops/routes.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';

/**
 * What a `zhengxin serve` process does. `api` answers HTTP and consumes no jobs; `worker` consumes
 * jobs and answers only the operations probes; `all` (the default) does both.
 */
export const SERVE_ROLES = ['api', 'worker', 'all'] as const;
export type ServeRole = (typeof SERVE_ROLES)[number];

export function parseServeRole(raw: string): ServeRole {
  if ((SERVE_ROLES as readonly string[]).includes(raw)) return raw as ServeRole;
  throw new Error(`--role must be one of ${SERVE_ROLES.join(', ')} (got "${raw}")`);
}

export const servesApi = (role: ServeRole): boolean => role !== 'worker';
export const consumesJobs = (role: ServeRole): boolean => role !== 'api';

/** Paths a worker process answers: enough for a supervisor's health checks and Prometheus. */
export const WORKER_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics'];

/** The HTTP face of a worker process: /healthz, /readyz and /metrics, nothing else. */
export async function buildWorkerApp(deps: {
  database: Database;
  jobQueue: JobQueue;
  blobStore: BlobStore;
  metrics: Metrics;
  readiness?: Record<string, () => Promise<unknown>> | undefined;
  logger?: FastifyServerOptions['logger'];
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false });
  app.addHook('onRequest', async (request, reply) => {
    if (!WORKER_PATHS.includes(request.url.split('?')[0]!)) {
      return reply.code(404).send({ error: 'this is a worker process: it serves /healthz, /readyz and /metrics only' });
    }
  });
  registerOpsRoutes(app, deps);
  return app;
}
