/**
 * Key text → the rowids that may hold it: a bulk load's stand-in for the indexes it dropped
 * (src/companies/sqlite-bulk-load.ts). It keeps only a 32-bit fingerprint per key, in typed arrays
 * outside the JS heap (a million keys take 16 MB), so `candidates` may name a rowid whose key only
 * shares the fingerprint: the caller reads that row and compares. It never misses a rowid that
 * was added under the same text, which is what makes skipping the look-up of an absent key exact.
 */
import { mix32 } from './synthetic/random.js';

const MAX_LOAD = 0.75;

export class RowidsByKey {
  /** Fingerprint per slot; a slot is empty when its rowid is 0 (SQLite rowids start at 1). */
  private fingerprints: Int32Array;
  private rowids: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 12) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.fingerprints = new Int32Array(capacity);
    this.rowids = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  add(key: string, rowid: number): void {
    if (!(Number.isSafeInteger(rowid) && rowid >= 1 && rowid <= 0xffffffff)) throw new RangeError(`rowid must be 1 … 2^32−1, got ${rowid}`);
    this.put(fingerprintOf(key), rowid);
    if (++this.count > this.rowids.length * MAX_LOAD) this.grow();
  }

  /** Every rowid added under a key with this key's fingerprint (usually none, or the one). */
  candidates(key: string): number[] {
    const fingerprint = fingerprintOf(key);
    const found: number[] = [];
    for (let slot = fingerprint & this.mask; this.rowids[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.fingerprints[slot] === fingerprint) found.push(this.rowids[slot]!);
    }
    return found;
  }

  /** The slot comes from the fingerprint's low bits, so growing needs no key text. */
  private put(fingerprint: number, rowid: number): void {
    let slot = fingerprint & this.mask;
    while (this.rowids[slot] !== 0) slot = (slot + 1) & this.mask;
    this.fingerprints[slot] = fingerprint;
    this.rowids[slot] = rowid;
  }

  private grow(): void {
    const oldFingerprints = this.fingerprints;
    const oldRowids = this.rowids;
    const capacity = oldRowids.length * 2;
    this.fingerprints = new Int32Array(capacity);
    this.rowids = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < oldRowids.length; s++) {
      if (oldRowids[s] !== 0) this.put(oldFingerprints[s]!, oldRowids[s]!);
    }
  }
}

/**
 * A 32-bit hash of the UTF-16 code units: FNV-1a, finished with the generator's `mix32` so that
 * the low bits (the slot) depend on every character. Two different keys share it with odds of
 * about one in four billion, and a shared fingerprint costs the caller one row read, never a wrong
 * answer.
 */
function fingerprintOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix32(h) | 0;
}
