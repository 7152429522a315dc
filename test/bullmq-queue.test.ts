import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createBullmqJobQueue } from '../src/queue/bullmq-queue.js';
import { countOutbox } from '../src/queue/job-outbox.js';
import type { JobHandlers, JobQueue, ReportJobRef, RetryPolicy } from '../src/queue/job-queue.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { REDIS_UNAVAILABLE, startRedis, uniqueQueueName, type TestRedis } from './support/redis.js';

/** Retries quickly so the tests stay fast; the production policy is tested by its own numbers. */
const FAST_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: () => 10 };

/** Polls until `check` holds; fails with `what` after a generous bound (a hang, not a timing claim). */
async function eventually(what: string, check: () => boolean | Promise<boolean>, boundMs = 15_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function recordingHandlers(behaviour: (job: ReportJobRef, attempt: number) => Promise<void> = async () => {}) {
  const calls: { orderNo: string; attempt: number }[] = [];
  const exhausted: string[] = [];
  const handlers: JobHandlers = {
    async handle(job, attempt) {
      calls.push({ orderNo: job.orderNo, attempt });
      await behaviour(job, attempt);
    },
    async exhausted(job) {
      exhausted.push(job.orderNo);
    },
  };
  return { calls, exhausted, handlers };
}

describe('BullMQ job queue', { skip: REDIS_UNAVAILABLE }, () => {
  let redis: TestRedis;
  before(async () => { redis = await startRedis(); });
  after(async () => { await redis?.close(); });

  for (const backend of BACKENDS) {
    describe(`with the outbox on ${backend.name}`, () => {
      let t: TestDatabase;
      const queues: JobQueue[] = [];
      const open = (extra: { relay?: boolean; queueName?: string } = {}) => {
        const q = createBullmqJobQueue({
          database: t,
          redisUrl: redis.url,
          queueName: extra.queueName ?? uniqueQueueName(),
          retryPolicy: FAST_RETRY,
          relayIntervalMs: 50,
          relay: extra.relay,
          log: () => {},
        });
        queues.push(q);
        return q;
      };
      before(async () => { t = await backend.open(); });
      afterEach(async () => {
        for (const q of queues.splice(0)) await q.stop();
      });
      after(async () => { await t.cleanup(); });

      it('runs a job enqueued in a committed transaction once, with attempt 1, and empties the outbox', async () => {
        const q = open();
        const { calls, handlers } = recordingHandlers();
        await q.start(handlers, { concurrency: 2 });
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-COMMIT-1' }));
        await eventually('the job ran', () => calls.length === 1);
        assert.deepEqual(calls, [{ orderNo: 'ORD-COMMIT-1', attempt: 1 }]);
        // The relay deletes the outbox row after Redis accepted the job, and a worker may finish the
        // job before that delete commits: wait for it rather than race it.
        await eventually('the outbox emptied', async () => (await countOutbox(t.db)) === 0);
        await eventually('the queue drained', async () => (await q.depth()) === 0);
      });

      it('never creates a job whose transaction rolled back', async () => {
        const q = open();
        await assert.rejects(t.db.transaction().execute(async (trx) => {
          await q.enqueue(trx, { orderNo: 'ORD-ROLLBACK-1' });
          throw new Error('order insert failed');
        }), /order insert failed/);
        await q.relayNow();
        assert.equal(await countOutbox(t.db), 0);
        assert.equal(await q.depth(), 0);
      });

      it('counts committed jobs in depth before and after the relay, until a worker takes them', async () => {
        const queueName = uniqueQueueName();
        const producer = open({ relay: false, queueName });
        for (const orderNo of ['ORD-D-1', 'ORD-D-2', 'ORD-D-3']) {
          await t.db.transaction().execute((trx) => producer.enqueue(trx, { orderNo }));
        }
        assert.equal(await countOutbox(t.db), 3);
        assert.equal(await producer.depth(), 3);
        assert.equal(await producer.relayNow(), 3);
        assert.equal(await countOutbox(t.db), 0);
        assert.equal(await producer.depth(), 3);
        const consumer = open({ queueName });
        const { calls, handlers } = recordingHandlers();
        await consumer.start(handlers, { concurrency: 3 });
        await eventually('all three ran', () => calls.length === 3);
        await eventually('the queue drained', async () => (await consumer.depth()) === 0);
      });

      it('relays leftover outbox rows when a process starts (crash between commit and relay)', async () => {
        const queueName = uniqueQueueName();
        const crashed = open({ relay: false, queueName });
        await t.db.transaction().execute((trx) => crashed.enqueue(trx, { orderNo: 'ORD-LEFTOVER-1' }));
        assert.equal(await countOutbox(t.db), 1);
        const restarted = open({ queueName });
        const { calls, handlers } = recordingHandlers();
        await restarted.start(handlers, { concurrency: 1 });
        await eventually('the leftover ran', () => calls.length === 1);
        assert.equal(calls[0]?.orderNo, 'ORD-LEFTOVER-1');
        // As above: the worker may finish before the relay's delete of the outbox row commits.
        await eventually('the outbox emptied', async () => (await countOutbox(t.db)) === 0);
      });

      it('runs a job once when the same order is enqueued and relayed twice (jobId = order number)', async () => {
        const queueName = uniqueQueueName();
        const q = open({ relay: false, queueName });
        const { calls, handlers } = recordingHandlers();
        await q.start(handlers, { concurrency: 2 });
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-DUP-1' }));
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-DUP-1' }));
        assert.equal(await countOutbox(t.db), 1);
        await q.relayNow();
        await eventually('the job ran', () => calls.length === 1);
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-DUP-1' }));
        await q.relayNow();
        // A marker job enqueued after the duplicate: once it ran, the duplicate would have too.
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-DUP-MARKER' }));
        await q.relayNow();
        await eventually('the marker ran', () => calls.some((c) => c.orderNo === 'ORD-DUP-MARKER'));
        assert.equal(calls.filter((c) => c.orderNo === 'ORD-DUP-1').length, 1);
      });

      it('retries a failing job with increasing attempt numbers until it succeeds', async () => {
        const q = open();
        const { calls, exhausted, handlers } = recordingHandlers(async (_job, attempt) => {
          if (attempt < 3) throw new Error(`renderer crashed on attempt ${attempt}`);
        });
        await q.start(handlers, { concurrency: 1 });
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-RETRY-1' }));
        await eventually('the third attempt ran', () => calls.length === 3);
        await eventually('the queue drained', async () => (await q.depth()) === 0);
        assert.deepEqual(calls.map((c) => c.attempt), [1, 2, 3]);
        assert.deepEqual(exhausted, []);
      });

      it('calls exhausted once after the last attempt failed', async () => {
        const q = open();
        const { calls, exhausted, handlers } = recordingHandlers(async () => {
          throw new Error('company document is corrupt');
        });
        await q.start(handlers, { concurrency: 1 });
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-FAIL-1' }));
        await eventually('exhausted was called', () => exhausted.length === 1);
        await eventually('the queue drained', async () => (await q.depth()) === 0);
        assert.deepEqual(calls.map((c) => c.attempt), [1, 2, 3]);
        assert.deepEqual(exhausted, ['ORD-FAIL-1']);
      });

      it('lets a running job finish when stopped', async () => {
        const q = open();
        let release!: () => void;
        const gate = new Promise<void>((r) => { release = r; });
        let finished = false;
        const { calls, handlers } = recordingHandlers(async () => {
          await gate;
          finished = true;
        });
        await q.start(handlers, { concurrency: 1 });
        await t.db.transaction().execute((trx) => q.enqueue(trx, { orderNo: 'ORD-STOP-1' }));
        await eventually('the job started', () => calls.length === 1);
        const stopping = q.stop();
        release();
        await stopping;
        assert.equal(finished, true);
        queues.splice(queues.indexOf(q), 1);
      });
    });
  }

  it('pings Redis, and names the server when it is unreachable', async () => {
    const backend = BACKENDS[0]!;
    const t = await backend.open();
    const good = createBullmqJobQueue({ database: t, redisUrl: redis.url, queueName: uniqueQueueName(), relay: false });
    const bad = createBullmqJobQueue({ database: t, redisUrl: 'redis://:hunter2@127.0.0.1:1', queueName: uniqueQueueName(), relay: false });
    try {
      await good.ping();
      await assert.rejects(bad.ping(), (err: Error) => /127\.0\.0\.1:1/.test(err.message) && !err.message.includes('hunter2'));
    } finally {
      await good.stop();
      await bad.stop();
      await t.cleanup();
    }
  });
});
