import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { reconcilePendingOrders, type JobLiveness, type ReconcilePorts } from '../src/queue/reconcile.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

/** The reconciler's decisions over the real database, with the queue's side as a recording fake. */
for (const backend of BACKENDS) {
  describe(`reconcilePendingOrders on ${backend.name}`, () => {
    let t: TestDatabase;
    let accountKey: string;
    const now = Date.parse('2026-12-06T12:00:00Z');
    const iso = (msAgo: number) => new Date(now - msAgo).toISOString();

    before(async () => {
      t = await backend.open();
      accountKey = (await createAccount(t.db, secretBox(crypto.randomBytes(32)), { name: '对账银行' }, now)).account.key;
    });
    after(async () => { await t?.cleanup(); });

    async function order(orderNo: string, state: 'P' | 'S', msAgo: number): Promise<void> {
      await t.db.insertInto('orders').values({
        order_no: orderNo, account_key: accountKey, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf',
        state, price: 1, created_at: iso(msAgo), finished_at: null, expires_at: null, retrieve_code: null, blob_key: null, file_size: null, fail_reason: null,
      }).execute();
    }

    function fakeQueue(states: Record<string, JobLiveness>) {
      const calls = { removed: [] as string[], relays: 0, gaveUp: [] as string[], asked: [] as string[] };
      const ports: ReconcilePorts = {
        async jobLiveness(orderNos) {
          calls.asked.push(...orderNos);
          return new Map(orderNos.map((o) => [o, states[o] ?? 'missing']));
        },
        async removeDeadJob(o) { calls.removed.push(o); },
        async relay() { calls.relays++; return 0; },
        async giveUp(o) { calls.gaveUp.push(o); },
      };
      return { ports, calls };
    }

    it('queues missing jobs, revives dead ones up to the bound, gives up after it, and leaves live, young and outbox orders alone', async () => {
      const id = () => crypto.randomBytes(16).toString('hex');
      const [missing, dead, deadTooOften, live, young, inOutbox, done] = [id(), id(), id(), id(), id(), id(), id()];
      await order(missing, 'P', 60_000);
      await order(dead, 'P', 59_000);
      await order(deadTooOften, 'P', 58_000);
      await order(live, 'P', 57_000);
      await order(young, 'P', 1_000);
      await order(inOutbox, 'P', 56_000);
      await order(done, 'S', 55_000);
      await t.db.insertInto('job_outbox').values({ order_no: inOutbox, created_at: iso(56_000) }).execute();
      await t.db.insertInto('job_revivals').values({ order_no: deadTooOften, revivals: 3, last_at: iso(30_000) }).execute();
      const { ports, calls } = fakeQueue({ [dead]: 'dead', [deadTooOften]: 'dead', [live]: 'live' });

      const report = await reconcilePendingOrders(t.db, ports, { nowMs: now, graceMs: 5_000, limit: 100, maxRevivals: 3 });
      assert.deepEqual(new Set(calls.asked), new Set([missing, dead, deadTooOften, live]));
      assert.deepEqual(report.requeued, [missing]);
      assert.deepEqual(report.revived, [dead]);
      assert.deepEqual(report.gaveUp, [deadTooOften]);
      assert.equal(report.live, 1);
      assert.deepEqual(calls.removed, [dead]);
      assert.deepEqual(calls.gaveUp, [deadTooOften]);
      assert.equal(calls.relays, 1);
      const outbox = (await t.db.selectFrom('job_outbox').select('order_no').execute()).map((r) => r.order_no).sort();
      assert.deepEqual(outbox, [missing, dead, inOutbox].sort());
      const revivals = await t.db.selectFrom('job_revivals').select('revivals').where('order_no', '=', dead).executeTakeFirstOrThrow();
      assert.equal(Number(revivals.revivals), 1);

      // Idempotent: a second pass at once finds the requeued ones in the outbox and does nothing new.
      const again = await reconcilePendingOrders(t.db, fakeQueue({ [live]: 'live', [deadTooOften]: 'live' }).ports, { nowMs: now, graceMs: 5_000, limit: 100, maxRevivals: 3 });
      assert.deepEqual([again.requeued, again.revived, again.gaveUp], [[], [], []]);
      await t.db.deleteFrom('job_outbox').execute();
      await t.db.deleteFrom('orders').execute();
    });

    it('does not touch an order that finished while the queue was being asked', async () => {
      const orderNo = crypto.randomBytes(16).toString('hex');
      await order(orderNo, 'P', 60_000);
      const ports: ReconcilePorts = {
        async jobLiveness(orderNos) {
          await t.db.updateTable('orders').set({ state: 'S' }).where('order_no', '=', orderNo).execute();
          return new Map(orderNos.map((o) => [o, 'dead' as const]));
        },
        async removeDeadJob() { throw new Error('must not be called'); },
        async relay() { throw new Error('must not be called'); },
      };
      const report = await reconcilePendingOrders(t.db, ports, { nowMs: now, graceMs: 5_000, limit: 100, maxRevivals: 3 });
      assert.deepEqual([report.checked, report.requeued, report.revived], [1, [], []]);
      await t.db.deleteFrom('orders').execute();
    });

    it('covers a backlog larger than one pass over several passes, oldest first', async () => {
      const orderNos = Array.from({ length: 5 }, (_, i) => `${String(i).padStart(2, '0')}${crypto.randomBytes(15).toString('hex')}`);
      for (const [i, o] of orderNos.entries()) await order(o, 'P', 60_000 - i);
      const seen: string[] = [];
      let after;
      let passes = 0;
      do {
        const { ports, calls } = fakeQueue(Object.fromEntries(orderNos.map((o) => [o, 'live' as const])));
        const pass = await reconcilePendingOrders(t.db, ports, { nowMs: now, graceMs: 5_000, limit: 2, after, maxRevivals: 3 });
        seen.push(...calls.asked);
        after = pass.next;
        passes++;
      } while (after && passes < 10);
      assert.deepEqual(seen, orderNos);
      await t.db.deleteFrom('orders').execute();
    });
  });
}
