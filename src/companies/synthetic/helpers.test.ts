import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayFromIso, dayOfDate, isoFromDay } from './dates.js';
import { shortPlaceName } from './identity.js';
import { AffinePermutation, hashSeed, Random } from './random.js';

test('a seeded stream repeats exactly and differs between seeds, indices and streams', () => {
  const draw = (seed: string, index: number, stream: number): number[] => {
    const r = new Random(hashSeed(seed), index, stream);
    return Array.from({ length: 5 }, () => r.next());
  };
  assert.deepEqual(draw('a', 1, 1), draw('a', 1, 1));
  assert.notDeepEqual(draw('a', 1, 1), draw('b', 1, 1));
  assert.notDeepEqual(draw('a', 1, 1), draw('a', 2, 1));
  assert.notDeepEqual(draw('a', 1, 1), draw('a', 1, 2));
  assert.equal(hashSeed(42), hashSeed('42'));
  const r = new Random(hashSeed('range'), 0, 0);
  for (let i = 0; i < 1000; i++) {
    const f = r.float();
    assert.ok(f >= 0 && f < 1);
    const n = r.between(3, 5);
    assert.ok(n >= 3 && n <= 5 && Number.isInteger(n));
  }
});

test('the affine permutation is a bijection, so identifiers keyed by it never repeat', () => {
  for (const size of [31 ** 2, 1000, 152_100]) {
    const perm = new AffinePermutation(size, hashSeed(`perm-${size}`));
    const seen = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const k = perm.apply(i);
      assert.ok(k >= 0 && k < size && seen[k] === 0, `size ${size}: ${i} maps to ${k} twice or out of range`);
      seen[k] = 1;
    }
  }
  // Beyond 2^53 / a the product is taken exactly.
  const big = new AffinePermutation(31 ** 6, 7);
  assert.ok(big.apply(887_000_000) < 31 ** 6);
});

test('dates convert both ways and reject what is no calendar date', () => {
  assert.equal(isoFromDay(dayFromIso('2026-06-30')), '2026-06-30');
  assert.equal(dayFromIso('1970-01-02'), 1);
  assert.equal(isoFromDay(dayFromIso('1900-03-01')), '1900-03-01'); // outside the formatting table
  assert.throws(() => dayFromIso('2026-02-30'), /not a calendar date/);
  assert.throws(() => dayFromIso('30/06/2026'), /YYYY-MM-DD/);
  // The formatting table (1950–2100, built without Date) agrees with Date on every day, and past both ends.
  for (let day = dayOfDate(1949, 12, 25); day <= dayOfDate(2101, 1, 5); day++) {
    assert.equal(isoFromDay(day), new Date(day * 86_400_000).toISOString().slice(0, 10));
  }
});

test('place names shorten the way company names use them', () => {
  assert.equal(shortPlaceName('上海市'), '上海');
  assert.equal(shortPlaceName('广西壮族自治区'), '广西');
  assert.equal(shortPlaceName('延边朝鲜族自治州'), '延边');
  assert.equal(shortPlaceName('长阳土家族自治县'), '长阳');
  assert.equal(shortPlaceName('浦东新区'), '浦东');
  assert.equal(shortPlaceName('大兴安岭地区'), '大兴安岭');
  assert.equal(shortPlaceName('城区'), '城区');
});
