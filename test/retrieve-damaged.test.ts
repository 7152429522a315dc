/**
 * Retrieve never serves a wrong file (issue 15 item 9): a truncated file, bytes changed in place,
 * a symbolic link in place of the file and a corrupted description each answer HTTP 500 with the
 * 203 envelope, never 200, and the order is noted for rendering again. On the real server, both
 * backends (the local-disk store: these are the ways a disk's files go wrong).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';

type Body = { Status: string; Result: Record<string, string | null> | null };

for (const backend of BACKENDS) {
  describe(`retrieve of a damaged report file on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    /** A finished order: its retrieve URL, the file's path on disk and its bytes. */
    const finished = async () => {
      const creds = await api.account();
      api.clock.set(Date.now());
      const body = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as Body;
      const orderNo = body.Result!.OrderNo!;
      const result = await waitForOrder(api, creds, orderNo);
      assert.equal(result.ReportStatus, 'S');
      const row = await api.db.db.selectFrom('orders').select('blob_key').where('order_no', '=', orderNo).executeTakeFirstOrThrow();
      const file = path.join(api.db.dataDir, 'reports', row.blob_key!);
      return { orderNo, url: result.ReportUrl as string, file, bytes: fs.readFileSync(file) };
    };

    const assertUnservable = async (url: string, orderNo: string, headers: Record<string, string> = {}) => {
      const res = await api.app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 500, `HTTP ${res.statusCode}: ${res.payload.slice(0, 80)}`);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(res.json(), { Status: '203', Message: '【无效请求】系统查询有异常，请联系技术人员', Result: null });
      assert.equal(res.headers['content-disposition'], undefined);
      assert.equal(res.headers.etag, undefined);
      const repair = await api.db.db.selectFrom('report_repairs').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
      assert.ok(repair, 'the order is noted for rendering again');
      assert.equal(repair.repaired_at, null);
      return res;
    };

    it('serves an intact file whole and in ranges (the checks pass)', async (t) => {
      if (api.engines !== 'embedded') return t.skip('local-disk store only');
      const { url, bytes } = await finished();
      const res = await api.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, bytes);
      const part = await api.app.inject({ method: 'GET', url, headers: { range: 'bytes=5-9' } });
      assert.equal(part.statusCode, 206);
      assert.deepEqual(part.rawPayload, bytes.subarray(5, 10));
    });

    it('answers a truncated file with 500/203, whole, in a range and for HEAD, and the connection stays usable', async (t) => {
      if (api.engines !== 'embedded') return t.skip('local-disk store only');
      const { orderNo, url, file, bytes } = await finished();
      fs.truncateSync(file, bytes.length - 100);
      await assertUnservable(url, orderNo);
      await assertUnservable(url, orderNo, { range: 'bytes=0-9' });
      const head = await api.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 500);
      // Over a real keep-alive connection, two pipelined requests get two complete answers.
      const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = new URL(address);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        let got = '';
        socket.on('data', (d) => {
          got += d.toString('latin1');
          if ((got.match(/HTTP\/1\.1 /g) ?? []).length === 2 && got.trimEnd().endsWith('}')) socket.end();
        });
        socket.on('end', () => resolve(got));
        socket.on('error', reject);
        socket.write(`GET ${url} HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      });
      const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
      assert.equal(statuses[0], '500');
      assert.equal(statuses.length, 2, raw.slice(0, 400));
    });

    it('answers bytes changed in place (same size) with 500/203 when serving the whole file', async (t) => {
      if (api.engines !== 'embedded') return t.skip('local-disk store only');
      const { orderNo, url, file, bytes } = await finished();
      const changed = Buffer.from(bytes);
      changed.writeUInt8(changed[changed.length - 20]! ^ 0xff, changed.length - 20);
      fs.writeFileSync(file, changed);
      await assertUnservable(url, orderNo);
    });

    it('never follows a symbolic link in place of the file', async (t) => {
      if (api.engines !== 'embedded') return t.skip('local-disk store only');
      const other = await finished();
      const { orderNo, url, file } = await finished();
      fs.rmSync(file);
      fs.symlinkSync(other.file, file);
      await assertUnservable(url, orderNo);
      await assertUnservable(url, orderNo, { range: 'bytes=0-9' });
    });

    it('answers a corrupted description with 500/203, never 200 with an error envelope', async (t) => {
      if (api.engines !== 'embedded') return t.skip('local-disk store only');
      const { orderNo, url, file } = await finished();
      fs.writeFileSync(`${file}.meta.json`, '{"size": 12, "et');
      await assertUnservable(url, orderNo);
      // A description that parses but lies about the size is caught against the order's record.
      const second = await finished();
      const meta = JSON.parse(fs.readFileSync(`${second.file}.meta.json`, 'utf8')) as { size: number };
      fs.truncateSync(second.file, 1000);
      fs.writeFileSync(`${second.file}.meta.json`, JSON.stringify({ ...meta, size: 1000 }));
      await assertUnservable(second.url, second.orderNo);
    });
  });
}
