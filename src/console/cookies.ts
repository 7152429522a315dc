/** The console's session cookie: its name, how it is read from a Cookie header and how it is set. */
export const SESSION_COOKIE = 'zx_console';
/** Only the console's paths receive it. */
const COOKIE_PATH = '/console';

/** The value of `name` in a Cookie header, or undefined (a malformed header yields nothing). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Set-Cookie for a session: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Secure when the browser came over HTTPS, limited to /console. `maxAgeSeconds` 0 clears it.
 */
export function sessionCookie(value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, `Path=${COOKIE_PATH}`, `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
