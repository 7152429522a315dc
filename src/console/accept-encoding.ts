/**
 * Which precompressed copy of a file to send for a request's `Accept-Encoding`: Brotli, else gzip,
 * else the file itself. A coding the client gave `q=0` is refused, as RFC 9110 §12.5.3 says;
 * otherwise Brotli wins (smaller) whatever the weights, since every copy is the same file.
 */
export type Coding = 'br' | 'gzip' | 'identity';

export function chooseCoding(header: string | undefined, available: ReadonlySet<Coding>): Coding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const ok = (c: Coding) => available.has(c) && (accepted.get(c) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}
