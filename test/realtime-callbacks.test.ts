import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifyCallback } from '@zhengxin/client';
import { updateAccount } from '../src/accounts/accounts.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { reportJobHandlers } from '../src/orders/report-job.js';
import { reportProducer } from '../src/orders/report-production.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks, startCallbackDispatcher, type CallbackDispatcher } from '../src/realtime/deliveries.js';
import { createInlineRenderer } from '../src/reports/render-service.js';
import { BACKENDS } from './support/databases.js';
import { callInterface } from './support/realtime.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };

interface Received { path: string; headers: http.IncomingHttpHeaders; body: string }

/** A local receiver: records every POST; `failFirst` answers 500 to that many requests first. */
async function receiver(): Promise<{ url: string; got: Received[]; failFirst: number; close(): Promise<void>; waitFor(n: number, path?: string): Promise<Received[]> }> {
  const got: Received[] = [];
  const state = { failFirst: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (state.failFirst > 0) {
        state.failFirst--;
        res.writeHead(500).end('not now');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, got,
    get failFirst() { return state.failFirst; },
    set failFirst(n: number) { state.failFirst = n; },
    close: () => new Promise<void>((r) => server.close(() => r())),
    async waitFor(n, path) {
      // Bounded by the test runner's timeout, not by a timing assertion.
      for (;;) {
        const mine = got.filter((g) => path === undefined || g.path === path);
        if (mine.length >= n) return mine;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

for (const backend of BACKENDS) {
  describe(`signed callbacks on ${backend.name}`, () => {
    let api: TestApi;
    let hook: Awaited<ReturnType<typeof receiver>>;
    let dispatcher: CallbackDispatcher;
    const renderer = createInlineRenderer();
    before(async () => {
      api = await startTestApi(backend);
      hook = await receiver();
      dispatcher = startCallbackDispatcher({ db: api.db.db, secrets: api.secrets, allowPrivate: true, skipLocked: api.db.capabilities.supportsSkipLocked, retryBaseMs: 30, pollMs: 20 });
      await api.queue.start(reportJobHandlers({
        db: api.db.db, blobStore: api.blobStore, producer: reportProducer({ db: api.db.db, renderer }), clock: { now: () => Date.now() }, retentionDays: 30,
        onOrderFinished: reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH), afterOrderFinished: () => dispatcher.kick(),
      }), { concurrency: 1 });
    });
    after(async () => {
      await dispatcher.close();
      await api.queue.stop();
      await hook.close();
      await renderer.close();
      await api.close();
    });

    it('a watched company\'s new record reaches the receiver signed; a tampered body fails verification', async () => {
      api.clock.set(Date.now());
      const creds = await api.account({ balance: 5 });
      await updateAccount(api.db.db, creds.key, { interfaces: 'all', callbackUrl: `${hook.url}/watch` }, api.clock.now(), INTERFACE_REGISTRY);
      const keyNo = deriveKeyNo(TEST_COMPANIES.ordinary);
      assert.equal((await callInterface(api, '/Monitor/Add', creds, { keyNo })).Status, '200');
      const record = { caseNo: '(2026)沪02执77号', filedOn: '2026-07-01' };
      const pushed = await api.app.inject({ method: 'PUT', url: `/admin/companies/${keyNo}`, headers: AUTH, payload: { ...TEST_COMPANIES.ordinary, dataAsOf: '2026-07-01T00:00:00+08:00', dishonest: [record] } });
      assert.equal(pushed.statusCode, 200, pushed.body);
      dispatcher.kick();
      const got = await hook.waitFor(2, '/watch');
      const added = got.find((g) => g.headers['x-zhengxin-event'] === 'record.added')!;
      assert.ok(added, got.map((g) => g.headers['x-zhengxin-event']).join());
      const body = JSON.parse(added.body) as { type: string; deliveryId: string; data: { KeyNo: string; Data: { record: unknown } } };
      assert.equal(body.type, 'record.added');
      assert.equal(body.data.KeyNo, keyNo);
      assert.deepEqual(body.data.Data.record, record);
      assert.equal(added.headers['x-zhengxin-delivery'], body.deliveryId);
      const signature = added.headers['x-zhengxin-signature'] as string;
      assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
      assert.equal(verifyCallback(added.body, signature, creds.secretKey), true);
      assert.equal(verifyCallback(added.body.replace('77号', '78号'), signature, creds.secretKey), false);
      assert.equal(verifyCallback(added.body, signature, 'another-secret'), false);
      assert.equal(verifyCallback(added.body, signature, creds.secretKey, { nowMs: Date.now() + 3600_000 }), false);
      // Each event once per watcher: a second fan-out finds nothing new.
      const ids = got.map((g) => g.headers['x-zhengxin-delivery']);
      assert.equal(new Set(ids).size, ids.length);
    });

    it('a receiver that fails twice gets the third attempt; the log shows it and replays it', async () => {
      api.clock.set(Date.now());
      const creds = await api.account({ balance: 5 });
      hook.failFirst = 2;
      const order = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, callbackUrl: `${hook.url}/order` } })).json() as { Result: { OrderNo: string } };
      const got = await hook.waitFor(3, '/order');
      assert.equal(got.length, 3);
      for (const g of got) {
        assert.equal(g.headers['x-zhengxin-event'], 'report.finished');
        assert.equal(verifyCallback(g.body, g.headers['x-zhengxin-signature'] as string, creds.secretKey), true);
      }
      const data = (JSON.parse(got[2]!.body) as { data: Record<string, unknown> }).data;
      assert.equal(data.OrderNo, order.Result.OrderNo);
      assert.equal(data.ReportStatus, 'S');
      assert.match(String(data.ReportUrl), /^\/api\/rpt\/retrieve\?code=[0-9a-f]{32}$/);
      assert.equal(data.ReportFormat, 'pdf');
      assert.equal(data.ReportType, 1);
      let log: { deliveries: Array<{ id: string; state: string; attempts: number }> };
      for (;;) {
        log = (await api.app.inject({ method: 'GET', url: `/admin/deliveries?key=${creds.key}`, headers: AUTH })).json() as typeof log;
        if (log.deliveries[0]?.state === 'delivered') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(log.deliveries[0]!.attempts, 3);
      const replay = await api.app.inject({ method: 'POST', url: `/admin/deliveries/${log.deliveries[0]!.id}/replay`, headers: AUTH });
      assert.equal(replay.statusCode, 200);
      const again = await hook.waitFor(4, '/order');
      assert.equal(again[3]!.headers['x-zhengxin-delivery'], log.deliveries[0]!.id);
    });

    it('refuses private and loopback destinations unless allowed, on the resolved address', async () => {
      const strict = startCallbackDispatcher({ db: api.db.db, secrets: api.secrets, allowPrivate: false, skipLocked: api.db.capabilities.supportsSkipLocked, retryBaseMs: 3600_000, pollMs: 3600_000 });
      await dispatcher.close();
      try {
        const creds = await api.account({ balance: 5 });
        const before = hook.got.length;
        await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, callbackUrl: 'http://localhost:9/private' } });
        let d: { state: string; attempts: number; lastError: string | null } | undefined;
        for (;;) {
          strict.kick();
          const log = (await api.app.inject({ method: 'GET', url: `/admin/deliveries?key=${creds.key}`, headers: AUTH })).json() as { deliveries: Array<typeof d> };
          d = log.deliveries[0];
          if (d && d.attempts > 0) break;
          await new Promise((r) => setTimeout(r, 30));
        }
        assert.match(d!.lastError!, /private or loopback/);
        assert.equal(d!.state, 'pending');
        assert.equal(hook.got.length, before);
      } finally {
        await strict.close();
        dispatcher = startCallbackDispatcher({ db: api.db.db, secrets: api.secrets, allowPrivate: true, skipLocked: api.db.capabilities.supportsSkipLocked, retryBaseMs: 30, pollMs: 20 });
      }
    });
  });
}
