/**
 * The file name a retrieve answer suggests. The server sends an ASCII fallback `filename=` and an
 * RFC 5987 `filename*=UTF-8''…` naming the company; the latter wins when present.
 */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended && /^utf-8$/i.test(extended[1]!.trim())) {
    try {
      return decodeURIComponent(extended[2]!.trim());
    } catch {
      // Malformed percent-encoding: fall through to the ASCII fallback.
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? token[1]! : null;
}

/**
 * A server-suggested name made safe to use as a file name in the current directory: no directory
 * parts, no control characters, no leading dots. Returns null when nothing usable is left.
 */
export function safeFilename(name: string | null): string | null {
  if (!name) return null;
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return cleaned === '' ? null : cleaned;
}
