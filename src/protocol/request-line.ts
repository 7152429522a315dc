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
 * query; Node's HTTP parser refuses them (HPE_INVALID_URL) whatever its leniency. A
 * `RequestLineEncoder` percent-encodes such bytes in request lines only, which makes the request
 * exactly the percent-encoded one. Headers and bodies pass untouched; to know where the next
 * request line starts on a keep-alive or pipelined connection it follows HTTP/1.1 message framing
 * (Content-Length, chunked bodies). Anything it cannot follow (a malformed length, CONNECT, a line
 * longer than any parser takes) it stops touching, and Node's parser answers that connection as it
 * would have anyway.
 *
 * `observe` runs the same framing without changing anything: it only says where a request line
 * with raw bytes starts, so a connection can stay on Node's native read path until the parser
 * refuses one (see `installRequestLineEncoding`).
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
    return this.feed(chunk, true) as Buffer;
  }

  /**
   * Follows the framing of `chunk` without changing it. Returns the bytes from the start of the
   * first request line in it that holds a byte ≥ 0x80 (that start may lie in earlier chunks, held
   * back since) to the end of `chunk`, or undefined when there is none. A request line still
   * unfinished at the end of `chunk` counts once it holds such a byte: the parser has refused it
   * by then.
   */
  observe(chunk: Buffer): Buffer | undefined {
    return this.feed(chunk, false) as Buffer | undefined;
  }

  private feed(chunk: Buffer, encode: boolean): Buffer | undefined {
    if (this.state === State.Passthrough) return encode ? chunk : undefined;
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let out: Buffer[] | undefined;
    let raw: Buffer | undefined;
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
        if (!encode && !raw && this.state === State.RequestLine && !isAscii(this.carry)) raw = this.carry;
        break;
      }
      if (this.state === State.RequestLine && !isAscii(buf.subarray(pos, nl))) {
        if (!encode) raw ??= buf.subarray(pos);
        else {
          out ??= [];
          out.push(buf.subarray(copied, pos), percentEncodeHighBytes(buf.subarray(pos, nl + 1)));
          copied = nl + 1;
        }
      }
      this.line(buf, pos, nl);
      pos = nl + 1;
    }
    if (!encode) return raw;
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
 * The parts of Node's HTTP server internals (lib/_http_server.js, lib/_http_common.js and the C++
 * `HTTPParser` of Node 20) that moving one connection from the native read path to the JavaScript
 * one touches. Checked at run time: when one is missing, nothing is moved and the request is
 * answered 202 `request_malformed`, as any request the parser refuses.
 */
interface NodeHttpParser {
  [slot: number]: unknown;
  _consumed?: boolean;
  _headers?: unknown[];
  _url?: string;
  incoming?: { complete?: boolean } | null;
  getCurrentBuffer(): Buffer;
  unconsume(): void;
  remove(): void;
  initialize(type: number, resource: object, maxHeaderSize: number, lenientFlags: number, connections?: unknown): void;
}
interface NodeHttpParserClass {
  REQUEST: number;
  kOnExecute: number;
  kOnMessageBegin: number;
  kLenientAll: number;
  kLenientNone: number;
}
type WatchedSocket = Socket & { parser?: NodeHttpParser | null; [WATCH]?: ConnectionWatch };

const WATCH = Symbol('zhengxin.requestLineWatch');

/**
 * Per connection, what the parser's own callbacks say about where the current read starts, so
 * that no read has to be copied to JavaScript unless it ends inside a request head.
 */
interface ConnectionWatch {
  /** A message began (the parser's message-begin callback) while `parser.incoming` was `begunAfter`. */
  begun: boolean;
  begunAfter: unknown;
  /** The current read starts between two messages (or at the connection's start). */
  atBoundary: boolean;
  /** Copies of the reads that ended inside a request head, until the head completes. */
  held: Buffer[] | undefined;
  heldBytes: number;
  /** The first held read started between two messages. */
  heldFromBoundary: boolean;
  /** During the read the parser refused: from the refused request line to the end of that read. */
  replay: Buffer | undefined;
  /** On the JavaScript path already (a second refusal there is a real one). */
  moved: boolean;
}

