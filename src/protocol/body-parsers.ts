import { JsonBody, type FormSource } from './params.js';

/**
 * Request bodies into parameters (docs/integration.md, "Parameters"). Pure functions over the
 * bytes Fastify collected (bounded by its body limit); none throws: a body that cannot be read is
 * a `MalformedBody`, which the check order answers with 202 at its parameter step, unless the query
 * string carries the whole call.
 */
export class MalformedBody {
  constructor(readonly reason: string) {}
}

/** JSON nested deeper than this is refused before it is parsed (no recursion can overflow). */
export const MAX_JSON_DEPTH = 32;

/**
 * A JSON body: an object whose members are parameters. Nesting is measured by one iterative scan
 * first, which also notes top-level names given twice (JSON.parse would keep the last silently).
 */
export function parseJsonBody(bytes: Buffer): JsonBody | MalformedBody | undefined {
  const text = decodeStrict(bytes, 'utf-8');
  if (text === undefined) return new MalformedBody('body_encoding');
  if (text.trim() === '') return undefined;
  const scan = scanJson(text);
  if (scan.tooDeep) return new MalformedBody('body_too_deep');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new MalformedBody('body_malformed');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return new MalformedBody('body_not_object');
  return new JsonBody(parsed as Record<string, unknown>, scan.repeated);
}

/** Depth (iteratively, strings skipped) and the top-level object's repeated names. */
export function scanJson(text: string): { tooDeep: boolean; repeated: Set<string> } {
  const repeated = new Set<string>();
  const names = new Set<string>();
  let depth = 0;
  let topIsObject = false;
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      if (depth === 1 && topIsObject && expectName) {
        let name: unknown;
        try {
          name = JSON.parse(text.slice(start, i + 1));
        } catch {
          name = undefined;
        }
        if (typeof name === 'string') {
          if (names.has(name)) repeated.add(name);
          names.add(name);
        }
        expectName = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > MAX_JSON_DEPTH) return { tooDeep: true, repeated };
      if (depth === 1) {
        topIsObject = c === 0x7b;
        expectName = topIsObject;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x2c /* , */ && depth === 1) {
      expectName = topIsObject;
    }
  }
  return { tooDeep: false, repeated };
}

/**
 * `application/x-www-form-urlencoded`, decoded in the charset the Content-Type declares (UTF-8
 * when none; GBK, GB18030, Big5, … as the WHATWG decoders know them): percent-escapes and raw
 * bytes alike are bytes of that charset. A name given twice keeps every value (Params decides).
 */
export function parseFormBody(bytes: Buffer, contentType: string | undefined): FormSource | MalformedBody {
  const charset = charsetOf(contentType);
  const decoder = decoderFor(charset);
  if (!decoder) return new MalformedBody('charset_unsupported');
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26 /* & */, start);
    if (end === -1) end = bytes.length;
    if (end > start) {
      const pair = bytes.subarray(start, end);
      const eq = pair.indexOf(0x3d /* = */);
      const name = formDecode(eq === -1 ? pair : pair.subarray(0, eq), decoder);
      const value = eq === -1 ? '' : formDecode(pair.subarray(eq + 1), decoder);
      if (name === undefined || value === undefined) return new MalformedBody('body_encoding');
      if (name !== '') add(out, name, value);
    }
    start = end + 1;
  }
  return out;
}

/** Percent-decodes (and `+` → space) into bytes, then decodes them in the body's charset. */
function formDecode(raw: Buffer, decoder: InstanceType<typeof TextDecoder>): string | undefined {
  const bytes = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x2b /* + */) bytes[n++] = 0x20;
    else if (b === 0x25 /* % */ && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes[n++] = parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16);
      i += 2;
    } else bytes[n++] = b;
  }
  try {
    return decoder.decode(bytes.subarray(0, n));
  } catch {
    return undefined;
  }
}

const isHex = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

/** At most this many parts: a multipart body is parameters, not uploads. */
const MAX_PARTS = 256;

/**
 * `multipart/form-data` (RFC 7578), as PHP's curl sends an array of fields: each part without a
 * `filename` is a parameter; its text is decoded in the part's own declared charset, else the
 * `_charset_` field's, else the Content-Type's, else UTF-8. Parts with a filename are ignored.
 * The whole body is in memory already (Fastify's body limit), so this is one bounded pass.
 */
export function parseMultipartBody(bytes: Buffer, contentType: string | undefined): FormSource | MalformedBody {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  if (!boundary) return new MalformedBody('multipart_boundary_missing');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`, 'latin1');
  const parts: Array<{ name: string; charset: string | undefined; body: Buffer }> = [];
  let at = bytes.indexOf(delimiter);
  if (at === -1) return new MalformedBody('multipart_malformed');
  for (;;) {
    let cursor = at + delimiter.length;
    if (bytes[cursor] === 0x2d && bytes[cursor + 1] === 0x2d) break; // the closing delimiter
    // The rest of the delimiter line (transport padding) up to its CRLF.
    const lineEnd = bytes.indexOf('\r\n', cursor, 'latin1');
    if (lineEnd === -1) return new MalformedBody('multipart_malformed');
    cursor = lineEnd + 2;
    const headersEnd = bytes.indexOf('\r\n\r\n', cursor, 'latin1');
    if (headersEnd === -1) return new MalformedBody('multipart_malformed');
    const next = bytes.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), headersEnd + 4);
    if (next === -1) return new MalformedBody('multipart_malformed');
    const headers = bytes.subarray(cursor, headersEnd).toString('utf8');
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers);
    if (!disposition) return new MalformedBody('multipart_malformed');
    const name = /;\s*name="((?:[^"\\]|\\.)*)"|;\s*name=([^\s;]+)/i.exec(disposition[1]!);
    const isFile = /;\s*filename\*?=/i.test(disposition[1]!);
    if (name && !isFile) {
      const partType = /^content-type:\s*(.*)$/im.exec(headers)?.[1];
      parts.push({ name: (name[1] ?? name[2]!).replace(/\\(.)/g, '$1'), charset: partType ? charsetOf(partType) : undefined, body: bytes.subarray(headersEnd + 4, next) });
      if (parts.length > MAX_PARTS) return new MalformedBody('multipart_too_many_parts');
    }
    at = next + 2;
  }
  const fallback = parts.find((p) => p.name === '_charset_')?.body.toString('latin1').trim() || charsetOf(contentType);
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const part of parts) {
    if (part.name === '_charset_') continue;
    const decoder = decoderFor(part.charset ?? fallback);
    if (!decoder) return new MalformedBody('charset_unsupported');
    let value: string;
    try {
      value = decoder.decode(part.body);
    } catch {
      return new MalformedBody('body_encoding');
    }
    add(out, part.name, value);
  }
  return out;
}

function add(out: Record<string, string | string[]>, name: string, value: string): void {
  const before = out[name];
  if (before === undefined) out[name] = value;
  else if (Array.isArray(before)) before.push(value);
  else out[name] = [before, value];
}

/** The `charset` parameter of a media type, lower-cased; UTF-8 when absent. */
export function charsetOf(contentType: string | undefined): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

/** A strict decoder (bytes that are no text in the charset are an error, not U+FFFD), or undefined for an unknown charset. */
function decoderFor(charset: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return undefined;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeStrict(bytes: Buffer, charset: string): string | undefined {
  try {
    return (charset === 'utf-8' ? UTF8 : new TextDecoder(charset, { fatal: true })).decode(bytes);
  } catch {
    return undefined;
  }
}
