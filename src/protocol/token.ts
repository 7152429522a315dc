import crypto from 'node:crypto';

/** `Token = upper(md5(key + Timespan + SecretKey))` (PROTOCOL.md "Authentication"). */
export function computeToken(key: string, timespan: string, secretKey: string): string {
  return crypto.createHash('md5').update(key + timespan + secretKey, 'utf8').digest('hex').toUpperCase();
}

export const DEFAULT_TOKEN_SKEW_SECONDS = 300;

export type TimespanCheck = { ok: true } | { ok: false; reason: 'token_missing' | 'timespan_missing' | 'timespan_malformed' | 'timespan_skew' };

/**
 * Header presence and the skew window (status 115). `|now − Timespan| ≤ skew` is accepted, so a
 * Timespan exactly at the edge of the window passes and one second past it fails.
 */
export function checkTimespan(token: string | undefined, timespan: string | undefined, nowSeconds: number, skewSeconds: number): TimespanCheck {
  if (!token) return { ok: false, reason: 'token_missing' };
  if (!timespan) return { ok: false, reason: 'timespan_missing' };
  if (!/^\d{1,12}$/.test(timespan)) return { ok: false, reason: 'timespan_malformed' };
  if (Math.abs(nowSeconds - Number(timespan)) > skewSeconds) return { ok: false, reason: 'timespan_skew' };
  return { ok: true };
}

/**
 * Constant-time comparison, case-insensitive: both sides are upper-cased first (the expected token
 * already is) and compared as equal-length buffers. A length mismatch compares the expected token
 * with itself so that the timing does not reveal the length check.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented.toUpperCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    crypto.timingSafeEqual(b, b);
    return false;
  }
  return crypto.timingSafeEqual(a, b);
}
