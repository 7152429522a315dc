import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { ApiInterface } from './accounts/accounts.js';
import { batchedAuditLog, type AuditLog } from './accounts/audit.js';
import { cachingSecretBox, type SecretBox } from './accounts/secrets.js';
import { registerAdminRoutes } from './admin/routes.js';
import type { ApiConfig } from './api-config.js';
import type { Database } from './db/database.js';
import type { Clock } from './ops/clock.js';
import { registerOpsRoutes } from './ops/routes.js';
import { createMetrics, registerStateGauges, type Metrics } from './ops/metrics.js';
import { groupCommit } from './orders/group-commit.js';
import { countOrdersByState, countPendingOlderThan } from './orders/orders.js';
import type { CompanyDirectory } from './orders/ports.js';
import { registerRetrieveRoute } from './orders/retrieve-route.js';
import { errorEnvelope, renderEnvelope, successEnvelope, type Dtype } from './protocol/envelope.js';
import { Params, requestedDtype } from './protocol/params.js';
import { callContextReader } from './protocol/call-context.js';
import { handleReportCall, InvariantError, type ReportCallOutcome } from './protocol/report-calls.js';
import type { ErrorStatus } from './protocol/status-codes.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';

export interface AppDeps {
  readonly config: ApiConfig;
  readonly database: Database;
  readonly blobStore: BlobStore;
  readonly jobQueue: JobQueue;
  readonly directory: CompanyDirectory;
  readonly secrets: SecretBox;
  readonly clock: Clock;
  /** pino options (level, stream); the redaction and serializers of API_LOG_OPTIONS always apply. Absent: no logs. */
  readonly logger?: Record<string, unknown>;
  readonly metrics?: Metrics;
  /** Further /readyz checks by name (the master key on a shared database). */
  readonly readiness?: Record<string, () => Promise<unknown>> | undefined;
  /** Called after an order committed (wakes in-process workers without waiting for a poll). */
  readonly onOrderCommitted?: () => void;
}

export const REPORT_PREFIXES = ['/api/yj/Report/', '/Report/'] as const;
const REPORT_ENDPOINTS: readonly ApiInterface[] = ['CreateReport', 'GetReportInfo'];
const ANY_METHOD = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
const BODY_LIMIT_BYTES = 64 * 1024;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * What every log line of the API may carry: request lines hold the id, method, path and client
 * address only (query strings carry retrieve codes, which are credentials; headers carry Tokens),
 * and the secret-bearing headers are redacted should anything log them anyway. SecretKeys are never
 * handed to a logger.
 */
export const API_LOG_OPTIONS = {
  redact: { paths: ['req.headers.token', 'req.headers.authorization', 'req.headers.cookie', 'headers.token', 'headers.authorization'], censor: '[redacted]' },
  serializers: {
    req: (req: { method: string; url: string; ip?: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0], ip: req.ip }),
  },
};

/** Marks a body we could not parse; the call is answered with 202 instead of a transport error. */
const MALFORMED_BODY = Symbol('malformed body');

