// The ownership walk in one statement (relations/ownership-walk.ts, PostgreSQL) against the
// level-by-level read it replaces: the same controller and relation facts, for hand-built shapes
// that exercise every branch of the walk and for every third company of a generated store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { normaliseName } from '../src/companies/normalise.js';
import { graphStore, type GraphReadPort } from '../src/companies/relations/graph-store.js';
import { MAX_LEVELS } from '../src/companies/relations/holdings.js';
import { controllerOf, relationFactsOf } from '../src/companies/relations/relation-facts.js';
import { upsertCompanies } from '../src/companies/store.js';
import { generateCompanies } from '../src/companies/synthetic/generate.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { companyMaker, holder, person } from './support/graph-documents.js';

const NOW = '2026-01-01T00:00:00.000Z';
const co = companyMaker('91320106', 500000, '2016-05-04');

/** The port without the walk: every level read by its own statement (the way before, and SQLite's). */
function levelByLevel(port: GraphReadPort): GraphReadPort {
  const { ownershipWalk: _walk, ...rest } = port;
  return rest;
}

/** The port, counting what the derivations ask of it. */
function counted(port: GraphReadPort): { port: GraphReadPort; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(port)) {
    out[name] = typeof fn === 'function' ? (...args: unknown[]) => { calls.set(name, (calls.get(name) ?? 0) + 1); return (fn as (...a: unknown[]) => unknown)(...args); } : fn;
  }
  return { port: out as unknown as GraphReadPort, calls };
}

async function sameBothWays(db: TestDatabase, keyNo: string, port: GraphReadPort): Promise<void> {
  const levels = levelByLevel(port);
  assert.deepEqual(await controllerOf(db.db, keyNo, port), await controllerOf(db.db, keyNo, levels), `controllerOf ${keyNo}`);
  assert.deepEqual(await relationFactsOf(db.db, keyNo, { port }), await relationFactsOf(db.db, keyNo, { port: levels }), `relationFactsOf ${keyNo}`);
}

