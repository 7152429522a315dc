import { createHash } from 'node:crypto';

/**
 * `Token = upper(md5(key + Timespan + SecretKey))` (PROTOCOL.md, Authentication). The SecretKey
 * never leaves the process; only this digest and the Timespan are sent.
 */
export function computeToken(key: string, timespan: string, secretKey: string): string {
  return createHash('md5').update(key + timespan + secretKey, 'utf8').digest('hex').toUpperCase();
}

/** Unix seconds as the decimal string sent in `Timespan`, after applying a known clock offset. */
export function timespanAt(localNowMs: number, clockOffsetMs: number): string {
  return String(Math.floor((localNowMs + clockOffsetMs) / 1000));
}

/** The two authentication headers of every API call (not of retrieve). */
export function authHeaders(key: string, secretKey: string, timespan: string): Record<string, string> {
  return { Token: computeToken(key, timespan, secretKey), Timespan: timespan };
}
