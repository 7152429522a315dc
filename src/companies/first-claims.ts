/**
 * KeyNo → the line that first claimed it: the importer's first-wins duplicate check across a
 * whole file. An open-addressing table over typed arrays holds a KeyNo (32 hex digits) as four
 * 32-bit words, outside the JS heap: a million KeyNos take 48 MB that no garbage collection has to
 * walk, where a Map of strings took ~59 MB of old space that every major collection traversed.
 * Anything that is not 32 hex digits (never produced by the store) goes to a plain Map.
 */
import { mix32 } from './synthetic/random.js';

const HEX32 = /^[0-9a-f]{32}$/;
const MAX_LOAD = 0.75;

export class FirstClaims {
  private words: Uint32Array;
  /** Line per slot; 0 marks an empty slot (line numbers start at 1). */
  private lines: Float64Array;
  private mask: number;
  private count = 0;
  private readonly others = new Map<string, number>();

  constructor(initialCapacity = 1 << 14) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.words = new Uint32Array(capacity * 4);
    this.lines = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count + this.others.size;
  }

  /**
   * Records `line` as the first claim of `keyNo` and returns undefined, or returns the line that
   * claimed it first (and records nothing).
   */
  claim(keyNo: string, line: number): number | undefined {
    if (!(line >= 1)) throw new RangeError(`line numbers start at 1, got ${line}`);
    if (!HEX32.test(keyNo)) {
      const first = this.others.get(keyNo);
      if (first === undefined) this.others.set(keyNo, line);
      return first;
    }
    const w0 = parseInt(keyNo.slice(0, 8), 16) >>> 0;
    const w1 = parseInt(keyNo.slice(8, 16), 16) >>> 0;
    const w2 = parseInt(keyNo.slice(16, 24), 16) >>> 0;
    const w3 = parseInt(keyNo.slice(24, 32), 16) >>> 0;
    const slot = this.find(w0, w1, w2, w3);
    const first = this.lines[slot]!;
    if (first !== 0) return first;
    this.put(slot, w0, w1, w2, w3, line);
    if (++this.count > this.lines.length * MAX_LOAD) this.grow();
    return undefined;
  }

  /** The slot holding this key, or the empty slot where it belongs (linear probing). */
  private find(w0: number, w1: number, w2: number, w3: number): number {
    // Derived KeyNos are hashes already; explicit ones may not be, so mix all four words.
    let slot = mix32(w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca77) ^ Math.imul(w3, 0xc2b2ae3d)) & this.mask;
    for (;;) {
      if (this.lines[slot] === 0) return slot;
      const at = slot * 4;
      const words = this.words;
      if (words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private put(slot: number, w0: number, w1: number, w2: number, w3: number, line: number): void {
    const at = slot * 4;
    this.words[at] = w0;
    this.words[at + 1] = w1;
    this.words[at + 2] = w2;
    this.words[at + 3] = w3;
    this.lines[slot] = line;
  }

  private grow(): void {
    const oldWords = this.words;
    const oldLines = this.lines;
    const capacity = oldLines.length * 2;
    this.words = new Uint32Array(capacity * 4);
    this.lines = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < oldLines.length; s++) {
      const line = oldLines[s]!;
      if (line === 0) continue;
      const at = s * 4;
      const w0 = oldWords[at]!;
      const w1 = oldWords[at + 1]!;
      const w2 = oldWords[at + 2]!;
      const w3 = oldWords[at + 3]!;
      this.put(this.find(w0, w1, w2, w3), w0, w1, w2, w3, line);
    }
  }
}
