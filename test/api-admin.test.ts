import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runCli as cli } from './support/cli.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };

for (const backend of BACKENDS) {
  describe(`operator API and operations endpoints on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await startTestApi(backend); });
    after(async () => { await api.close(); });

    it('refuses /admin without the right bearer token', async () => {
      assert.equal((await api.app.inject({ method: 'GET', url: '/admin/accounts' })).statusCode, 401);
      assert.equal((await api.app.inject({ method: 'GET', url: '/admin/accounts', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
    });

    it('creates, shows, updates and rotates accounts; lists and shows orders; switches settings', async () => {
      const created = await api.app.inject({ method: 'POST', url: '/admin/accounts', headers: AUTH, payload: { name: '某银行', balance: 3, allowedIps: ['127.0.0.1'] } });
      assert.equal(created.statusCode, 201);
      const { key, secretKey, account } = created.json() as { key: string; secretKey: string; account: Record<string, unknown> };
      assert.match(key, /^[0-9a-f]{32}$/);
      assert.match(secretKey, /^[0-9A-Za-z]{32}$/);
      assert.ok(!('secretEnc' in account));
      assert.ok(!created.body.includes('v1:'));

      const order = (await api.call('CreateReport', { key, secretKey, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string; Result: { OrderNo: string } };
      assert.equal(order.Status, '200');

      const shown = (await api.app.inject({ method: 'GET', url: `/admin/accounts/${key}`, headers: AUTH })).json() as { account: { balance: number } };
      assert.equal(shown.account.balance, 2);
      const patched = await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${key}`, headers: AUTH, payload: { state: 'suspended', topup: 10 } });
      assert.deepEqual([(patched.json() as { account: { state: string; balance: number } }).account.state, (patched.json() as { account: { balance: number } }).account.balance], ['suspended', 12]);
      assert.equal((await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${key}`, headers: AUTH, payload: { state: 'bogus' } })).statusCode, 400);
      assert.equal((await api.app.inject({ method: 'GET', url: `/admin/accounts/${'0'.repeat(32)}`, headers: AUTH })).statusCode, 404);

      const rotated = (await api.app.inject({ method: 'POST', url: `/admin/accounts/${key}/rotate-secret`, headers: AUTH })).json() as { secretKey: string };
      assert.notEqual(rotated.secretKey, secretKey);
      await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${key}`, headers: AUTH, payload: { state: 'active' } });
      const params = { orderNo: order.Result.OrderNo };
      assert.equal(((await api.call('GetReportInfo', { key, secretKey, params })).json() as { Status: string }).Status, '107');
      assert.equal(((await api.call('GetReportInfo', { key, secretKey: rotated.secretKey, params })).json() as { Status: string }).Status, '200');

      const orders = (await api.app.inject({ method: 'GET', url: `/admin/orders?key=${key}`, headers: AUTH })).json() as { orders: Array<{ orderNo: string }> };
      assert.deepEqual(orders.orders.map((o) => o.orderNo), [order.Result.OrderNo]);
      const one = await api.app.inject({ method: 'GET', url: `/admin/orders/${order.Result.OrderNo}`, headers: AUTH });
      assert.equal((one.json() as { order: { state: string } }).order.state, 'P');

      const settings = await api.app.inject({ method: 'PATCH', url: '/admin/settings', headers: AUTH, payload: { maintenance: true } });
      assert.equal((settings.json() as { settings: { maintenance: boolean } }).settings.maintenance, true);
      assert.equal(((await api.call('CreateReport', { key, secretKey: rotated.secretKey, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string }).Status, '124');
      await api.app.inject({ method: 'PATCH', url: '/admin/settings', headers: AUTH, payload: { maintenance: false } });
    });

    it('serves /healthz, /readyz, /metrics, /openapi.json and /docs', async () => {
      assert.deepEqual((await api.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
      const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual((ready.json() as { checks: unknown }).checks, { database: 'ok', queue: 'ok', blobStore: 'ok' });
      await api.call('GetReportInfo', { params: {} });
      const metrics = await api.app.inject({ method: 'GET', url: '/metrics' });
      assert.match(metrics.body, /zhengxin_api_requests_total\{endpoint="GetReportInfo",status="101"\} \d+/);
      assert.match(metrics.body, /zhengxin_queue_depth \d+/);
      assert.match(metrics.body, /zhengxin_orders\{state="P"\} \d+/);
      const openapi = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(openapi.openapi, '3.1.0');
      assert.ok(openapi.paths['/api/yj/Report/CreateReport'] && openapi.paths['/Report/GetReportInfo'] && openapi.paths['/api/rpt/retrieve']);
      // The aliases: the open-API generation's ReportBase paths, searchKey, /rpt/retrieve.
      assert.ok(openapi.paths['/ReportBase/CreateReport'] && openapi.paths['/api/yj/ReportBase/GetReportInfo'] && openapi.paths['/rpt/retrieve']);
      assert.match(JSON.stringify(openapi.paths['/ReportBase/CreateReport']), /searchKey/);
      const docs = await api.app.inject({ method: 'GET', url: '/docs' });
      assert.match(String(docs.headers['content-type']), /text\/html/);
      assert.match(docs.body, /【无效请求】被禁止的IP或者签名错误/);
    });

    it('logs JSON lines with the request id and without Tokens, SecretKeys or retrieve codes', async () => {
      const lines: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
      const logged = await startTestApi(backend, {}, { level: 'info', stream });
      try {
        const creds = await logged.account();
        const res = await logged.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } });
        const requestId = String(res.headers['x-request-id']);
        const token = computeToken(creds.key, String(Math.floor(logged.clock.now() / 1000)), creds.secretKey);
        await logged.app.inject({ method: 'GET', url: `/api/rpt/retrieve?code=${'a'.repeat(32)}` });
        const text = lines.join('\n');
        const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string });
        assert.ok(parsed.some((l) => l.reqId === requestId), 'a line carries the request id');
        assert.ok(!text.includes(creds.secretKey), 'no SecretKey');
        assert.ok(!text.includes(token), 'no Token');
        assert.ok(!text.includes('a'.repeat(32)), 'no retrieve code');
      } finally {
        await logged.close();
      }
    });

    it('runs the operator CLI with --json against the same database', async () => {
      const env = { ZHENGXIN_DATA_DIR: api.db.dataDir, DATABASE_URL: api.db.databaseUrl ?? '', ZHENGXIN_MASTER_KEY: api.masterKeyHex };
      const created = JSON.parse(await cli(env, ['accounts', 'create', '--name', '命令行银行', '--balance', '5', '--allow-ip', '10.0.0.0/8', '--formats', 'pdf', '--json'])) as { key: string; secretKey: string };
      assert.match(created.key, /^[0-9a-f]{32}$/);
      assert.match(created.secretKey, /^[0-9A-Za-z]{32}$/);
      const shown = JSON.parse(await cli(env, ['accounts', 'show', created.key, '--json'])) as { balance: number; allowedIps: string[]; formats: string[] };
      assert.deepEqual([shown.balance, shown.allowedIps, shown.formats], [5, ['10.0.0.0/8'], ['pdf']]);
      const updated = JSON.parse(await cli(env, ['accounts', 'update', created.key, '--suspend', '--topup', '2', '--daily-quota', '9', '--clear-ips', '--json'])) as { state: string; balance: number; dailyQuota: number; allowedIps: string[] };
      assert.deepEqual([updated.state, updated.balance, updated.dailyQuota, updated.allowedIps], ['suspended', 7, 9, []]);
      // Per-interface daily quotas: set two, then remove one; unknown and free interfaces are refused.
      const quotas = (args: string[]) => cli(env, ['accounts', 'update', created.key, ...args, '--json']).then((t) => (JSON.parse(t) as { interfaceQuotas: Record<string, number> }).interfaceQuotas);
      assert.deepEqual(await quotas(['--quota', 'ShixinCheck/GetList=3', '--quota', 'CreateReport=0']), { 'ShixinCheck/GetList': 3, CreateReport: 0 });
      assert.deepEqual(await quotas(['--quota', 'CreateReport=none']), { 'ShixinCheck/GetList': 3 });
      await assert.rejects(cli(env, ['accounts', 'update', created.key, '--quota', 'NoSuch/GetList=3']));
      await assert.rejects(cli(env, ['accounts', 'update', created.key, '--quota', 'GetReportInfo=3']));
      await assert.rejects(cli(env, ['accounts', 'update', created.key, '--quota', 'ShixinCheck/GetList=-1']));
      assert.match(await cli(env, ['accounts', 'show', created.key]), /per interface ShixinCheck\/GetList 3/);
      const list = JSON.parse(await cli(env, ['accounts', 'list', '--json'])) as Array<{ key: string }>;
      assert.ok(list.some((a) => a.key === created.key));
      const rotated = JSON.parse(await cli(env, ['accounts', 'rotate-secret', created.key, '--json'])) as { secretKey: string };
      assert.notEqual(rotated.secretKey, created.secretKey);
      const orders = JSON.parse(await cli(env, ['orders', 'list', '--key', created.key, '--json'])) as unknown[];
      assert.deepEqual(orders, []);
      const settings = JSON.parse(await cli(env, ['settings', '--json'])) as { maintenance: boolean };
      assert.equal(settings.maintenance, false);
    });
  });
}

/** Runs the operator command in-process with its own output streams; resolves with stdout, rejects on a non-zero exit. */
