/** One HTTP/1.1 response read off a raw socket: status, headers (names lower-cased), body bytes. */
export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The complete responses at the start of `data` (bytes read from a raw socket, where Node's http
 * client cannot be used because it would percent-encode what the test sends). Content-Length
 * framing only, which is what the server sends; an incomplete last response is left out.
 */
export function parseRawResponses(data: Buffer): RawHttpResponse[] {
  const out: RawHttpResponse[] = [];
  let rest = data;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) break;
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) break;
    out.push({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.subarray(end + 4, end + 4 + length) });
    rest = rest.subarray(end + 4 + length);
  }
  return out;
}
