// ReportClient against a fault-injecting server on port 0: signing, both path styles and
// envelopes, the retry policy (what is repeated, what never is), clock-skew correction,
// timeouts and waiting.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ReportClient, type ReportClientOptions } from '../src/client.js';
import { ReportApiError, ReportFailedError, ReportNetworkError, ReportNotReadyError, ReportWaitTimeoutError } from '../src/errors.js';
import { FAILING_KEY_NO, FaultServer } from './support/fault-server.js';

/** Fast retries for tests; the policy (which failures, how many) is what is under test, not the pauses. */
function clientFor(server: FaultServer, options: Partial<ReportClientOptions> = {}): ReportClient {
  return new ReportClient({ key: server.key, secretKey: server.secretKey, baseUrl: server.url, retryBaseDelayMs: 5, retryMaxDelayMs: 20, ...options });
}

const FAST_POLLS = { pollIntervalMs: 5, maxPollIntervalMs: 20 } as const;

/** A port on which nothing listens: connecting is refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('ReportClient against a fault-injecting server', () => {
  let server: FaultServer;
  before(async () => {
    server = await FaultServer.start({ pendingPolls: 2 });
  });
  after(() => server.close());

  for (const pathStyle of ['pro', 'open'] as const) {
    for (const dtype of ['json', 'xml'] as const) {
      it(`orders and follows a report (${pathStyle} paths, ${dtype} envelope)`, async () => {
        const client = clientFor(server, { pathStyle, dtype });
        const before = server.requests.length;
        const orderNo = await client.createReport({ keyNo: '北京（测试）科技有限公司', format: 'word' });
        assert.match(orderNo, /^[0-9a-f]{32}$/);
        const pending = await client.getReportInfo(orderNo);
        assert.deepEqual([pending.status, pending.url], ['P', null]);
        const done = await client.waitForReport(orderNo, FAST_POLLS);
        assert.equal(done.status, 'S');
        assert.equal(done.url, server.retrieveUrlOf(orderNo));

        const sent = server.requests.slice(before);
        const prefix = pathStyle === 'pro' ? '/api/yj/Report/' : '/Report/';
        assert.ok(sent.every((r) => r.path.startsWith(prefix)), `every call used ${prefix}`);
        assert.ok(sent.every((r) => r.params.dtype === dtype));
        assert.ok(sent.every((r) => r.httpStatus === 200 && r.status === '200'), 'the server accepted every signature');
        const create = sent[0]!;
        assert.equal(create.params.keyNo, '北京（测试）科技有限公司', 'the Chinese name round-trips exactly');
        assert.equal(create.params.reportFormat, '2');
        assert.equal(create.params.key, server.key);
        assert.ok(!JSON.stringify(create).includes(server.secretKey), 'the SecretKey is never sent');
      });
    }
  }

  it('sends reportType (our extension) only for a type other than the credit report, and reportFormat=3 for json', async () => {
    const client = clientFor(server, {});
    const before = server.requests.length;
    await client.createReport({ keyNo: '测试有限公司', format: 'json', reportType: 'decision' });
    await client.createReport({ keyNo: '测试有限公司', reportType: 4 });
    await client.createReport({ keyNo: '测试有限公司', reportType: 'credit' });
    const sent = server.requests.slice(before).filter((r) => r.path.endsWith('CreateReport'));
    assert.deepEqual(sent.map((r) => [r.params.reportFormat, r.params.reportType]), [['3', '2'], ['1', '4'], ['1', undefined]]);
    await assert.rejects(client.createReport({ keyNo: '测试有限公司', reportType: 'memo' as never }), /reportType must be one of credit, decision, due-diligence, shell-scan/);
    await assert.rejects(client.createReport({ keyNo: '测试有限公司', format: 'xml' as never }), /format/);
  });

  it('turns an error envelope into a ReportApiError with the server message, request id and reason', async () => {
    const client = new ReportClient({ key: server.key, secretKey: 'WRONG'.padEnd(32, 'x'), baseUrl: server.url });
    const error = await client.createReport({ keyNo: '测试有限公司' }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ReportApiError);
    assert.equal(error.status, '107');
    assert.equal(error.message, '【无效请求】被禁止的IP或者签名错误');
    assert.equal(error.reason, 'signature_mismatch');
    assert.match(error.requestId ?? '', /^req-\d+$/);
    assert.equal(error.retryable, false);
  });

  it('retries GetReportInfo on HTTP 5xx, 199, 203 and 122', async () => {
    const client = clientFor(server);
    const orderNo = server.addOrder();
    server.inject('GetReportInfo', { kind: 'http', status: 503 }, { kind: 'envelope', status: '199' }, { kind: 'envelope', status: '203' });
    const before = server.requestsTo('GetReportInfo').length;
    const info = await client.getReportInfo(orderNo);
    assert.equal(info.status, 'P');
    assert.equal(server.requestsTo('GetReportInfo').length - before, 4);

    server.inject('GetReportInfo', { kind: 'envelope', status: '122' });
    await client.getReportInfo(orderNo);
    assert.equal(server.requestsTo('GetReportInfo').length - before, 6);
  });

  it('gives up after `retries` and reports the last failure as retryable', async () => {
    const client = clientFor(server, { retries: 2 });
    const orderNo = server.addOrder();
    server.inject('GetReportInfo', { kind: 'http', status: 502 }, { kind: 'http', status: 502 }, { kind: 'http', status: 502 });
    const before = server.requestsTo('GetReportInfo').length;
    await assert.rejects(client.getReportInfo(orderNo), (e: unknown) => e instanceof ReportApiError && e.httpStatus === 502 && e.status === null && e.retryable);
    assert.equal(server.requestsTo('GetReportInfo').length - before, 3);
  });

  it('retries GetReportInfo after a dropped connection', async () => {
    const client = clientFor(server);
    const orderNo = server.addOrder();
    server.inject('GetReportInfo', { kind: 'destroy' });
    const before = server.requestsTo('GetReportInfo').length;
    assert.equal((await client.getReportInfo(orderNo)).status, 'P');
    assert.equal(server.requestsTo('GetReportInfo').length - before, 2);
  });

  it('never repeats CreateReport once the server may have seen it: not on 5xx, 199, 203, 122 or a dropped connection', async () => {
    const client = clientFor(server);
    const faults = [{ kind: 'http', status: 500 }, { kind: 'envelope', status: '199' }, { kind: 'envelope', status: '203' }, { kind: 'envelope', status: '122' }, { kind: 'destroy' }] as const;
    for (const fault of faults) {
      server.inject('CreateReport', fault);
      const before = server.requestsTo('CreateReport').length;
      await assert.rejects(client.createReport({ keyNo: '测试有限公司' }), (e: unknown) => {
        assert.ok(e instanceof ReportApiError || e instanceof ReportNetworkError, String(e));
        assert.equal(e.retryable, false);
        if (e instanceof ReportNetworkError) assert.equal(e.reachedServer, 'unknown');
        return true;
      });
      assert.equal(server.requestsTo('CreateReport').length - before, 1, JSON.stringify(fault));
    }
  });

  it('retries CreateReport when the connection was refused, because then nothing reached the server', async () => {
    const refusedPort = await closedPort();
    let calls = 0;
    // The first attempt really goes to a closed port (a genuine ECONNREFUSED from the network
    // stack); later attempts reach the server.
    const fetchFirstRefused: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (calls++ === 0) url.port = String(refusedPort);
      return fetch(url, init);
    };
    const client = clientFor(server, { fetch: fetchFirstRefused });
    const before = server.requestsTo('CreateReport').length;
    const orderNo = await client.createReport({ keyNo: '测试有限公司' });
    assert.match(orderNo, /^[0-9a-f]{32}$/);
    assert.equal(calls, 2);
    assert.equal(server.requestsTo('CreateReport').length - before, 1, 'exactly one order was created');
  });

  it('reports a refused connection as never having reached the server', async () => {
    const client = new ReportClient({ key: server.key, secretKey: server.secretKey, baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 1, retryBaseDelayMs: 1 });
    await assert.rejects(client.createReport({ keyNo: '测试有限公司' }), (e: unknown) => {
      assert.ok(e instanceof ReportNetworkError);
      assert.equal(e.code, 'ECONNREFUSED');
      assert.equal(e.reachedServer, false);
      assert.equal(e.retryable, true);
      return true;
    });
  });

  it('times out a slow answer, and retries it only for reads', async () => {
    // Long enough that a normal answer on a loaded machine never times out; the fault is far longer.
    const client = clientFor(server, { timeoutMs: 800, retries: 1 });
    const orderNo = server.addOrder();
    server.inject('GetReportInfo', { kind: 'delay', ms: 30_000 });
    const before = server.requestsTo('GetReportInfo').length;
    assert.equal((await client.getReportInfo(orderNo)).status, 'P', 'the retry after the timeout succeeded');
    assert.equal(server.requestsTo('GetReportInfo').length - before, 2);

    server.inject('CreateReport', { kind: 'delay', ms: 30_000 });
    const createsBefore = server.requestsTo('CreateReport').length;
    await assert.rejects(client.createReport({ keyNo: '测试有限公司' }), (e: unknown) => {
      assert.ok(e instanceof ReportNetworkError);
      assert.equal(e.code, 'TIMEOUT');
      assert.equal(e.retryable, false);
      return true;
    });
    assert.equal(server.requestsTo('CreateReport').length - createsBefore, 1);
  });

  it('aborts a call when the caller’s signal fires', async () => {
    const client = clientFor(server);
    server.inject('GetReportInfo', { kind: 'delay', ms: 5_000 });
    const controller = new AbortController();
    const call = client.getReportInfo(server.addOrder(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await assert.rejects(call, /caller gave up/);
  });

  it('waits with onProgress, reports F as ReportFailedError and gives up at its timeout', async () => {
    const client = clientFor(server, { extendedFields: true });
    const progress: number[] = [];
    const info = await client.waitForReport(server.addOrder(), { ...FAST_POLLS, onProgress: (p) => progress.push(p.polls) });
    assert.equal(info.status, 'S');
    assert.deepEqual(progress, [1, 2], 'one progress event per pending poll');

    await assert.rejects(client.waitForReport(server.addOrder(FAILING_KEY_NO), FAST_POLLS), (e: unknown) => {
      assert.ok(e instanceof ReportFailedError);
      assert.equal(e.failReason, '渲染失败');
      return true;
    });

    const neverDone = await FaultServer.start({ pendingPolls: Number.MAX_SAFE_INTEGER });
    try {
      await assert.rejects(clientFor(neverDone).waitForReport(neverDone.addOrder(), { ...FAST_POLLS, timeoutMs: 100 }), ReportWaitTimeoutError);
    } finally {
      await neverDone.close();
    }
  });

  it('keeps waiting through a transient poll failure', async () => {
    const client = clientFor(server, { retries: 0 });
    const orderNo = server.addOrder();
    server.inject('GetReportInfo', { kind: 'http', status: 503 });
    const errors: string[] = [];
    const info = await client.waitForReport(orderNo, { ...FAST_POLLS, onProgress: (p) => p.error && errors.push(p.error.message) });
    assert.equal(info.status, 'S');
    assert.equal(errors.length, 1);
  });

  it('refuses to download an order that is not ready', async () => {
    const client = clientFor(server);
    await assert.rejects(client.download(server.addOrder(), { to: process.stdout, end: false }), ReportNotReadyError);
  });

  it('validates its options and inputs with messages that name the problem', () => {
    assert.throws(() => new ReportClient({ key: '', secretKey: 's', baseUrl: server.url }), /key is required/);
    assert.throws(() => new ReportClient({ key: 'k', secretKey: 's', baseUrl: server.url, pathStyle: 'x' as never }), /pathStyle must be one of pro, open/);
    assert.throws(() => new ReportClient({ key: 'k', secretKey: 's', baseUrl: server.url, timeoutMs: 0 }), /timeoutMs must be a positive integer/);
    const client = clientFor(server);
    return assert.rejects(client.createReport({ keyNo: '  ' }), /keyNo is required/);
  });
});

describe('clock skew', () => {
  for (const sendReasons of [true, false]) {
    it(`corrects the Timespan from the server's Date after a 115 and retries once (X-Error-Reason ${sendReasons ? 'sent' : 'absent, as from the vendor'})`, async () => {
      const server = await FaultServer.start({ clockOffsetMs: 3_600_000, sendReasons });
      try {
        const client = clientFor(server);
        const orderNo = await client.createReport({ keyNo: '测试有限公司' });
        assert.match(orderNo, /^[0-9a-f]{32}$/);
        const creates = server.requestsTo('CreateReport');
        assert.deepEqual(creates.map((r) => r.status), ['115', '200']);
        const skew = Number(creates[1]!.headers.timespan) - Number(creates[0]!.headers.timespan);
        assert.ok(Math.abs(skew - 3_600) <= 2, `second Timespan moved by the server's offset (moved ${skew} s)`);
        assert.ok(Math.abs(client.clockOffsetMs - 3_600_000) < 2_000);

        // The offset is kept: the next call is right the first time.
        await client.getReportInfo(orderNo);
        assert.deepEqual(server.requestsTo('GetReportInfo').map((r) => r.status), ['200']);
      } finally {
        await server.close();
      }
    });
  }

  it('does not retry a 115 that the clock does not explain', async () => {
    const server = await FaultServer.start();
    try {
      server.inject('GetReportInfo', { kind: 'envelope', status: '115', reason: 'missing_token' });
      await assert.rejects(clientFor(server).getReportInfo(server.addOrder()), (e: unknown) => e instanceof ReportApiError && e.status === '115');
      assert.equal(server.requestsTo('GetReportInfo').length, 1);
    } finally {
      await server.close();
    }
  });
});
