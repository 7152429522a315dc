import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

type Answer = { Status: string; Result: { OrderNo: string } | null };

for (const backend of BACKENDS) {
  describe(`idempotent ordering on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await startTestApi(backend); });
    after(async () => { await api.close(); });

    const balanceOf = async (key: string) => Number((await api.db.db.selectFrom('accounts').select('balance').where('key', '=', key).executeTakeFirstOrThrow()).balance);
    const charges = async (key: string) => (await api.db.db.selectFrom('account_ledger').select('id').where('account_key', '=', key).where('kind', '=', 'charge').execute()).length;

    it('a retry after a lost answer gets the same OrderNo and is charged once (header and requestId)', async () => {
      const creds = await api.account({ balance: 5 });
      const params = { keyNo: TEST_COMPANIES.ordinary.name };
      const first = (await api.call('CreateReport', { ...creds, params, headers: { 'Idempotency-Key': 'loan-0001' } })).json() as Answer;
      assert.equal(first.Status, '200');
      // The client never saw the answer and sends the same call again (also as a JSON body).
      const retry = (await api.call('CreateReport', { ...creds, params, method: 'POST', via: 'json', headers: { 'Idempotency-Key': 'loan-0001' } })).json() as Answer;
      assert.equal(retry.Status, '200');
      assert.equal(retry.Result!.OrderNo, first.Result!.OrderNo);
      assert.equal(await balanceOf(creds.key), 4);
      assert.equal(await charges(creds.key), 1);

      const viaParam = (await api.call('CreateReport', { ...creds, params: { ...params, requestId: 'loan-0002' } })).json() as Answer;
      const viaParamAgain = (await api.call('CreateReport', { ...creds, params: { ...params, requestId: 'loan-0002' } })).json() as Answer;
      assert.equal(viaParamAgain.Result!.OrderNo, viaParam.Result!.OrderNo);
      assert.notEqual(viaParam.Result!.OrderNo, first.Result!.OrderNo);
      assert.equal(await balanceOf(creds.key), 3);
    });

    it('concurrent retries with one key place one order', async () => {
      const creds = await api.account({ balance: 20 });
      const answers = await Promise.all(Array.from({ length: 8 }, () =>
        api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name }, headers: { 'Idempotency-Key': 'same-key-42' } }).then((r) => r.json() as Answer)));
      assert.deepEqual(new Set(answers.map((a) => a.Status)), new Set(['200']));
      assert.equal(new Set(answers.map((a) => a.Result!.OrderNo)).size, 1);
      assert.equal(await balanceOf(creds.key), 19);
      assert.equal(await charges(creds.key), 1);
    });

    it('the same key with other parameters answers 202 idempotency_key_reused, uncharged; another account may use the key', async () => {
      const creds = await api.account({ balance: 5 });
      await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name }, headers: { 'Idempotency-Key': 'k-1' } });
      const reused = await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, reportFormat: '2' }, headers: { 'Idempotency-Key': 'k-1' } });
      assert.equal((reused.json() as Answer).Status, '202');
      assert.equal(reused.headers['x-error-reason'], 'idempotency_key_reused');
      const bad = await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name }, headers: { 'Idempotency-Key': 'has space' } });
      assert.equal(bad.headers['x-error-reason'], 'idempotency_key_invalid');
      assert.equal(await balanceOf(creds.key), 4);
      const other = await api.account({ balance: 5 });
      assert.equal(((await api.call('CreateReport', { ...other, params: { keyNo: TEST_COMPANIES.ordinary.name }, headers: { 'Idempotency-Key': 'k-1' } })).json() as Answer).Status, '200');
    });

    it('after 24 h the key places a new order', async () => {
      const creds = await api.account({ balance: 5 });
      const params = { keyNo: TEST_COMPANIES.ordinary.name };
      const first = (await api.call('CreateReport', { ...creds, params, headers: { 'Idempotency-Key': 'day-key' } })).json() as Answer;
      api.clock.advance(24 * 3600_000 + 1000);
      const later = (await api.call('CreateReport', { ...creds, params, headers: { 'Idempotency-Key': 'day-key' } })).json() as Answer;
      api.clock.set(Date.now());
      assert.equal(later.Status, '200');
      assert.notEqual(later.Result!.OrderNo, first.Result!.OrderNo);
      assert.equal(await balanceOf(creds.key), 3);
    });
  });
}
