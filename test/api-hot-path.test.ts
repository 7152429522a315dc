import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createAccount } from '../src/accounts/accounts.js';
import { batchedAuditLog, type AuditEntry } from '../src/accounts/audit.js';
import { secretBox } from '../src/accounts/secrets.js';
import { updateSystemSettings } from '../src/accounts/system-settings.js';
import type { Schema } from '../src/db/schema.js';
import { startWalCheckpointer } from '../src/db/wal-checkpointer.js';
import { groupCommit } from '../src/orders/group-commit.js';
import { createOrder, markOrderFailedAndRefund, markOrderSucceeded, type OrderLimits } from '../src/orders/orders.js';
import { callContextReader, readCallContext } from '../src/protocol/call-context.js';
import { openDatabase } from '../src/db/database.js';
import { updateAccount } from '../src/accounts/accounts.js';
import { compiledStatement } from '../src/db/compiled-query.js';
import { dbJobQueue } from '../src/queue/db-queue.js';
import { BACKENDS } from './support/databases.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../src/realtime/deliveries.js';

/** Every finished order stores its report.finished callback (none goes out here: no callback URL is set). */
const FINISHED = reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH);

const NO_LIMITS: OrderLimits = { systemDailyLimit: null, dailyQuota: null, concurrencyLimit: 100 };
const COMPANY = { keyNo: 'c'.repeat(32), name: '上海测试科技有限公司', uscc: null };
const box = secretBox(crypto.randomBytes(32));

const accountByKey = compiledStatement((db: Kysely<Schema>, key: string) => db.selectFrom('accounts').select(['key', 'name', 'balance']).where('key', '=', key));
const balanceAtLeast = compiledStatement((db: Kysely<Schema>, key: string, min: number) =>
  db.selectFrom('accounts').select('key').where('key', '=', key).where('balance', '>=', min).where('name', '<>', 'never'),
);

function auditEntry(i: number, accountKey: string | null): AuditEntry {
  return { requestId: `req-${i}`, at: new Date(1_700_000_000_000 + i).toISOString(), accountKey, interface: 'GetReportInfo', method: 'GET', status: '200', reason: null, ip: '127.0.0.1', orderNo: null };
}