/**
 * The HTTP application: the report API under both prefixes, retrieve, /admin and the operations
 * endpoints. Every side effect comes in through `deps`; this never listens (src/server.ts does).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? ({ ...API_LOG_OPTIONS, ...deps.logger } as FastifyServerOptions['logger']) : false,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    exposeHeadRoutes: false,
    requestIdHeader: false,
    genReqId: (req) => {
      const offered = req.headers['x-request-id'];
      return typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : crypto.randomUUID();
    },
  });
  const metrics = deps.metrics ?? createMetrics();
  if (!deps.metrics) {
    registerStateGauges(metrics, {
      queueDepth: () => deps.jobQueue.depth(),
      ordersByState: () => countOrdersByState(deps.database.db),
      ordersStuck: () => countPendingOlderThan(deps.database.db, new Date(Date.now() - deps.config.orderOverdueMs).toISOString()),
    });
  }
  const audit: AuditLog = batchedAuditLog(deps.database.db, { onError: (err, held) => app.log.error({ err, held }, 'audit log write failed: entries kept for a retry') });
  app.addHook('onClose', async () => { await audit.close(); });

  // A callback hook, not an async one: it runs on every request, and a promise per request costs.
  const httpDate = httpDateOf(deps.clock);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // Date from the clock the Timespan check uses (not Node's wall clock), so a client that got
    // 115 for skew corrects itself by exactly the skew the check saw. IMF-fixdate (RFC 7231).
    reply.header('Date', httpDate());
    done();
  });

  // Body parsing never fails the request at the transport level: a vendor client expects an envelope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(text);
      done(null, parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : MALFORMED_BODY);
    } catch {
      done(null, MALFORMED_BODY);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, undefined));

  // Counter children by endpoint and status, so a request does not hash its labels again.
  const requestCounters = new Map<string, { inc(): void }>();
  const countRequest = (endpoint: string, status: string) => {
    const id = `${endpoint} ${status}`;
    let counter = requestCounters.get(id);
    if (!counter) {
      counter = metrics.requests.labels({ endpoint, status });
      requestCounters.set(id, counter);
    }
    counter.inc();
  };
  const callDeps = {
    db: deps.database.db,
    // Opened SecretKeys are kept (keyed by their sealed text, so a rotation takes effect at once).
    secrets: cachingSecretBox(deps.secrets),
    jobQueue: deps.jobQueue,
    directory: deps.directory,
    tokenSkewSeconds: deps.config.tokenSkewSeconds,
    lockout: deps.config.lockout,
    // One writer (SQLite): orders arriving together share one commit, each in its own savepoint.
    transact: deps.database.capabilities.concurrentWriters ? undefined : groupCommit(deps.database.db),
    readContext: callContextReader(deps.database.db),
  };

  const answer = (reply: FastifyReply, endpoint: string, dtype: Dtype, outcome: ReportCallOutcome | { status: ErrorStatus; reason: string }) => {
    countRequest(endpoint, outcome.status);
    const envelope = outcome.status === '200' && 'result' in outcome
      ? successEnvelope(endpoint as ApiInterface, outcome.result)
      : errorEnvelope(outcome.status as ErrorStatus);
    if (outcome.status !== '200' && 'reason' in outcome) reply.header('X-Error-Reason', outcome.reason);
    const { body, contentType } = renderEnvelope(envelope, dtype);
    return reply.code(200).header('Content-Type', contentType).send(body);
  };

  for (const prefix of REPORT_PREFIXES) {
    for (const name of REPORT_ENDPOINTS) {
      app.route({
        method: [...ANY_METHOD],
        url: prefix + name,
        handler: async (request, reply) => {
          const query = request.query as Record<string, unknown>;
          const body = request.body as Record<string, unknown> | typeof MALFORMED_BODY | undefined;
          const params = new Params(query, body === MALFORMED_BODY ? undefined : body);
          const dtype = requestedDtype(params);
          // A body we could not parse counts as no body; the parameter step answers 202 for it, so
          // the earlier checks (method, key, token, …) still come first.
          const outcome: ReportCallOutcome = await handleReportCall(
            {
              name,
              method: request.method,
              params,
              bodyMalformed: body === MALFORMED_BODY,
              token: header(request, 'token'),
              timespan: header(request, 'timespan'),
              ip: request.ip,
              nowMs: deps.clock.now(),
            },
            callDeps,
          );
          if (outcome.status === '200' && outcome.created) deps.onOrderCommitted?.();
          audit.record({
            requestId: request.id,
            at: new Date(deps.clock.now()).toISOString(),
            accountKey: outcome.accountKey,
            interface: name,
            method: request.method,
            status: outcome.status,
            reason: 'reason' in outcome ? outcome.reason : null,
            ip: request.ip,
            orderNo: outcome.orderNo ?? null,
          });
          return answer(reply, name, dtype, outcome);
        },
      });
    }
  }

  registerRetrieveRoute(app, { db: deps.database.db, blobStore: deps.blobStore, clock: deps.clock, metrics, audit });
  registerOpsRoutes(app, { database: deps.database, jobQueue: deps.jobQueue, blobStore: deps.blobStore, metrics, readiness: deps.readiness });
  registerAdminRoutes(app, { db: deps.database.db, secrets: deps.secrets, adminToken: deps.config.adminToken, clock: deps.clock });

  app.setNotFoundHandler((request, reply) => {
    // A method Fastify has no route for (TRACE, PROPFIND, …) on a report path is still 118.
    const path = request.url.split('?')[0]!;
    if (REPORT_PREFIXES.some((p) => REPORT_ENDPOINTS.some((n) => path === p + n))) {
      return answer(reply, endpointOf(request), requestedDtype(new Params(request.query as Record<string, unknown>)), { status: '118', reason: 'method_not_allowed' });
    }
    reply.header('X-Error-Reason', 'route_not_found');
    const { body, contentType } = renderEnvelope(errorEnvelope('201'), 'json');
    return reply.code(404).header('Content-Type', contentType).send(body);
  });

  // Anything thrown: 203 when the database or queue is unreachable, 500 for a broken invariant,
  // else 199; always logged with the request id.
  app.setErrorHandler((err, request, reply) => {
    // Fastify's own 4xx (body too large, unreadable request) are the client's parameter errors.
    const clientError = typeof (err as { statusCode?: unknown }).statusCode === 'number' && (err as { statusCode: number }).statusCode < 500;
    const status: ErrorStatus = clientError ? '202' : isBackendUnavailable(err) ? '203' : err instanceof InvariantError ? '500' : '199';
    if (clientError) request.log.info({ err, status }, 'request refused');
    else request.log.error({ err, status }, 'request failed');
    countRequest(endpointOf(request), status);
    reply.header('X-Error-Reason', clientError ? 'request_malformed' : status === '203' ? 'backend_unavailable' : status === '500' ? 'invariant_broken' : 'internal_error');
    const { body, contentType } = renderEnvelope(errorEnvelope(status), requestedDtype(new Params(request.query as Record<string, unknown>)));
    return reply.code(200).header('Content-Type', contentType).send(body);
  });

  return app;
}

/** The clock's time as an IMF-fixdate, formatted once per second of that clock. */
function httpDateOf(clock: Clock): () => string {
  let second = NaN;
  let text = '';
  return () => {
    const now = Math.floor(clock.now() / 1000);
    if (now !== second) {
      second = now;
      text = new Date(now * 1000).toUTCString();
    }
    return text;
  };
}

function fastifyTrustProxy(t: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function endpointOf(request: FastifyRequest): string {
  const last = request.url.split('?')[0]!.split('/').pop() ?? '';
  return (REPORT_ENDPOINTS as readonly string[]).includes(last) ? last : 'other';
}

// PostgreSQL: 57P01-57P03 shutdown/crash/cannot connect now, 57014 statement_timeout, 53300 too many
// connections, 08xxx connection exceptions, 25P03 idle_in_transaction_session_timeout.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '57014', '53300', '08000', '08001', '08003', '08006', '25P03', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'ENOSPC', '53100']);

export function isBackendUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /driver has already been destroyed|Connection terminated|database connection is not open|timeout exceeded when trying to connect|Query read timeout|Connection terminated unexpectedly|Client has encountered a connection error|Client was closed and is not queryable/i.test(message);
}
