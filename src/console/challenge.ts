import crypto from 'node:crypto';

/**
 * The customer's signed sign-in: the server hands out a one-time nonce, the browser answers with
 * HMAC-SHA256 keyed by the SecretKey over `challengeMessage(key, nonce)` (WebCrypto), and the
 * server computes the same from the sealed SecretKey. The SecretKey itself never crosses the wire.
 * The message names the console and the account, so a signature is good for nothing else.
 */
export function challengeMessage(accountKey: string, nonce: string): string {
  return `zhengxin-console-signin\n${accountKey}\n${nonce}`;
}

export function challengeSignature(secretKey: string, accountKey: string, nonce: string): string {
  return crypto.createHmac('sha256', secretKey).update(challengeMessage(accountKey, nonce)).digest('hex');
}

/** Constant-time: both sides are hashed to equal length before comparing. */
export function signatureMatches(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented.toLowerCase()).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Constant-time equality of two secrets of any length (tokens, CSRF values). */
export function secretEquals(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && expected.length > 0;
}
