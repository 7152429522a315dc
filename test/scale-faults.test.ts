import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import pg from 'pg';
import { createAccount } from '../src/accounts/accounts.js';
import { parseMasterKey, secretBox } from '../src/accounts/secrets.js';
import { upsertCompanies } from '../src/companies/store.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { startRestartableRedis, type RestartableRedis } from './support/redis.js';
import { countS3Objects, startS3Server, type TestS3Server } from './support/s3.js';
import { Cluster, inParallel, newMasterKeyHex, type Credentials, type ServeProcess } from './support/scale-cluster.js';
import { TEST_COMPANIES } from './support/server.js';

/**
 * Issue 16: the scale-out topology survives its dependencies going away and coming back, with no
 * operator step. One API and one worker process (`serve --role`) over a PostgreSQL database, a
 * redis-server of this test's own (so it can be killed and started empty) and s3rver; orders go in
 * over HTTP during each fault:
 * 1. every PostgreSQL backend of the service is terminated mid-load (`pg_terminate_backend`: what a
 *    restart, a failover or a PgBouncer restart does to connections);
 * 2. redis-server is killed with queued jobs and started again empty (no persistence): the
 *    reconciler must find the stranded orders and queue them again; /metrics must answer meanwhile;
 * 3. the S3 server is stopped for 10 s while reports are being stored.
 * Each asserts: no process exits, every answer is a vendor envelope (200, or 203 while a
 * dependency is away), every acknowledged order reaches S, each charged exactly once, none F.
 * Figures (orders placed, stranded, seconds to heal) are printed as test diagnostics.
 * Timing bounds are generous (a hang fails, a slow machine does not).
 */
const postgres = BACKENDS.find((b) => b.name === 'postgres');
const wanted = process.env.ZHENGXIN_TEST_SCALE_OUT === '1';
if (wanted && !postgres) throw new Error('ZHENGXIN_TEST_SCALE_OUT=1 but ZHENGXIN_TEST_POSTGRES_URL is not set');
const skip = wanted ? false : 'set ZHENGXIN_TEST_SCALE_OUT=1 (with PostgreSQL and redis-server) to run the fault tests';
/** A hang detector, not a timing claim: under a load average of 25 the S3 run took 148 s (renders queue behind the outage). */
const HEAL_BOUND_MS = 600_000;
const BALANCE = 100_000;

interface Answer { status: string; http: number; startedAt: number }

