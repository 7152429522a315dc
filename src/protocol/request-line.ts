import { isAscii } from 'node:buffer';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorEnvelope, JSON_CONTENT_TYPE, renderJson } from './envelope.js';

/** Where in HTTP/1.1 message framing the next byte of a connection falls. */
const State = { RequestLine: 0, Headers: 1, Body: 2, ChunkSize: 3, ChunkData: 4, ChunkEnd: 5, Trailers: 6, Passthrough: 7 } as const;
type State = (typeof State)[keyof typeof State];

/**
 * Raw UTF-8 in the request line. Clients that build URLs by concatenation (Go's `http.NewRequest`
 * with a raw string, curl with the vendor document's own example) send bytes ≥ 0x80 in the path or
 * query; Node's HTTP parser refuses them (HPE_INVALID_URL) whatever its leniency. So every
 * connection's bytes pass through a `RequestLineEncoder` before the parser: it percent-encodes
 * such bytes in request lines only, which makes the request exactly the percent-encoded one.
 * Headers and bodies pass untouched; to know where the next request line starts on a keep-alive
 * or pipelined connection it follows HTTP/1.1 message framing (Content-Length, chunked bodies).
 * Anything it cannot follow (a malformed length, CONNECT, a line longer than any parser takes) it
 * stops touching, and Node's parser answers that connection as it would have anyway.
 */
export class RequestLineEncoder {
  private state: State = State.RequestLine;
  /** The start of a line that has not ended yet, held back until it does. */
  private carry: Buffer | undefined;
  /** Bytes left of the body (or of the current chunk). */
  private remaining = 0;
  private contentLength = 0;
  private chunked = false;

  /** The bytes to hand to the parser for `chunk` (the same Buffer when nothing changed). */
  transform(chunk: Buffer): Buffer {
    if (this.state === State.Passthrough) return chunk;
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let out: Buffer[] | undefined;
    let copied = 0;
    let pos = 0;
    while (pos < buf.length) {
      if (this.state === State.Body || this.state === State.ChunkData) {
        const n = Math.min(this.remaining, buf.length - pos);
        pos += n;
        this.remaining -= n;
        if (this.remaining === 0) this.state = this.state === State.ChunkData ? State.ChunkEnd : State.RequestLine;
        continue;
      }
      if ((this.state as State) === State.Passthrough) {
        pos = buf.length;
        break;
      }
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) {
        if (buf.length - pos > MAX_LINE_BYTES) {
          this.state = State.Passthrough;
          pos = buf.length;
          break;
        }
        this.carry = Buffer.from(buf.subarray(pos));
        break;
      }
      if (this.state === State.RequestLine && !isAscii(buf.subarray(pos, nl))) {
        out ??= [];
        out.push(buf.subarray(copied, pos), percentEncodeHighBytes(buf.subarray(pos, nl + 1)));
        copied = nl + 1;
      }
      this.line(buf, pos, nl);
      pos = nl + 1;
    }
    const end = this.carry ? buf.length - this.carry.length : buf.length;
    if (!out) return copied === 0 && end === buf.length ? buf : buf.subarray(copied, end);
    out.push(buf.subarray(copied, end));
    return Buffer.concat(out);
  }

  /** One complete line [start, nl] in a line-oriented state. */
  private line(buf: Buffer, start: number, nl: number): void {
    const empty = nl === start || (nl === start + 1 && buf[start] === 0x0d);
    switch (this.state) {
      case State.RequestLine:
        // Empty lines before a request line are allowed (RFC 9112 §2.2).
        if (empty) return;
        if (startsWithIgnoringCase(buf, start, 'connect ')) {
          this.state = State.Passthrough;
          return;
        }
        this.contentLength = 0;
        this.chunked = false;
        this.state = State.Headers;
        return;
      case State.Headers:
        if (empty) {
          if (this.chunked) this.state = State.ChunkSize;
          else if (this.contentLength > 0) {
            this.remaining = this.contentLength;
            this.state = State.Body;
          } else this.state = State.RequestLine;
          return;
        }
        this.header(buf, start, nl);
        return;
      case State.ChunkSize: {
        const size = parseInt(buf.toString('latin1', start, nl).split(';')[0]!.trim(), 16);
        if (!Number.isSafeInteger(size) || size < 0) this.state = State.Passthrough;
        else if (size === 0) this.state = State.Trailers;
        else {
          this.remaining = size;
          this.state = State.ChunkData;
        }
        return;
      }
      case State.ChunkEnd:
        this.state = empty ? State.ChunkSize : State.Passthrough;
        return;
      case State.Trailers:
        if (empty) this.state = State.RequestLine;
        return;
    }
  }

  private header(buf: Buffer, start: number, nl: number): void {
    const first = buf[start]! | 0x20;
    if (first === 0x63 /* c */ && startsWithIgnoringCase(buf, start, 'content-length:')) {
      const value = buf.toString('latin1', start + 'content-length:'.length, nl).trim();
      if (!/^\d{1,15}$/.test(value) || this.chunked) this.state = State.Passthrough;
      else this.contentLength = Number(value);
    } else if (first === 0x74 /* t */ && startsWithIgnoringCase(buf, start, 'transfer-encoding:')) {
      const codings = buf.toString('latin1', start + 'transfer-encoding:'.length, nl).trim().toLowerCase();
      if (this.contentLength > 0 || !codings.endsWith('chunked')) this.state = State.Passthrough;
      else this.chunked = true;
    }
  }
}


