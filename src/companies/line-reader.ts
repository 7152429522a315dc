/**
 * Splits a byte stream into lines in bounded memory: a line longer than `maxLineBytes` is reported
 * as too long and its bytes are skipped up to the next newline without ever being held whole.
 * Lines are decoded as strict UTF-8 here, so that invalid bytes reject that line only.
 */
export type InputLine =
  | { lineNo: number; kind: 'text'; text: string }
  | { lineNo: number; kind: 'too_long'; bytes: number }
  | { lineNo: number; kind: 'invalid_utf8' };

const NEWLINE = 0x0a;

export async function* readLines(input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, maxLineBytes: number): AsyncGenerator<InputLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineNo = 0;
  let parts: Buffer[] = [];
  let pending = 0; // bytes of the current line seen so far (held in `parts` unless oversized)
  let oversized = false;

  const finish = (last: Buffer | undefined): InputLine => {
    lineNo++;
    if (oversized) {
      const bytes = pending;
      parts = [];
      pending = 0;
      oversized = false;
      return { lineNo, kind: 'too_long', bytes };
    }
    const whole = parts.length === 0 ? last ?? Buffer.alloc(0) : Buffer.concat(last ? [...parts, last] : parts);
    parts = [];
    pending = 0;
    try {
      let text = decoder.decode(whole);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      return { lineNo, kind: 'text', text };
    } catch {
      return { lineNo, kind: 'invalid_utf8' };
    }
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl === -1) break;
      const piece = buf.subarray(start, nl);
      pending += piece.length;
      if (pending > maxLineBytes) oversized = true;
      yield finish(oversized ? undefined : piece);
      start = nl + 1;
    }
    if (start < buf.length) {
      const rest = buf.subarray(start);
      pending += rest.length;
      if (pending > maxLineBytes) oversized = true;
      // Copy: the stream may reuse its chunk buffer, and a subarray would pin the whole chunk.
      if (oversized) parts = [];
      else parts.push(Buffer.from(rest));
    }
  }
  if (pending > 0 || parts.length > 0 || oversized) yield finish(undefined);
}
