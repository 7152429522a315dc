/**
 * A small HTTP server that speaks the report protocol (PROTOCOL.md) well enough for the client's
 * tests, and misbehaves on request: HTTP errors, error envelopes, slow answers, connections
 * dropped before answering or in the middle of a file, a skewed clock. It records every request so
 * tests can assert what the client sent (how many attempts, which Range, which Timespan).
 *
 * It is a test double of the network peer, not of our server: the real server is tested in
 * real-server.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultEndpoint = 'CreateReport' | 'GetReportInfo' | 'retrieve';

export type Fault =
  /** Answer this HTTP status with a non-envelope body (a proxy's error page). */
  | { readonly kind: 'http'; readonly status: number }
  /** Answer HTTP 200 with this error envelope. */
  | { readonly kind: 'envelope'; readonly status: string; readonly reason?: string }
  /** Answer normally, but only after this long. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Read the request, then close the connection without answering. */
  | { readonly kind: 'destroy' }
  /** retrieve: send the headers and this many body bytes, then drop the connection. */
  | { readonly kind: 'drop-after'; readonly bytes: number }
  /** retrieve: ignore Range and send the whole file with 200. */
  | { readonly kind: 'ignore-range' };

export interface RecordedRequest {
  readonly endpoint: FaultEndpoint | 'other';
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: http.IncomingHttpHeaders;
  /** What the server answered (HTTP status and envelope Status when there was one). */
  httpStatus?: number;
  status?: string;
}

export interface FaultServerOptions {
  readonly key?: string;
  readonly secretKey?: string;
  /** The server's clock runs this far ahead of the real one (negative: behind). */
  readonly clockOffsetMs?: number;
  /** GetReportInfo answers `P` this many times for an order before its final status. */
  readonly pendingPolls?: number;
  /** The report file served by retrieve. */
  readonly reportBytes?: Buffer;
  /** Send an ETag with files (default true). */
  readonly sendEtag?: boolean;
  /** Also send `X-Error-Reason` headers (our server does; the vendor's does not). */
  readonly sendReasons?: boolean;
}

interface Order {
  readonly orderNo: string;
  readonly keyNo: string;
  readonly code: string;
  polls: number;
}

const MESSAGES: Readonly<Record<string, string>> = {
  '101': '【无效请求】当前的KEY无效或者还未生效中',
  '107': '【无效请求】被禁止的IP或者签名错误',
  '115': '【无效请求】身份验证错误或者已过期',
  '118': '【无效请求】当前接口不支持此方式的调用',
  '122': '【无效请求】请求超过系统并发限制',
  '199': '【无效请求】系统未知错误，请联系技术客服',
  '201': '【有效请求】查询无结果',
  '202': '【有效请求】查询参数错误，请检查',
  '203': '【无效请求】系统查询有异常，请联系技术人员',
};
const SKEW_WINDOW_S = 300;
/** A keyNo that makes the order end in `F`. */
export const FAILING_KEY_NO = '注定失败有限公司';

export function fakePdf(size: number): Buffer {
  const header = Buffer.from('%PDF-1.4\n');
  return Buffer.concat([header, randomBytes(Math.max(0, size - header.length))]);
}

export class FaultServer {
  readonly key: string;
  readonly secretKey: string;
  readonly requests: RecordedRequest[] = [];
  readonly reportBytes: Buffer;
  clockOffsetMs: number;
  pendingPolls: number;
  private readonly sendEtag: boolean;
  private readonly sendReasons: boolean;
  private readonly faults = new Map<FaultEndpoint, Fault[]>();
  private readonly orders = new Map<string, Order>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly server: http.Server;
  private requestCounter = 0;
  url = '';

