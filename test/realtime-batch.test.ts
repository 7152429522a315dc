import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateAccount } from '../src/accounts/accounts.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS } from './support/databases.js';
import { callInterface } from './support/realtime.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

for (const backend of BACKENDS) {
  describe(`batch ordering on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await startTestApi(backend); });
    after(async () => { await api.close(); });

    const batchAccount = async (balance: number) => {
      const creds = await api.account({ balance });
      await updateAccount(api.db.db, creds.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
      return creds;
    };
    const post = async (creds: { key: string; secretKey: string }, body: Record<string, unknown>, json: boolean) => {
      const timespan = String(Math.floor(api.clock.now() / 1000));
      const headers = { Token: computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan, 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' };
      const payload = json ? JSON.stringify({ key: creds.key, ...body }) : new URLSearchParams({ key: creds.key, ...(body as Record<string, string>) }).toString();
      return api.app.inject({ method: 'POST', url: '/api/yj/Report/CreateBatch', headers, payload, remoteAddress: '127.0.0.1' });
    };

    it('a batch with a bad item orders the rest, each billed like one order; GetBatchInfo follows them', async () => {
      api.clock.set(Date.now());
      const creds = await batchAccount(10);
      const res = await post(creds, { keyNos: [TEST_COMPANIES.ordinary.name, '没有这家公司有限公司', TEST_COMPANIES.uncovered.name, TEST_COMPANIES.hostile.uscc] }, true);
      const body = res.json() as { Status: string; Result: { BatchNo: string; Ordered: number; Items: Array<{ KeyNo: string; OrderNo: string | null; Status: string; Reason: string | null }> } };
      assert.equal(body.Status, '200', res.body + String(res.headers['x-error-reason']));
      assert.equal(body.Result.Ordered, 2);
      assert.deepEqual(body.Result.Items.map((i) => i.Status), ['200', '201', '208', '200']);
      assert.ok(body.Result.Items[0]!.OrderNo && body.Result.Items[3]!.OrderNo);
      const balance = Number((await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow()).balance);
      assert.equal(balance, 8);
      const info = await callInterface(api, '/Report/GetBatchInfo', creds, { batchNo: body.Result.BatchNo });
      assert.equal(info.Status, '200');
      assert.equal(info.Result.Total, 4);
      assert.deepEqual(info.Result.Items.map((i: { ReportStatus: string | null }) => i.ReportStatus), ['P', null, null, 'P']);
      const someoneElse = await batchAccount(1);
      assert.equal((await callInterface(api, '/Report/GetBatchInfo', someoneElse, { batchNo: body.Result.BatchNo })).Status, '201');
    });

    it('a balance that runs out mid-batch refuses only the items it cannot pay for (comma-separated form)', async () => {
      const creds = await batchAccount(1);
      const res = await post(creds, { keyNos: `${TEST_COMPANIES.ordinary.name},${TEST_COMPANIES.hostile.uscc}` }, false);
      const body = res.json() as { Result: { Items: Array<{ Status: string; Reason: string | null }> } };
      assert.deepEqual(body.Result.Items.map((i) => i.Status), ['200', '112']);
    });

    it('5,001 companies answer 207 and order nothing', async () => {
      const creds = await batchAccount(10);
      const many = Array.from({ length: 5001 }, () => TEST_COMPANIES.ordinary.uscc!);
      const res = await post(creds, { keyNos: many.join(',') }, false);
      const body = res.json() as { Status: string; Message: string };
      assert.equal(body.Status, '207');
      assert.equal(body.Message, '【有效请求】请求数据的条目数超过上限（5000）');
      const json = await post(creds, { keyNos: many }, true);
      assert.equal((json.json() as { Status: string }).Status, '207');
      const orders = await api.db.db.selectFrom('orders').select('order_no').where('account_key', '=', creds.key).execute();
      assert.equal(orders.length, 0);
    });
  });
}
