import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { batchedAuditLog, type AuditLog } from './accounts/audit.js';
import { cachingSecretBox, type SecretBox } from './accounts/secrets.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerConsoleRoutes, type ConsoleDeps } from './console/routes.js';
import type { ApiConfig } from './api-config.js';
import type { Database } from './db/database.js';
import type { Clock } from './ops/clock.js';
import { registerOpsRoutes } from './ops/routes.js';
import { createMetrics, registerStateGauges, type Metrics } from './ops/metrics.js';
import { groupCommit } from './orders/group-commit.js';
import { countOrdersByState, countPendingOlderThan } from './orders/orders.js';
import type { CompanyDirectory } from './orders/ports.js';
import { registerRetrieveRoute } from './orders/retrieve-route.js';
import { parseFormBody, parseJsonBody, parseMultipartBody, MalformedBody } from './protocol/body-parsers.js';
import { callContextReader } from './protocol/call-context.js';
import { handleCall, InvariantError, type CallOutcome } from './protocol/call-pipeline.js';
import { INTERFACE_REGISTRY } from './protocol/catalogue.js';
import { errorEnvelope, renderEnvelope, type Dtype, type Envelope } from './protocol/envelope.js';
import { newOrderNumber, type InterfaceDeclaration } from './protocol/interfaces.js';
import { Params, requestedDtype, type FormSource, type JsonBody } from './protocol/params.js';
import { installRequestLineEncoding, requestMalformedResponse, resumeRawRequestLine } from './protocol/request-line.js';
import { relationGraphOf } from './protocol/relation-graph.js';
import type { RelationGraph } from './protocol/relation-shapes.js';
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
  /** Called after a data push committed (wakes an in-process callback dispatcher). */
  readonly onDataChanged?: () => void;
  /** The console's sign-in rate limit (default: 5 failures per address per 15 minutes). */
  readonly console?: Pick<ConsoleDeps, 'signinLimit'>;
  /** The relation graph for findRelation and EquityThrough (default: the store's, src/protocol/relation-graph.ts). */
  readonly relationGraph?: RelationGraph;
}

const BODY_LIMIT_BYTES = 64 * 1024;
/** Report/CreateBatch: 5,000 company names of up to ~100 UTF-8 bytes, and then some (207 is answered past 5,000). */
const BATCH_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
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

/** The label of calls that name no interface (metrics and audit). */
const UNKNOWN_INTERFACE = 'unknown';

