import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/api-config.js';
import { createAccount, type NewAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { updateSystemSettings } from '../src/accounts/system-settings.js';
import { upsertCompanies } from '../src/companies/store.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { systemClock } from '../src/ops/clock.js';
import { companyDirectory } from '../src/orders/company-directory.js';
import { reportJobHandlers } from '../src/orders/report-job.js';
import { reportProducer } from '../src/orders/report-production.js';
import { computeToken } from '../src/protocol/token.js';
import { createBullmqJobQueue, type BullmqJobQueue } from '../src/queue/bullmq-queue.js';
import { createInlineRenderer } from '../src/reports/render-service.js';
import { createS3BlobStore } from '../src/storage/s3-blob-store.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { REDIS_UNAVAILABLE, startRedis, uniqueQueueName, type TestRedis } from './support/redis.js';
import { startS3Server, type TestS3Server } from './support/s3.js';
import { TEST_COMPANIES } from './support/server.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../src/realtime/deliveries.js';

/** Every finished order stores its report.finished callback (none goes out here: no callback URL is set). */
const FINISHED = reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH);

const postgres = BACKENDS.find((b) => b.name === 'postgres');
if (process.env.ZHENGXIN_TEST_SCALE_OUT === '1' && !postgres) throw new Error('ZHENGXIN_TEST_SCALE_OUT=1 but ZHENGXIN_TEST_POSTGRES_URL is not set');
const skip = !postgres ? 'needs PostgreSQL (ZHENGXIN_TEST_POSTGRES_URL)' : REDIS_UNAVAILABLE;

interface Node {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly queue: BullmqJobQueue;
}

type Body = { Status: string; Result: Record<string, string | null> | null };

/**
 * Scale-out mode in one test process: two API "nodes" (each its own database pool, Redis
 * connection, S3 client and app, as two processes would have) over one PostgreSQL database, one
 * Redis and one bucket, plus a worker node. What one node counts (lockouts, quotas, orders in
 * flight, maintenance) the other must see, and a report rendered by the worker must be retrievable
 * from both.
 */
