import crypto from 'node:crypto';

/**
 * Ids for append-mostly rows (audit lines, ledger entries): 32 hex characters that sort by
 * creation time — 48 bits of milliseconds, a 16-bit sequence within this process, 64 random bits.
 * A random id would land each insert on a random page of the primary-key index, so a batch of 500
 * audit rows dirtied ~500 index pages (all written to the WAL); time-ordered ids append at the
 * index's right edge. Unique across processes by the random part; not secrets (order numbers and
 * retrieve codes, which are, stay fully random).
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs === lastMs) {
    sequence = (sequence + 1) & 0xffff;
  } else {
    lastMs = nowMs;
    sequence = 0;
  }
  return nowMs.toString(16).padStart(12, '0').slice(-12) + sequence.toString(16).padStart(4, '0') + randomHex(8);
}

let lastMs = -1;
let sequence = 0;

/**
 * `bytes` bytes from the CSPRNG as lowercase hex (order numbers, retrieve codes, row ids). The
 * bytes are drawn 4 KiB at a time and each is handed out once: one `crypto.randomBytes(16)` costs
 * ~8 µs here (a system call per draw), a slice of the pool ~0.4 µs, and the bytes are the same
 * CSPRNG output either way.
 */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) throw new RangeError(`randomHex: bytes must be 1–${POOL_BYTES}, got ${bytes}`);
  if (offset + bytes > pool.length) {
    pool = crypto.randomBytes(POOL_BYTES);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  // Handed out once: the pool never gives the same bytes twice.
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return hex;
}

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;