for (const backend of BACKENDS) {
  describe(`API hot path on ${backend.name}`, () => {
    it('runs a compiled statement with fresh arguments, also inside a transaction, next to the query constants', async () => {
      const t = await backend.open();
      try {
        const a = (await createAccount(t.db, box, { name: '甲银行', balance: 5 }, Date.now())).account;
        const b = (await createAccount(t.db, box, { name: '乙银行', balance: 9 }, Date.now())).account;
        assert.equal((await accountByKey.first(t.db, a.key))?.name, '甲银行');
        assert.equal((await accountByKey.first(t.db, b.key))?.name, '乙银行');
        assert.equal(await accountByKey.first(t.db, 'f'.repeat(32)), undefined);
        assert.equal((await balanceAtLeast.execute(t.db, b.key, 9)).rows.length, 1);
        assert.equal((await balanceAtLeast.execute(t.db, b.key, 10)).rows.length, 0);
        await t.db.transaction().execute(async (trx) => {
          assert.equal(Number((await accountByKey.first(trx, a.key))?.balance), 5);
        });
      } finally {
        await t.cleanup();
      }
    });

    it('reads account, operator switches and the own order in one statement; a foreign order reads as none', async () => {
      const t = await backend.open();
      try {
        const queue = dbJobQueue(t);
        const mine = (await createAccount(t.db, box, { name: '甲银行', balance: 5 }, Date.now())).account;
        const other = (await createAccount(t.db, box, { name: '乙银行', balance: 5 }, Date.now())).account;
        const placed = await createOrder(t.db, queue, { account: mine, company: COMPANY, format: 'pdf', price: 1, nowMs: Date.now(), limits: NO_LIMITS });
        assert.ok(placed.ok);
        const orderNo = placed.order.orderNo;

        const context = await readCallContext(t.db, mine.key, orderNo, 'GetReportInfo');
        assert.equal(context?.account.key, mine.key);
        assert.equal(context?.account.balance, 4);
        assert.equal(context?.account.ordersInFlight, 1);
        assert.deepEqual(context?.settings, { maintenance: false, interfaces: { GetReportInfo: 'active' }, systemDailyLimit: null });
        assert.equal(context?.order?.orderNo, orderNo);
        assert.equal(context?.order?.state, 'P');

        assert.equal((await readCallContext(t.db, other.key, orderNo))?.order, undefined);
        assert.equal((await readCallContext(t.db, mine.key))?.order, undefined);
        assert.equal(await readCallContext(t.db, 'f'.repeat(32), orderNo), undefined);

        // An operator's switch is seen on the very next read (no cache).
        await updateSystemSettings(t.db, { maintenance: true, interfaces: { GetReportInfo: 'disabled' }, systemDailyLimit: 7 });
        assert.deepEqual((await readCallContext(t.db, mine.key, undefined, 'GetReportInfo'))?.settings, { maintenance: true, interfaces: { GetReportInfo: 'disabled' }, systemDailyLimit: 7 });
        assert.deepEqual((await readCallContext(t.db, mine.key, undefined, 'CreateReport'))?.settings.interfaces, { CreateReport: 'active' });
      } finally {
        await t.cleanup();
      }
    });

    it('keeps orders_in_flight with the order: +1 when placed, −1 when S or F, and refuses 122 at the limit', async () => {
      const t = await backend.open();
      try {
        const queue = dbJobQueue(t);
        const account = (await createAccount(t.db, box, { name: '丙银行', balance: 10, concurrencyLimit: 2 }, Date.now())).account;
        const place = () => createOrder(t.db, queue, { account, company: COMPANY, format: 'pdf', price: 1, nowMs: Date.now(), limits: { ...NO_LIMITS, concurrencyLimit: 2 } });
        const inFlight = async () => (await readCallContext(t.db, account.key))!.account.ordersInFlight;
        const first = await place();
        const second = await place();
        assert.ok(first.ok && second.ok);
        assert.equal(await inFlight(), 2);
        // At the limit: refused, and neither charged nor counted.
        assert.deepEqual(await place(), { ok: false, status: '122' });
        assert.equal((await readCallContext(t.db, account.key))!.account.balance, 8);
        assert.equal(await inFlight(), 2);

        assert.equal(await markOrderSucceeded(t.db, first.order.orderNo, { blobKey: 'k', fileSize: 1, nowMs: Date.now(), retentionDays: 30 }, FINISHED), true);
        assert.equal(await inFlight(), 1);
        // Only a P order leaves flight: marking it again changes nothing.
        assert.equal(await markOrderSucceeded(t.db, first.order.orderNo, { blobKey: 'k', fileSize: 1, nowMs: Date.now(), retentionDays: 30 }, FINISHED), false);
        assert.equal(await markOrderFailedAndRefund(t.db, first.order.orderNo, 'late failure', Date.now(), FINISHED), false);
        assert.equal(await inFlight(), 1);
        assert.equal(await markOrderFailedAndRefund(t.db, second.order.orderNo, 'render failed', Date.now(), FINISHED), true);
        assert.equal(await inFlight(), 0);
        assert.equal((await readCallContext(t.db, account.key))!.account.balance, 9);
      } finally {
        await t.cleanup();
      }
    });

    it('group commit: concurrent units share a commit, and a failing unit is rolled back alone', async () => {
      const t = await backend.open();
      try {
        const transact = groupCommit(t.db);
        const units = Array.from({ length: 12 }, (_, i) => transact(async (trx) => {
          await trx.insertInto('system_settings').values({ name: `unit.${i}`, value: String(i) }).execute();
          if (i === 3 || i === 7) throw new Error(`unit ${i} refuses`);
          return i;
        }));
        const settled = await Promise.allSettled(units);
        assert.deepEqual(settled.map((r) => r.status === 'fulfilled' ? r.value : (r.reason as Error).message),
          [0, 1, 2, 'unit 3 refuses', 4, 5, 6, 'unit 7 refuses', 8, 9, 10, 11]);
        const names = (await t.db.selectFrom('system_settings').select('name').where('name', 'like', 'unit.%').execute()).map((r) => r.name).sort();
        assert.deepEqual(names, [0, 1, 10, 11, 2, 4, 5, 6, 8, 9].map((i) => `unit.${i}`));
      } finally {
        await t.cleanup();
      }
    });

    it('group commit: concurrent orders never overdraw the balance, each charged and counted once', async () => {
      const t = await backend.open();
      try {
        const queue = dbJobQueue(t);
        const transact = groupCommit(t.db);
        const account = (await createAccount(t.db, box, { name: '戊银行', balance: 12, concurrencyLimit: 1000 }, Date.now())).account;
        const results = await Promise.all(Array.from({ length: 20 }, () =>
          createOrder(t.db, queue, { account, company: COMPANY, format: 'pdf', price: 1, nowMs: Date.now(), limits: { ...NO_LIMITS, concurrencyLimit: 1000 } }, transact)));
        assert.equal(results.filter((r) => r.ok).length, 12);
        assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === '112'));
        const context = (await readCallContext(t.db, account.key))!;
        assert.equal(context.account.balance, 0);
        assert.equal(context.account.ordersInFlight, 12);
        const orders = await t.db.selectFrom('orders').select('order_no').where('account_key', '=', account.key).execute();
        const charges = await t.db.selectFrom('account_ledger').select('order_no').where('account_key', '=', account.key).where('kind', '=', 'charge').execute();
        const jobs = await t.db.selectFrom('report_jobs').select('order_no').execute();
        assert.equal(orders.length, 12);
        assert.deepEqual(charges.map((c) => c.order_no).sort(), orders.map((o) => o.order_no).sort());
        assert.deepEqual(jobs.map((j) => j.order_no).sort(), orders.map((o) => o.order_no).sort());
      } finally {
        await t.cleanup();
      }
    });

    it('writes a batch of audit lines in 100/10/1-row statements, in order of time, and flushes what is left on close', async () => {
      const t = await backend.open();
      try {
        const errors: unknown[] = [];
        const audit = batchedAuditLog(t.db, { flushMs: 60_000, maxBatch: 10_000, onError: (err) => errors.push(err) });
        for (let i = 0; i < 123; i++) audit.record(auditEntry(i, i % 2 ? 'a'.repeat(32) : null));
        await audit.flush();
        for (let i = 123; i < 130; i++) audit.record(auditEntry(i, null));
        await audit.close();
        assert.deepEqual(errors, []);
        const rows = await t.db.selectFrom('audit_log').select(['id', 'request_id', 'account_key']).orderBy('id').execute();
        assert.equal(rows.length, 130);
        assert.deepEqual(rows.map((r) => r.request_id), Array.from({ length: 130 }, (_, i) => `req-${i}`));
        assert.equal(rows[1]!.account_key, 'a'.repeat(32));
        assert.equal(rows[0]!.account_key, null);
        for (const r of rows) assert.match(r.id, /^[0-9a-f]{32}$/);
      } finally {
        await t.cleanup();
      }
    });

    it('the cached context reader answers what a fresh read would, after own writes and another connection\'s', async () => {
      const t = await backend.open();
      // A second connection to the same database, as an operator's CLI in another process has.
      const operator = await openDatabase({ dataDir: t.dataDir, databaseUrl: t.databaseUrl });
      try {
        const queue = dbJobQueue(t);
        const read = callContextReader(t.db);
        const mine = (await createAccount(t.db, box, { name: '甲银行', balance: 5 }, Date.now())).account;
        const placed = await createOrder(t.db, queue, { account: mine, company: COMPANY, format: 'pdf', price: 1, nowMs: Date.now(), limits: NO_LIMITS });
        assert.ok(placed.ok);
        const orderNo = placed.order.orderNo;
        const agrees = async (what: string) => {
          assert.deepEqual(await read(mine.key, orderNo), await readCallContext(t.db, mine.key, orderNo), what);
          assert.deepEqual(await read(mine.key), await readCallContext(t.db, mine.key), what);
        };
        await agrees('first read');
        const first = await read(mine.key, orderNo);
        // SQLite keeps contexts (shared by every call, so frozen); PostgreSQL reads each time.
        if (backend.name === 'sqlite') assert.ok(Object.isFrozen(first) && Object.isFrozen(first!.account) && Object.isFrozen(first!.account.prices), 'shared contexts are frozen');
        await agrees('unchanged');

        // Writes of this connection: a second order (balance, in flight), the first one finishing.
        assert.ok((await createOrder(t.db, queue, { account: mine, company: COMPANY, format: 'pdf', price: 1, nowMs: Date.now(), limits: NO_LIMITS })).ok);
        assert.equal((await read(mine.key))?.account.balance, 3);
        assert.ok(await markOrderSucceeded(t.db, orderNo, { blobKey: 'reports/x.pdf', fileSize: 1, nowMs: Date.now(), retentionDays: 30 }, FINISHED));
        assert.equal((await read(mine.key, orderNo))?.order?.state, 'S');
        await agrees('after own writes');

        // Commits of another connection: suspension, an operator switch, a top-up.
        await updateAccount(operator.db, mine.key, { state: 'suspended', topup: 10 }, Date.now());
        assert.equal((await read(mine.key, orderNo))?.account.state, 'suspended');
        assert.equal((await read(mine.key))?.account.balance, 13);
        await updateSystemSettings(operator.db, { maintenance: true });
        assert.equal((await read(mine.key))?.settings.maintenance, true);
        await agrees('after the operator\'s writes');
        assert.equal(await read('f'.repeat(32)), undefined);
      } finally {
        await operator.close();
        await t.cleanup();
      }
    });
  });
}