/**
 * The HTTP application: every declared interface (src/protocol/catalogue.ts) under both prefixes,
 * retrieve, /admin and the operations endpoints. Every side effect comes in through `deps`; this
 * never listens (src/server.ts does).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Set once the audit log exists: a request the HTTP parser refused is audited too.
  const late: { auditMalformed?: (requestId: string, reason: string) => void } = {};
  const app = Fastify({
    logger: deps.logger ? ({ ...API_LOG_OPTIONS, ...deps.logger } as FastifyServerOptions['logger']) : false,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    exposeHeadRoutes: false,
    requestIdHeader: false,
    // Slow or stalled clients (docs/api.md, "Connections"): the whole request within
    // requestTimeoutMs, headers within headersTimeoutMs, idle keep-alive closed after keepAliveTimeoutMs.
    requestTimeout: deps.config.requestTimeoutMs,
    keepAliveTimeout: deps.config.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(deps.config.headersTimeoutMs, deps.config.requestTimeoutMs),
      // How often Node looks for connections past those deadlines.
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(deps.config.requestTimeoutMs / 4))),
    },
    genReqId: (req) => {
      const offered = req.headers['x-request-id'];
      return typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : crypto.randomUUID();
    },
    // A request Node's HTTP parser cannot read still gets the vendor envelope and a request id.
    clientErrorHandler: (err, socket) => {
      // Raw UTF-8 in a request line: answered as its percent-encoded form (src/protocol/request-line.ts).
      if (resumeRawRequestLine(err, socket)) return;
      const code = (err as { code?: string }).code;
      const requestId = crypto.randomUUID();
      if (code !== 'ECONNRESET' && socket.writable) {
        const reason = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'request_malformed';
        socket.end(requestMalformedResponse(requestId, httpDate(), reason));
        late.auditMalformed?.(requestId, reason);
      } else {
        socket.destroy(err);
      }
    },
  });
  app.server.maxConnections = deps.config.maxConnections;
  if (deps.config.requestLineEncoding) installRequestLineEncoding(app.server);
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
  late.auditMalformed = (requestId, reason) => {
    countRequest(UNKNOWN_INTERFACE, '202');
    audit.record({ requestId, at: new Date(deps.clock.now()).toISOString(), accountKey: null, interface: UNKNOWN_INTERFACE, method: '', status: '202', reason, ip: '', orderNo: null });
  };

  // A callback hook, not an async one: it runs on every request, and a promise per request costs.
  const httpDate = httpDateOf(deps.clock);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // Date from the clock the Timespan check uses (not Node's wall clock), so a client that got
    // 115 for skew corrects itself by exactly the skew the check saw. IMF-fixdate (RFC 7231).
    reply.header('Date', httpDate());
    done();
  });

  // Body parsing never fails the request at the transport level: a vendor client expects an
  // envelope. What a body may be and how it is read: docs/integration.md, "Parameters".
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, parseJsonBody(body as Buffer));
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, parseFormBody(body as Buffer, req.headers['content-type']));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, parseMultipartBody(body as Buffer, req.headers['content-type']));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, undefined));

  // Counter children by interface and status, so a request does not hash its labels again.
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
    watchLimit: deps.config.watchLimit,
    ...(deps.config.publicBaseUrl ? { publicBaseUrl: deps.config.publicBaseUrl } : {}),
    relationGraph: deps.relationGraph ?? relationGraphOf(deps.database.db),
  };

  const answer = (reply: FastifyReply, declaration: InterfaceDeclaration | undefined, dtype: Dtype, outcome: CallOutcome) => {
    countRequest(declaration?.name ?? UNKNOWN_INTERFACE, outcome.status);
    const { body, contentType } = renderEnvelope(envelopeOf(declaration, outcome), dtype);
    if (outcome.status !== '200' && 'reason' in outcome) reply.header('X-Error-Reason', outcome.reason);
    return reply.code(200).header('Content-Type', contentType).send(body);
  };

  /** Every interface path, known or not, goes through the one check order. */
  const serveCall = async (request: FastifyRequest, reply: FastifyReply) => {
    const declaration = INTERFACE_REGISTRY.resolve(request.url);
    const query = request.query as FormSource;
    const body = request.body as FormSource | JsonBody | MalformedBody | undefined;
    const malformed = body instanceof MalformedBody;
    let params = new Params(query, malformed ? undefined : body);
    // A body we could not parse: the query string serves when it carries the whole call (every
    // required parameter); otherwise the parameter step answers 202, after the earlier checks.
    const bodyMalformed = malformed && !carriesCall(declaration, params) ? body.reason : undefined;
    if (malformed && !bodyMalformed) params = new Params(query);
    const dtype = requestedDtype(params);
    const outcome = await handleCall(
      {
        declaration,
        requestId: request.id,
        method: request.method,
        params,
        bodyMalformed,
        token: header(request, 'token'),
        timespan: header(request, 'timespan'),
        ip: request.ip,
        nowMs: deps.clock.now(),
        idempotencyKey: header(request, 'idempotency-key'),
      },
      callDeps,
    );
    if (outcome.status === '200' && outcome.created) deps.onOrderCommitted?.();
    audit.record({
      requestId: request.id,
      at: new Date(deps.clock.now()).toISOString(),
      accountKey: outcome.accountKey,
      interface: declaration?.name ?? UNKNOWN_INTERFACE,
      method: request.method,
      status: outcome.status,
      reason: 'reason' in outcome ? outcome.reason : null,
      ip: request.ip,
      orderNo: outcome.orderNo ?? outcome.orderNumber ?? null,
    });
    return answer(reply, declaration, dtype, outcome);
  };

  registerRetrieveRoute(app, { db: deps.database.db, blobStore: deps.blobStore, clock: deps.clock, metrics, audit });
  registerOpsRoutes(app, { database: deps.database, jobQueue: deps.jobQueue, blobStore: deps.blobStore, metrics, readiness: deps.readiness });
  registerAdminRoutes(app, { db: deps.database.db, secrets: deps.secrets, adminToken: deps.config.adminToken, clock: deps.clock, jobQueue: deps.jobQueue, callbackAllowPrivate: deps.config.callbackAllowPrivate, ...(deps.onOrderCommitted ? { onOrderCommitted: deps.onOrderCommitted } : {}), ...(deps.onDataChanged ? { onChange: deps.onDataChanged } : {}) });
  registerConsoleRoutes(app, { db: deps.database.db, secrets: deps.secrets, adminToken: deps.config.adminToken, clock: deps.clock, blobStore: deps.blobStore, jobQueue: deps.jobQueue, ...(deps.onOrderCommitted ? { onOrderCommitted: deps.onOrderCommitted } : {}),
    callbackAllowPrivate: deps.config.callbackAllowPrivate, ...(deps.onDataChanged ? { onDeliveriesChanged: deps.onDataChanged } : {}), ...deps.console });

  // Every path no other route serves is an interface path under the prefix `/`: paths are matched
  // case-insensitively with an optional trailing slash (INTERFACE_REGISTRY.resolve), and a path
  // naming no interface is answered 214 after the key and token checks, never 201.
  app.route({ method: app.supportedMethods as string[], url: '/*', handler: serveCall });
  // A batch of 5,000 companies is a larger body than any other call's.
  for (const prefix of ['/', '/api/yj/']) app.route({ method: ['GET', 'POST'], url: `${prefix}Report/CreateBatch`, bodyLimit: BATCH_BODY_LIMIT_BYTES, handler: serveCall });
  // A method Fastify does not route at all still gets the check order (118).
  app.setNotFoundHandler(serveCall);

  // Anything thrown: 203 when the database or queue is unreachable, 500 for a broken invariant,
  // else 199; always logged with the request id, and audited.
  app.setErrorHandler((err, request, reply) => {
    // Fastify's own 4xx (body too large, unreadable request) are the client's parameter errors.
    const clientError = typeof (err as { statusCode?: unknown }).statusCode === 'number' && (err as { statusCode: number }).statusCode < 500;
    const status: ErrorStatus = clientError ? '202' : isBackendUnavailable(err) ? '203' : err instanceof InvariantError ? '500' : '199';
    if (clientError) request.log.info({ err, status }, 'request refused');
    else request.log.error({ err, status }, 'request failed');
    const declaration = INTERFACE_REGISTRY.resolve(request.url);
    const name = declaration?.name ?? UNKNOWN_INTERFACE;
    const reason = clientError ? 'request_malformed' : status === '203' ? 'backend_unavailable' : status === '500' ? 'invariant_broken' : 'internal_error';
    countRequest(name, status);
    audit.record({
      requestId: request.id, at: new Date(deps.clock.now()).toISOString(), accountKey: null, interface: name,
      method: request.method, status, reason, ip: request.ip, orderNo: null,
    });
    reply.header('X-Error-Reason', reason);
    const { body, contentType } = renderEnvelope(envelopeOf(declaration, { status, reason, accountKey: null }), requestedDtype(new Params(request.query as FormSource)));
    return reply.code(200).header('Content-Type', contentType).send(body);
  });

  return app;
}

