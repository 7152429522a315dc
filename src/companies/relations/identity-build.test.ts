import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdentityBuild } from './identity-build.js';
import { clusterMentions } from './identity.js';

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('IdentityBuild (the whole-store pass)', () => {
  it('groups every name exactly as clusterMentions does, on random graphs', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed);
      const companies = Array.from({ length: 4 + Math.floor(r() * 30) }, (_, i) => `K${String(i).padStart(3, '0')}`);
      const names = Array.from({ length: 2 + Math.floor(r() * 8) }, (_, i) => `p:名${i}`);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const mentions = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
      for (let i = 0; i < companies.length * 2; i++) mentions.get(pick(names))!.add(pick(companies));
      // Far ends: stored companies (resolved), or references of companies outside the store.
      const far: Array<[string, string, string | null]> = [];
      for (let i = 0; i < companies.length; i++) {
        if (r() < 0.4) far.push([pick(companies), `u:X${Math.floor(r() * 5)}`, null]);
        if (r() < 0.4) far.push([pick(companies), `n:某公司${i}`, pick(companies)]);
      }
      const build = new IdentityBuild();
      // Half the runs intern the stored companies first, in KeyNo order (as the SQLite pass does).
      if (seed % 2 === 0) build.addCompaniesInOrder(companies.filter(() => r() < 0.7));
      for (const n of names) for (const c of mentions.get(n)!) build.addMention(n, c);
      for (const [src, ref, resolved] of far) build.addFarEnd(src, ref, resolved);
      const rows = [...build.groups()];

      for (const n of names) {
        const own = [...mentions.get(n)!].sort();
        const coNames = new Map<string, Set<string>>();
        const neighbours = new Map<string, Set<string>>();
        for (const c of own) {
          coNames.set(c, new Set(names.filter((m) => m !== n && mentions.get(m)!.has(c))));
          neighbours.set(c, new Set(far.filter(([src]) => src === c).map(([, ref, resolved]) => resolved ?? ref)));
        }
        const expected = clusterMentions(own, { coNames, neighbours }).filter((g) => g.length > 1)
          .flatMap((g) => g.map((c) => `${c} ${g[0]}`)).sort();
        const actual = rows.filter((row) => row.ref === n).map((row) => `${row.key_no} ${row.group_key}`).sort();
        assert.deepEqual(actual, expected, `seed ${seed}, ${n}`);
      }
    }
  });
});