for (const backend of BACKENDS) {
  describe(`ownership walk on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    if (backend.name === 'sqlite') {
      it('is not offered: a SQLite statement costs no round trip, so the walk reads level by level', () => {
        assert.equal(graphStore(t.db).ownershipWalk, undefined);
      });
      return;
    }

    it('reads a chain in one statement and derives what the level-by-level read derives', async () => {
      const top = co('步行顶层控股有限公司', { shareholders: [person('秦顶层', 0.7), person('许少数', 0.3)] });
      const mid = co('步行中层投资有限公司', { shareholders: [holder(top, 0.8), person('许少数', 0.2)] });
      const target = co('步行目标科技有限公司', { shareholders: [holder(mid, 0.6), person('何其他', 0.4)] });
      await upsertCompanies(t.db, [top, mid, target], { now: NOW });
      const { port, calls } = counted(graphStore(t.db));
      const found = await controllerOf(t.db, deriveKeyNo(target), port);
      assert.equal(found?.controller?.name, '秦顶层');
      assert.ok(Math.abs((found?.cumulativeRatio ?? 0) - 0.7 * 0.8 * 0.6) < 1e-9);
      assert.equal(calls.get('ownershipWalk'), 1, 'the whole chain in one statement');
      assert.equal(calls.get('edgesWithCompanies') ?? 0, 0, 'no level read by its own statement');
      assert.equal(calls.get('companies') ?? 0, 0, 'the company row comes with the walk');
      await sameBothWays(t, deriveKeyNo(target), graphStore(t.db));
      assert.equal(await controllerOf(t.db, 'ffffffffffffffffffffffffffffffff'), undefined, 'an unknown company is undefined, as before');
    });

    it('follows holders named by name only, ambiguous names, cross-holdings, unknown and empty registers, and stops at the level bound', async () => {
      // A holder no stored company answers to, that another document invests in by the same name.
      const outsider = '步行库外合伙企业（有限合伙）';
      const investor = co('步行库外出资方有限公司', { shareholders: [person('尤出资', 1)], investments: [{ name: outsider, ratio: 0.9 }] });
      // Two stored companies bear this name: it resolves to nobody, never to a guess.
      const twinA = co('步行同名控股有限公司', { shareholders: [person('冯甲', 1)] });
      const twinB = co('步行同名控股有限公司', { shareholders: [person('陈乙', 1)] });
      // A cross-holding: each holds the other.
      const crossA = co('步行交叉甲有限公司', { shareholders: [person('吕交叉', 0.6)] });
      const crossB = co('步行交叉乙有限公司', { shareholders: [holder(crossA, 0.55), person('施交叉', 0.45)] });
      crossA.shareholders!.push(holder(crossB, 0.4));
      // No shareholders stated (unknown) and an empty register (none).
      const silent = co('步行未披露股东有限公司');
      const empty = co('步行无股东有限公司', { shareholders: [] });
      const target = co('步行多样目标有限公司', {
        shareholders: [
          { name: outsider, kind: 'company', ratio: 0.3 },
          { name: twinA.name, kind: 'company', ratio: 0.1 },
          holder(crossB, 0.2),
          holder(silent, 0.25),
          holder(empty, 0.15),
        ],
      });
      await upsertCompanies(t.db, [investor, twinA, twinB, crossA, crossB, silent, empty, target], { now: NOW });
      const port = graphStore(t.db);
      const walk = await port.ownershipWalk!(deriveKeyNo(target), MAX_LEVELS);
      assert.ok(walk.walked.has(`n:${normaliseName(outsider)}`), 'an unresolved company holder is walked by its own reference');
      assert.ok(walk.edges.some((e) => e.src === deriveKeyNo(investor) && e.bRef === `n:${normaliseName(outsider)}`), 'and the investment stated into it is read');
      assert.equal(walk.companies.has(`n:${normaliseName(twinA.name)}`), false, 'an ambiguous name resolves to no stored company');
      assert.ok(walk.walked.has(`n:${normaliseName(twinA.name)}`), 'and is walked by its own reference, as any unresolved company holder');
      assert.equal(walk.shareholdersSupplied.get(deriveKeyNo(silent)), false);
      assert.equal(walk.shareholdersSupplied.get(deriveKeyNo(empty)), true);
      assert.equal(walk.shareholdersSupplied.has(deriveKeyNo(crossA)), false, 'a company with holders needs no flag');
      const facts = await relationFactsOf(t.db, deriveKeyNo(target));
      assert.ok(facts && facts.cycles.length > 0, 'the cross-holding is reported');
      await sameBothWays(t, deriveKeyNo(target), port);

      // A chain longer than the level bound: the walk reads exactly as far as the loader goes.
      const chain: CompanyDocument[] = [co('步行长链第0层有限公司', { shareholders: [person('宋最顶', 1)] })];
      for (let i = 1; i <= MAX_LEVELS + 2; i++) chain.push(co(`步行长链第${i}层有限公司`, { shareholders: [holder(chain[i - 1]!, 1)] }));
      await upsertCompanies(t.db, chain, { now: NOW });
      const bottom = chain.at(-1)!;
      const long = await port.ownershipWalk!(deriveKeyNo(bottom), MAX_LEVELS);
      const depthOf = (d: CompanyDocument): number => chain.length - 1 - chain.indexOf(d);
      for (const d of chain) assert.equal(long.walked.has(`k:${deriveKeyNo(d)}`), depthOf(d) <= MAX_LEVELS, `${d.name} at distance ${depthOf(d)}`);
      await sameBothWays(t, deriveKeyNo(bottom), port);
    });

    it('derives what the level-by-level read derives for every third company of a generated store', async () => {
      const docs = [...generateCompanies({ count: 900, seed: 'ownership-walk' })];
      const summary = await importCompanies(t.db, docs.map((d) => `${JSON.stringify(d)}\n`));
      assert.equal(summary.imported, docs.length);
      const port = graphStore(t.db);
      let found = 0;
      for (let i = 0; i < docs.length; i += 3) {
        const k = deriveKeyNo(docs[i]!);
        await sameBothWays(t, k, port);
        if ((await controllerOf(t.db, k, port))?.status === 'found') found++;
      }
      assert.ok(found > 100, `${found} of 300 companies with a controller: the store has chains to walk`);
    });
  });
}
