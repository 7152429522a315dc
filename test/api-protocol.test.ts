import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateAccount } from '../src/accounts/accounts.js';
import { updateSystemSettings } from '../src/accounts/system-settings.js';
import { STATUS_MESSAGES } from '../src/protocol/status-codes.js';
import { computeToken as computeTokenFor } from '../src/protocol/token.js';
import { BACKENDS } from './support/databases.js';
import { rowsEventually } from './support/eventually.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

type Body = { Status: string; Message: string; Result: Record<string, string | null> | null };

for (const backend of BACKENDS) {
  describe(`report API protocol on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend, { ZHENGXIN_AUTH_LOCKOUT_FAILURES: '3', ZHENGXIN_PARAM_LOCKOUT_ERRORS: '3' });
    });
    after(async () => { await api.close(); });

    const expectStatus = (res: { json(): unknown; headers: Record<string, unknown> }, status: string, reason?: string) => {
      const body = res.json() as Body;
      assert.equal(body.Status, status, `expected Status ${status}, got ${JSON.stringify(body)} (${String(res.headers['x-error-reason'])})`);
      if (status !== '200') {
        assert.equal(body.Message, STATUS_MESSAGES[status as keyof typeof STATUS_MESSAGES]);
        assert.equal(body.Result, null);
        if (reason) assert.equal(res.headers['x-error-reason'], reason);
      }
      assert.ok(res.headers['x-request-id']);
      return body;
    };

    it('creates a report under both prefixes, by GET and POST, from query, form and JSON parameters', async () => {
      const creds = await api.account();
      for (const prefix of ['/api/yj/Report/', '/Report/'] as const) {
        for (const [method, via] of [['GET', 'query'], ['POST', 'form'], ['POST', 'json'], ['POST', 'query']] as const) {
          const res = await api.call('CreateReport', { ...creds, prefix, method, via, params: { keyNo: TEST_COMPANIES.ordinary.name } });
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
          const body = expectStatus(res, '200');
          assert.equal(body.Message, '报告下单成功');
          assert.deepEqual(Object.keys(body.Result!), ['OrderNo']);
          assert.match(body.Result!.OrderNo!, /^[0-9a-f]{32}$/);
        }
      }
    });

    it('lets the body win over the query string', async () => {
      const creds = await api.account();
      const res = await api.app.inject({
        method: 'POST',
        url: `/api/yj/Report/CreateReport?key=${creds.key}&keyNo=x`,
        headers: tokenHeaders(api, creds),
        payload: { keyNo: TEST_COMPANIES.ordinary.uscc },
      });
      expectStatus(res, '200');
    });

    it('answers the documented XML envelope', async () => {
      const creds = await api.account();
      const res = await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.uscc, dtype: 'xml' } });
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      const m = /<OrderNo>([0-9a-f]{32})<\/OrderNo>/.exec(res.body);
      assert.ok(m, res.body);
      assert.equal(res.body, [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        '<Status>200</Status>',
        '<Message>报告下单成功</Message>',
        '<Result>',
        `<OrderNo>${m[1]}</OrderNo>`,
        '</Result>',
        '</YJServiceResult>',
      ].join('\n'));
      const info = await api.call('GetReportInfo', { ...creds, params: { orderNo: m[1], dtype: 'xml' } });
      assert.match(info.body, /<Status>200<\/Status>\n<Message>查询成功<\/Message>\n<Result>\n<ReportStatus>P<\/ReportStatus>\n<ReportUrl><\/ReportUrl>\n<\/Result>/);
      const err = await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32), dtype: 'xml' } });
      assert.match(err.body, /<Status>201<\/Status>\n<Message>【有效请求】查询无结果<\/Message>\n<Result><\/Result>\n<\/YJServiceResult>$/);
      assert.equal(err.headers['x-error-reason'], 'order_not_found');
    });

    it('answers GetReportInfo for a pending order, with extension fields only on ext=1', async () => {
      const creds = await api.account();
      const orderNo = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, reportFormat: '2' } }).then((r) => r.json() as Body)).Result!.OrderNo!;
      const plain = expectStatus(await api.call('GetReportInfo', { ...creds, params: { orderNo } }), '200');
      assert.equal(plain.Message, '查询成功');
      assert.deepEqual(plain.Result, { ReportStatus: 'P', ReportUrl: null });
      const ext = expectStatus(await api.call('GetReportInfo', { ...creds, method: 'POST', params: { orderNo, ext: '1' } }), '200');
      assert.equal(ext.Result!.CompanyName, TEST_COMPANIES.ordinary.name);
      assert.equal(ext.Result!.CreditCode, TEST_COMPANIES.ordinary.uscc);
      assert.equal(ext.Result!.ReportFormat, 'word');
      assert.match(ext.Result!.KeyNo!, /^[0-9a-f]{32}$/);
      assert.ok(ext.Result!.CreatedAt);
      assert.equal(ext.Result!.FinishedAt, null);
      assert.ok(!('FailReason' in ext.Result!));
      const created = expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, ext: '1' } }), '200');
      assert.equal(created.Result!.ReportFormat, 'pdf');
    });

    it('118 for any other method, in the requested envelope', async () => {
      const creds = await api.account();
      for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
        const res = await api.call('CreateReport', { ...creds, method, via: 'query', params: { keyNo: 'x' } });
        assert.equal(res.statusCode, 200);
        if (method !== 'HEAD') expectStatus(res, '118', 'method_not_allowed');
      }
      const trace = await api.app.inject({ method: 'TRACE' as 'GET', url: '/Report/GetReportInfo' });
      expectStatus(trace, '118', 'method_not_allowed');
      const xml = await api.call('GetReportInfo', { method: 'PUT', via: 'query', params: { dtype: 'xml' } });
      assert.match(xml.body, /<Status>118<\/Status>/);
    });

    it('101 for a missing, malformed, unknown or not yet effective key', async () => {
      expectStatus(await api.call('CreateReport', { params: { keyNo: 'x' } }), '101', 'key_missing');
      expectStatus(await api.call('CreateReport', { key: 'ABC', params: { keyNo: 'x' } }), '101', 'key_malformed');
      expectStatus(await api.call('CreateReport', { key: 'a'.repeat(32), secretKey: 'x', params: { keyNo: 'x' } }), '101', 'key_unknown');
      const pending = await api.account({ state: 'pending' });
      expectStatus(await api.call('CreateReport', { ...pending, params: { keyNo: 'x' } }), '101', 'key_not_effective');
      const future = await api.account({ effectiveAt: new Date(api.clock.now() + 3600_000).toISOString() });
      expectStatus(await api.call('CreateReport', { ...future, params: { keyNo: 'x' } }), '101', 'key_not_effective');
    });

    it('119, 103, 104 for locked, suspended and abnormal accounts', async () => {
      for (const [state, status] of [['locked', '119'], ['suspended', '103'], ['abnormal', '104']] as const) {
        const creds = await api.account({ state });
        expectStatus(await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } }), status);
      }
    });

    it('115 for missing or malformed headers and a Timespan outside the window; the edges of the window are accepted', async () => {
      const creds = await api.account();
      const params = { orderNo: 'f'.repeat(32) };
      expectStatus(await api.call('GetReportInfo', { key: creds.key, params }), '115', 'token_missing');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: '', headers: {} }), '115');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: 'yesterday' }), '115', 'timespan_malformed');
      // Three failures lock this test's key (threshold 3); the lock itself is tested below.
      await updateAccount(api.db.db, creds.key, { clearLockouts: true }, api.clock.now());
      const now = Math.floor(api.clock.now() / 1000);
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: String(now - 300) }), '201');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: String(now + 300) }), '201');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: String(now - 301) }), '115', 'timespan_skew');
      const other = await api.account();
      expectStatus(await api.call('GetReportInfo', { ...other, params, timespan: String(now + 301) }), '115', 'timespan_skew');
    });

    it('accepts a lower-case token; 107 for a wrong token or an address outside the allow-list', async () => {
      const creds = await api.account({ allowedIps: ['10.0.0.0/8', '2001:db8::/32'] });
      const params = { orderNo: 'f'.repeat(32) };
      const ts = String(Math.floor(api.clock.now() / 1000));
      const lower = tokenHeaders(api, creds, ts).Token.toLowerCase();
      expectStatus(await api.call('GetReportInfo', { ...creds, params, timespan: ts, token: lower, ip: '10.1.2.3' }), '201');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, ip: '2001:db8::7' }), '201');
      expectStatus(await api.call('GetReportInfo', { ...creds, params, ip: '192.168.1.1' }), '107', 'ip_not_allowed');
      const other = await api.account();
      expectStatus(await api.call('GetReportInfo', { ...other, params, token: 'F'.repeat(32) }), '107', 'signature_mismatch');
      expectStatus(await api.call('GetReportInfo', { ...other, params, secretKey: 'wrong' }), '107', 'signature_mismatch');
    });

    it('106 after repeated failed authentications, even with a right token, until the lock expires', async () => {
      const creds = await api.account();
      const params = { orderNo: 'f'.repeat(32) };
      for (let i = 0; i < 3; i++) expectStatus(await api.call('GetReportInfo', { ...creds, params, token: '0'.repeat(32) }), '107');
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '106', 'auth_lockout');
      api.clock.advance(10 * 60_000 + 1000);
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '201');
      api.clock.set(Date.now());
    });

    it('108 after repeated parameter errors', async () => {
      const creds = await api.account();
      for (let i = 0; i < 3; i++) expectStatus(await api.call('GetReportInfo', { ...creds, params: {} }), '202', 'order_no_missing');
      expectStatus(await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } }), '108', 'param_lockout');
    });

    it('113, 114 for operator interface switches; 214, 111 for the account\'s permissions', async () => {
      const creds = await api.account();
      const params = { orderNo: 'f'.repeat(32) };
      await updateSystemSettings(api.db.db, { interfaces: { GetReportInfo: 'deleted' } });
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '113', 'interface_deleted');
      await updateSystemSettings(api.db.db, { interfaces: { GetReportInfo: 'disabled' } });
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '114', 'interface_disabled');
      await updateSystemSettings(api.db.db, { interfaces: { GetReportInfo: 'active' } });
      await updateAccount(api.db.db, creds.key, { interfaces: { GetReportInfo: { bought: false, enabled: false } } }, api.clock.now());
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '214', 'interface_not_bought');
      await updateAccount(api.db.db, creds.key, { interfaces: { GetReportInfo: { bought: true, enabled: false } } }, api.clock.now());
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '111', 'interface_not_enabled');
      await updateAccount(api.db.db, creds.key, { interfaces: { GetReportInfo: { bought: true, enabled: true } } }, api.clock.now());
      expectStatus(await api.call('GetReportInfo', { ...creds, params }), '201');
    });

    it('109, 116 for daily limits and 122 for too many orders in flight', async () => {
      const keyNo = TEST_COMPANIES.ordinary.uscc;
      const quota = await api.account({ dailyQuota: 1 });
      expectStatus(await api.call('CreateReport', { ...quota, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...quota, params: { keyNo } }), '116', 'daily_quota');
      const system = await api.account();
      await updateSystemSettings(api.db.db, { systemDailyLimit: 1 });
      try {
        expectStatus(await api.call('CreateReport', { ...system, params: { keyNo } }), '200');
        expectStatus(await api.call('CreateReport', { ...system, params: { keyNo } }), '109', 'system_daily_limit');
      } finally {
        await updateSystemSettings(api.db.db, { systemDailyLimit: null });
      }
      const busy = await api.account({ concurrencyLimit: 2 });
      expectStatus(await api.call('CreateReport', { ...busy, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...busy, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...busy, params: { keyNo } }), '122', 'concurrency_limit');
    });

    it('124 in maintenance for CreateReport only', async () => {
      const creds = await api.account();
      const orderNo = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.uscc } }).then((r) => r.json() as Body)).Result!.OrderNo!;
      await updateSystemSettings(api.db.db, { maintenance: true });
      try {
        expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.uscc } }), '124', 'maintenance');
        expectStatus(await api.call('GetReportInfo', { ...creds, params: { orderNo } }), '200');
      } finally {
        await updateSystemSettings(api.db.db, { maintenance: false });
      }
    });

    it('202, 213, 215, 223 for parameter errors', async () => {
      const creds = await api.account({ formats: ['pdf'] });
      const cases: Array<[Record<string, string>, string, string]> = [
        [{}, '202', 'key_no_missing'],
        [{ keyNo: '   ' }, '202', 'key_no_missing'],
        [{ keyNo: TEST_COMPANIES.ordinary.name, reportFormat: '4' }, '202', 'report_format_invalid'],
        [{ keyNo: TEST_COMPANIES.ordinary.name, reportType: '5' }, '202', 'report_type_invalid'],
        [{ keyNo: TEST_COMPANIES.ordinary.name, reportType: 'decision' }, '202', 'report_type_invalid'],
        [{ keyNo: TEST_COMPANIES.ordinary.name, dtype: 'yaml' }, '202', 'dtype_invalid'],
        [{ keyNo: '91310115MA1H7J3K7A' }, '202', 'uscc_check_failed'],
        [{ keyNo: ' 上 ' }, '213', 'too_short'],
        [{ keyNo: 'someone@example.com' }, '215', 'email'],
        [{ keyNo: '！？。' }, '215', 'punctuation_only'],
        [{ keyNo: TEST_COMPANIES.ordinary.name, reportFormat: '2' }, '223', 'report_format_not_in_package'],
      ];
      for (const [params, status, reason] of cases) {
        expectStatus(await api.call('CreateReport', { ...creds, params }), status, reason);
        await updateAccount(api.db.db, creds.key, { clearLockouts: true }, api.clock.now());
      }
      expectStatus(await api.call('GetReportInfo', { ...creds, params: { orderNo: 'not-an-order' } }), '202', 'order_no_malformed');
      // A body that does not parse is a parameter error, found at the parameter step (after the
      // key), unless the query string carries the whole call: then the query string serves.
      const bad = await api.app.inject({ method: 'POST', url: `/Report/GetReportInfo?key=${creds.key}`, headers: { ...tokenHeaders(api, creds), 'content-type': 'application/json' }, payload: '{"orderNo":' });
      expectStatus(bad, '202', 'body_malformed');
      const queryServes = await api.app.inject({ method: 'POST', url: `/Report/GetReportInfo?key=${creds.key}&orderNo=${'f'.repeat(32)}`, headers: { ...tokenHeaders(api, creds), 'content-type': 'application/json' }, payload: '{"key":' });
      expectStatus(queryServes, '201', 'order_not_found');
      const badNoKey = await api.app.inject({ method: 'POST', url: '/Report/GetReportInfo', headers: { 'content-type': 'application/json' }, payload: '[1]' });
      expectStatus(badNoKey, '101', 'key_missing');
    });

    it('112 for an exhausted prepaid balance, 102 for a post-paid account over its credit line', async () => {
      const keyNo = TEST_COMPANIES.ordinary.name;
      const prepaid = await api.account({ balance: 1 });
      expectStatus(await api.call('CreateReport', { ...prepaid, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...prepaid, params: { keyNo } }), '112', 'balance_exhausted');
      const postpaid = await api.account({ balance: 0, billing: 'postpaid', creditLimit: 1 });
      expectStatus(await api.call('CreateReport', { ...postpaid, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...postpaid, params: { keyNo } }), '102', 'credit_line_exceeded');
    });

    it('201 for an unknown company or someone else\'s order, 208 for an entity the report does not cover; neither is charged', async () => {
      const creds = await api.account({ balance: 5 });
      expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: '北京不存在的公司有限公司' } }), '201', 'not_found');
      expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.uncovered.uscc } }), '208', 'entity_not_covered');
      const mine = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } }).then((r) => r.json() as Body)).Result!.OrderNo!;
      const other = await api.account();
      expectStatus(await api.call('GetReportInfo', { ...other, params: { orderNo: mine } }), '201', 'order_not_found');
      const row = await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
      assert.equal(Number(row.balance), 4);
    });

    it('finds a company by former name, registration-style identifiers and KeyNo', async () => {
      const creds = await api.account();
      const ext = expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: '上海旧名称贸易有限公司', ext: '1' } }), '200');
      const keyNo = ext.Result!.KeyNo!;
      expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo } }), '200');
      expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.uscc!.toLowerCase() } }), '200');
    });

    it('escapes a hostile company name in JSON and XML', async () => {
      const creds = await api.account();
      const json = expectStatus(await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.hostile.uscc, ext: '1' } }), '200');
      assert.equal(json.Result!.CompanyName, TEST_COMPANIES.hostile.name);
      const xml = await api.call('GetReportInfo', { ...creds, params: { orderNo: json.Result!.OrderNo!, ext: '1', dtype: 'xml' } });
      assert.match(xml.body, /<CompanyName>&lt;b&gt;&quot;恶意&quot;&lt;\/b&gt; &amp; &apos;公司&apos;\]\]&gt;&lt;\/Name&gt;有限公司<\/CompanyName>/);
      assert.ok(!xml.body.includes('\u0001'));
      assert.equal((xml.body.match(/<\/?CompanyName>/g) ?? []).length, 2);
    });

    it('writes every call to the audit log', async () => {
      const creds = await api.account();
      await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } });
      await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } });
      const rows = await rowsEventually(2, () => api.db.db.selectFrom('audit_log').select(['interface', 'status', 'reason', 'request_id']).where('account_key', '=', creds.key).orderBy('at').execute());
      assert.deepEqual(rows.map((r) => [r.interface, r.status, r.reason]).sort(), [['CreateReport', '200', null], ['GetReportInfo', '201', 'order_not_found']]);
    });

    it('charges exactly the balance under 100 concurrent orders', async () => {
      const creds = await api.account({ balance: 60, concurrencyLimit: 1000 });
      const results = await Promise.all(Array.from({ length: 100 }, () =>
        api.call('CreateReport', { ...creds, method: 'POST', params: { keyNo: TEST_COMPANIES.ordinary.uscc } }).then((r) => (r.json() as Body).Status)));
      assert.equal(results.filter((s) => s === '200').length, 60);
      assert.equal(results.filter((s) => s === '112').length, 40);
      const account = await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
      assert.equal(Number(account.balance), 0);
      const orders = await api.db.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('account_key', '=', creds.key).executeTakeFirstOrThrow();
      assert.equal(Number(orders.n), 60);
      const charges = await api.db.db.selectFrom('account_ledger').select((eb) => eb.fn.sum<number>('amount').as('s')).where('account_key', '=', creds.key).where('kind', '=', 'charge').executeTakeFirstOrThrow();
      assert.equal(Number(charges.s), -60);
    });

    it('answers an unknown interface after the key and token checks: 101 without a key, 107 with a bad token, then 214; never 201', async () => {
      const creds = await api.account();
      for (const url of ['/api/yj/Report/Nope', '/BelongGroup/GetInfo', '/api/yj/ECIInvestmentThrough/GetInfo/', '/nope', '/a/b/c']) {
        const anonymous = await api.app.inject({ method: 'GET', url });
        assert.equal(anonymous.statusCode, 200, url);
        assert.ok(anonymous.headers['x-request-id']);
        expectStatus(anonymous, '101', 'key_missing');
        expectStatus(await api.app.inject({ method: 'GET', url: `${url}?key=${creds.key}`, headers: { Timespan: String(Math.floor(api.clock.now() / 1000)), Token: 'F'.repeat(32) } }), '107', 'signature_mismatch');
        await updateAccount(api.db.db, creds.key, { clearLockouts: true }, api.clock.now());
        const signed = await api.app.inject({ method: 'GET', url: `${url}?key=${creds.key}&searchKey=x`, headers: tokenHeaders(api, creds) });
        expectStatus(signed, '214', 'interface_unknown');
        expectStatus(await api.app.inject({ method: 'DELETE', url: `${url}?key=${creds.key}`, headers: tokenHeaders(api, creds) }), '118', 'method_not_allowed');
      }
      const rows = await rowsEventually(5, () => api.db.db.selectFrom('audit_log').select(['interface', 'status', 'reason']).where('account_key', '=', creds.key).where('status', '=', '214').execute());
      assert.equal(rows.length, 5);
      assert.ok(rows.every((r) => r.interface === 'unknown' && r.reason === 'interface_unknown'));
      assert.ok((await api.app.inject({ method: 'GET', url: '/healthz' })).headers['x-request-id']);
    });

    it('matches controller and action case-insensitively, with a trailing slash, under both prefixes, and the ReportBase aliases with searchKey', async () => {
      const creds = await api.account();
      const paths = ['/api/yj/report/createreport', '/REPORT/CREATEREPORT/', '/Report/CreateReport/', '/api/yj/Report/CreateReport//', '/ReportBase/CreateReport', '/api/yj/reportbase/createreport/'];
      for (const path of paths) {
        const res = await api.app.inject({ method: 'POST', url: `${path}?key=${creds.key}&searchKey=${encodeURIComponent(TEST_COMPANIES.ordinary.name)}`, headers: tokenHeaders(api, creds) });
        const body = expectStatus(res, '200');
        assert.equal(body.Message, '报告下单成功', path);
        const info = await api.app.inject({ method: 'GET', url: `/ReportBase/GetReportInfo/?key=${creds.key}&orderNo=${body.Result!.OrderNo}`, headers: tokenHeaders(api, creds) });
        assert.equal((expectStatus(info, '200').Result!).ReportStatus, 'P');
      }
    });
  });
}

function tokenHeaders(api: TestApi, creds: { key: string; secretKey: string }, ts = String(Math.floor(api.clock.now() / 1000))) {
  return { Timespan: ts, Token: computeTokenFor(creds.key, ts, creds.secretKey) };
}

