import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findAccount } from '../src/accounts/accounts.js';
import { runCli as cli } from './support/cli.js';
import { findOrder, markOrderFailedAndRefund } from '../src/orders/orders.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../src/realtime/deliveries.js';

/** A finished order stores its report.finished callback (none goes out here: no callback URL is set). */
const FINISHED = reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH);

const AUTH = { authorization: 'Bearer test-admin-token' };

for (const backend of BACKENDS) {
  describe(`re-rendering a failed order on ${backend.name}`, () => {
    let api: TestApi;
    let customer: { key: string; secretKey: string };
    before(async () => {
      api = await startTestApi(backend);
      customer = await api.account({ name: '重做银行', balance: 10 });
    });
    after(async () => { await api?.close(); });

    /** An order placed through the API that then failed for good (what the job does when its attempts run out). */
    const failedOrder = async (): Promise<string> => {
      api.clock.set(Date.now());
      const res = (await api.call('CreateReport', { ...customer, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string; Result: { OrderNo: string } };
      assert.equal(res.Status, '200');
      assert.ok(await markOrderFailedAndRefund(api.db.db, res.Result.OrderNo, 'render failed', Date.now(), FINISHED));
      return res.Result.OrderNo;
    };
    const ledger = () => api.db.db.selectFrom('account_ledger').select(['order_no', 'kind', 'amount']).where('account_key', '=', customer.key).execute();
    /** Every charge has at most one refund, every refund a charge, and the rows add up to the balance. */
    const assertLedgerBalances = async () => {
      const rows = await ledger();
      const byOrder = new Map<string, string[]>();
      for (const r of rows) if (r.order_no) byOrder.set(r.order_no, [...(byOrder.get(r.order_no) ?? []), r.kind]);
      for (const [orderNo, kinds] of byOrder) {
        assert.ok(kinds.filter((k) => k === 'charge').length === 1, `${orderNo}: one charge, got ${kinds.join(',')}`);
        assert.ok(kinds.filter((k) => k === 'refund').length <= 1, `${orderNo}: at most one refund, got ${kinds.join(',')}`);
      }
      const sum = rows.reduce((a, r) => a + Number(r.amount), 0);
      assert.equal(sum, (await findAccount(api.db.db, customer.key))!.balance, 'the ledger explains the balance');
    };

    it('re-renders a failed order through /admin as a new linked order, charged; once only; the customer retrieves it', async () => {
      const failed = await failedOrder();
      assert.equal((await findAccount(api.db.db, customer.key))!.balance, 10, 'the failed order was refunded');
      const res = await api.app.inject({ method: 'POST', url: `/admin/orders/${failed}/rerender`, headers: AUTH, payload: { charge: true, by: '李工' } });
      assert.equal(res.statusCode, 201, res.body);
      const { order, rerender } = res.json() as { order: { orderNo: string; state: string; price: number }; rerender: { failedOrderNo: string; orderNo: string; actor: string; charged: number } };
      assert.notEqual(order.orderNo, failed);
      assert.equal(order.state, 'P');
      assert.deepEqual([rerender.failedOrderNo, rerender.orderNo, rerender.actor, rerender.charged], [failed, order.orderNo, 'admin:李工', 1]);
      assert.equal((await findAccount(api.db.db, customer.key))!.balance, 9);
      // The failed order stays as it was: F, charged once, refunded once.
      assert.equal((await findOrder(api.db.db, failed))!.state, 'F');

      const again = await api.app.inject({ method: 'POST', url: `/admin/orders/${failed}/rerender`, headers: AUTH, payload: { charge: true } });
      assert.equal(again.statusCode, 409);
      assert.match((again.json() as { error: string }).error, new RegExp(`already re-rendered as ${order.orderNo}`));
      const notFailed = await api.app.inject({ method: 'POST', url: `/admin/orders/${order.orderNo}/rerender`, headers: AUTH, payload: { charge: false } });
      assert.equal(notFailed.statusCode, 409);
      assert.match((notFailed.json() as { error: string }).error, /only a failed order \(F\)/);
      const noChoice = await api.app.inject({ method: 'POST', url: `/admin/orders/${failed}/rerender`, headers: AUTH, payload: {} });
      assert.equal(noChoice.statusCode, 400);
      assert.equal((noChoice.json() as { field: string }).field, 'charge');
      assert.equal((await api.app.inject({ method: 'POST', url: `/admin/orders/${'0'.repeat(32)}/rerender`, headers: AUTH, payload: { charge: true } })).statusCode, 404);

      await api.startWorkers();
      const info = await waitForOrder(api, customer, order.orderNo);
      assert.equal(info.ReportStatus, 'S');
      const file = await api.app.inject({ method: 'GET', url: String(info.ReportUrl).replace(/^https?:\/\/[^/]+/, '') });
      assert.equal(file.statusCode, 200);
      assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-', 'the customer retrieves the re-rendered report');
      await assertLedgerBalances();
    });

    it('re-renders free of charge from the console, audited with the operator\'s name, and refuses when the balance is short', async () => {
      const failed = await failedOrder();
      const signin = await api.app.inject({ method: 'POST', url: '/console/api/operator/signin', headers: { 'content-type': 'application/json' }, payload: { token: 'test-admin-token', name: '王工' } });
      assert.equal(signin.statusCode, 200);
      const cookie = String(signin.headers['set-cookie']).split(';')[0]!;
      const headers = { cookie, 'x-csrf-token': (signin.json() as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
      const before = (await findAccount(api.db.db, customer.key))!.balance;
      const res = await api.app.inject({ method: 'POST', url: `/console/api/orders/${failed}/rerender`, headers, payload: { charge: false } });
      assert.equal(res.statusCode, 201, res.body);
      const newOrder = (res.json() as { order: { orderNo: string } }).order.orderNo;
      assert.equal((await findAccount(api.db.db, customer.key))!.balance, before, 'free: nothing charged');
      const detail = (await api.app.inject({ method: 'GET', url: `/console/api/orders/${newOrder}`, headers })).json() as { rerenderOf: { failedOrderNo: string; actor: string; charged: number } };
      assert.deepEqual([detail.rerenderOf.failedOrderNo, detail.rerenderOf.actor, detail.rerenderOf.charged], [failed, 'operator:王工', 0]);
      const old = (await api.app.inject({ method: 'GET', url: `/console/api/orders/${failed}`, headers })).json() as { rerenderedAs: { orderNo: string } };
      assert.equal(old.rerenderedAs.orderNo, newOrder);
      await waitForOrder(api, customer, newOrder);
      await assertLedgerBalances();

      // A charged re-render needs the balance to cover the price, as any order does.
      const short = await failedOrder();
      assert.equal((await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${customer.key}`, headers: AUTH, payload: { balance: 0 } })).statusCode, 200);
      const refused = await api.app.inject({ method: 'POST', url: `/console/api/orders/${short}/rerender`, headers, payload: { charge: true } });
      assert.equal(refused.statusCode, 409);
      assert.match((refused.json() as { error: string }).error, /balance does not cover the price/);

      // The audit line names who did it (written after the answer: read until it is there).
      const read = () => api.db.db.selectFrom('audit_log').select(['actor', 'status', 'order_no']).where('interface', '=', 'console:order.rerender').execute();
      let rows = await read();
      for (const deadline = Date.now() + 15_000; rows.length < 2 && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await read();
      }
      assert.ok(rows.some((r) => r.actor === 'operator:王工' && r.status === '201' && r.order_no === failed));
      assert.ok(rows.some((r) => r.actor === 'operator:王工' && r.status === '409' && r.order_no === short));
    });

    it('re-renders from the CLI (orders rerender --charge)', async () => {
      await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${customer.key}`, headers: AUTH, payload: { topup: 5 } });
      const failed = await failedOrder();
      const env: Record<string, string> = { ZHENGXIN_DATA_DIR: api.db.dataDir, DATABASE_URL: api.db.databaseUrl ?? '', ZHENGXIN_MASTER_KEY: api.masterKeyHex, USER: 'ops' };
      // Scale-out: the CLI writes the job to the outbox, which the running service relays to Redis.
      if (api.engines === 'scale-out') env.REDIS_URL = 'redis://127.0.0.1:1';
      const out = JSON.parse(await cli(env, ['orders', 'rerender', failed, '--charge', '--json'])) as { order: { orderNo: string }; rerender: { actor: string; charged: number } };
      assert.deepEqual([out.rerender.actor, out.rerender.charged], ['cli:ops', 1]);
      api.queue.kick();
      assert.equal((await waitForOrder(api, customer, out.order.orderNo)).ReportStatus, 'S');
      await assert.rejects(cli(env, ['orders', 'rerender', failed, '--free']), /exited with 1/);
      await assert.rejects(cli(env, ['orders', 'rerender', failed]), /say --charge or --free/);
      await assertLedgerBalances();
    });
  });
}
