import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../document.js';
import { relationEdgesOf } from '../relations/edges.js';
import { dayFromIso } from './dates.js';
import { DEFAULT_REFERENCE_DATE, generateCompanies } from './generate.js';
import { CROSS_WINDOW, GROUP_SIZE, MAX_CROSS_BP, MIN_CROSS_BP, groupPlaceOf, withMinorityHolder } from './groups.js';
import { generatorKeys } from './identity.js';
import { hashSeed, Random } from './random.js';

it('generates groups: holding chains of three or more, directors across members, and a few cross-holdings', () => {
  const docs = [...generateCompanies({ count: 3000, seed: 'groups' })];
  const byUscc = new Map(docs.map((d) => [d.uscc!, d]));
  const heldBy = (d: (typeof docs)[number]) => d.shareholders?.find((s) => s.kind === 'company' && s.isController && byUscc.has(s.uscc!));
  let chains3 = 0;
  let sharedDirectors = 0;
  let cycles = 0;
  for (const d of docs) {
    const up1 = heldBy(d);
    const p1 = up1 && byUscc.get(up1.uscc!);
    const up2 = p1 && heldBy(p1);
    if (up2) chains3++;
    if (p1 && d.personnel?.some((p) => p.positions.includes('董事') && p.name === p1.legalRep)) sharedDirectors++;
    // A cycle: a holder of d is (through controlling holders) held by d.
    for (const s of d.shareholders ?? []) {
      let at = s.uscc ? byUscc.get(s.uscc) : undefined;
      for (let k = 0; at && k < 8; k++) {
        if (at === d) { cycles++; break; }
        const up = heldBy(at);
        at = up ? byUscc.get(up.uscc!) : undefined;
      }
    }
  }
  assert.ok(chains3 > 50, `chains of three levels: ${chains3}`);
  assert.ok(sharedDirectors > 50, `directors shared with the holder: ${sharedDirectors}`);
  assert.ok(cycles >= 1 && cycles < 100, `cross-holdings: ${cycles}`);
  assert.ok(docs.every((d) => relationEdgesOf(d).every((e) => e.aName !== '' && e.bName !== '')));
});

