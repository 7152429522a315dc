/**
 * Callback signatures (docs/realtime.md): `X-Zhengxin-Signature: t=UNIX_SECONDS,v1=HEX`, where
 * HEX is the lower-case hex HMAC-SHA256, keyed with the account's SecretKey, of `t + "." + body`.
 * The SDK's `verifyCallback` (packages/client) checks the same thing on the receiving side.
 */
import crypto from 'node:crypto';

export function signatureHeader(secretKey: string, unixSeconds: number, body: string): string {
  const mac = crypto.createHmac('sha256', secretKey).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
