import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { BlobStore } from '../storage/blob-store.js';
import { withTimeout } from '../io/with-timeout.js';
import { docsPage, EXAMPLE_FILES, INTEGRATION_GUIDE_PATH, readDocsFile } from './docs-page.js';
import type { Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';

/** How long /readyz waits for one dependency before calling it not ready. */
export const READINESS_PROBE_TIMEOUT_MS = 3_000;

/** /healthz (the process answers), /readyz (database, queue and blob store reachable), /metrics, /openapi.json, /schemas/report.json, /docs (with the integration guide and the examples it links). */
export function registerOpsRoutes(app: FastifyInstance, deps: {
  database: Database;
  jobQueue: JobQueue;
  blobStore: BlobStore;
  metrics: Metrics;
  /** Further checks by name (the master key on a shared database). */
  readiness?: Record<string, () => Promise<unknown>> | undefined;
}): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = {};
    const probe = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), READINESS_PROBE_TIMEOUT_MS, name);
        checks[name] = 'ok';
      } catch (err) {
        checks[name] = err instanceof Error ? err.message : String(err);
      }
    };
    await Promise.all([
      probe('database', () => sql`select 1`.execute(deps.database.db)),
      probe('queue', () => deps.jobQueue.ping()),
      probe('blobStore', () => deps.blobStore.ping()),
      ...Object.entries(deps.readiness ?? {}).map(([name, check]) => probe(name, check)),
    ]);
    const ready = Object.values(checks).every((v) => v === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.header('Content-Type', deps.metrics.registry.contentType).send(body);
  });

  const openapi = JSON.stringify(openApiDocument());
  app.get('/openapi.json', async (_request, reply) => reply.header('Content-Type', 'application/json; charset=utf-8').send(openapi));
  // The JSON Schema of reportFormat=3 (docs/report.schema.json), as the repository has it.
  const reportSchema = readDocsFile('report.schema.json');
  app.get('/schemas/report.json', async (_request, reply) => reply.header('Content-Type', 'application/schema+json; charset=utf-8').send(reportSchema));
  const docs = docsPage();
  app.get('/docs', async (_request, reply) => reply.header('Content-Type', 'text/html; charset=utf-8').send(docs));
  // The integration guide and the runnable examples /docs links to, as the repository has them.
  const guide = readDocsFile('integration.md');
  app.get(INTEGRATION_GUIDE_PATH, async (_request, reply) => reply.header('Content-Type', 'text/markdown; charset=utf-8').send(guide));
  for (const file of EXAMPLE_FILES) {
    const text = readDocsFile(`examples/${file}`);
    app.get(`/docs/examples/${file}`, async (_request, reply) => reply.header('Content-Type', 'text/plain; charset=utf-8').send(text));
  }
}
