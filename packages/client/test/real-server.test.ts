// The client against the real zhengxin server (src/app.ts), listening on port 0, with a real
// account, the real report pipeline and each database backend (SQLite; PostgreSQL when
// ZHENGXIN_TEST_POSTGRES_URL is set). The server and its test support are compiled by the root
// build; the client package has no server code, so they are loaded by URL at run time.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ReportClient, type ReportClientOptions } from '../src/client.js';
import { ReportApiError } from '../src/errors.js';

/** The parts of test/support/server.ts and databases.ts this test uses. */
interface TestApi {
  readonly app: { listen(options: { port: number; host: string }): Promise<string> };
  readonly clock: { set(ms: number): void };
  account(input?: Record<string, unknown>): Promise<{ key: string; secretKey: string }>;
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}
interface ServerSupport {
  startTestApi(backend: unknown, env?: Record<string, string>): Promise<TestApi>;
  TEST_COMPANIES: Record<'ordinary' | 'hostile' | 'uncovered', { name: string; uscc: string }>;
}

const repositoryRoot = new URL('../../../../', import.meta.url);
const { startTestApi, TEST_COMPANIES } = (await import(new URL('dist/test/support/server.js', repositoryRoot).href)) as ServerSupport;
const { BACKENDS } = (await import(new URL('dist/test/support/databases.js', repositoryRoot).href)) as { BACKENDS: ReadonlyArray<{ name: string }> };

const FAST_POLLS = { pollIntervalMs: 50, maxPollIntervalMs: 250, timeoutMs: 60_000 } as const;

for (const backend of BACKENDS) {
  describe(`ReportClient against the real server (${backend.name})`, () => {
    let api: TestApi;
    let baseUrl: string;
    let credentials: { key: string; secretKey: string };
    let dir: string;

    /** The test server's clock is a manual one: keep it on real time for every request. */
    const clientFor = (options: Partial<ReportClientOptions> = {}) =>
      new ReportClient({
        ...credentials,
        baseUrl,
        retryBaseDelayMs: 10,
        retryMaxDelayMs: 50,
        fetch: (input, init) => {
          api.clock.set(Date.now());
          return fetch(input, init);
        },
        ...options,
      });

    before(async () => {
      api = await startTestApi(backend);
      credentials = await api.account({ balance: 10 });
      await api.startWorkers();
      baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
      dir = await mkdtemp(path.join(tmpdir(), 'zhengxin-client-real-'));
    });
    after(async () => {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('orders a report by credit code, waits for it and downloads a PDF', async () => {
      const target = path.join(dir, 'report.pdf');
      const ordered: string[] = [];
      const result = await clientFor().orderReport(TEST_COMPANIES.ordinary.uscc, { format: 'pdf', to: target, ...FAST_POLLS, onOrdered: (o) => ordered.push(o) });
      assert.deepEqual(ordered, [result.orderNo]);
      const file = await readFile(target);
      assert.equal(file.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(result.bytes, (await stat(target)).size);
      assert.equal(result.contentType, 'application/pdf');
      assert.match(result.suggestedFilename ?? '', /上海测试科技有限公司/);
    });

    it('speaks the open path style and the XML envelope, by company name, for a Word report', async () => {
      const client = clientFor({ pathStyle: 'open', dtype: 'xml', extendedFields: true });
      const orderNo = await client.createReport({ keyNo: TEST_COMPANIES.ordinary.name, format: 'word' });
      const info = await client.waitForReport(orderNo, FAST_POLLS);
      assert.equal(info.status, 'S');
      assert.equal(info.fields.CompanyName, TEST_COMPANIES.ordinary.name);
      assert.equal(info.fields.ReportFormat, 'word');
      const chunks: Buffer[] = [];
      await client.download(orderNo, {
        to: new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
        }),
      });
      assert.equal(Buffer.concat(chunks).subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip');
    });

    it('resumes a cut download with Range and If-Range against the real retrieve endpoint', async () => {
      const client = clientFor();
      const orderNo = await client.createReport({ keyNo: TEST_COMPANIES.ordinary.uscc });
      const { url } = await client.waitForReport(orderNo, FAST_POLLS);
      const whole = path.join(dir, 'whole.pdf');
      await client.download(url!, { to: whole });

      // A fetch whose first response body breaks after 1 000 bytes, as a dropped connection would.
      const sentHeaders: Array<Record<string, string>> = [];
      let responses = 0;
      const cutting = clientFor({
        fetch: async (input, init) => {
          sentHeaders.push(Object.fromEntries(new Headers(init?.headers)));
          const response = await fetch(input, init);
          if (responses++ > 0 || !response.body) return response;
          const reader = response.body.getReader();
          let passed = 0;
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              const { done, value } = await reader.read();
              if (done) return controller.close();
              if (passed + value.length > 1_000) {
                controller.enqueue(value.subarray(0, 1_000 - passed));
                await reader.cancel();
                return controller.error(Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
              }
              passed += value.length;
              controller.enqueue(value);
            },
          });
          return new Response(body, { status: response.status, headers: response.headers });
        },
      });
      const resumed = path.join(dir, 'resumed.pdf');
      const result = await cutting.download(url!, { to: resumed });
      assert.equal(result.resumptions, 1);
      assert.equal(sentHeaders[1]!.range, 'bytes=1000-');
      assert.ok(sentHeaders[1]!['if-range'], 'the resumption carried the ETag');
      assert.deepEqual(await readFile(resumed), await readFile(whole));
    });

    it('surfaces the server’s error Status, Message, request id and reason', async () => {
      const wrongSecret = clientFor({ secretKey: 'x'.repeat(32) });
      await assert.rejects(wrongSecret.createReport({ keyNo: TEST_COMPANIES.ordinary.uscc }), (e: unknown) => {
        assert.ok(e instanceof ReportApiError);
        assert.equal(e.status, '107');
        assert.equal(e.message, '【无效请求】被禁止的IP或者签名错误');
        assert.equal(e.reason, 'signature_mismatch');
        assert.ok(e.requestId);
        assert.equal(e.retryable, false);
        return true;
      });
      await assert.rejects(clientFor().createReport({ keyNo: TEST_COMPANIES.uncovered.uscc }), (e: unknown) => e instanceof ReportApiError && e.status === '208');
      await assert.rejects(clientFor().getReportInfo('0'.repeat(32)), (e: unknown) => e instanceof ReportApiError && e.status === '201');
    });
  });
}