/** Past Node's whole header limit (16 KiB): the parser refuses a head this long anyway. */
const MAX_HELD_BYTES = 64 * 1024;

/**
 * Raw UTF-8 request lines on the connections `server` accepts, at (almost) no cost to the others.
 * Node's server hands a TCP socket's bytes to its C++ parser directly ("consumes" the handle),
 * which is much cheaper than feeding the parser from JavaScript (measured: ~10–20 µs per call).
 * So every connection stays on that path and no byte is looked at in JavaScript: the parser's
 * callbacks (a message began; after each read, `kOnExecute`) say whether the next read starts
 * between two messages, and only a read that ends inside a request head is copied
 * (`getCurrentBuffer`) and held until the head completes. When the parser refuses a request line
 * (HPE_INVALID_URL, reported as `clientError`), a `RequestLineEncoder` follows the framing of the
 * held and refused bytes from that boundary to find where the refused line starts, and
 * `resumeRawRequestLine` moves that one connection to the JavaScript path. The one case it cannot
 * place, a raw request line pipelined behind the end of a body that began in an earlier read, is
 * answered 202 `request_malformed` like any request the parser refuses. Sockets without a stream
 * handle (injected requests) and connections without Node's parser are left alone.
 */
export function installRequestLineEncoding(server: Server): void {
  // After Node's own 'connection' listener, which gives the socket its parser.
  server.on('connection', (socket: WatchedSocket) => {
    const parser = socket.parser;
    const handle = (socket as unknown as { _handle?: { isStreamBase?: boolean } })._handle;
    if (!parser?._consumed || !handle?.isStreamBase) return;
    const { kOnExecute, kOnMessageBegin } = parser.constructor as unknown as NodeHttpParserClass;
    const onExecute = parser[kOnExecute];
    if (typeof onExecute !== 'function' || typeof kOnMessageBegin !== 'number' || parser[kOnMessageBegin] || typeof parser.getCurrentBuffer !== 'function') return;
    const watch: ConnectionWatch = { begun: false, begunAfter: undefined, atBoundary: true, held: undefined, heldBytes: 0, heldFromBoundary: false, replay: undefined, moved: false };
    socket[WATCH] = watch;
    // Node's freeParser resets both slots when the parser goes back to its pool.
    parser[kOnMessageBegin] = () => {
      watch.begun = true;
      watch.begunAfter = parser.incoming;
    };
    parser[kOnExecute] = (ret: number | Error) => {
      if (typeof ret === 'number') afterRead(watch, parser);
      else if ((ret as { code?: unknown }).code === 'HPE_INVALID_URL') watch.replay = refusedLine(watch, parser.getCurrentBuffer());
      try {
        return (onExecute as (ret: number | Error) => unknown)(ret);
      } finally {
        watch.replay = undefined;
      }
    };
  });
}

/** After a read the parser took whole: where the next one starts, and the read itself if a head is still open. */
function afterRead(watch: ConnectionWatch, parser: NodeHttpParser): void {
  // The last message begun has no headers yet while `incoming` is still what it was then.
  const headOpen = watch.begun && parser.incoming === watch.begunAfter;
  if (headOpen) {
    if (!watch.held) {
      watch.held = [];
      watch.heldBytes = 0;
      watch.heldFromBoundary = watch.atBoundary;
    }
    const read = parser.getCurrentBuffer();
    watch.heldBytes += read.length;
    if (watch.heldBytes <= MAX_HELD_BYTES) watch.held.push(read);
    else watch.heldFromBoundary = false;
  } else {
    watch.begun = false;
    watch.held = undefined;
  }
  const incoming = parser.incoming;
  watch.atBoundary = !headOpen && (!incoming || incoming.complete === true);
}