/** Longer than Node's whole header limit (16 KiB): past it the parser refuses anyway. */
const MAX_LINE_BYTES = 64 * 1024;

function startsWithIgnoringCase(buf: Buffer, start: number, lowerPrefix: string): boolean {
  if (buf.length - start < lowerPrefix.length) return false;
  for (let i = 0; i < lowerPrefix.length; i++) {
    const b = buf[start + i]!;
    const lower = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
    if (lower !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}

const HEX = '0123456789ABCDEF';

/** Bytes ≥ 0x80 as `%XX`; every other byte as it was. */
export function percentEncodeHighBytes(line: Buffer): Buffer {
  let high = 0;
  for (const b of line) if (b >= 0x80) high++;
  const out = Buffer.allocUnsafe(line.length + 2 * high);
  let n = 0;
  for (const b of line) {
    if (b < 0x80) out[n++] = b;
    else {
      out[n++] = 0x25;
      out[n++] = HEX.charCodeAt(b >> 4);
      out[n++] = HEX.charCodeAt(b & 15);
    }
  }
  return out;
}

/**
 * Puts a `RequestLineEncoder` in front of the HTTP parser of every connection `server` accepts.
 * Node's server reads a TCP socket's bytes in C++ ("consumes" the handle) unless the handle is
 * marked consumed already; marking it makes the parser read through the socket's `push`, which is
 * where the encoder sits. Sockets without a stream handle (injected requests) are left alone.
 */
export function installRequestLineEncoding(server: Server): void {
  server.prependListener('connection', (socket: Socket) => {
    const handle = (socket as unknown as { _handle?: { isStreamBase?: boolean; _consumed?: boolean } })._handle;
    if (!handle?.isStreamBase) return;
    handle._consumed = true;
    const encoder = new RequestLineEncoder();
    const push = socket.push;
    socket.push = function pushEncoded(this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
      return push.call(this, Buffer.isBuffer(chunk) && chunk.length > 0 ? encoder.transform(chunk) : chunk, encoding);
    };
  });
}

/**
 * The whole HTTP response for a request the parser could not read: the vendor envelope 202 with a
 * request id (and the reason `request_malformed`), then the connection closes: after a request
 * it cannot read, the parser cannot know where the next one starts.
 */
export function requestMalformedResponse(requestId: string, date: string, reason = 'request_malformed'): string {
  const body = renderJson(errorEnvelope('202'));
  return [
    'HTTP/1.1 200 OK',
    `Content-Type: ${JSON_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    `X-Error-Reason: ${reason}`,
    `Date: ${date}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
