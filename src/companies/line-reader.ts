/**
 * Splits a byte stream into lines in bounded memory: a line longer than `maxLineBytes` is reported
 * as too long and its bytes are skipped up to the next newline without ever being held whole.
 * Lines stay bytes (without the newline and a trailing CR): the importer decodes them where it
 * parses them, in its worker threads (`decodeLine`), so that the reading thread never turns
 * hundreds of megabytes into strings it would only pass on.
 */
export type InputLine =
  | { lineNo: number; kind: 'bytes'; bytes: Buffer }
  | { lineNo: number; kind: 'too_long'; bytes: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function* readLines(input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, maxLineBytes: number): AsyncGenerator<InputLine> {
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
    let whole = parts.length === 0 ? last ?? Buffer.alloc(0) : Buffer.concat(last ? [...parts, last] : parts);
    parts = [];
    pending = 0;
    if (whole.length > 0 && whole[whole.length - 1] === CARRIAGE_RETURN) whole = whole.subarray(0, whole.length - 1);
    // Often a view into the caller's chunk, not a copy: keeping it keeps that chunk alive.
    return { lineNo, kind: 'bytes', bytes: whole };
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

// ignoreBOM keeps a byte-order mark in the text, where the importer sees it (it strips one per line
// from the bytes it stores too); the default would drop it from the text only.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A line's text, or undefined when its bytes are not valid UTF-8 (that line alone is rejected). */
export function decodeLine(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
