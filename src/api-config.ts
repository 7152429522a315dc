import { DEFAULT_STALE_AFTER_DAYS } from './reports/model/build.js';
import { ConfigError } from './config.js';
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from './accounts/lockouts.js';
import { DEFAULT_RETENTION_DAYS } from './orders/orders.js';
import { DEFAULT_TOKEN_SKEW_SECONDS } from './protocol/token.js';
import { DEFAULT_RENDER_NICENESS } from './reports/render-service.js';

/** The report API's settings, parsed once from the environment (see docs/api.md for each). */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly tokenSkewSeconds: number;
  readonly lockout: LockoutPolicy;
  readonly retentionDays: number;
  /** Bearer token for /admin; undefined disables /admin. */
  readonly adminToken: string | undefined;
  /** Days the change feed keeps events (ZHENGXIN_EVENT_RETENTION_DAYS, default 30). */
  readonly eventRetentionDays: number;
  /** Companies one account may watch (ZHENGXIN_WATCH_LIMIT, default 10,000; beyond: 209). */
  readonly watchLimit: number;
  /** ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1: callbacks may go to private and loopback addresses. */
  readonly callbackAllowPrivate: boolean;
  /** First retry delay of a failed callback (ZHENGXIN_CALLBACK_RETRY_BASE_MS, default 5,000; doubling, at most 1 h). */
  readonly callbackRetryBaseMs: number;
  /** `ZHENGXIN_MASTER_KEY`; undefined: generated into `<dataDir>/master.key` on first start. */
  readonly masterKey: string | undefined;
  /** Trust X-Forwarded-For from these proxies (Fastify's trustProxy: true, a hop count or CIDRs). */
  readonly trustProxy: boolean | number | string;
  readonly workerConcurrency: number;
  readonly renderThreads: number;
  /** `ZHENGXIN_REPORT_STALE_DAYS`: reports warn on the cover and summary when their data is older (default 30). */
  readonly reportStaleAfterDays: number;
  /** Nice value of the render threads (0–19; 0 leaves their priority alone): reports render in the CPU time the API leaves. */
  readonly renderNiceness: number;
  readonly jobLeaseMs: number;
  /** PostgreSQL: the serving processes' bound on one statement (server and client side). */
  readonly dbStatementTimeoutMs: number;
  /** BullMQ: how often each worker looks for P orders without a live job (0 turns it off). */
  readonly reconcileMs: number;
  /** A P order older than this counts in `zhengxin_orders_stuck`. */
  readonly orderOverdueMs: number;
  /** SQLite: WAL checkpoints every this many ms on a background thread; 0 leaves them to SQLite (on commits). */
  readonly sqliteCheckpointMs: number;
  readonly jobPollMs: number;
  /** JSON logs on stdout (default on for `serve`). */
  readonly logLevel: string;
  /** `PUBLIC_BASE_URL` without a trailing slash: GetReportInfo's ReportUrl is absolute when set. */
  readonly publicBaseUrl: string | undefined;
  /** Percent-encode raw bytes ≥ 0x80 in request lines before Node's parser (src/protocol/request-line.ts); off only to measure it. */
  readonly requestLineEncoding: boolean;
  /** The whole request (headers and body) must arrive within this; else the connection closes. */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** An idle keep-alive connection closes after this. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; more are refused at accept. */
  readonly maxConnections: number;
}

export const DEFAULT_PORT = 8080;