describe('scale-out: dependencies go away and come back, nothing needs an operator', { skip }, () => {
  let db: TestDatabase;
  let redis: RestartableRedis;
  let s3: TestS3Server;
  let cluster: Cluster;
  let creds: Credentials;
  let api: ServeProcess;
  let worker: ServeProcess;
  const acknowledged: string[] = [];
  const keyNo = TEST_COMPANIES.ordinary.uscc!;

  before(async () => {
    [db, redis, s3] = await Promise.all([postgres!.open(), startRestartableRedis(), startS3Server()]);
    const masterKey = newMasterKeyHex();
    await upsertCompanies(db.db, [TEST_COMPANIES.ordinary], { now: new Date().toISOString() });
    const created = await createAccount(db.db, secretBox(parseMasterKey(masterKey)), { name: '故障测试银行', balance: BALANCE, concurrencyLimit: 10_000 }, Date.now());
    creds = { key: created.account.key, secretKey: created.secretKey };
    cluster = new Cluster({
      DATABASE_URL: db.databaseUrl!,
      REDIS_URL: redis.url,
      ...s3.env,
      ZHENGXIN_MASTER_KEY: masterKey,
      // The reconciler every second instead of every 15 s, so the test heals in seconds.
      ZHENGXIN_RECONCILE_MS: '1000',
      ZHENGXIN_JOB_LEASE_MS: '5000',
      ZHENGXIN_WORKERS: '2',
    });
    [api, worker] = await Promise.all([cluster.spawn('api'), cluster.spawn('worker')]);
  });

  after(async () => {
    await cluster?.stopAll();
    await Promise.all([db?.cleanup(), redis?.close(), s3?.close()]);
  });

  /** One CreateReport over HTTP; never throws for a wire answer, so answers during a fault are all seen. */
  async function createReport(): Promise<Answer & { orderNo?: string }> {
    const startedAt = Date.now();
    const timespan = String(Math.floor(startedAt / 1000));
    const query = new URLSearchParams({ key: creds.key, keyNo, reportFormat: '1' });
    const res = await fetch(`${api.url}/api/yj/Report/CreateReport?${query}`, {
      headers: { Token: computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan },
      signal: AbortSignal.timeout(120_000),
    });
    const body = (await res.json()) as { Status: string; Result: { OrderNo?: string } | null };
    const orderNo = body.Status === '200' ? body.Result?.OrderNo : undefined;
    if (orderNo) acknowledged.push(orderNo);
    return { status: body.Status, http: res.status, startedAt, ...(orderNo ? { orderNo } : {}) };
  }

  function assertEnvelopes(answers: Answer[], what: string): void {
    const odd = answers.filter((a) => a.http !== 200 || (a.status !== '200' && a.status !== '203'));
    assert.deepEqual(odd, [], `${what}: answers other than a 200/203 envelope`);
  }

  function assertAlive(): void {
    for (const p of cluster.processes) assert.equal(p.child.exitCode, null, `the ${p.role} process exited:\n${p.output()}`);
  }

  async function pendingCount(): Promise<number> {
    const row = await db.db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'P').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Waits until no order is P; resolves with the milliseconds it took. */
  async function waitNonePending(what: string): Promise<number> {
    const started = Date.now();
    while ((await pendingCount()) > 0) {
      if (Date.now() - started > HEAL_BOUND_MS) throw new Error(`${what}: ${await pendingCount()} orders still P after ${HEAL_BOUND_MS} ms\nworker:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return Date.now() - started;
  }

  /** Every acknowledged order is S, charged once, never refunded; the balance and the bucket agree. */
  async function assertExactlyOnce(): Promise<{ orders: number }> {
    const orders = await db.db.selectFrom('orders').select(['order_no', 'state', 'price']).execute();
    const known = new Set(orders.map((o) => o.order_no));
    assert.deepEqual(acknowledged.filter((o) => !known.has(o)), [], 'acknowledged orders lost');
    assert.deepEqual(orders.filter((o) => o.state !== 'S').map((o) => `${o.order_no}:${o.state}`), []);
    const ledger = await db.db.selectFrom('account_ledger').select(['order_no', 'kind']).where('account_key', '=', creds.key).execute();
    const charges = ledger.filter((l) => l.kind === 'charge');
    assert.equal(charges.length, orders.length);
    assert.equal(new Set(charges.map((c) => c.order_no)).size, orders.length);
    assert.deepEqual(ledger.filter((l) => l.kind === 'refund'), []);
    const balance = await db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
    assert.equal(Number(balance.balance), BALANCE - orders.reduce((s, o) => s + Number(o.price), 0));
    assert.equal(await countS3Objects(s3), orders.length);
    return { orders: orders.length };
  }

  function figures(t: TestContext, fault: string, f: Record<string, number | string>): void {
    t.diagnostic(`fault figures ${fault}: ${Object.entries(f).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }

  it('1. survives every PostgreSQL backend being terminated mid-load: 203 meanwhile, then orders succeed', { timeout: HEAL_BOUND_MS + 120_000 }, async (t) => {
    const before = acknowledged.length;
    let terminatedAt = 0;
    let terminated = 0;
    const answers = await inParallel(Array.from({ length: 40 }, (_, i) => i), 4, async (i) => {
      if (i === 8) {
        const admin = new pg.Client({ connectionString: db.databaseUrl });
        await admin.connect();
        try {
          const res = await admin.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
          terminated = res.rows.filter((r: { ok: boolean }) => r.ok).length;
          terminatedAt = Date.now();
        } finally {
          await admin.end();
        }
      }
      return createReport();
    });
    assertEnvelopes(answers, 'during the PostgreSQL fault');
    assert.ok(terminated > 0, 'no backend of the service was terminated: nothing was tested');
    // The next calls succeed without a restart.
    const afterwards = await inParallel([1, 2, 3], 1, () => createReport());
    assert.deepEqual(afterwards.map((a) => a.status), ['200', '200', '200']);
    const firstSuccess = [...answers, ...afterwards].filter((a) => a.status === '200' && a.startedAt >= terminatedAt).sort((a, b) => a.startedAt - b.startedAt)[0]!;
    const healMs = await waitNonePending('after the PostgreSQL fault');
    assertAlive();
    const { orders } = await assertExactlyOnce();
    figures(t, 'postgres-terminate', {
      backendsTerminated: terminated,
      placed: answers.length + afterwards.length,
      acknowledged: acknowledged.length - before,
      answered203: answers.filter((a) => a.status === '203').length,
      firstSuccessAfterS: ((firstSuccess.startedAt - terminatedAt) / 1000).toFixed(2),
      allSAfterS: (healMs / 1000).toFixed(1),
      lost: 0, F: 0, chargesPerOrder: 1, ordersInDb: orders,
    });
  });

  it('2. heals a Redis restart without persistence: stranded orders are queued again by themselves, /metrics answers meanwhile', { timeout: HEAL_BOUND_MS + 120_000 }, async (t) => {
    const before = acknowledged.length;
    const queued = await inParallel(Array.from({ length: 40 }, (_, i) => i), 8, () => createReport());
    assertEnvelopes(queued, 'before the Redis fault');
    await redis.kill();
    const killedAt = Date.now();
    let strandedAtKill = 0;
    let during: Answer[] = [];
    try {
      // What Redis held is gone: every order still P now has lost its job (or its outbox row relays it later).
      strandedAtKill = await pendingCount();
      assert.ok(strandedAtKill > 0, 'every order finished before Redis was killed: nothing was stranded');

      // While Redis is down: orders are still taken (the outbox holds their jobs) and /metrics answers.
      during = await inParallel([1, 2, 3, 4, 5], 2, () => createReport());
      assertEnvelopes(during, 'during the Redis outage');
      for (const p of [api, worker]) {
        const text = await (await fetch(`${p.url}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
        assert.match(text, /^zhengxin_dependency_up\{dependency="queue"\} 0$/m, `${p.role} /metrics`);
        // prom-client writes NaN as "Nan"; Prometheus reads NaN in any case.
        assert.match(text, /^zhengxin_queue_depth NaN$/im, `${p.role} /metrics`);
        assert.match(text, /^zhengxin_dependency_up\{dependency="database"\} 1$/m, `${p.role} /metrics`);
      }
      const readyz = await fetch(`${api.url}/readyz`, { signal: AbortSignal.timeout(30_000) });
      assert.equal(readyz.status, 503);
      await new Promise((r) => setTimeout(r, Math.max(0, 3_000 - (Date.now() - killedAt))));
    } finally {
      await redis.start();
    }
    const restartedAt = Date.now();
    const healMs = await waitNonePending('after the Redis restart');
    assertAlive();
    const metrics = await (await fetch(`${worker.url}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    const requeued = Number(/^zhengxin_jobs_reconciled_total\{action="requeued"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    assert.ok(requeued > 0, `the reconciler requeued nothing although ${strandedAtKill} orders were P when Redis died`);
    assert.match(metrics, /^zhengxin_dependency_up\{dependency="queue"\} 1$/m);
    assert.match(metrics, /^zhengxin_orders_stuck 0$/m);
    const { orders } = await assertExactlyOnce();
    figures(t, 'redis-restart-empty', {
      placed: queued.length + during.length,
      acknowledged: acknowledged.length - before,
      placedDuringOutage: during.filter((a) => a.status === '200').length,
      pendingWhenKilled: strandedAtKill,
      requeuedByReconciler: requeued,
      outageS: ((restartedAt - killedAt) / 1000).toFixed(1),
      allSAfterRestartS: (healMs / 1000).toFixed(1),
      manualSteps: 0, lost: 0, F: 0, chargesPerOrder: 1, ordersInDb: orders,
    });
  });

  it('3. waits out a 10 s S3 outage during rendering: no order F, no refund, every file stored', { timeout: HEAL_BOUND_MS + 120_000 }, async (t) => {
    const before = acknowledged.length;
    const placed = await inParallel(Array.from({ length: 20 }, (_, i) => i), 8, () => createReport());
    assertEnvelopes(placed, 'before the S3 fault');
    await s3.stop();
    const stoppedAt = Date.now();
    let during: Answer[] = [];
    let pendingAtRestart = 0;
    try {
      during = await inParallel([1, 2, 3], 1, () => createReport());
      assertEnvelopes(during, 'during the S3 outage');
      await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - stoppedAt))));
      pendingAtRestart = await pendingCount();
    } finally {
      await s3.start();
    }
    const restartedAt = Date.now();
    const healMs = await waitNonePending('after the S3 outage');
    assertAlive();
    assert.ok(pendingAtRestart > 0, 'every order was stored before S3 went away: nothing was tested');
    const { orders } = await assertExactlyOnce();
    figures(t, 's3-outage-10s', {
      placed: placed.length + during.length,
      acknowledged: acknowledged.length - before,
      outageS: ((restartedAt - stoppedAt) / 1000).toFixed(1),
      pendingWhenS3Returned: pendingAtRestart,
      allSAfterRestartS: (healMs / 1000).toFixed(1),
      manualSteps: 0, lost: 0, F: 0, chargesPerOrder: 1, ordersInDb: orders,
    });
  });
});
