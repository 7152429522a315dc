import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { after, before, describe, it } from 'node:test';
import { operatorOverview, usageByDay } from '../src/console/overview.js';
import { ORDER_COLUMNS } from '../src/orders/orders.js';
import type { JobQueue } from '../src/queue/job-queue.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

/** One second before and at midnight in Beijing (16:00 UTC): two China days, one UTC day. */
const BEFORE = '2026-12-05T15:59:59.000Z';
const AFTER = '2026-12-05T16:00:00.000Z';
const NOW = Date.parse('2026-12-06T02:00:00Z');

for (const backend of BACKENDS) {
  describe(`console usage charts count by the China day on ${backend.name}`, () => {
    let db: TestDatabase;
    let KEY = '';
    before(async () => {
      db = await backend.open();
      KEY = (await createAccount(db.db, secretBox(crypto.randomBytes(32)), { name: '某银行', balance: 0 }, NOW)).account.key;
      let i = 0;
      for (const at of [BEFORE, AFTER, AFTER]) {
        i++;
        await db.db.insertInto('audit_log').values({ id: `cd-${i}`, at, request_id: `r${i}`, account_key: KEY, interface: 'CreateReport', method: 'GET', status: '200', reason: null, ip: '127.0.0.1', order_no: null }).execute();
        const row = {
          order_no: String(i).repeat(32), account_key: KEY, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf', state: 'S', price: 1,
          created_at: at, finished_at: at, expires_at: null, retrieve_code: null, blob_key: null, file_size: null, fail_reason: null, callback_url: null, report_type: 1,
        } as Record<(typeof ORDER_COLUMNS)[number], unknown>;
        await db.db.insertInto('orders').values(row as never).execute();
      }
    });
    after(async () => { await db?.close(); });

    it("puts a call at 15:59:59 UTC on that China day and one at 16:00 UTC on the next, in the customer's usage", async () => {
      const usage = await usageByDay(db.db, KEY, NOW);
      assert.deepEqual(usage.days.slice(-2), ['2026-12-05', '2026-12-06']);
      const n = (day: string) => usage.byStatus.filter((r) => r.day === day && r.label === '200').reduce((a, r) => a + r.n, 0);
      assert.deepEqual([n('2026-12-05'), n('2026-12-06')], [1, 2]);
    });

    it("and in the operator's requests and orders per day", async () => {
      const queue = { depth: async () => 0 } as unknown as JobQueue;
      const o = await operatorOverview(db.db, queue, NOW);
      const sum = (list: ReadonlyArray<{ day: string; label: string; n: number }>, day: string, label: string) => list.filter((r) => r.day === day && r.label === label).reduce((a, r) => a + r.n, 0);
      assert.deepEqual([sum(o.requestsByStatus, '2026-12-05', '200'), sum(o.requestsByStatus, '2026-12-06', '200')], [1, 2]);
      assert.deepEqual([sum(o.requestsByInterface, '2026-12-05', 'CreateReport'), sum(o.requestsByInterface, '2026-12-06', 'CreateReport')], [1, 2]);
      assert.deepEqual([sum(o.ordersByDay, '2026-12-05', 'S'), sum(o.ordersByDay, '2026-12-06', 'S')], [1, 2]);
    });
  });
}