describe('compiledStatement misuse', () => {
  const backend = BACKENDS[0]!;
  it('refuses an argument used in JavaScript or spliced into the SQL text', async () => {
    const t = await backend.open();
    try {
      const usedInJs = compiledStatement((db: Kysely<Schema>, nowMs: number) => db.selectFrom('orders').select('order_no').where('created_at', '>=', new Date(Number(nowMs) || 0).toISOString()));
      await assert.rejects(usedInJs.execute(t.db, Date.now()), /argument 1 of 1 does not reach the query/);
      const spliced = compiledStatement((db: Kysely<Schema>, column: string) => db.selectFrom('orders').select(sql.ref(column).as('x')));
      await assert.rejects(spliced.execute(t.db, 'order_no'), /spliced into the SQL text/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('SQLite WAL checkpoints on a background thread', () => {
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  it('turns the serving connection\'s automatic checkpoints off, checkpoints the WAL itself, and turns them back on when closed', async () => {
    const t = await sqlite.open();
    try {
      let onCheckpoint!: (r: { walFrames: number; checkpointedFrames: number }) => void;
      const checkpointed = new Promise<{ walFrames: number; checkpointedFrames: number }>((resolve) => { onCheckpoint = resolve; });
      const checkpointer = await startWalCheckpointer(t, { intervalMs: 20, onCheckpoint });
      assert.ok(checkpointer);
      await createAccount(t.db, box, { name: '丁银行', balance: 1 }, Date.now());
      // The checkpoint thread is unref'd (it never keeps a process alive): hold the loop open meanwhile.
      const keepAlive = setInterval(() => {}, 1000);
      const result = await checkpointed.finally(() => clearInterval(keepAlive));
      assert.ok(result.walFrames > 0 && result.checkpointedFrames > 0);
      const autocheckpoint = async () => Object.values((await sql<Record<string, number>>`PRAGMA wal_autocheckpoint`.execute(t.db)).rows[0]!)[0];
      assert.equal(await autocheckpoint(), 0);
      await checkpointer.close();
      assert.equal(await autocheckpoint(), 1000);
    } finally {
      await t.cleanup();
    }
  });

  it('does nothing on PostgreSQL', { skip: !BACKENDS.some((b) => b.name === 'postgres') }, async () => {
    const t = await BACKENDS.find((b) => b.name === 'postgres')!.open();
    try {
      assert.equal(await startWalCheckpointer(t), undefined);
    } finally {
      await t.cleanup();
    }
  });
});
