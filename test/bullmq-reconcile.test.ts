import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { markOrderFailedAndRefund, markOrderSucceeded } from '../src/orders/orders.js';
import { createBullmqJobQueue } from '../src/queue/bullmq-queue.js';
import { reportJobHandlers } from '../src/orders/report-job.js';
import { fsBlobStore } from '../src/storage/fs-blob-store.js';
import type { JobHandlers } from '../src/queue/job-queue.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { REDIS_UNAVAILABLE, startRedis, uniqueQueueName, type TestRedis } from './support/redis.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../src/realtime/deliveries.js';

/** Every finished order stores its report.finished callback (none goes out here: no callback URL is set). */
const FINISHED = reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH);

/**
 * An order whose attempts all failed and whose refund failed too (the database was away when the
 * job gave up) is left P with its job in BullMQ's failed set. The reconciler in the consuming
 * process revives it (and the report is produced), or, after the revival bound, gives it up: F,
 * refunded once, its in-flight slot freed. Real BullMQ failed set, real database.
 */
describe('BullMQ reconciler: jobs in the failed set whose order is still P', { skip: REDIS_UNAVAILABLE }, () => {
  let redis: TestRedis;
  before(async () => { redis = await startRedis(); });
  after(async () => { await redis?.close(); });

  for (const backend of BACKENDS) {
    it(`revives one that then succeeds and gives up one that keeps failing, freeing its slot (${backend.name})`, async () => {
      const t: TestDatabase = await backend.open();
      const queue = createBullmqJobQueue({
        database: t, redisUrl: redis.url, queueName: uniqueQueueName('zx-reconcile'),
        retryPolicy: { maxAttempts: 2, backoffMs: () => 10 }, relayIntervalMs: 50, reconcileMs: 200, maxRevivals: 1, log: () => {},
      });
      try {
        const { account } = await createAccount(t.db, secretBox(crypto.randomBytes(32)), { name: '复活银行', balance: 10 }, Date.now());
        const [revived, hopeless] = [crypto.randomBytes(16).toString('hex'), crypto.randomBytes(16).toString('hex')];
        const longAgo = new Date(Date.now() - 60_000).toISOString();
        for (const orderNo of [revived, hopeless]) {
          await t.db.insertInto('orders').values({
            order_no: orderNo, account_key: account.key, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf',
            state: 'P', price: 1, created_at: longAgo, finished_at: null, expires_at: null, retrieve_code: null, blob_key: null, file_size: null, fail_reason: null,
          }).execute();
        }
        await t.db.updateTable('accounts').set({ orders_in_flight: 2, balance: 8 }).where('key', '=', account.key).execute();

        const attempts = new Map<string, number>();
        const handlers: JobHandlers = {
          async handle({ orderNo }) {
            const n = (attempts.get(orderNo) ?? 0) + 1;
            attempts.set(orderNo, n);
            // `revived` fails its first two attempts (one job's worth), then succeeds once revived.
            if (orderNo === hopeless || n <= 2) throw new Error(`attempt ${n} failed`);
            await markOrderSucceeded(t.db, orderNo, { blobKey: `reports/x/${orderNo}.pdf`, fileSize: 1, nowMs: Date.now(), retentionDays: 30 }, FINISHED);
          },
          async exhausted({ orderNo }, error) {
            // The refund fails whenever the job itself gives up (the database was away); only the
            // reconciler's give-up reaches a working database.
            if (!String((error as Error).message).includes('given up by the reconciler')) throw new Error('refund failed: database unavailable');
            await markOrderFailedAndRefund(t.db, orderNo, 'render_failed: gave up', Date.now(), FINISHED);
          },
        };
        await queue.start(handlers, { concurrency: 2 });
        await t.db.transaction().execute(async (trx) => {
          await queue.enqueue(trx, { orderNo: revived });
          await queue.enqueue(trx, { orderNo: hopeless });
        });

        const deadline = Date.now() + 60_000;
        const states = async () => Object.fromEntries((await t.db.selectFrom('orders').select(['order_no', 'state']).execute()).map((r) => [r.order_no, r.state]));
        while (Object.values(await states()).includes('P')) {
          if (Date.now() > deadline) throw new Error(`orders still P: ${JSON.stringify(await states())}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(await states(), { [revived]: 'S', [hopeless]: 'F' });
        assert.equal(attempts.get(revived), 3);
        assert.equal(attempts.get(hopeless), 4, 'two attempts, one revival of two more, then given up');
        const revivals = Object.fromEntries((await t.db.selectFrom('job_revivals').select(['order_no', 'revivals']).execute()).map((r) => [r.order_no, Number(r.revivals)]));
        assert.deepEqual(revivals, { [revived]: 1, [hopeless]: 1 });
        const refunds = await t.db.selectFrom('account_ledger').select('order_no').where('kind', '=', 'refund').execute();
        assert.deepEqual(refunds.map((r) => r.order_no), [hopeless]);
        const after = await t.db.selectFrom('accounts').select(['orders_in_flight', 'balance']).where('key', '=', account.key).executeTakeFirstOrThrow();
        assert.deepEqual([Number(after.orders_in_flight), Number(after.balance)], [0, 9]);
      } finally {
        await queue.stop();
        await t.cleanup();
      }
    });

    it(`an order the reconciler gives up stores its report.finished callback with the F (${backend.name})`, async () => {
      const t: TestDatabase = await backend.open();
      const queue = createBullmqJobQueue({
        database: t, redisUrl: redis.url, queueName: uniqueQueueName('zx-reconcile-cb'),
        retryPolicy: { maxAttempts: 1, backoffMs: () => 10 }, relayIntervalMs: 50, reconcileMs: 200, maxRevivals: 0, log: () => {},
      });
      try {
        const { account } = await createAccount(t.db, secretBox(crypto.randomBytes(32)), { name: '回调银行', balance: 10, callbackUrl: 'https://bank.example/hook' }, Date.now());
        const orderNo = crypto.randomBytes(16).toString('hex');
        await t.db.insertInto('orders').values({
          order_no: orderNo, account_key: account.key, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf',
          state: 'P', price: 1, created_at: new Date(Date.now() - 60_000).toISOString(), finished_at: null, expires_at: null, retrieve_code: null, blob_key: null, file_size: null, fail_reason: null,
        }).execute();
        await t.db.updateTable('accounts').set({ orders_in_flight: 1, balance: 9 }).where('key', '=', account.key).execute();
        // The real job handlers (with the server's hook), whose renders always fail; the job's own
        // give-up finds the database away, so only the reconciler's give-up can finish the order.
        const real = reportJobHandlers({
          db: t.db, blobStore: fsBlobStore(t.dataDir), clock: { now: () => Date.now() }, retentionDays: 30,
          producer: { produce: async () => { throw new Error('render failed'); } },
          onOrderFinished: FINISHED,
        });
        const handlers: JobHandlers = {
          handle: real.handle,
          async exhausted(ref, error) {
            if (!String((error as Error).message).includes('given up by the reconciler')) throw new Error('refund failed: database unavailable');
            await real.exhausted(ref, error);
          },
        };
        await queue.start(handlers, { concurrency: 1 });
        await t.db.transaction().execute((trx) => queue.enqueue(trx, { orderNo }));

        const deadline = Date.now() + 60_000;
        const state = async () => (await t.db.selectFrom('orders').select('state').where('order_no', '=', orderNo).executeTakeFirstOrThrow()).state;
        while ((await state()) === 'P') {
          if (Date.now() > deadline) throw new Error('the order is still P');
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.equal(await state(), 'F');
        const delivery = await t.db.selectFrom('callback_deliveries').selectAll().where('id', '=', `report-${orderNo}`).executeTakeFirst();
        assert.ok(delivery, 'the give-up stored the report.finished callback');
        assert.equal(delivery.event_type, 'report.finished');
        assert.equal(delivery.url, 'https://bank.example/hook');
        const body = JSON.parse(delivery.body) as { data: { OrderNo: string; ReportStatus: string; ReportUrl: string | null } };
        assert.deepEqual([body.data.OrderNo, body.data.ReportStatus, body.data.ReportUrl], [orderNo, 'F', null]);
      } finally {
        await queue.stop();
        await t.cleanup();
      }
    });
  }
});
