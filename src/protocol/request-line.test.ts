import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentEncodeHighBytes, RequestLineEncoder } from './request-line.js';

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

  it('encodes high bytes as %XX', () => {
    assert.equal(percentEncodeHighBytes(Buffer.from([0x41, 0xe4, 0xb8, 0x8a, 0x20, 0xff])).toString('latin1'), 'A%E4%B8%8A %FF');
  });
});
