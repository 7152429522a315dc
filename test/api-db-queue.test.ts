import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbJobQueue } from '../src/queue/db-queue.js';
import type { ReportJobRef } from '../src/queue/job-queue.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const until = async (cond: () => boolean | Promise<boolean>, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

for (const backend of BACKENDS) {
  describe(`database job queue on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('has a job only if the enqueuing transaction commits', async () => {
      const queue = dbJobQueue(t);
      await t.db.transaction().execute(async (trx) => { await queue.enqueue(trx, { orderNo: 'a'.repeat(32) }); });
      await assert.rejects(t.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, { orderNo: 'b'.repeat(32) });
        throw new Error('roll back');
      }));
      // Enqueuing the same order again is a no-op.
      await t.db.transaction().execute(async (trx) => { await queue.enqueue(trx, { orderNo: 'a'.repeat(32) }); });
      assert.equal(await queue.depth(), 1);
      await t.db.deleteFrom('report_jobs').execute();
    });

    it('retries a failed job with backoff, then calls exhausted once after the last attempt', async () => {
      const queue = dbJobQueue(t, { pollMs: 10, retry: { maxAttempts: 3, backoffMs: () => 10 } });
      const attempts: Array<[string, number]> = [];
      const exhausted: string[] = [];
      await t.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, { orderNo: 'c'.repeat(32) });
        await queue.enqueue(trx, { orderNo: 'd'.repeat(32) });
      });
      await queue.start({
        async handle(job: ReportJobRef, attempt: number) {
          attempts.push([job.orderNo[0]!, attempt]);
          if (job.orderNo.startsWith('d') || attempt < 2) throw new Error(`attempt ${attempt} fails`);
        },
        async exhausted(job) { exhausted.push(job.orderNo[0]!); },
      }, { concurrency: 2 });
      await until(async () => (await queue.depth()) === 0, 'the queue to drain');
      await queue.stop();
      assert.deepEqual(attempts.filter(([o]) => o === 'c').map(([, a]) => a), [1, 2]);
      assert.deepEqual(attempts.filter(([o]) => o === 'd').map(([, a]) => a), [1, 2, 3]);
      assert.deepEqual(exhausted, ['d']);
    });

    it('lets a second consumer take only unclaimed jobs, and stop() waits for running ones', async () => {
      const a = dbJobQueue(t, { pollMs: 10, leaseMs: 10_000 });
      const b = dbJobQueue(t, { pollMs: 10, leaseMs: 10_000 });
      const seen: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      await t.db.transaction().execute(async (trx) => {
        for (const c of ['1', '2', '3', '4']) await a.enqueue(trx, { orderNo: c.repeat(32) });
      });
      const handlers = (name: string) => ({
        async handle(job: ReportJobRef) { seen.push(`${name}:${job.orderNo[0]}`); await gate; },
        async exhausted() { throw new Error('not expected'); },
      });
      await a.start(handlers('a'), { concurrency: 2 });
      await b.start(handlers('b'), { concurrency: 2 });
      await until(() => seen.length === 4, 'four claims');
      assert.deepEqual(seen.map((s) => s.slice(2)).sort(), ['1', '2', '3', '4'], 'each job claimed once');
      const stopping = Promise.all([a.stop(), b.stop()]);
      release();
      await stopping;
      assert.equal(await a.depth(), 0);
    });
  });
}
