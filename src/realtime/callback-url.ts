/**
 * Callback URLs (docs/realtime.md): http or https only, no credentials in them, at most 2,000
 * characters. Where they point is checked when a delivery is made, on the address the name
 * resolves to then (src/realtime/ssrf.ts): a name can be re-pointed after it was accepted.
 */
export const CALLBACK_URL_MAX = 2000;

/** What is wrong with `text` as a callback URL, or undefined when it is acceptable. */
export function callbackUrlProblem(text: string): string | undefined {
  if (text.length > CALLBACK_URL_MAX) return `longer than ${CALLBACK_URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `scheme ${url.protocol.replace(/:$/, '')} is not http or https`;
  if (url.username || url.password) return 'must not carry a user name or password';
  if (!url.hostname) return 'has no host';
  return undefined;
}
