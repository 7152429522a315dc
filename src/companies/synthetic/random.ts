/**
 * Seeded pseudo-random numbers for the generator: sfc32 (Chris Doty-Humphrey's small fast counter
 * generator, public domain) seeded through a 32-bit integer hash. Never Math.random: the same seed
 * must give the same bytes on every machine and Node version.
 */

/** A 32-bit avalanche hash (xorshift-multiply); maps nearby inputs to unrelated outputs. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over the seed's UTF-16 code units, then mixed: any string (or number) is a seed. */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream fixed by the seed hash, the company index and a stream number (identity, body, …). */
  constructor(seedHash: number, index: number, stream: number) {
    // Index may exceed 2^32 in principle; fold the high part in so it still matters.
    const lo = index >>> 0;
    const hi = Math.floor(index / 0x100000000) >>> 0;
    this.a = mix32(seedHash ^ 0x9e3779b9);
    this.b = mix32(lo ^ Math.imul(stream + 1, 0x85ebca6b));
    this.c = mix32(hi ^ seedHash ^ Math.imul(stream + 7, 0xc2b2ae35));
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The next unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** A Poisson-distributed count with the given mean (Knuth's method; means here are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal around `median` with spread `sigma` (in natural-log units). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** A cumulative-weight table for picking items by weight with one uniform draw. */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      total += weight;
      this.cumulative[i] = total;
    });
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  pick(random: Random): T {
    const u = random.float();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * A keyed bijection on [0, size): i ↦ (a·i + b) mod size with a coprime to size. Gives every index
 * its own identifier (trade name, code body, sequence number) without remembering what was used.
 */
export class AffinePermutation {
  private readonly a: number;
  private readonly b: number;

  constructor(readonly size: number, key: number) {
    let a = (mix32(key) % (size - 1)) + 1;
    while (gcd(a, size) !== 1) a = (a % (size - 1)) + 1;
    this.a = a;
    this.b = mix32(key ^ 0x5bd1e995) % size;
  }

  apply(i: number): number {
    // a and i are both below 2^37 here at most; BigInt keeps the product exact beyond 2^53.
    const product = this.a * i;
    if (Number.isSafeInteger(product)) return (product + this.b) % this.size;
    return Number((BigInt(this.a) * BigInt(i) + BigInt(this.b)) % BigInt(this.size));
  }
}

function gcd(x: number, y: number): number {
  while (y) [x, y] = [y, x % y];
  return x;
}
