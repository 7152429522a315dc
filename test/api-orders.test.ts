import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sweepExpiredReports } from '../src/orders/retention.js';
import { BACKENDS } from './support/databases.js';
import { rowsEventually } from './support/eventually.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';

type Body = { Status: string; Result: Record<string, string | null> | null };

for (const backend of BACKENDS) {
  describe(`report orders and retrieve on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    const order = async (creds: { key: string; secretKey: string }, keyNo: string, reportFormat = '1') => {
      api.clock.set(Date.now());
      const body = (await api.call('CreateReport', { ...creds, params: { keyNo, reportFormat } })).json() as Body;
      assert.equal(body.Status, '200', JSON.stringify(body));
      return body.Result!.OrderNo!;
    };

    it('renders an order to S and serves the file with its headers, Range, ETag and HEAD', async () => {
      const creds = await api.account();
      const orderNo = await order(creds, TEST_COMPANIES.ordinary.name);
      const result = await waitForOrder(api, creds, orderNo);
      assert.equal(result.ReportStatus, 'S');
      const url = result.ReportUrl as string;
      assert.match(url, /^\/api\/rpt\/retrieve\?code=[0-9a-f]{32}$/);
      assert.ok(result.FinishedAt && result.ExpiresAt);

      const file = await api.app.inject({ method: 'GET', url });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal(Number(file.headers['content-length']), file.rawPayload.length);
      const disposition = String(file.headers['content-disposition']);
      assert.match(disposition, /^attachment; filename="credit-report-[0-9a-f]{32}\.pdf"; filename\*=UTF-8''/);
      assert.ok(decodeURIComponent(disposition.split("UTF-8''")[1]!).startsWith(`${TEST_COMPANIES.ordinary.name}_企业信用报告_`));
      const etag = String(file.headers.etag);
      assert.match(etag, /^"[0-9a-f]+"$/);

      const head = await api.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers['content-length'], file.headers['content-length']);
      assert.equal(head.rawPayload.length, 0);

      const part = await api.app.inject({ method: 'GET', url, headers: { range: 'bytes=0-9' } });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 0-9/${file.rawPayload.length}`);
      assert.deepEqual(part.rawPayload, file.rawPayload.subarray(0, 10));
      const tail = await api.app.inject({ method: 'GET', url, headers: { range: 'bytes=-5' } });
      assert.deepEqual(tail.rawPayload, file.rawPayload.subarray(-5));
      const bad = await api.app.inject({ method: 'GET', url, headers: { range: `bytes=${file.rawPayload.length}-` } });
      assert.equal(bad.statusCode, 416);
      assert.equal(bad.headers['content-range'], `bytes */${file.rawPayload.length}`);
      const cached = await api.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      assert.equal(cached.statusCode, 304);

      const unknown = await api.app.inject({ method: 'GET', url: `/api/rpt/retrieve?code=${'0'.repeat(32)}` });
      assert.equal(unknown.statusCode, 404);
      assert.equal((unknown.json() as Body).Status, '201');
      const post = await api.app.inject({ method: 'POST', url });
      assert.equal((post.json() as Body).Status, '118');

      const audited = await rowsEventually(6, () => api.db.db.selectFrom('audit_log').select(['status', 'method']).where('interface', '=', 'retrieve').where('order_no', '=', orderNo).execute());
      assert.deepEqual(audited.map((a) => `${a.method} ${a.status}`).sort(), ['GET 200', 'GET 206', 'GET 206', 'GET 304', 'GET 416', 'HEAD 200']);

      api.clock.set(Date.now() + (api.config.retentionDays * 86_400_000) + 1000);
      const expired = await api.app.inject({ method: 'GET', url });
      assert.equal(expired.statusCode, 410);
      assert.equal((expired.json() as Body).Status, '201');
      api.clock.set(Date.now());
    });

    it('deletes files past retention and keeps answering 410 for their codes', async () => {
      const creds = await api.account();
      const orderNo = await order(creds, TEST_COMPANIES.ordinary.uscc!);
      const result = await waitForOrder(api, creds, orderNo);
      const row = await api.db.db.selectFrom('orders').select(['blob_key', 'expires_at']).where('order_no', '=', orderNo).executeTakeFirstOrThrow();
      assert.ok(await api.blobStore.stat(row.blob_key!));
      await sweepExpiredReports(api.db.db, api.blobStore, Date.parse(row.expires_at!) - 1000);
      assert.ok(await api.blobStore.stat(row.blob_key!), 'kept until it expires');
      assert.ok((await sweepExpiredReports(api.db.db, api.blobStore, Date.parse(row.expires_at!) + 1000)) >= 1);
      assert.equal(await api.blobStore.stat(row.blob_key!), undefined);
      const gone = await api.app.inject({ method: 'GET', url: result.ReportUrl as string });
      assert.equal(gone.statusCode, 410);
      assert.equal((await api.db.db.selectFrom('orders').select('state').where('order_no', '=', orderNo).executeTakeFirstOrThrow()).state, 'S');
    });

    it('renders Word reports', async () => {
      const creds = await api.account();
      const orderNo = await order(creds, TEST_COMPANIES.hostile.uscc!, '2');
      const result = await waitForOrder(api, creds, orderNo);
      assert.equal(result.ReportStatus, 'S');
      const file = await api.app.inject({ method: 'GET', url: result.ReportUrl as string });
      assert.equal(file.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(file.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.match(String(file.headers['content-disposition']), /filename="credit-report-[0-9a-f]{32}\.docx"/);
    });

    it('fails an order for good after its retries and refunds the charge exactly once', async (t) => {
      if (api.engines === 'scale-out') {
        // The test stops the consumers and starts them again; a BullMQ queue closes its connections
        // on stop and is not restartable. The exhausted path on BullMQ is covered by bullmq-queue.test.
        t.skip('needs a restartable queue (database queue); BullMQ exhaustion is tested in bullmq-queue.test');
        return;
      }
      const creds = await api.account({ balance: 3 });
      await api.queue.stop();
      const orderNo = await order(creds, TEST_COMPANIES.ordinary.uscc!);
      // The company vanishes from the store before the job runs: every attempt fails.
      const saved = await api.db.db.selectFrom('companies').selectAll().where('uscc', '=', TEST_COMPANIES.ordinary.uscc!).executeTakeFirstOrThrow();
      const names = await api.db.db.selectFrom('company_names').selectAll().where('key_no', '=', saved.key_no).execute();
      await api.db.db.deleteFrom('company_names').where('key_no', '=', saved.key_no).execute();
      await api.db.db.deleteFrom('companies').where('key_no', '=', saved.key_no).execute();
      try {
        await api.startWorkers();
        const result = await waitForOrder(api, creds, orderNo);
        assert.equal(result.ReportStatus, 'F');
        assert.equal(result.ReportUrl, null);
        // A stable code and text, never the internal message (issue 15 item 7); the detail is the operator's.
        assert.equal(result.FailReason, 'company_gone: 该企业已不在数据库中，无法生成报告；费用已退还');
        const stored = await api.db.db.selectFrom('orders').select('fail_reason').where('order_no', '=', orderNo).executeTakeFirstOrThrow();
        assert.match(String(stored.fail_reason), /^company_gone: company [0-9a-f]{32} of order [0-9a-f]{32} is no longer in the store$/);
      } finally {
        await api.db.db.insertInto('companies').values(saved).execute();
        if (names.length) await api.db.db.insertInto('company_names').values(names).execute();
      }
      const account = await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
      assert.equal(Number(account.balance), 3);
      const ledger = await api.db.db.selectFrom('account_ledger').select(['kind', 'amount']).where('order_no', '=', orderNo).orderBy('kind').execute();
      assert.deepEqual(ledger.map((l) => [l.kind, Number(l.amount)]), [['charge', -1], ['refund', 1]]);
      if (api.engines === 'embedded') {
        // The job row is deleted in a statement after the one that marked the order F.
        const jobsOf = async () => (await api.db.db.selectFrom('report_jobs').select('order_no').where('order_no', '=', orderNo).execute()).length;
        const until = Date.now() + 30_000;
        while ((await jobsOf()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        assert.equal(await jobsOf(), 0);
      }
    });
  });
}
