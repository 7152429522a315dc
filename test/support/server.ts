import crypto from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadApiConfig, type ApiConfig } from '../../src/api-config.js';
import { createAccount, type NewAccount } from '../../src/accounts/accounts.js';
import { secretBox, type SecretBox } from '../../src/accounts/secrets.js';
import { upsertCompanies } from '../../src/companies/store.js';
import { completeUscc } from '../../src/companies/uscc.js';
import type { CompanyDocument } from '../../src/companies/document.js';
import { manualClock } from '../../src/ops/clock.js';
import { companyDirectory } from '../../src/orders/company-directory.js';
import { reportJobHandlers } from '../../src/orders/report-job.js';
import { reportInputPorts } from '../../src/orders/report-inputs.js';
import { relationFactsSource } from '../../src/orders/relation-facts-source.js';
import { reportProducer } from '../../src/orders/report-production.js';
import { loadDecisionPolicy } from '../../src/reports/types/decision/policy-file.js';
import { createInlineRenderer } from '../../src/reports/render-service.js';
import { computeToken } from '../../src/protocol/token.js';
import { createBullmqJobQueue } from '../../src/queue/bullmq-queue.js';
import { dbJobQueue } from '../../src/queue/db-queue.js';
import type { JobQueue, RetryPolicy } from '../../src/queue/job-queue.js';
import type { BlobStore } from '../../src/storage/blob-store.js';
import { fsBlobStore } from '../../src/storage/fs-blob-store.js';
import { createS3BlobStore } from '../../src/storage/s3-blob-store.js';
import type { TestBackend, TestDatabase } from './databases.js';
import { startRedis, uniqueQueueName } from './redis.js';
import { startS3Server } from './s3.js';
import { RETRIEVE_URL_PATH } from '../../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../../src/realtime/deliveries.js';

/** Companies every API test can order: an ordinary one, one with a hostile name, one not covered (208). */
export const TEST_COMPANIES = {
  ordinary: doc('上海测试科技有限公司', completeUscc('91310115MA1H7J3K'), { formerNames: ['上海旧名称贸易有限公司'] }),
  hostile: doc('<b>"恶意"</b> & \'公司\'\u0001]]></Name>有限公司', completeUscc('91310115MA1H7J4K')),
  uncovered: doc('上海市某某事业单位', completeUscc('12310000MB0000001'.slice(0, 16))),
} as const;

function doc(name: string, uscc: string, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return {
    schemaVersion: 1,
    name,
    uscc,
    companyType: uscc.startsWith('91') ? '有限责任公司(自然人投资或控股)' : '事业单位',
    status: '存续',
    establishedOn: '2015-03-18',
    registeredCapital: { amount: 10_000_000, currency: 'CNY' },
    legalRep: '张三',
    address: '上海市浦东新区测试路1号',
    dataAsOf: '2026-06-30',
    ...extra,
  } as CompanyDocument;
}