describe('scale-out: cluster-wide state across two API nodes', { skip }, () => {
  let t: TestDatabase;
  let redis: TestRedis;
  let s3: TestS3Server;
  const queueName = uniqueQueueName();
  const masterKey = crypto.randomBytes(32);
  const secrets = secretBox(masterKey);
  const nodes: Node[] = [];
  let worker: Node;
  const renderer = createInlineRenderer();
  let workerStore: ReturnType<typeof createS3BlobStore>;

  async function startNode(): Promise<Node> {
    const database = await openDatabase({ dataDir: t.dataDir, databaseUrl: t.databaseUrl, poolSize: 3 });
    const queue = createBullmqJobQueue({ database, redisUrl: redis.url, queueName, retryPolicy: { maxAttempts: 2, backoffMs: () => 20 }, relayIntervalMs: 50, log: () => {} });
    const blobStore = createS3BlobStore(s3.options);
    const app = await buildApp({
      config: loadApiConfig({ ZHENGXIN_AUTH_LOCKOUT_FAILURES: '3', ZHENGXIN_PARAM_LOCKOUT_ERRORS: '3' }),
      database,
      blobStore,
      jobQueue: queue,
      directory: companyDirectory(database.db),
      secrets,
      clock: systemClock,
      onOrderCommitted: () => queue.kick(),
    });
    app.addHook('onClose', async () => {
      await queue.stop();
      blobStore.close();
      await database.close();
    });
    return { app, database, queue };
  }

  before(async () => {
    [t, redis, s3] = await Promise.all([postgres!.open(), startRedis(), startS3Server()]);
    await upsertCompanies(t.db, Object.values(TEST_COMPANIES), { now: new Date().toISOString() });
    nodes.push(await startNode(), await startNode());
    worker = await startNode();
    workerStore = createS3BlobStore(s3.options);
    await worker.queue.start(
      reportJobHandlers({ db: worker.database.db, blobStore: workerStore, producer: reportProducer({ db: worker.database.db, renderer }), clock: systemClock, retentionDays: 30, onOrderFinished: FINISHED }),
      { concurrency: 2 },
    );
  });

  after(async () => {
    for (const n of [...nodes, worker]) await n?.app.close();
    await renderer.close();
    workerStore?.close();
    await Promise.all([t?.cleanup(), redis?.close(), s3?.close()]);
  });

  async function account(input: Partial<NewAccount> = {}) {
    const { account: a, secretKey } = await createAccount(t.db, secrets, { name: '集群测试银行', balance: 20, ...input }, Date.now());
    return { key: a.key, secretKey };
  }

  async function call(node: Node, name: 'CreateReport' | 'GetReportInfo', creds: { key: string; secretKey: string }, params: Record<string, string>, token?: string): Promise<Body> {
    const timespan = String(Math.floor(Date.now() / 1000));
    const res = await node.app.inject({
      method: 'GET',
      url: `/api/yj/Report/${name}`,
      query: { key: creds.key, ...params },
      headers: { Token: token ?? computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan },
    });
    return res.json() as Body;
  }

  const [a, b] = [() => nodes[0]!, () => nodes[1]!];
  const keyNo = TEST_COMPANIES.ordinary.uscc!;

  it('renders an order taken by one node and serves the file, with Range and ETag, from both', async () => {
    const creds = await account();
    const created = await call(a(), 'CreateReport', creds, { keyNo });
    assert.equal(created.Status, '200');
    const orderNo = created.Result!.OrderNo!;
    let info: Body;
    const deadline = Date.now() + 60_000;
    do {
      info = await call(b(), 'GetReportInfo', creds, { orderNo });
      if (info.Result?.ReportStatus !== 'P') break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() < deadline);
    assert.equal(info.Result?.ReportStatus, 'S');
    const url = info.Result!.ReportUrl!;
    const [fromA, fromB] = await Promise.all([a().app.inject({ url }), b().app.inject({ url })]);
    assert.equal(fromA.statusCode, 200);
    assert.equal(fromB.statusCode, 200);
    assert.deepEqual(fromA.rawPayload, fromB.rawPayload);
    assert.equal(fromA.headers.etag, fromB.headers.etag);
    assert.equal(fromA.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const partial = await b().app.inject({ url, headers: { Range: 'bytes=0-3' } });
    assert.equal(partial.statusCode, 206);
    assert.equal(partial.rawPayload.toString(), '%PDF');
  });

  it('locks a key out (106) after failed authentications spread over both nodes', async () => {
    const creds = await account();
    const params = { orderNo: 'f'.repeat(32) };
    assert.equal((await call(a(), 'GetReportInfo', creds, params, '0'.repeat(32))).Status, '107');
    assert.equal((await call(b(), 'GetReportInfo', creds, params, '0'.repeat(32))).Status, '107');
    assert.equal((await call(a(), 'GetReportInfo', creds, params, '0'.repeat(32))).Status, '107');
    assert.equal((await call(b(), 'GetReportInfo', creds, params)).Status, '106');
    assert.equal((await call(a(), 'GetReportInfo', creds, params)).Status, '106');
  });

  it('counts parameter errors (108) across both nodes', async () => {
    const creds = await account();
    assert.equal((await call(a(), 'GetReportInfo', creds, {})).Status, '202');
    assert.equal((await call(b(), 'GetReportInfo', creds, {})).Status, '202');
    assert.equal((await call(a(), 'GetReportInfo', creds, {})).Status, '202');
    assert.equal((await call(b(), 'GetReportInfo', creds, { orderNo: 'f'.repeat(32) })).Status, '108');
  });

  it('enforces a key\'s daily quota (116) and the operator-wide per-key daily limit (109) across both nodes', async () => {
    const quota = await account({ dailyQuota: 2 });
    assert.equal((await call(a(), 'CreateReport', quota, { keyNo })).Status, '200');
    assert.equal((await call(b(), 'CreateReport', quota, { keyNo })).Status, '200');
    assert.equal((await call(a(), 'CreateReport', quota, { keyNo })).Status, '116');
    assert.equal((await call(b(), 'CreateReport', quota, { keyNo })).Status, '116');
    await updateSystemSettings(t.db, { systemDailyLimit: 1 });
    try {
      const other = await account();
      assert.equal((await call(b(), 'CreateReport', other, { keyNo })).Status, '200');
      assert.equal((await call(a(), 'CreateReport', other, { keyNo })).Status, '109');
    } finally {
      await updateSystemSettings(t.db, { systemDailyLimit: null });
    }
  });

  it('never lets simultaneous orders on both nodes exceed the daily quota or the in-flight limit', async () => {
    const quota = await account({ dailyQuota: 3 });
    const burst = (creds: { key: string; secretKey: string }) => Promise.all(
      Array.from({ length: 12 }, (_, i) => call(i % 2 ? a() : b(), 'CreateReport', creds, { keyNo })),
    );
    const quotaAnswers = (await burst(quota)).map((r) => r.Status);
    assert.equal(quotaAnswers.filter((s) => s === '200').length, 3, `answers: ${quotaAnswers.join(',')}`);
    const busy = await account({ concurrencyLimit: 2 });
    const busyAnswers = (await burst(busy)).map((r) => r.Status);
    const accepted = busyAnswers.filter((s) => s === '200').length;
    // Orders may finish during the burst and free a slot, but never more than 2 may be P at once.
    assert.ok(accepted >= 2, `answers: ${busyAnswers.join(',')}`);
    const balance = await t.db.selectFrom('accounts').select('balance').where('key', '=', quota.key).executeTakeFirstOrThrow();
    assert.equal(Number(balance.balance), 20 - 3);
  });

  it('limits orders in flight (122) across both nodes and honours maintenance (124) set once for all', async () => {
    await worker.queue.stop();
    // With no worker consuming, orders stay P and count against the limit.
    const busy = await account({ concurrencyLimit: 2 });
    assert.equal((await call(a(), 'CreateReport', busy, { keyNo })).Status, '200');
    assert.equal((await call(b(), 'CreateReport', busy, { keyNo })).Status, '200');
    assert.equal((await call(a(), 'CreateReport', busy, { keyNo })).Status, '122');
    await updateSystemSettings(t.db, { maintenance: true });
    try {
      const creds = await account();
      assert.equal((await call(a(), 'CreateReport', creds, { keyNo })).Status, '124');
      assert.equal((await call(b(), 'CreateReport', creds, { keyNo })).Status, '124');
    } finally {
      await updateSystemSettings(t.db, { maintenance: false });
    }
  });
});