  private constructor(options: FaultServerOptions) {
    this.key = options.key ?? randomBytes(16).toString('hex');
    this.secretKey = options.secretKey ?? randomBytes(16).toString('hex').toUpperCase();
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.pendingPolls = options.pendingPolls ?? 1;
    this.reportBytes = options.reportBytes ?? fakePdf(256 * 1024);
    this.sendEtag = options.sendEtag ?? true;
    this.sendReasons = options.sendReasons ?? true;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  static async start(options: FaultServerOptions = {}): Promise<FaultServer> {
    const server = new FaultServer(options);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    server.url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    return server;
  }

  /** Queues faults for the next requests to an endpoint, one per request, in order. */
  inject(endpoint: FaultEndpoint, ...faults: Fault[]): void {
    this.faults.set(endpoint, [...(this.faults.get(endpoint) ?? []), ...faults]);
  }

  requestsTo(endpoint: FaultEndpoint): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  /** Creates an order directly (as if ordered earlier) and returns its order number. */
  addOrder(keyNo = '测试有限公司'): string {
    const order: Order = { orderNo: randomBytes(16).toString('hex'), keyNo, code: randomBytes(16).toString('hex'), polls: 0 };
    this.orders.set(order.orderNo, order);
    return order.orderNo;
  }

  retrieveUrlOf(orderNo: string): string {
    return `/api/rpt/retrieve?code=${this.orders.get(orderNo)!.code}`;
  }

  get etag(): string {
    return `"${createHash('sha256').update(this.reportBytes).digest('hex').slice(0, 32)}"`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (contentType === 'application/x-www-form-urlencoded') Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    if (contentType === 'application/json' && body) Object.assign(params, JSON.parse(body) as Record<string, string>);
    const endpoint = endpointOf(url.pathname);
    const record: RecordedRequest = { endpoint, method: req.method ?? '', path: url.pathname, params, headers: req.headers };
    this.requests.push(record);

    const serverNow = Date.now() + this.clockOffsetMs;
    res.setHeader('Date', new Date(serverNow).toUTCString());
    res.setHeader('X-Request-Id', `req-${++this.requestCounter}`);

    const fault = endpoint === 'other' ? undefined : this.faults.get(endpoint)?.shift();
    if (fault?.kind === 'delay') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, fault.ms);
        this.timers.add(timer);
      });
      if (res.destroyed) return;
    }
    if (fault?.kind === 'destroy') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'http') {
      record.httpStatus = fault.status;
      res.writeHead(fault.status, { 'Content-Type': 'text/html' }).end(`<html><body>${fault.status} from a proxy</body></html>`);
      return;
    }
    if (endpoint === 'retrieve') return this.retrieve(req, res, url, record, fault);
    if (endpoint === 'other') {
      record.httpStatus = 404;
      res.writeHead(404).end();
      return;
    }

    const dtype = params.dtype === 'xml' ? 'xml' : 'json';
    const answer = (status: string, result: Record<string, string | null> | null, message?: string, reason?: string): void => {
      record.httpStatus = 200;
      record.status = status;
      if (reason && this.sendReasons) res.setHeader('X-Error-Reason', reason);
      writeEnvelope(res, dtype, status, message ?? MESSAGES[status] ?? '', result);
    };
    if (req.method !== 'POST' && req.method !== 'GET') return answer('118', null);
    if (params.key !== this.key) return answer('101', null, undefined, 'unknown_key');
    const timespan = String(req.headers.timespan ?? '');
    const token = String(req.headers.token ?? '');
    if (!/^\d+$/.test(timespan) || token === '') return answer('115', null, undefined, 'missing_token');
    if (Math.abs(Number(timespan) - Math.floor(serverNow / 1000)) > SKEW_WINDOW_S) return answer('115', null, undefined, 'timespan_skew');
    const expected = createHash('md5').update(this.key + timespan + this.secretKey).digest('hex');
    if (token.toLowerCase() !== expected) return answer('107', null, undefined, 'signature_mismatch');
    if (fault?.kind === 'envelope') return answer(fault.status, null, undefined, fault.reason);

    if (endpoint === 'CreateReport') {
      if (!params.keyNo) return answer('202', null);
      if (params.reportFormat && !['1', '2', '3'].includes(params.reportFormat)) return answer('202', null);
      const orderNo = this.addOrder(params.keyNo);
      return answer('200', { OrderNo: orderNo }, '报告下单成功');
    }
    const order = this.orders.get(params.orderNo ?? '');
    if (!order) return answer('201', null);
    order.polls++;
    const done = order.polls > this.pendingPolls;
    const failed = order.keyNo === FAILING_KEY_NO;
    const status = !done ? 'P' : failed ? 'F' : 'S';
    const result: Record<string, string | null> = { ReportStatus: status, ReportUrl: status === 'S' ? `/api/rpt/retrieve?code=${order.code}` : null };
    if (params.ext === '1' && failed && done) result.FailReason = '渲染失败';
    return answer('200', result, '查询成功');
  }

  private retrieve(req: http.IncomingMessage, res: http.ServerResponse, url: URL, record: RecordedRequest, fault: Fault | undefined): void {
    const code = url.searchParams.get('code');
    if (![...this.orders.values()].some((o) => o.code === code)) {
      record.httpStatus = 404;
      res.statusCode = 404;
      writeEnvelope(res, 'json', '201', MESSAGES['201']!, null);
      return;
    }
    const file = this.reportBytes;
    const headers: Record<string, string> = {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent('测试有限公司-信用报告.pdf')}`,
      'Accept-Ranges': 'bytes',
    };
    if (this.sendEtag) headers.ETag = this.etag;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const ifRange = req.headers['if-range'];
    const rangeApplies = range && fault?.kind !== 'ignore-range' && (ifRange === undefined || ifRange === headers.ETag);
    if (rangeApplies) {
      start = Number(range[1]);
      if (start >= file.length) {
        record.httpStatus = 416;
        res.writeHead(416, { 'Content-Range': `bytes */${file.length}` }).end();
        return;
      }
      headers['Content-Range'] = `bytes ${start}-${file.length - 1}/${file.length}`;
    }
    const part = file.subarray(start);
    headers['Content-Length'] = String(part.length);
    record.httpStatus = rangeApplies ? 206 : 200;
    res.writeHead(record.httpStatus, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (fault?.kind === 'drop-after') {
      // Flush the first bytes, then cut the connection as a failing proxy or network would.
      res.write(part.subarray(0, fault.bytes), () => setImmediate(() => res.socket?.destroy()));
      return;
    }
    res.end(part);
  }
}

function endpointOf(pathname: string): FaultEndpoint | 'other' {
  if (pathname === '/api/rpt/retrieve') return 'retrieve';
  const m = /^(?:\/api\/yj)?\/Report\/(CreateReport|GetReportInfo)$/.exec(pathname);
  return m ? (m[1] as FaultEndpoint) : 'other';
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function xmlEnvelope(status: string, message: string, result: Record<string, string | null> | null): string {
  const fields = result ? Object.entries(result).map(([name, value]) => `<${name}>${value === null ? '' : escapeXml(value)}</${name}>\n`).join('') : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    `<Status>${status}</Status>\n<Message>${escapeXml(message)}</Message>\n` +
    (result ? `<Result>\n${fields}</Result>\n` : '<Result></Result>\n') +
    '</YJServiceResult>'
  );
}

function writeEnvelope(res: http.ServerResponse, dtype: 'json' | 'xml', status: string, message: string, result: Record<string, string | null> | null): void {
  if (dtype === 'xml') {
    if (!res.headersSent) res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.end(xmlEnvelope(status, message, result));
  } else {
    if (!res.headersSent) res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ Status: status, Message: message, Result: result }));
  }
}
