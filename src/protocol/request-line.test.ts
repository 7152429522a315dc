import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { installRequestLineEncoding, percentEncodeHighBytes, RequestLineEncoder, requestMalformedResponse, resumeRawRequestLine } from './request-line.js';
import { parseRawResponses } from '../../test/support/raw-http.js';

/** Feeds `input` to a fresh encoder in pieces cut at `cuts`, and joins what it hands on. */
function encode(input: Buffer, cuts: number[] = []): Buffer {
  const encoder = new RequestLineEncoder();
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, input.length]) {
    out.push(encoder.transform(input.subarray(at, cut)));
    at = cut;
  }
  return Buffer.concat(out);
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('request-line encoder', () => {
  const name = '上海测试科技有限公司';
  const encodedName = encodeURIComponent(name);

  it('percent-encodes raw bytes ≥ 0x80 in the request line only', () => {
    const raw = utf8(`GET /Report/CreateReport?keyNo=${name} HTTP/1.1\r\nHost: x\r\nX-Name: ${name}\r\n\r\n`);
    const want = utf8(`GET /Report/CreateReport?keyNo=${encodedName} HTTP/1.1\r\nHost: x\r\nX-Name: ${name}\r\n\r\n`);
    assert.deepEqual(encode(raw), want);
  });

  it('gives ASCII traffic back untouched, the same buffer', () => {
    const raw = utf8('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(new RequestLineEncoder().transform(raw), raw);
  });

  it('finds every request line of a pipelined, keep-alive stream, skipping bodies by their framing', () => {
    const body = `keyNo=${name}&x=GET /a${name} HTTP/1.1\r\n`;
    const chunked = `5\r\n${'GET /'}\r\n${Buffer.byteLength(name).toString(16)}\r\n${name}\r\n0\r\n\r\n`;
    const raw = utf8([
      `POST /a?q=${name} HTTP/1.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      `\r\nPOST /b?q=${name} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
      `GET /c?q=${name} HTTP/1.1\r\ncontent-length: 0\r\n\r\n`,
    ].join(''));
    const want = utf8([
      `POST /a?q=${encodedName} HTTP/1.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      `\r\nPOST /b?q=${encodedName} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
      `GET /c?q=${encodedName} HTTP/1.1\r\ncontent-length: 0\r\n\r\n`,
    ].join(''));
    assert.deepEqual(encode(raw), want);
    // However the stream is cut into chunks (a multi-byte character split too), the result is the same.
    for (let cut = 1; cut < raw.length; cut++) assert.deepEqual(encode(raw, [cut]), want, `cut at ${cut}`);
    for (let step = 1; step <= 7; step++) {
      const cuts = Array.from({ length: Math.floor((raw.length - 1) / step) }, (_, i) => (i + 1) * step);
      assert.deepEqual(encode(raw, cuts), want, `every ${step} bytes`);
    }
  });

  it('stops touching a connection whose framing it cannot follow', () => {
    const raw = utf8(`POST /a HTTP/1.1\r\nContent-Length: x\r\n\r\nGET /b?q=${name} HTTP/1.1\r\n\r\n`);
    assert.deepEqual(encode(raw), raw);
    const connect = utf8(`CONNECT a:443 HTTP/1.1\r\n\r\nGET /b?q=${name} HTTP/1.1\r\n\r\n`);
    assert.deepEqual(encode(connect), connect);
  });

  it('observes without changing: where the first raw request line starts, also when it began in an earlier chunk', () => {
    const body = `x=GET /a${name}`;
    const head = utf8(`POST /p HTTP/1.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}GET /b?q=`);
    const tail = utf8(`${name} HTTP/1.1\r\n\r\n`);
    const watch = new RequestLineEncoder();
    assert.equal(watch.observe(head), undefined, 'raw bytes in a body are no request line');
    assert.deepEqual(watch.observe(tail), Buffer.concat([utf8('GET /b?q='), tail]));
    // A request line still unfinished counts once it holds a raw byte.
    const cut = new RequestLineEncoder();
    assert.deepEqual(cut.observe(utf8(`GET /c?q=${name}`)), utf8(`GET /c?q=${name}`));
    assert.equal(new RequestLineEncoder().observe(utf8('GET /plain HTTP/1.1\r\nX-Name: 上海\r\n\r\n')), undefined);
  });

  it('encodes high bytes as %XX', () => {
    assert.equal(percentEncodeHighBytes(Buffer.from([0x41, 0xe4, 0xb8, 0x8a, 0x20, 0xff])).toString('latin1'), 'A%E4%B8%8A %FF');
  });
});

/**
 * Over real sockets: a plain Node HTTP server with the watch installed and a clientError handler
 * like the app's, answering each request with what it read (method, URL, body).
 */
describe('raw UTF-8 request lines over real sockets', () => {
  const name = '上海测试科技有限公司';
  const encodedName = encodeURIComponent(name);
  let server: http.Server;
  let port: number;
  const sockets: Socket[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const socket = req.socket as Socket & { parser?: { _consumed?: boolean } };
        const body = JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8'), native: socket.parser?._consumed === true });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    installRequestLineEncoding(server);
    server.on('clientError', (err, socket: Socket) => {
      if (resumeRawRequestLine(err, socket)) return;
      socket.end(requestMalformedResponse('req-1', new Date().toUTCString()));
    });
    server.on('connection', (s: Socket) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  interface Answer { status: number; headers: Record<string, string>; json: { method: string; url: string; body: string; native: boolean } | { Status: string } }

  /** Writes each piece (the next once the previous is flushed and `pauseMs` passed, or after `awaitAnswers` answers), and reads `count` answers. */
  function exchange(pieces: Array<string | Buffer>, count: number, opts: { awaitAnswersBefore?: number[]; pauseMs?: number } = {}): Promise<{ answers: Answer[]; closed: boolean }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let data = Buffer.alloc(0);
      let closed = false;
      let done = false;
      const parse = (): Answer[] => parseRawResponses(data).map((r) => ({ status: r.status, headers: r.headers, json: JSON.parse(r.body.toString('utf8')) as Answer['json'] }));
      const finish = () => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve({ answers: parse(), closed });
      };
      const waiting: Array<() => void> = [];
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        const n = parse().length;
        if (n >= count) finish();
        else while (waiting.length) waiting.shift()!();
      });
      socket.on('close', () => { closed = true; finish(); });
      socket.on('error', reject);
      void (async () => {
        for (const [i, piece] of pieces.entries()) {
          const need = opts.awaitAnswersBefore?.[i] ?? 0;
          while (parse().length < need && !done) await new Promise<void>((r) => waiting.push(r));
          await new Promise<void>((r) => socket.write(piece, () => r()));
          // A pause so the pieces tend to arrive as separate reads; the answers do not depend on it.
          if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
        }
      })();
    });
  }
  const ok = (a: Answer | undefined) => {
    assert.ok(a, 'an answer');
    assert.equal(a.status, 200);
    return a.json as { method: string; url: string; body: string; native: boolean };
  };

  it('answers a first request with raw UTF-8 as its percent-encoded form, and a plain one on the native path', async () => {
    const { answers } = await exchange([utf8(`GET /a?q=${name}&x=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n`)], 2);
    assert.equal(ok(answers[0]).url, `/a?q=${encodedName}&x=1`);
    assert.equal(ok(answers[1]).url, '/b');
    const plain = await exchange(['GET /plain HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /plain2 HTTP/1.1\r\nHost: x\r\n\r\n'], 2, { awaitAnswersBefore: [0, 1] });
    assert.equal(ok(plain.answers[1]).url, '/plain2');
    assert.equal(ok(plain.answers[1]).native, true, 'a connection without raw bytes stays on the native read path');
  });

  it('answers a raw UTF-8 request after a normal one on a keep-alive connection, and the next ones', async () => {
    const { answers } = await exchange([
      'GET /first HTTP/1.1\r\nHost: x\r\n\r\n',
      utf8(`GET /second?q=${name} HTTP/1.1\r\nHost: x\r\n\r\n`),
      utf8(`POST /third/${name} HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(name)}\r\n\r\n${name}`),
    ], 3, { awaitAnswersBefore: [0, 1, 2] });
    assert.deepEqual(answers.map((a) => ok(a).url), ['/first', `/second?q=${encodedName}`, `/third/${encodedName}`]);
    assert.equal(ok(answers[0]).native, true);
    assert.equal(ok(answers[2]).body, name);
  });

  it('answers pipelined requests in order: after a body without a final newline, with bodies following, chunked', async () => {
    const form = 'a=1&b=XGET';
    const chunked = `${Buffer.byteLength(name).toString(16)}\r\n${name}\r\n0\r\n\r\n`;
    const { answers } = await exchange([utf8([
      `POST /one HTTP/1.1\r\nHost: x\r\nContent-Length: ${form.length}\r\n\r\n${form}`,
      `POST /two?q=${name} HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(name)}\r\n\r\n${name}`,
      `POST /three?q=${name} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
      `GET /four HTTP/1.1\r\nHost: x\r\n\r\n`,
    ].join(''))], 4);
    assert.deepEqual(answers.map((a) => ok(a).url), ['/one', `/two?q=${encodedName}`, `/three?q=${encodedName}`, '/four']);
    assert.deepEqual(answers.map((a) => ok(a).body), [form, name, name, '']);
  });

  it('answers a request whose request line is split across TCP writes, also inside a character', async () => {
    const raw = utf8(`GET /split?q=${name} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const at = raw.indexOf(0xe4) ; // the first byte of the first character
    for (const cuts of [[at], [at + 1], [4, at + 2, at + 7], [at - 3, raw.length - 3]]) {
      const pieces = [...cuts, raw.length].map((end, i, all) => raw.subarray(i === 0 ? 0 : all[i - 1], end));
      const { answers } = await exchange(['GET /before HTTP/1.1\r\nHost: x\r\n\r\n', ...pieces], 2, { awaitAnswersBefore: [0, 1], pauseMs: 20 });
      assert.equal(ok(answers[1]).url, `/split?q=${encodedName}`, `cut at ${cuts.join(', ')}`);
    }
  });

  it('behind a body that began in an earlier read, answers a raw request line right or 202, never as another request', async () => {
    const head = `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\nabcd`;
    const { answers } = await exchange([head, utf8(`efghGET /after?q=${name} HTTP/1.1\r\nHost: x\r\n\r\n`)], 2, { pauseMs: 50 });
    // Whether the two writes arrive as one read or two is up to the network stack: one read is
    // placed exactly (both answered); behind a body begun in an earlier read, the line cannot be
    // placed and the connection is answered 202 and closed, as for any request the parser refuses.
    const last = answers[answers.length - 1];
    assert.ok(last, 'an answer');
    for (const a of answers) if ('url' in a.json) assert.ok(a.json.url === '/upload' || a.json.url === `/after?q=${encodedName}`, a.json.url);
    if ('url' in last.json) assert.deepEqual(answers.map((a) => ok(a).url), ['/upload', `/after?q=${encodedName}`]);
    else assert.equal(last.headers['x-error-reason'], 'request_malformed');
  });

  it('a connection moved to the JavaScript path still times out a request that never completes', async () => {
    const slow = http.createServer({ requestTimeout: 600, headersTimeout: 600, connectionsCheckingInterval: 100 }, (req, res) => {
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    installRequestLineEncoding(slow);
    const timedOut: string[] = [];
    slow.on('clientError', (err: { code?: string }, socket: Socket) => {
      if (resumeRawRequestLine(err, socket)) return;
      timedOut.push(err.code ?? '');
      socket.destroy();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const closed = await new Promise<boolean>((resolve) => {
        const socket = net.connect((slow.address() as AddressInfo).port, '127.0.0.1');
        const guard = setTimeout(() => { socket.destroy(); resolve(false); }, 20_000);
        socket.on('close', () => { clearTimeout(guard); resolve(true); });
        socket.on('error', () => {});
        socket.write(utf8(`POST /slow?q=${name} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabcd`));
      });
      assert.equal(closed, true, 'the server closed the connection');
      assert.deepEqual(timedOut, ['ERR_HTTP_REQUEST_TIMEOUT']);
    } finally {
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('still answers a malformed request 202 request_malformed with a request id, also after a raw one', async () => {
    const bad = 'GET /x HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n';
    for (const pieces of [[bad], [utf8(`GET /a?q=${name} HTTP/1.1\r\nHost: x\r\n\r\n`), bad], ['GET /a?q=\x7f HTTP/1.1\r\nHost: x\r\n\r\n']]) {
      const { answers } = await exchange(pieces, pieces.length, { awaitAnswersBefore: [0, 1] });
      const last = answers[pieces.length - 1];
      assert.ok(last, 'an answer');
      assert.equal((last.json as { Status: string }).Status, '202');
      assert.equal(last.headers['x-error-reason'], 'request_malformed');
      assert.equal(last.headers['x-request-id'], 'req-1');
    }
  });
});
