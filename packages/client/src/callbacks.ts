import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a zhengxin callback: `header` is the `X-Zhengxin-Signature` value (`t=UNIX_SECONDS,v1=HEX`),
 * `body` the raw request body exactly as received (bytes or text, before any JSON parsing), `secret`
 * the account's SecretKey. True only when one `v1` is the HMAC-SHA256 of `t + "." + body` (compared
 * in constant time) and `t` is within `toleranceSeconds` (default 300) of now, so a captured
 * callback cannot be replayed later. Receivers should also drop a repeated `X-Zhengxin-Delivery`:
 * a callback may be delivered more than once.
 */
export function verifyCallback(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: { toleranceSeconds?: number; nowMs?: number } = {},
): boolean {
  if (typeof header !== 'string' || secret === '') return false;
  let t: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') t = value;
    else if (name === 'v1') signatures.push(value);
  }
  if (t === undefined || !/^\d{1,12}$/.test(t) || signatures.length === 0) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - Number(t)) > tolerance) return false;
  const mac = createHmac('sha256', secret);
  mac.update(`${t}.`, 'utf8');
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  const expected = Buffer.from(mac.digest('hex'), 'utf8');
  let ok = false;
  for (const s of signatures) {
    const given = Buffer.from(s.toLowerCase(), 'utf8');
    // Equal lengths first (timingSafeEqual requires it); the length of a hex SHA-256 is public.
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
