import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { updateAccount } from '../src/accounts/accounts.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { BACKENDS } from './support/databases.js';
import { callInterface } from './support/realtime.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };
for (const backend of BACKENDS) {
  describe(`monitoring interfaces on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await startTestApi(backend, { ZHENGXIN_WATCH_LIMIT: '2' }); });
    after(async () => { await api.close(); });

    const MONITOR = ['Monitor/Add', 'Monitor/Remove', 'Monitor/List', 'Monitor/Events'];
    const ordinary = deriveKeyNo(TEST_COMPANIES.ordinary);
    const monitoring = async (balance: number) => {
      const creds = await api.account({ balance });
      await updateAccount(api.db.db, creds.key, { interfaces: ['CreateReport', 'GetReportInfo', ...MONITOR] }, api.clock.now(), INTERFACE_REGISTRY);
      return creds;
    };
    const balanceOf = async (key: string) => Number((await api.db.db.selectFrom('accounts').select('balance').where('key', '=', key).executeTakeFirstOrThrow()).balance);

    it('add (charged once), list, the watched company\'s events after a cursor, remove; both prefixes', async () => {
      api.clock.set(Date.now());
      const creds = await monitoring(5);
      const added = await callInterface(api, '/Monitor/Add', creds, { keyNo: TEST_COMPANIES.ordinary.name });
      assert.equal(added.Status, '200', JSON.stringify(added));
      assert.equal(added.Result.KeyNo, ordinary);
      assert.equal(added.Result.Added, true);
      assert.equal((await callInterface(api, '/api/yj/Monitor/Add', creds, { keyNo: ordinary })).Result.Added, false);
      assert.equal(await balanceOf(creds.key), 4);

      const listed = await callInterface(api, '/api/yj/Monitor/List', creds);
      assert.deepEqual(listed.Result.map((w: { KeyNo: string }) => w.KeyNo), [ordinary]);
      assert.equal(listed.Paging!.TotalRecords, 1);

      const empty = await callInterface(api, '/Monitor/Events', creds);
      assert.equal(empty.Status, '200');
      assert.deepEqual(empty.Result.Events, []);

      // A change of the watched company, and one of a company not watched.
      const record = { caseNo: '(2026)沪01执1号', filedOn: '2026-06-01' };
      const valid = { ...TEST_COMPANIES.ordinary, dataAsOf: '2026-06-30T00:00:00+08:00', dishonest: [record] };
      assert.equal((await api.app.inject({ method: 'PUT', url: `/admin/companies/${ordinary}`, headers: AUTH, payload: valid })).statusCode, 200);
      const other = deriveKeyNo(TEST_COMPANIES.hostile);
      await api.app.inject({ method: 'PUT', url: `/admin/companies/${other}`, headers: AUTH, payload: { ...TEST_COMPANIES.hostile, dataAsOf: '2026-06-30T00:00:00+08:00', address: '别处' } });

      const page = await callInterface(api, '/Monitor/Events', creds, { after: empty.Result.Next });
      assert.equal(page.Status, '200');
      const types = page.Result.Events.map((e: { Type: string; KeyNo: string }) => { assert.equal(e.KeyNo, ordinary); return e.Type; });
      assert.ok(types.includes('company.updated') && types.includes('record.added'), types.join());
      assert.deepEqual(page.Result.Events.find((e: { Type: string }) => e.Type === 'record.added').Data.record, record);
      const rest = await callInterface(api, '/Monitor/Events', creds, { after: page.Result.Next });
      assert.deepEqual(rest.Result.Events, []);

      assert.equal((await callInterface(api, '/Monitor/Remove', creds, { keyNo: ordinary })).Status, '200');
      assert.equal((await callInterface(api, '/Monitor/Remove', creds, { keyNo: ordinary })).Status, '201');
      assert.equal((await callInterface(api, '/Monitor/List', creds)).Status, '201');
    });

    it('beyond the watch-list limit answers 209 (uncharged); without the interface 214; bad cursor 202', async () => {
      const creds = await monitoring(5);
      assert.equal((await callInterface(api, '/Monitor/Add', creds, { keyNo: TEST_COMPANIES.ordinary.name })).Status, '200');
      assert.equal((await callInterface(api, '/Monitor/Add', creds, { keyNo: TEST_COMPANIES.hostile.name })).Status, '200');
      const full = await callInterface(api, '/Monitor/Add', creds, { keyNo: TEST_COMPANIES.uncovered.name });
      assert.equal(full.Status, '209');
      assert.equal(full.Message, '【有效请求】企业数量超过上限');
      assert.equal(await balanceOf(creds.key), 3);
      assert.equal((await callInterface(api, '/Monitor/Events', creds, { after: 'x' })).Status, '202');
      const plain = await api.account({ balance: 5 });
      assert.equal((await callInterface(api, '/Monitor/Add', plain, { keyNo: TEST_COMPANIES.ordinary.name })).Status, '214');
    });
  });
}