/** The envelope of an outcome, in the shape its interface declares (report envelope for an unknown one). */
function envelopeOf(declaration: InterfaceDeclaration | undefined, outcome: CallOutcome | { status: ErrorStatus; reason: string; accountKey: null }): Envelope {
  const shape = declaration?.envelope;
  const base: Envelope = outcome.status === '200' && 'result' in outcome
    ? { status: '200', message: declaration!.successMessage, result: outcome.result }
    : errorEnvelope(outcome.status as ErrorStatus);
  if (shape?.kind !== 'data') return base;
  const orderNumber = ('orderNumber' in outcome ? outcome.orderNumber : undefined) ?? newOrderNumberFor(declaration!);
  // OPENAPI-SHAPES.md §2 [C]: a 201 ("no data") has no Paging key at all; other errors of a paged
  // interface carry `"Paging": null` (the recorded 112).
  const paging = outcome.status === '200' && 'paging' in outcome ? outcome.paging : shape.paged && outcome.status !== '201' ? null : undefined;
  return { ...base, orderNumber, ...(paging !== undefined ? { paging } : {}), ...(shape.xmlItemName ? { xmlItemName: shape.xmlItemName } : {}) };
}

function newOrderNumberFor(declaration: InterfaceDeclaration): string {
  return declaration.envelope.kind === 'data' ? newOrderNumber(declaration.envelope.orderNumberPrefix, Date.now()) : '';
}


/** The query string alone carries every required parameter of the interface (the key at least). */
function carriesCall(declaration: InterfaceDeclaration | undefined, params: Params): boolean {
  const required = declaration?.parameters.filter((p) => p.required).map((p) => [p.name, ...(p.aliases ?? [])]) ?? [['key']];
  return required.every((names) => names.some((n) => (params.get(n) ?? '').trim() !== ''));
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

// PostgreSQL: 57P01-57P03 shutdown/crash/cannot connect now, 57014 statement_timeout, 53300 too many
// connections, 08xxx connection exceptions, 25P03 idle_in_transaction_session_timeout.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '57014', '53300', '08000', '08001', '08003', '08006', '25P03', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'ENOSPC', '53100']);

export function isBackendUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /driver has already been destroyed|Connection terminated|database connection is not open|timeout exceeded when trying to connect|Query read timeout|Connection terminated unexpectedly|Client has encountered a connection error|Client was closed and is not queryable/i.test(message);
}
