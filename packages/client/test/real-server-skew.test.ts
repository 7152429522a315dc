// Clock-skew correction against the real zhengxin server (src/app.ts) on port 0, on each database
// backend. The server's token check and its `Date` header both read the server's injected clock,
// so moving that clock ahead of ours is exactly a client whose clock runs behind the server's.
// The server and its test support are compiled by the root build and loaded by URL at run time
// (the client package has no server code), as in real-server.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ReportClient } from '../src/client.js';

/** The parts of test/support/server.ts and databases.ts this test uses. */
interface TestApi {
  readonly app: { listen(options: { port: number; host: string }): Promise<string> };
  readonly clock: { set(ms: number): void };
  readonly config: { readonly tokenSkewSeconds: number; readonly adminToken?: string };
  account(input?: Record<string, unknown>): Promise<{ key: string; secretKey: string }>;
  close(): Promise<void>;
}
interface ServerSupport {
  startTestApi(backend: unknown, env?: Record<string, string>): Promise<TestApi>;
  TEST_COMPANIES: Record<'ordinary', { name: string; uscc: string }>;
}

const repositoryRoot = new URL('../../../../', import.meta.url);
const { startTestApi, TEST_COMPANIES } = (await import(new URL('dist/test/support/server.js', repositoryRoot).href)) as ServerSupport;
const { BACKENDS } = (await import(new URL('dist/test/support/databases.js', repositoryRoot).href)) as { BACKENDS: ReadonlyArray<{ name: string }> };

const MINUTE_MS = 60_000;
const ADMIN_TOKEN = 'test-admin-token';

/** One API answer as the client received it. */
interface SeenAnswer {
  readonly endpoint: string;
  readonly date: string | null;
  readonly reason: string | null;
}

/** `zhengxin_api_requests_total` from the server's /metrics: calls per `endpoint status`. */
async function serverCallCounts(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(new URL('/metrics', baseUrl))).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^zhengxin_api_requests_total\{([^}]*)\} (\d+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    counts.set(`${labels.endpoint} ${labels.status}`, Number(m[2]));
  }
  return counts;
}

/** How many calls per `endpoint status` the server counted between two snapshots (zeros left out). */
function callsBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [k, n] of after) if (n - (before.get(k) ?? 0) > 0) delta[k] = n - (before.get(k) ?? 0);
  return delta;
}

