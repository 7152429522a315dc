/**
 * Clock-skew correction. The server rejects a Timespan outside its window (±300 s by default) with
 * Status 115. Its HTTP `Date` header tells us its clock to the second, so the offset we must add
 * to our own clock is `Date - now`. `Date` truncates to whole seconds, so on average the server's
 * clock is half a second later than it says: we add that back.
 */
const DATE_RESOLUTION_HALF_MS = 500;

/** Offset (ms) to add to the local clock to match the server, or null without a usable Date. */
export function clockOffsetFromDateHeader(dateHeader: string | null, localNowMs: number): number | null {
  if (!dateHeader) return null;
  const serverMs = Date.parse(dateHeader);
  if (Number.isNaN(serverMs)) return null;
  return serverMs + DATE_RESOLUTION_HALF_MS - localNowMs;
}

/**
 * Below this disagreement, a 115 is not explained by our clock (a Date header has 1 s resolution
 * and the answer takes time to arrive), so retrying with a "corrected" Timespan would be noise.
 */
export const CLOCK_SKEW_SUSPECT_MS = 5_000;

/**
 * Whether a 115 answer looks caused by clock skew and is worth one retry with `newOffsetMs`.
 * Our server says so in `X-Error-Reason: timespan_skew`; the vendor's does not, so a large
 * disagreement with its `Date` counts too.
 */
export function isSkewExplained(reason: string | null, currentOffsetMs: number, newOffsetMs: number | null): boolean {
  if (newOffsetMs === null) return false;
  if (reason === 'timespan_skew') return true;
  return Math.abs(newOffsetMs - currentOffsetMs) >= CLOCK_SKEW_SUSPECT_MS;
}
