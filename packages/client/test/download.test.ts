// Streaming downloads against the fault-injecting server: resume with Range/If-Range after a
// dropped connection, length verification, temp file + rename, stream destinations.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ReportClient } from '../src/client.js';
import { ReportApiError, ReportDownloadError } from '../src/errors.js';
import { FaultServer } from './support/fault-server.js';

function collect(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

describe('download', () => {
  let server: FaultServer;
  let client: ReportClient;
  let dir: string;
  before(async () => {
    server = await FaultServer.start();
    client = new ReportClient({ key: server.key, secretKey: server.secretKey, baseUrl: server.url, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
    dir = await mkdtemp(path.join(tmpdir(), 'zhengxin-client-'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a file to a path by order number, leaving no temporary file', async () => {
    const orderNo = server.addOrder();
    await client.getReportInfo(orderNo); // P
    const target = path.join(dir, 'by-order.pdf');
    const result = await client.download(orderNo, { to: target });
    assert.deepEqual(await readFile(target), server.reportBytes);
    assert.equal(result.bytes, server.reportBytes.length);
    assert.equal(result.path, target);
    assert.equal(result.contentType, 'application/pdf');
    assert.equal(result.suggestedFilename, '测试有限公司-信用报告.pdf');
    assert.equal(result.resumptions, 0);
    assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.part')), []);
  });

  it('resumes with Range and If-Range after the connection drops mid-file, twice', async () => {
    const third = Math.floor(server.reportBytes.length / 3);
    server.inject('retrieve', { kind: 'drop-after', bytes: third }, { kind: 'drop-after', bytes: third });
    const before = server.requestsTo('retrieve').length;
    const target = path.join(dir, 'resumed.pdf');
    const result = await client.download(server.retrieveUrlOf(server.addOrder()), { to: target });

    assert.deepEqual(await readFile(target), server.reportBytes, 'byte-identical after two resumptions');
    assert.equal(result.resumptions, 2);
    const attempts = server.requestsTo('retrieve').slice(before);
    assert.deepEqual(attempts.map((r) => [r.headers['if-range'], r.httpStatus]), [[undefined, 200], [server.etag, 206], [server.etag, 206]]);
    // Bytes still in flight when a connection is cut are lost, so the client asks from what it
    // actually received: after the start, and never beyond what the server had sent.
    const starts = attempts.slice(1).map((r) => Number(/^bytes=(\d+)-$/.exec(String(r.headers.range))?.[1]));
    assert.ok(starts[0]! > 0 && starts[0]! <= third, `first resumption from ${starts[0]}`);
    assert.ok(starts[1]! > starts[0]! && starts[1]! <= starts[0]! + third, `second resumption from ${starts[1]}`);
  });

  it('resumes into a writable stream too', async () => {
    server.inject('retrieve', { kind: 'drop-after', bytes: 1000 });
    const sink = collect();
    const result = await client.download(server.retrieveUrlOf(server.addOrder()), { to: sink.stream });
    assert.deepEqual(sink.bytes(), server.reportBytes);
    assert.equal(result.resumptions, 1);
    assert.equal(result.path, null);
  });

  it('starts over when the server answers a resumption with the whole file', async () => {
    server.inject('retrieve', { kind: 'drop-after', bytes: 5000 }, { kind: 'ignore-range' });
    const target = path.join(dir, 'restarted.pdf');
    const result = await client.download(server.retrieveUrlOf(server.addOrder()), { to: target });
    assert.deepEqual(await readFile(target), server.reportBytes, 'no splice of old and new bytes');
    assert.equal(result.resumptions, 0);
  });

  it('cannot restart into a stream, and says so', async () => {
    server.inject('retrieve', { kind: 'drop-after', bytes: 5000 }, { kind: 'ignore-range' });
    await assert.rejects(client.download(server.retrieveUrlOf(server.addOrder()), { to: collect().stream }), /cannot be rewound/);
  });

  it('retries 5xx, and fails with the announced length when the connection keeps dropping without progress', async () => {
    server.inject('retrieve', { kind: 'http', status: 503 });
    const sink = collect();
    await client.download(server.retrieveUrlOf(server.addOrder()), { to: sink.stream });
    assert.deepEqual(sink.bytes(), server.reportBytes);

    const stubborn = new ReportClient({ key: server.key, secretKey: server.secretKey, baseUrl: server.url, retries: 2, retryBaseDelayMs: 1 });
    // The first attempt delivers 100 bytes, then every resumption delivers nothing.
    server.inject('retrieve', { kind: 'drop-after', bytes: 100 }, { kind: 'drop-after', bytes: 0 }, { kind: 'drop-after', bytes: 0 }, { kind: 'drop-after', bytes: 0 });
    const target = path.join(dir, 'never.pdf');
    await assert.rejects(stubborn.download(server.retrieveUrlOf(server.addOrder()), { to: target }), (e: unknown) => {
      assert.ok(e instanceof ReportDownloadError || (e as Error).name === 'ReportNetworkError', String(e));
      return true;
    });
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.never.pdf') || f === 'never.pdf'), [], 'neither the target nor a temp file is left');
  });

  it('restarts from zero when the server sent no ETag, because a range could splice two files', async () => {
    const noEtag = await FaultServer.start({ sendEtag: false });
    try {
      const c = new ReportClient({ key: noEtag.key, secretKey: noEtag.secretKey, baseUrl: noEtag.url, retryBaseDelayMs: 1 });
      noEtag.inject('retrieve', { kind: 'drop-after', bytes: 4000 });
      const target = path.join(dir, 'no-etag.pdf');
      await c.download(noEtag.retrieveUrlOf(noEtag.addOrder()), { to: target });
      assert.deepEqual(await readFile(target), noEtag.reportBytes);
      assert.deepEqual(noEtag.requestsTo('retrieve').map((r) => r.headers.range), [undefined, undefined]);
    } finally {
      await noEtag.close();
    }
  });

  it('turns an unknown code into a ReportApiError carrying the 201 envelope and HTTP 404', async () => {
    await assert.rejects(client.download('/api/rpt/retrieve?code=00000000000000000000000000000000', { to: collect().stream }), (e: unknown) => {
      assert.ok(e instanceof ReportApiError);
      assert.equal(e.httpStatus, 404);
      assert.equal(e.status, '201');
      assert.equal(e.retryable, false);
      return true;
    });
  });

  it('respects back-pressure of a slow destination and ends it when done', async () => {
    const slow = new PassThrough({ highWaterMark: 1024 });
    const received: Buffer[] = [];
    const drain = (async () => {
      for await (const chunk of slow) {
        received.push(chunk as Buffer);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await client.download(server.retrieveUrlOf(server.addOrder()), { to: slow });
    await drain;
    assert.deepEqual(Buffer.concat(received), server.reportBytes);
  });
});