export interface TestApi {
  readonly app: FastifyInstance;
  readonly db: TestDatabase;
  readonly clock: ReturnType<typeof manualClock>;
  readonly secrets: SecretBox;
  /** The master key `secrets` seals with, for CLI calls against the same database. */
  readonly masterKeyHex: string;
  readonly blobStore: BlobStore;
  readonly queue: JobQueue & { kick(): void };
  /** `embedded`: database queue and local disk; `scale-out`: BullMQ on Redis and S3 (PostgreSQL only). */
  readonly engines: 'embedded' | 'scale-out';
  readonly config: ApiConfig;
  account(input?: Partial<NewAccount>): Promise<{ key: string; secretKey: string }>;
  call(name: 'CreateReport' | 'GetReportInfo', opts: CallOptions): Promise<LightMyRequestResponse>;
  /** Starts in-process workers with the real report pipeline (fast retries for tests). */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface CallOptions {
  key?: string;
  secretKey?: string;
  params?: Record<string, string | undefined>;
  method?: string;
  prefix?: '/api/yj/Report/' | '/Report/';
  /** Where the parameters go: the query string (default for GET), a form body or a JSON body. */
  via?: 'query' | 'form' | 'json';
  timespan?: string;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
}

export async function startTestApi(backend: TestBackend, env: Record<string, string> = {}, logger?: Record<string, unknown>): Promise<TestApi> {
  const db = await backend.open();
  const config = loadApiConfig({ ZHENGXIN_ADMIN_TOKEN: 'test-admin-token', ...env });
  const clock = manualClock(Date.now());
  const masterKey = crypto.randomBytes(32);
  const secrets = secretBox(masterKey);
  const engines = await testEngines(db);
  const { blobStore, queue } = engines;
  await upsertCompanies(db.db, Object.values(TEST_COMPANIES), { now: new Date().toISOString() });
  const app = await buildApp({
    config,
    database: db,
    blobStore,
    jobQueue: queue,
    directory: companyDirectory(db.db),
    secrets,
    clock,
    onOrderCommitted: () => queue.kick(),
    ...(logger ? { logger } : {}),
  });
  const renderer = createInlineRenderer();
  let workers = false;
  return {
    app, db, clock, secrets, masterKeyHex: masterKey.toString('hex'), blobStore, queue, config, engines: engines.name,
    async account(input = {}) {
      const { account, secretKey } = await createAccount(db.db, secrets, { name: '测试银行', balance: 10, ...input }, clock.now());
      return { key: account.key, secretKey };
    },
    call(name, opts) {
      const method = opts.method ?? 'GET';
      const params = { ...(opts.key !== undefined ? { key: opts.key } : {}), ...opts.params };
      const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const via = opts.via ?? (method === 'GET' ? 'query' : 'form');
      const timespan = opts.timespan ?? String(Math.floor(clock.now() / 1000));
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token !== undefined) headers.Token = opts.token;
      else if (opts.key && opts.secretKey) headers.Token = computeToken(opts.key, timespan, opts.secretKey);
      if (!('Timespan' in headers) && opts.timespan !== '') headers.Timespan = timespan;
      const url = (opts.prefix ?? '/api/yj/Report/') + name;
      const base = { method: method as 'GET', url, headers, remoteAddress: opts.ip ?? '127.0.0.1' };
      if (via === 'query') return app.inject({ ...base, query: clean });
      if (via === 'json') return app.inject({ ...base, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(clean) });
      return app.inject({ ...base, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(clean).toString() });
    },
    async startWorkers() {
      workers = true;
      await queue.start(
        reportJobHandlers({ db: db.db, blobStore, producer: reportProducer({ db: db.db, renderer, inputs: reportInputPorts(db.db, { decisionPolicy: loadDecisionPolicy(env.ZHENGXIN_DECISION_POLICY) }), relations: relationFactsSource(db.db) }), clock: { now: () => Date.now() }, retentionDays: config.retentionDays, onOrderFinished: reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH) }),
        { concurrency: 2 },
      );
    },
    async close() {
      await app.close();
      if (workers || engines.name === 'scale-out') await queue.stop();
      await renderer.close();
      await engines.close();
      await db.cleanup();
    },
  };
}

const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 2, backoffMs: () => 20 };

/**
 * The engines behind the API under test. Embedded (the default): the database queue and the local
 * disk. With `ZHENGXIN_TEST_SCALE_OUT=1`, the PostgreSQL runs use the scale-out engines instead:
 * BullMQ on Redis and the S3 adapter on s3rver (a test server), so the same API suites cover both.
 */
async function testEngines(db: TestDatabase): Promise<{
  name: 'embedded' | 'scale-out';
  blobStore: BlobStore;
  queue: JobQueue & { kick(): void };
  close(): Promise<void>;
}> {
  if (process.env.ZHENGXIN_TEST_SCALE_OUT !== '1' || db.capabilities.name !== 'postgres') {
    return {
      name: 'embedded',
      blobStore: fsBlobStore(path.join(db.dataDir, 'reports')),
      queue: dbJobQueue(db, { pollMs: 20, leaseMs: 5_000, retry: TEST_RETRY_POLICY }),
      close: async () => {},
    };
  }
  const redis = await startRedis();
  const s3 = await startS3Server();
  const blobStore = createS3BlobStore(s3.options);
  const queue = createBullmqJobQueue({ database: db, redisUrl: redis.url, queueName: uniqueQueueName('zx-api'), retryPolicy: TEST_RETRY_POLICY, relayIntervalMs: 50, log: () => {} });
  return {
    name: 'scale-out',
    blobStore,
    queue,
    async close() {
      blobStore.close();
      await s3.close();
      await redis.close();
    },
  };
}

/** Polls GetReportInfo until the order leaves P. */
export async function waitForOrder(api: TestApi, creds: { key: string; secretKey: string }, orderNo: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    api.clock.set(Date.now());
    const res = await api.call('GetReportInfo', { ...creds, params: { orderNo, ext: '1' } });
    const body = res.json() as { Result: Record<string, unknown> };
    if (body.Result.ReportStatus !== 'P') return body.Result;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`order ${orderNo} still P after ${timeoutMs} ms`);
}
