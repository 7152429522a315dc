import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { updateAccount } from '../src/accounts/accounts.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { STATUS_MESSAGES } from '../src/protocol/status-codes.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS } from './support/databases.js';
import { rowsEventually } from './support/eventually.js';
import { parseRawResponses } from './support/raw-http.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';

type Body = { Status: string; Message: string; Result: Record<string, string | null> | null };

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes exactly as given (Node's http client would percent-encode) and reads responses until the server closes or `count` arrived. */
function rawExchange(port: number, bytes: Buffer, count: number, timeoutMs = 15_000): Promise<{ responses: RawResponse[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let closed = false;
    const timer = setTimeout(() => finish(), timeoutMs);
    const parse = (): RawResponse[] => parseRawResponses(data).map((r) => ({ ...r, body: r.body.toString('utf8') }));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parse(), closed });
    };
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (parse().length >= count) finish();
    });
    socket.on('close', () => { closed = true; finish(); });
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
    socket.write(bytes);
  });
}

for (const backend of BACKENDS) {
  describe(`wire compatibility over real HTTP on ${backend.name}`, () => {
    let api: TestApi;
    let port: number;
    before(async () => {
      api = await startTestApi(backend, { PUBLIC_BASE_URL: 'https://zx.example.com/', ZHENGXIN_REQUEST_TIMEOUT_MS: '800' });
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      port = (api.app.server.address() as net.AddressInfo).port;
    });
    after(async () => { await api.close(); });

    const signed = (creds: { key: string; secretKey: string }) => {
      const ts = String(Math.floor(api.clock.now() / 1000));
      return `Timespan: ${ts}\r\nToken: ${computeToken(creds.key, ts, creds.secretKey)}\r\n`;
    };
    const expectStatus = (res: RawResponse, status: string, reason?: string): Body => {
      const body = JSON.parse(res.body) as Body;
      assert.equal(res.status, 200);
      assert.equal(body.Status, status, `${res.body} (${res.headers['x-error-reason']})`);
      if (status !== '200') assert.equal(body.Message, STATUS_MESSAGES[status as keyof typeof STATUS_MESSAGES]);
      if (reason) assert.equal(res.headers['x-error-reason'], reason);
      assert.ok(res.headers['x-request-id']);
      return body;
    };

    it('orders a report with raw UTF-8 in the query string, also pipelined after a body with raw UTF-8 on a keep-alive connection', async () => {
      const creds = await api.account();
      const name = TEST_COMPANIES.ordinary.name;
      const form = `keyNo=${name}`;
      const bytes = Buffer.from([
        `GET /api/yj/Report/CreateReport?key=${creds.key}&keyNo=${name} HTTP/1.1\r\nHost: x\r\n${signed(creds)}\r\n`,
        `POST /Report/CreateReport?key=${creds.key} HTTP/1.1\r\nHost: x\r\n${signed(creds)}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(form)}\r\n\r\n${form}`,
        `GET /REPORT/createreport/?key=${creds.key}&keyNo=${name}&ext=1 HTTP/1.1\r\nHost: x\r\n${signed(creds)}\r\n`,
      ].join(''), 'utf8');
      const { responses } = await rawExchange(port, bytes, 3);
      assert.equal(responses.length, 3);
      for (const res of responses) assert.match(expectStatus(res, '200').Result!.OrderNo!, /^[0-9a-f]{32}$/);
      assert.equal(expectStatus(responses[2]!, '200').Result!.CompanyName, name);
    });

    it('answers a request the HTTP parser cannot read with the 202 envelope and a request id, and audits it', async () => {
      const { responses, closed } = await rawExchange(port, Buffer.from('GET /Report/CreateReport HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n'), 1);
      assert.equal(responses.length, 1);
      const body = expectStatus(responses[0]!, '202', 'request_malformed');
      assert.equal(body.Result, null);
      assert.ok(closed || responses[0]!.headers.connection === 'close');
      const requestId = responses[0]!.headers['x-request-id']!;
      const [row] = await rowsEventually(1, () => api.db.db.selectFrom('audit_log').select(['status', 'reason']).where('request_id', '=', requestId).execute());
      assert.deepEqual(row, { status: '202', reason: 'request_malformed' });
    });

    it('closes a connection whose body never completes (Content-Length 100, 4 bytes sent)', async () => {
      const creds = await api.account();
      const started = Date.now();
      const { responses, closed } = await rawExchange(port, Buffer.from(`POST /Report/CreateReport?key=${creds.key} HTTP/1.1\r\nHost: x\r\n${signed(creds)}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nkeyN`), 99, 20_000);
      assert.ok(closed, 'the server closed the connection');
      assert.ok(Date.now() - started < 19_000);
      if (responses.length) expectStatus(responses[0]!, '202', 'request_timeout');
    });

    it('reads multipart/form-data and GBK form bodies over HTTP', async () => {
      const creds = await api.account();
      const ts = String(Math.floor(api.clock.now() / 1000));
      const headers = { Timespan: ts, Token: computeToken(creds.key, ts, creds.secretKey) };
      const form = new FormData();
      form.set('key', creds.key);
      form.set('keyNo', TEST_COMPANIES.ordinary.name);
      const multipart = await fetch(`http://127.0.0.1:${port}/Report/CreateReport`, { method: 'POST', headers, body: form });
      assert.equal((await multipart.json() as Body).Status, '200');
      // 上海测试科技有限公司 in GBK, percent-encoded as a GBK form would send it.
      const gbk = '%C9%CF%BA%A3%B2%E2%CA%D4%BF%C6%BC%BC%D3%D0%CF%DE%B9%AB%CB%BE';
      const res = await fetch(`http://127.0.0.1:${port}/Report/CreateReport`, {
        method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded; charset=GBK' }, body: `key=${creds.key}&keyNo=${gbk}&ext=1`,
      });
      const body = await res.json() as Body;
      assert.equal(body.Status, '200', JSON.stringify(body));
      assert.equal(body.Result!.CompanyName, TEST_COMPANIES.ordinary.name);
    });

    it('answers 202 for a deeply nested JSON body and for non-string or repeated values', async () => {
      const creds = await api.account();
      const ts = String(Math.floor(api.clock.now() / 1000));
      const headers = { Timespan: ts, Token: computeToken(creds.key, ts, creds.secretKey), 'Content-Type': 'application/json' };
      const post = async (url: string, body: string) => {
        const res = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers, body });
        return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
      };
      // Deep, but within the 64 KiB body limit (a larger body is request_malformed before any check).
      const deep = `{"key":"${creds.key}","x":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
      expectStatus(await post(`/Report/CreateReport?key=${creds.key}`, deep), '202', 'body_too_deep');
      expectStatus(await post('/Report/CreateReport', '['.repeat(60_000)), '101', 'key_missing');
      expectStatus(await post('/Report/CreateReport', JSON.stringify({ key: creds.key, keyNo: [TEST_COMPANIES.ordinary.name] })), '202', 'parameter_not_string');
      expectStatus(await post('/Report/CreateReport', JSON.stringify({ key: creds.key, keyNo: TEST_COMPANIES.ordinary.name, ext: true })), '202', 'parameter_not_string');
      expectStatus(await post(`/Report/CreateReport?key=${creds.key}&keyNo=a&keyno=b`, ''), '202', 'parameter_repeated');
      expectStatus(await post('/Report/CreateReport', JSON.stringify({ key: creds.key, keyNo: TEST_COMPANIES.ordinary.name, reportFormat: 1 })), '200');
    });

    it('answers an absolute ReportUrl with PUBLIC_BASE_URL, retrieved under /rpt/retrieve too', async () => {
      const creds = await api.account();
      await api.startWorkers();
      const ordered = await fetch(`http://127.0.0.1:${port}/ReportBase/CreateReport?key=${creds.key}&searchKey=${encodeURIComponent(TEST_COMPANIES.ordinary.uscc!)}`, {
        method: 'POST', headers: Object.fromEntries(signed(creds).trim().split('\r\n').map((l) => l.split(': ') as [string, string])),
      });
      const orderNo = ((await ordered.json()) as Body).Result!.OrderNo!;
      const done = await waitForOrder(api, creds, orderNo);
      assert.equal(done.ReportStatus, 'S');
      const url = String(done.ReportUrl);
      assert.match(url, /^https:\/\/zx\.example\.com\/api\/rpt\/retrieve\?code=[0-9a-f]{32}$/);
      const path = new URL(url);
      for (const p of [path.pathname, '/rpt/retrieve']) {
        const file = await fetch(`http://127.0.0.1:${port}${p}${path.search}`);
        assert.equal(file.status, 200, p);
        assert.equal(file.headers.get('content-type'), 'application/pdf');
      }
    });

    it('permission and price per interface: not bought 214, disabled 111, the format price charged', async () => {
      const creds = await api.account({ balance: 10 });
      await updateAccount(api.db.db, creds.key, { interfaces: ['GetReportInfo'] }, api.clock.now(), INTERFACE_REGISTRY);
      const call = () => api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, reportFormat: '2' } });
      assert.equal((await call()).headers['x-error-reason'], 'interface_not_bought');
      await updateAccount(api.db.db, creds.key, { interfaces: { CreateReport: { bought: true, enabled: false } } }, api.clock.now(), INTERFACE_REGISTRY);
      assert.equal(((await call()).json() as Body).Status, '111');
      await updateAccount(api.db.db, creds.key, { interfaces: 'all', prices: { 'CreateReport:word': 3, 'CreateReport:pdf': 2 } }, api.clock.now(), INTERFACE_REGISTRY);
      assert.equal(((await call()).json() as Body).Status, '200');
      const account = await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
      assert.equal(Number(account.balance), 7);
      await assert.rejects(updateAccount(api.db.db, creds.key, { prices: { 'CreateReport:pdf': -1 } }, api.clock.now(), INTERFACE_REGISTRY), /≥ 0/);
      await assert.rejects(updateAccount(api.db.db, creds.key, { interfaces: ['Nope/Nope'] }, api.clock.now(), INTERFACE_REGISTRY), /unknown interface/);
    });

    it('audits recognised keys on 101 (not yet effective), 103, 104 and 119, and retrieve\'s 118', async () => {
      const creds = await api.account();
      const cases: Array<[Parameters<typeof updateAccount>[2], string, string]> = [
        [{ effectiveAt: new Date(api.clock.now() + 86_400_000).toISOString() }, '101', 'key_not_effective'],
        [{ effectiveAt: null, state: 'suspended' }, '103', 'key_suspended'],
        [{ state: 'abnormal' }, '104', 'key_abnormal'],
        [{ state: 'locked' }, '119', 'account_locked'],
      ];
      for (const [patch, status, reason] of cases) {
        await updateAccount(api.db.db, creds.key, patch, api.clock.now());
        const res = await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } });
        assert.equal((res.json() as Body).Status, status);
        assert.equal(res.headers['x-error-reason'], reason);
      }
      const retrieve = await fetch(`http://127.0.0.1:${port}/api/rpt/retrieve?code=${'0'.repeat(32)}`, { method: 'POST' });
      const retrieveId = retrieve.headers.get('x-request-id')!;
      assert.equal(((await retrieve.json()) as Body).Status, '118');
      const rows = await rowsEventually(cases.length, () => api.db.db.selectFrom('audit_log').select(['status', 'reason']).where('account_key', '=', creds.key).execute());
      assert.deepEqual(rows.map((r) => `${r.status} ${r.reason}`).sort(), cases.map(([, s, r]) => `${s} ${r}`).sort());
      const [retrieveRow] = await rowsEventually(1, () => api.db.db.selectFrom('audit_log').select(['status', 'reason', 'interface']).where('request_id', '=', retrieveId).execute());
      assert.deepEqual(retrieveRow, { status: '118', reason: 'method_not_allowed', interface: 'retrieve' });
    });
  });
}