export function loadApiConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const minutes = (name: string, fallbackMs: number) => int(env, name, fallbackMs / 60_000, 1) * 60_000;
  return Object.freeze({
    port: int(env, 'PORT', DEFAULT_PORT, 0),
    host: env.HOST?.trim() || '0.0.0.0',
    tokenSkewSeconds: int(env, 'ZHENGXIN_TOKEN_SKEW_SECONDS', DEFAULT_TOKEN_SKEW_SECONDS, 0),
    lockout: {
      auth: {
        maxFailures: int(env, 'ZHENGXIN_AUTH_LOCKOUT_FAILURES', DEFAULT_LOCKOUT_POLICY.auth.maxFailures, 1),
        windowMs: minutes('ZHENGXIN_AUTH_LOCKOUT_WINDOW_MINUTES', DEFAULT_LOCKOUT_POLICY.auth.windowMs),
        lockMs: minutes('ZHENGXIN_AUTH_LOCKOUT_MINUTES', DEFAULT_LOCKOUT_POLICY.auth.lockMs),
      },
      param: {
        maxFailures: int(env, 'ZHENGXIN_PARAM_LOCKOUT_ERRORS', DEFAULT_LOCKOUT_POLICY.param.maxFailures, 1),
        windowMs: minutes('ZHENGXIN_PARAM_LOCKOUT_WINDOW_MINUTES', DEFAULT_LOCKOUT_POLICY.param.windowMs),
        lockMs: minutes('ZHENGXIN_PARAM_LOCKOUT_MINUTES', DEFAULT_LOCKOUT_POLICY.param.lockMs),
      },
    },
    retentionDays: int(env, 'ZHENGXIN_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, 1),
    adminToken: env.ZHENGXIN_ADMIN_TOKEN?.trim() || undefined,
    eventRetentionDays: int(env, 'ZHENGXIN_EVENT_RETENTION_DAYS', 30, 1),
    watchLimit: int(env, 'ZHENGXIN_WATCH_LIMIT', 10_000, 0),
    callbackAllowPrivate: env.ZHENGXIN_CALLBACK_ALLOW_PRIVATE?.trim() === '1',
    callbackRetryBaseMs: int(env, 'ZHENGXIN_CALLBACK_RETRY_BASE_MS', 5_000, 10),
    masterKey: env.ZHENGXIN_MASTER_KEY?.trim() || undefined,
    trustProxy: parseTrustProxy(env.ZHENGXIN_TRUST_PROXY),
    workerConcurrency: int(env, 'ZHENGXIN_WORKERS', 2, 1),
    renderThreads: int(env, 'ZHENGXIN_RENDER_THREADS', 1, 1),
    reportStaleAfterDays: int(env, 'ZHENGXIN_REPORT_STALE_DAYS', DEFAULT_STALE_AFTER_DAYS, 0),
    renderNiceness: intAtMost(env, 'ZHENGXIN_RENDER_NICE', DEFAULT_RENDER_NICENESS, 0, 19),
    jobLeaseMs: int(env, 'ZHENGXIN_JOB_LEASE_MS', 30_000, 100),
    dbStatementTimeoutMs: int(env, 'ZHENGXIN_DB_STATEMENT_TIMEOUT_MS', 15_000, 100),
    reconcileMs: int(env, 'ZHENGXIN_RECONCILE_MS', 15_000, 0),
    orderOverdueMs: int(env, 'ZHENGXIN_ORDER_OVERDUE_SECONDS', 600, 1) * 1000,
    sqliteCheckpointMs: int(env, 'ZHENGXIN_SQLITE_CHECKPOINT_MS', 500, 0),
    jobPollMs: int(env, 'ZHENGXIN_JOB_POLL_MS', 100, 5),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    publicBaseUrl: parsePublicBaseUrl(env.PUBLIC_BASE_URL),
    requestLineEncoding: env.ZHENGXIN_REQUEST_LINE_ENCODING?.trim() !== 'off',
    requestTimeoutMs: int(env, 'ZHENGXIN_REQUEST_TIMEOUT_MS', 30_000, 100),
    headersTimeoutMs: int(env, 'ZHENGXIN_HEADERS_TIMEOUT_MS', 10_000, 100),
    keepAliveTimeoutMs: int(env, 'ZHENGXIN_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100),
    maxConnections: int(env, 'ZHENGXIN_MAX_CONNECTIONS', 1024, 1),
  });
}

function intAtMost(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const n = int(env, name, fallback, min);
  if (n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${n}")`);
  return n;
}

function int(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new ConfigError(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return Number(raw);
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const t = raw?.trim();
  if (!t || t === 'false' || t === '0') return false;
  if (t === 'true') return true;
  if (/^\d+$/.test(t)) return Number(t);
  return t;
}

/** An absolute http(s) URL; its trailing slashes are dropped (the retrieve path starts with one). */
function parsePublicBaseUrl(raw: string | undefined): string | undefined {
  const t = raw?.trim();
  if (!t) return undefined;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) URL (got "${t}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) URL (got "${t}")`);
  if (url.search || url.hash) throw new ConfigError(`PUBLIC_BASE_URL takes no query or fragment (got "${t}")`);
  return t.replace(/\/+$/, '');
}