/** From the start of the refused request line to the end of `refused` (the read the parser refused), when it can be placed. */
function refusedLine(watch: ConnectionWatch, refused: Buffer): Buffer | undefined {
  const fromBoundary = watch.held ? watch.heldFromBoundary : watch.atBoundary;
  if (!fromBoundary) return undefined;
  // Every request line before the refused one was plain ASCII (the parser took it), so the first
  // raw one the framing finds is the refused one.
  return new RequestLineEncoder().observe(watch.held ? Buffer.concat([...watch.held, refused]) : refused);
}

/**
 * Called first by the server's `clientError` handler. When the parser refused a request line
 * because of raw bytes ≥ 0x80 in it, moves the connection to the JavaScript path and answers the
 * request as its percent-encoded form: true, the error is handled. False for anything else (the
 * caller answers 202 `request_malformed`).
 *
 * The move mirrors what Node's upgrade path does to hand a socket over (lib/_http_server.js,
 * `onParserExecuteCommon`): the parser stops consuming the handle, so the socket's reads go
 * through `socket.push` again, where a fresh `RequestLineEncoder` now sits. The same parser
 * object is initialised anew (its error state cleared) rather than replaced, because the
 * connection's listeners and its queue of pipelined responses are bound to it; Node's 'data'
 * listener, installed for every connection, then feeds it from JavaScript. The bytes of the
 * refused request line onwards, which the parser never accepted, are fed again first.
 */
export function resumeRawRequestLine(err: unknown, socket: Socket): boolean {
  const watched = socket as WatchedSocket;
  const watch = watched[WATCH];
  const replay = watch?.replay;
  const parser = watched.parser;
  if ((err as { code?: unknown }).code !== 'HPE_INVALID_URL' || !watch || watch.moved || !replay || !parser?._consumed) return false;
  const server = (socket as unknown as { server?: Server }).server;
  const Parser = parser.constructor as unknown as NodeHttpParserClass;
  if (!server || typeof parser.unconsume !== 'function' || typeof parser.initialize !== 'function' || typeof Parser.REQUEST !== 'number') return false;
  watch.moved = true;
  watch.replay = undefined;
  watch.held = undefined;
  parser[Parser.kOnMessageBegin] = null;

  parser.unconsume();
  parser._consumed = false;
  // Leave the server's list of connections (request and headers timeouts); initialize re-enters it.
  parser.remove();
  const connections = Object.getOwnPropertySymbols(server).find((s) => s.description === 'http.server.connections');
  const lenient = (server as unknown as { insecureHTTPParser?: boolean }).insecureHTTPParser === true ? Parser.kLenientAll : Parser.kLenientNone;
  const maxHeaderSize = (server as unknown as { maxHeaderSize?: number }).maxHeaderSize ?? 0;
  const resource = { type: 'HTTPINCOMINGMESSAGE', socket };
  if (connections) parser.initialize(Parser.REQUEST, resource, maxHeaderSize, lenient, (server as unknown as Record<symbol, unknown>)[connections]);
  else parser.initialize(Parser.REQUEST, resource, maxHeaderSize, lenient);
  parser._headers = [];
  parser._url = '';

  // Node removed its own 'error' listener before emitting clientError; socket errors still reach
  // the clientError handler (which closes the connection).
  socket.on('error', function forwardSocketError(this: Socket, e: Error) {
    this.removeListener('error', forwardSocketError);
    server.emit('clientError', e, this);
  });
  const encoder = new RequestLineEncoder();
  const push = socket.push;
  socket.push = function pushEncoded(this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
    return push.call(this, Buffer.isBuffer(chunk) && chunk.length > 0 ? encoder.transform(chunk) : chunk, encoding);
  };
  // Not from inside the parser's own callback: on the next tick, before any further read.
  const bytes = Buffer.from(replay);
  process.nextTick(() => {
    if (!socket.destroyed) socket.push(bytes);
  });
  return true;
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
