import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { EDGE_KIND, refsOfCompany } from '../src/companies/relations/edges.js';
import type { PenetrationNode } from '../src/companies/relations/facts.js';
import { graphStore, type EdgeRow, type GraphCompany, type GraphReadPort } from '../src/companies/relations/graph-store.js';
import { findPaths } from '../src/companies/relations/paths.js';
import { controllerOf, relationFactsOf } from '../src/companies/relations/relation-facts.js';
import { normaliseName } from '../src/companies/normalise.js';
import { upsertCompanies } from '../src/companies/store.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { companyMaker, person } from './support/graph-documents.js';

/**
 * The ownership walk's level read (`edgesWithCompanies('to', …)`: a level's holder edges and the companies they name,
 * in one statement) against the two reads it replaces (`edgesTo`, then `resolveCompanies`): a holder
 * named by credit code (`u:`), by a name one stored company holds (`n:`), by a name two stored
 * companies hold (ambiguous: never resolved), and an investor's own KeyNo (`k:`).
 */
const NOW = '2026-01-01T00:00:00.000Z';
const co = companyMaker('91320105', 700000, '2016-05-04');
const byName = (name: string, ratio: number) => ({ name, kind: 'company' as const, ratio });
const HOLDER_KINDS = [EDGE_KIND.shareholder, EDGE_KIND.investment];

const edgeKey = (e: EdgeRow): string => JSON.stringify([e.src, e.kind, e.aRef, e.bRef, e.ratio]);
const sortedEntries = (m: Map<string, GraphCompany>): Array<[string, GraphCompany]> => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const childNamed = (node: PenetrationNode, name: string): PenetrationNode => {
  const c = node.children.find((n) => n.party.name === name);
  assert.ok(c, `${name} under ${node.party.name}`);
  return c;
};

for (const backend of BACKENDS) {
  describe(`ownership level read on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('resolves u:, unique n: and k: holders with their rows in one read, leaves a shared name unresolved, and equals the two reads (ownership and paths)', async () => {
      const twinA = co('同名双生控股有限公司', { shareholders: [person('冯甲', 1)] });
      const twinB = co('同名双生控股有限公司', { shareholders: [person('陈乙', 1)] });
      const byCode = co('信用代码控股有限公司', { shareholders: [person('周代码', 0.9), person('吴其他', 0.1)] });
      const unique = co('唯一名称投资有限公司', { shareholders: [person('孙唯一', 1)] });
      const bare = co('无股东信息公司有限公司');
      const investor = co('对外投资方有限公司', { shareholders: [person('郑投资', 1)], investments: [{ name: bare.name, uscc: bare.uscc, ratio: 0.8 }] });
      const target = co('层级读取目标有限公司', {
        shareholders: [
          byName(twinA.name, 0.25),
          { name: byCode.name, kind: 'company', uscc: byCode.uscc, ratio: 0.4 },
          byName(unique.name, 0.2),
          { name: bare.name, kind: 'company', uscc: bare.uscc, ratio: 0.15 },
        ],
      });
      await upsertCompanies(t.db, [twinA, twinB, byCode, unique, bare, investor, target], { now: NOW });
      const port = graphStore(t.db);
      assert.ok(port.edgesWithCompanies, 'the store port reads a level in one statement');
      const refsOf = async (doc: CompanyDocument): Promise<string[]> => {
        const c = (await port.companies([deriveKeyNo(doc)])).get(deriveKeyNo(doc))!;
        return refsOfCompany(c.keyNo, c.uscc, c.nameNorm);
      };

      const level = await port.edgesWithCompanies('to', await refsOf(target), HOLDER_KINDS);
      const found = new Map([...level.companies].map(([ref, c]) => [ref, c.keyNo]));
      assert.equal(found.get(`u:${byCode.uscc}`), deriveKeyNo(byCode), 'a holder named by credit code resolves');
      assert.equal(found.get(`u:${bare.uscc}`), deriveKeyNo(bare));
      assert.equal(found.get(`n:${normaliseName(unique.name)}`), deriveKeyNo(unique), 'a name one stored company holds resolves');
      assert.equal(found.has(`n:${normaliseName(twinA.name)}`), false, 'a name two stored companies hold stays unresolved');
      assert.equal(level.companies.get(`u:${byCode.uscc}`)?.name, byCode.name, 'with the company row');
      // The same edges and resolutions as the two reads it replaces.
      const edges = await port.edgesTo(await refsOf(target), HOLDER_KINDS);
      assert.deepEqual(level.edges.map(edgeKey).sort(), edges.map(edgeKey).sort());
      const resolved = await port.resolveCompanies(edges.filter((e) => e.aType !== 'person').map((e) => e.aRef));
      assert.deepEqual(sortedEntries(level.companies), sortedEntries(resolved));

      // A company without shareholders: its investor's edge names the investor by KeyNo (k:).
      const above = await port.edgesWithCompanies('to', await refsOf(bare), HOLDER_KINDS);
      assert.equal(above.companies.get(`k:${deriveKeyNo(investor)}`)?.keyNo, deriveKeyNo(investor));

      // The derivations over it: control climbs through the u: holder; the tree expands the u:, n:
      // and k: holders and not the shared name (resolving it would show 冯甲 or 陈乙 above it).
      const controller = await controllerOf(t.db, deriveKeyNo(target));
      assert.equal(controller?.status, 'found');
      assert.equal(controller?.controller?.name, '周代码');
      assert.deepEqual(controller?.chain?.map((s) => s.holder.name), ['周代码', byCode.name]);
      const facts = await relationFactsOf(t.db, deriveKeyNo(target));
      assert.deepEqual(facts?.controller, controller);
      const tree = facts!.penetration;
      const twin = childNamed(tree, twinA.name);
      assert.equal(twin.party.keyNo, undefined);
      assert.deepEqual(twin.children, []);
      assert.deepEqual(childNamed(childNamed(tree, unique.name), '孙唯一').ratio, 1);
      const viaInvestor = childNamed(childNamed(tree, bare.name), investor.name);
      assert.equal(viaInvestor.party.keyNo, deriveKeyNo(investor));
      assert.equal(childNamed(viaInvestor, '郑投资').ratio, 1);

      // A port without the one-statement read (asked edgesTo, then resolveCompanies) derives the same.
      const twoReads: GraphReadPort = { ...port, edgesWithCompanies: undefined };
      assert.deepEqual(await relationFactsOf(t.db, deriveKeyNo(target), { port: twoReads }), facts);

      // The other ends, as a path search reads them: what a company holds (`from`) and what a
      // document states (`statedBy`), their `b` ends resolved.
      const invested = await port.edgesWithCompanies('from', await refsOf(investor), HOLDER_KINDS);
      assert.equal(invested.companies.get(`u:${bare.uscc}`)?.keyNo, deriveKeyNo(bare));
      const stated = await port.edgesWithCompanies('statedBy', [deriveKeyNo(investor)], HOLDER_KINDS);
      assert.equal(stated.companies.get(`u:${bare.uscc}`)?.keyNo, deriveKeyNo(bare));
      const paths = await findPaths(t.db, deriveKeyNo(target), deriveKeyNo(investor), { maxDepth: 4, port });
      assert.ok(paths.ok && paths.paths.length > 0);
      assert.deepEqual(paths.paths[0]!.nodes.map((n) => n.name), [target.name, bare.name, investor.name]);
      assert.deepEqual(await findPaths(t.db, deriveKeyNo(target), deriveKeyNo(investor), { maxDepth: 4, port: twoReads }), paths);
    });
  });
}