describe('links between groups', () => {
  const seed = 'groups';
  const keys = generatorKeys(hashSeed(seed), dayFromIso(DEFAULT_REFERENCE_DATE));
  const docs = [...generateCompanies({ count: 6000, seed })];
  const runOf = (index: number): number => Math.floor(index / GROUP_SIZE);
  const indexByUscc = new Map(docs.map((d, i) => [d.uscc!, i]));
  const groups = new Set<number>();
  for (let i = 0; i < docs.length; i++) if (groupPlaceOf(keys, i)) groups.add(runOf(i));

  it('about 44 % of the groups hold a 5–30 % stake in another group\'s member, stated on both sides, at most one per investee', () => {
    let stakes = 0;
    const investees = new Set<number>();
    for (let i = 0; i < docs.length; i++) {
      for (const inv of docs[i]!.investments ?? []) {
        const j = indexByUscc.get(inv.uscc ?? '');
        if (j === undefined || runOf(j) === runOf(i) || !groups.has(runOf(j)) || !groups.has(runOf(i))) continue;
        const held = docs[j]!.shareholders?.find((s) => s.uscc === docs[i]!.uscc);
        if (!held) continue; // a random one-sided 对外投资 that happens to name another group's member
        stakes++;
        assert.equal(held.ratio, inv.ratio, `${docs[i]!.name} → ${docs[j]!.name}: the same ratio on both sides`);
        assert.deepEqual(held.subscribed, inv.subscribed, 'the same subscribed amount on both sides');
        assert.ok(inv.ratio! >= MIN_CROSS_BP / 10_000 && inv.ratio! <= MAX_CROSS_BP / 10_000, `ratio ${inv.ratio}`);
        assert.ok(runOf(j) > runOf(i) && runOf(j) <= runOf(i) + CROSS_WINDOW, 'into a group within the window');
        assert.ok(!investees.has(j), `${docs[j]!.name} has one minority holder from another group`);
        investees.add(j);
      }
    }
    const share = stakes / groups.size;
    assert.ok(share > 0.35 && share < 0.55, `${stakes} stakes for ${groups.size} groups (${share.toFixed(3)}; docs/relations.md: about 0.44)`);
  });

  it('a minority stake never changes the investee\'s controller: its parent (or the head\'s own) keeps the first, largest share', () => {
    let checked = 0;
    for (let j = 0; j < docs.length; j++) {
      const place = groupPlaceOf(keys, j);
      if (!place?.minorityHolder) continue;
      const holders = docs[j]!.shareholders!;
      const controller = holders[0]!;
      const stake = holders.at(-1)!;
      assert.equal(stake.uscc, place.minorityHolder.other.uscc);
      assert.equal(controller.isController, true);
      assert.equal(holders.filter((h) => h.isController).length, 1);
      if (place.parent) assert.equal(controller.uscc, place.parent.uscc, `${docs[j]!.name}: still held by the member above`);
      else assert.notEqual(controller.uscc, stake.uscc, 'the head keeps its own controller');
      for (const h of holders.slice(1)) assert.ok(h.ratio! < controller.ratio!, `${docs[j]!.name}: ${h.name} ${h.ratio} under the controller's ${controller.ratio}`);
      assert.ok(Math.abs(holders.reduce((s, h) => s + h.ratio!, 0) - 1) < 1e-9);
      checked++;
    }
    assert.ok(checked > 50, `${checked} investees`);
  });

  it('withMinorityHolder keeps the controller first, largest, and on the same side of 50 %', () => {
    const random = new Random(1, 2, 3);
    for (let t = 0; t < 5000; t++) {
      const n = 1 + random.int(12);
      const weights = Array.from({ length: n }, (_, k) => (k === 0 ? 2 + 3 * random.float() : 0.3 + random.float()));
      const total = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => Math.max(1, Math.floor((w / total) * 10_000)));
      shares[0]! += 10_000 - shares.reduce((a, b) => a + b, 0);
      const minority = random.between(MIN_CROSS_BP, MAX_CROSS_BP);
      const after = withMinorityHolder(shares, minority);
      assert.equal(after.length, n + 1);
      assert.equal(after.reduce((a, b) => a + b, 0), 10_000, `${shares} + ${minority} → ${after}`);
      assert.equal(after[n], minority);
      assert.ok(after.every((s) => s >= 1));
      assert.ok(after.slice(1).every((s) => s < after[0]!), `${shares} + ${minority} → ${after}`);
      assert.equal(after[0]! > 5000, shares[0]! > 5000, `majority kept or not gained: ${shares} → ${after}`);
    }
  });

  it('panel directors sit at 2–3 unrelated groups with a shared supervisor; namesakes share nothing', () => {
    const at = new Map<string, number[]>();
    for (let i = 0; i < docs.length; i++) {
      for (const post of groupPlaceOf(keys, i)?.outsidePosts ?? []) {
        if (post.role !== 'director') continue;
        const list = at.get(post.name) ?? [];
        list.push(i);
        at.set(post.name, list);
      }
    }
    const namesOf = (d: CompanyDocument): Set<string> => new Set([d.legalRep ?? '', ...(d.personnel ?? []).map((p) => p.name), ...(d.shareholders ?? []).filter((s) => s.kind === 'person').map((s) => s.name)]);
    let panels = 0;
    let namesakes = 0;
    for (const [name, indices] of at) {
      if (indices.length < 2 || indices.length > 3) continue; // alone (its other group too small), or a name two panels drew
      const companies = indices.map((i) => docs[i]!);
      for (const d of companies) assert.ok(d.personnel!.some((p) => p.name === name && /董事/.test(p.positions.join())), `${name} at ${d.name}`);
      const runs = indices.map(runOf);
      assert.equal(new Set(runs).size, runs.length, 'each in another group');
      assert.ok(Math.max(...runs) - Math.min(...runs) > CROSS_WINDOW, 'beyond the cross-investment window');
      const shared = [...namesOf(companies[0]!)].filter((n) => n !== name && companies.every((d) => namesOf(d).has(n)));
      if (shared.length > 0) {
        panels++;
        assert.ok(companies.every((d) => d.personnel!.some((p) => p.name === shared[0] && p.positions.includes('监事'))), 'the shared co-officer is 监事 at each');
      } else {
        namesakes++;
        assert.equal(indices.length, 2);
        const [a, b] = companies;
        const linked = (x: CompanyDocument, y: CompanyDocument): boolean =>
          (x.shareholders ?? []).some((s) => s.uscc === y.uscc) || (x.investments ?? []).some((s) => s.uscc === y.uscc);
        assert.ok(!linked(a!, b!) && !linked(b!, a!), `${name}: ${a!.name} and ${b!.name} share no edge`);
      }
    }
    assert.ok(panels >= 10, `${panels} panels`);
    assert.ok(namesakes >= 5, `${namesakes} namesakes`);
  });
});