async function admin<T>(baseUrl: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(response.status, 200, `GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

for (const backend of BACKENDS) {
  describe(`ReportClient clock-skew correction against the real server (${backend.name})`, () => {
    let api: TestApi;
    let baseUrl: string;

    /**
     * A client whose clock is `serverAheadMs` behind the server's: before every request the
     * server's manual clock is set to our wall clock plus that much. Records what it received.
     */
    const skewedClient = (credentials: { key: string; secretKey: string }, serverAheadMs: number) => {
      const seen: SeenAnswer[] = [];
      const client = new ReportClient({
        ...credentials,
        baseUrl,
        retryBaseDelayMs: 10,
        retryMaxDelayMs: 50,
        fetch: async (input, init) => {
          api.clock.set(Date.now() + serverAheadMs);
          const response = await fetch(input, init);
          seen.push({
            endpoint: new URL(String(input)).pathname.split('/').pop()!,
            date: response.headers.get('date'),
            reason: response.headers.get('x-error-reason'),
          });
          return response;
        },
      });
      return { client, seen };
    };

    before(async () => {
      api = await startTestApi(backend);
      baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await api.close();
    });

    it('the server’s Date header follows the clock its Timespan check uses (IMF-fixdate)', async () => {
      const { client, seen } = skewedClient(await api.account(), 10 * MINUTE_MS);
      const before = Date.now();
      await assert.rejects(client.getReportInfo('0'.repeat(32)), { status: '201' });
      const serverMs = Date.parse(seen[0]!.date!);
      assert.match(seen[0]!.date!, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      // Ten minutes ahead of our clock, not our wall clock: far outside the ±300 s window.
      assert.ok(serverMs - before > 9 * MINUTE_MS, `Date ${seen[0]!.date} is not ten minutes ahead`);
    });

    it('createReport with the server 10 minutes ahead: one skew-corrected retry, one order, one charge', async () => {
      const credentials = await api.account({ balance: 5 });
      const { client, seen } = skewedClient(credentials, 10 * MINUTE_MS);
      const counted = await serverCallCounts(baseUrl);

      const orderNo = await client.createReport({ keyNo: TEST_COMPANIES.ordinary.uscc });

      assert.deepEqual(seen.map((a) => [a.endpoint, a.reason]), [['CreateReport', 'timespan_skew'], ['CreateReport', null]]);
      assert.deepEqual(callsBetween(counted, await serverCallCounts(baseUrl)), { 'CreateReport 115': 1, 'CreateReport 200': 1 }, 'the server saw the refused call and the retry');
      const { orders } = await admin<{ orders: Array<{ orderNo: string; price: number }> }>(baseUrl, `/admin/orders?key=${credentials.key}`);
      assert.deepEqual(orders.map((o) => o.orderNo), [orderNo], 'exactly one order');
      const { account } = await admin<{ account: { balance: number } }>(baseUrl, `/admin/accounts/${credentials.key}`);
      assert.equal(account.balance, 5 - orders[0]!.price, 'charged exactly once');
      // The learnt offset puts our Timespans inside the server's window.
      assert.ok(Math.abs(client.clockOffsetMs - 10 * MINUTE_MS) < api.config.tokenSkewSeconds * 1000, `offset ${client.clockOffsetMs} ms`);

      // The offset is kept: the next call is accepted at once.
      const info = await client.getReportInfo(orderNo);
      assert.equal(info.orderNo, orderNo);
      assert.equal(seen.length, 3);
    });

    it('getReportInfo with the server 10 minutes ahead: one skew-corrected retry', async () => {
      const credentials = await api.account({ balance: 5 });
      const orderNo = await skewedClient(credentials, 0).client.createReport({ keyNo: TEST_COMPANIES.ordinary.uscc });
      const { client, seen } = skewedClient(credentials, 10 * MINUTE_MS);
      const counted = await serverCallCounts(baseUrl);

      const info = await client.getReportInfo(orderNo);

      assert.equal(info.orderNo, orderNo);
      assert.ok(['P', 'S', 'F'].includes(info.status));
      assert.deepEqual(seen.map((a) => [a.endpoint, a.reason]), [['GetReportInfo', 'timespan_skew'], ['GetReportInfo', null]]);
      assert.deepEqual(callsBetween(counted, await serverCallCounts(baseUrl)), { 'GetReportInfo 115': 1, 'GetReportInfo 200': 1 });
    });

    it('a server ahead by less than the window needs no retry', async () => {
      const credentials = await api.account({ balance: 5 });
      const withinWindowMs = (api.config.tokenSkewSeconds - 60) * 1000;
      assert.ok(withinWindowMs > 0, 'the test needs a window wider than a minute');
      const { client, seen } = skewedClient(credentials, withinWindowMs);
      const counted = await serverCallCounts(baseUrl);

      const orderNo = await client.createReport({ keyNo: TEST_COMPANIES.ordinary.uscc });
      await client.getReportInfo(orderNo);

      assert.deepEqual(seen.map((a) => [a.endpoint, a.reason]), [['CreateReport', null], ['GetReportInfo', null]]);
      assert.deepEqual(callsBetween(counted, await serverCallCounts(baseUrl)), { 'CreateReport 200': 1, 'GetReportInfo 200': 1 });
      assert.equal(client.clockOffsetMs, 0, 'no correction was learnt');
      const { orders } = await admin<{ orders: Array<{ orderNo: string }> }>(baseUrl, `/admin/orders?key=${credentials.key}`);
      assert.deepEqual(orders.map((o) => o.orderNo), [orderNo]);
    });
  });
}
