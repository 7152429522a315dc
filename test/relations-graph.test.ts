import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { rebuildRelationGraph, relationGraphBuilt } from '../src/companies/relations/rebuild.js';
import { findPaths } from '../src/companies/relations/paths.js';
import { companiesOfPerson, controllerOf, relationFactsOf } from '../src/companies/relations/relation-facts.js';
import { upsertCompanies } from '../src/companies/store.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { companyMaker, holder, person } from './support/graph-documents.js';

const NOW = '2026-01-01T00:00:00.000Z';
const co = companyMaker('91310115', 900000);
const lines = (docs: CompanyDocument[]): string[] => docs.map((d) => `${JSON.stringify(d)}\n`);

for (const backend of BACKENDS) {
  describe(`relation graph on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('a three-level chain gives the person as controller with the chain and 33.6 % (bulk import, any order)', async () => {
      const holding = co('链条控股集团有限公司');
      const sub = co('链条子公司有限公司');
      const target = co('链条目标有限公司');
      holding.shareholders = [person('王链条', 0.7), person('李其他', 0.3)];
      sub.shareholders = [holder(holding, 0.8), person('赵小', 0.2)];
      target.shareholders = [holder(sub, 0.6), person('钱甲', 0.4)];
      target.legalRep = '钱甲';
      // Target first: the holders it names are not stored yet when its line is read.
      const summary = await importCompanies(t.db, lines([target, sub, holding]));
      assert.equal(summary.imported, 3);
      assert.equal(await relationGraphBuilt(t.db), true);
      const facts = await relationFactsOf(t.db, deriveKeyNo(target));
      assert.ok(facts);
      const c = facts.controller;
      assert.equal(c.status, 'found');
      assert.equal(c.controller?.type, 'person');
      assert.equal(c.controller?.name, '王链条');
      assert.match(c.controller!.id, /^p_/);
      assert.equal(c.basis, 'majority');
      assert.deepEqual(c.chain?.map((s) => [s.holder.name, s.held.name, s.ratio]), [
        ['王链条', holding.name, 0.7], [holding.name, sub.name, 0.8], [sub.name, target.name, 0.6],
      ]);
      assert.ok(Math.abs(c.cumulativeRatio! - 0.336) < 1e-9);
      assert.match(c.reason, /33\.6%/);
      // controllerOf derives the same finding with only the controller's identity resolved.
      assert.deepEqual(await controllerOf(t.db, deriveKeyNo(target)), c);
      // 王链条 33.6 % and 钱甲 40 % are beneficial owners at 25 %; 李其他 (0.3·0.8·0.6 = 14.4 %) and 赵小 (12 %) are not.
      assert.deepEqual(facts.beneficialOwners.map((b) => [b.person.name, Math.round(b.cumulativeRatio * 1000) / 1000]), [['钱甲', 0.4], ['王链条', 0.336]]);
      assert.equal(facts.beneficialOwnerThreshold, 0.25);
      assert.deepEqual(facts.penetration.children.map((n) => [n.party.name, n.ratio]), [[sub.name, 0.6], ['钱甲', 0.4]]);
      assert.equal(facts.penetration.children[0]!.children[0]!.children[0]!.party.name, '王链条');
      assert.deepEqual(facts.cycles, []);
      // Investee and controller's other companies: the chain's companies are the controller's.
      const lower = await relationFactsOf(t.db, deriveKeyNo(target), { beneficialOwnerThreshold: 0.1 });
      assert.deepEqual(lower?.beneficialOwners.map((b) => b.person.name), ['钱甲', '王链条', '李其他', '赵小']);
    });

    it('sums two paths, reports a cross-holding cycle, and says why a 50/50 company has no controller', async () => {
      const h = co('两路控股有限公司');
      const t2 = co('两路目标有限公司');
      h.shareholders = [person('孙两路', 0.5), person('周某', 0.5)];
      t2.shareholders = [person('孙两路', 0.3), holder(h, 0.4), person('吴某', 0.3)];
      const a = co('循环甲有限公司');
      const b = co('循环乙有限公司');
      a.shareholders = [holder(b, 0.6), person('郑循环', 0.4)];
      b.shareholders = [holder(a, 0.7), person('冯循环', 0.3)];
      await upsertCompanies(t.db, [h, t2, a, b], { now: NOW });
      const two = await relationFactsOf(t.db, deriveKeyNo(t2));
      const sun = two!.beneficialOwners.find((o) => o.person.name === '孙两路');
      assert.ok(sun, 'the two paths make 孙两路 a beneficial owner');
      assert.ok(Math.abs(sun.cumulativeRatio - 0.5) < 1e-9);
      assert.equal(sun.paths.length, 2);
      // Largest holder 40 % (≥ 30 %, unique): the holding controls the target; the holding is 50/50.
      assert.equal(two!.controller.status, 'found');
      assert.equal(two!.controller.basis, 'largest');
      assert.equal(two!.controller.controller?.name, h.name);
      assert.match(two!.controller.reason, /两名股东各持股 50%，无单一控制人/);

      const fifty = await relationFactsOf(t.db, deriveKeyNo(h));
      assert.equal(fifty!.controller.status, 'none');
      assert.equal(fifty!.controller.reason, '两名股东各持股 50%，无单一控制人');

      const cyc = await relationFactsOf(t.db, deriveKeyNo(a));
      assert.equal(cyc!.cycles.length, 1);
      assert.deepEqual(new Set(cyc!.cycles[0]!.map((p) => p.name)), new Set([a.name, b.name]));
      const bNode = cyc!.penetration.children.find((n) => n.party.name === b.name)!;
      assert.equal(bNode.children.find((n) => n.party.name === a.name)?.cycle, true);
      assert.equal(cyc!.controller.status, 'found');
      assert.match(cyc!.controller.reason, /循环持股/);
    });

    it('keeps same-name persons of unrelated companies apart, and joins them across a group', async () => {
      const x = co('无关甲有限公司', { legalRep: '张同名', shareholders: [person('张同名', 1)] });
      const y = co('无关乙有限公司', { legalRep: '张同名', shareholders: [person('张同名', 1)] });
      const g1 = co('集团一有限公司', { legalRep: '陈集团', shareholders: [person('陈集团', 0.6), person('林共同', 0.4)] });
      const g2 = co('集团二有限公司', { legalRep: '陈集团', shareholders: [person('陈集团', 0.5), person('林共同', 0.5)] });
      await upsertCompanies(t.db, [x, y, g1, g2], { now: NOW });
      const px = await companiesOfPerson(t.db, '张同名', deriveKeyNo(x));
      const py = await companiesOfPerson(t.db, '张同名', deriveKeyNo(y));
      assert.notEqual(px.person.id, py.person.id);
      assert.deepEqual(px.person.companies, [deriveKeyNo(x)]);
      const pg = await companiesOfPerson(t.db, '陈集团', deriveKeyNo(g1));
      assert.deepEqual(new Set(pg.person.companies), new Set([deriveKeyNo(g1), deriveKeyNo(g2)]));
      assert.deepEqual(pg.companies.find((c) => c.keyNo === deriveKeyNo(g2))?.roles.map((r) => r.type).sort(), ['legalRep', 'shareholder']);
      const f = await relationFactsOf(t.db, deriveKeyNo(g1));
      assert.deepEqual(f!.related.filter((r) => r.relation === 'legal-rep-other').map((r) => r.name), [g2.name]);
      assert.equal(f!.related[0]!.flags.dishonest, null, 'not supplied reads null, never 0');
    });

    it('lists investees outside the store (its own and its controlling company\'s) with name, share and unknown flags', async () => {
      const parent = co('库外测试控股有限公司', { investments: [{ name: '控股方库外子公司', ratio: 0.9, status: '吊销，未注销' }] });
      const inside = co('库内被投资有限公司', { dishonest: [] });
      const root = co('库外测试目标有限公司', {
        shareholders: [holder(parent, 0.7), person('褚小股东', 0.3)],
        investments: [{ name: '库外被投资有限公司', ratio: 0.35 }, { name: inside.name, uscc: inside.uscc, ratio: 0.2, status: '存续' }],
      });
      inside.shareholders = [holder(root, 0.25), person('卫他人', 0.75)];
      await upsertCompanies(t.db, [parent, inside, root], { now: NOW });
      const f = await relationFactsOf(t.db, deriveKeyNo(root));
      assert.equal(f!.controller.controller?.keyNo, deriveKeyNo(parent));
      const byName = new Map(f!.related.map((r) => [`${r.relation} ${r.name}`, r]));
      const outside = byName.get('investee 库外被投资有限公司');
      assert.ok(outside, 'an investee outside the store is listed, not dropped');
      assert.equal(outside.keyNo, undefined);
      assert.equal(outside.ratio, 0.35);
      assert.equal(outside.status, '', 'no status given: empty, never a guess');
      assert.deepEqual(outside.flags, { dishonest: null, enforcements: null, abnormalOperations: null, revoked: null });
      // The stored investee: its own register's share (25 %) wins over the investor's 20 %, its flags are read.
      const stored = byName.get(`investee ${inside.name}`);
      assert.equal(stored?.keyNo, deriveKeyNo(inside));
      assert.equal(stored?.ratio, 0.25);
      assert.deepEqual(stored?.flags, { dishonest: 0, enforcements: null, abnormalOperations: null, revoked: false });
      // The controlling company's investee outside the store, with the status its document gives.
      const theirs = byName.get('controller-other 控股方库外子公司');
      assert.ok(theirs);
      assert.equal(theirs.keyNo, undefined);
      assert.equal(theirs.status, '吊销，未注销');
      assert.equal(theirs.flags.revoked, true);
      assert.equal(theirs.flags.dishonest, null);
      assert.equal(f!.related.filter((r) => r.relation === 'investee').length, 2);
    });

    it('re-importing a company replaces the edges its document contributed; a rebuild gives the same graph', async () => {
      const p = co('更新母公司有限公司');
      const s = co('更新子公司有限公司', { shareholders: [] });
      s.shareholders = [holder(p, 0.9), person('何甲', 0.1)];
      await upsertCompanies(t.db, [p, s], { now: NOW });
      assert.equal((await relationFactsOf(t.db, deriveKeyNo(s)))!.controller.controller?.name, p.name);
      await upsertCompanies(t.db, [{ ...s, shareholders: [person('何甲', 0.9), holder(p, 0.1)] }], { now: NOW });
      const after = await relationFactsOf(t.db, deriveKeyNo(s));
      assert.equal(after!.controller.controller?.name, '何甲');
      assert.equal(after!.penetration.children.length, 2);
      const before = await t.db.selectFrom('company_relations').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      await rebuildRelationGraph(t.db);
      const again = await t.db.selectFrom('company_relations').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(again.n), Number(before.n));
    });

    it('finds the path through a shared person, shortest first, and honours maxDepth', async () => {
      const a = co('路径甲有限公司', { legalRep: '黄共享', shareholders: [person('黄共享', 0.6), person('邓共同', 0.4)] });
      const b = co('路径乙有限公司', { legalRep: '黄共享', shareholders: [person('黄共享', 0.5), person('邓共同', 0.5)] });
      const c = co('路径丙有限公司', { shareholders: [holder(b, 1)] });
      const far = co('路径无关有限公司', { legalRep: '黄共享', shareholders: [person('黄共享', 1)] });
      await upsertCompanies(t.db, [a, b, c, far], { now: NOW });
      const ab = await findPaths(t.db, deriveKeyNo(a), deriveKeyNo(b), { maxDepth: 4 });
      assert.ok(ab.ok);
      assert.ok(ab.paths.length >= 2, 'through 黄共享 and through 邓共同');
      assert.equal(ab.paths[0]!.length, 2);
      const huang = ab.paths.find((p) => p.nodes[1]!.name === '黄共享')!;
      assert.equal(huang.nodes[1]!.type, 'person');
      assert.deepEqual(huang.edges.map((e) => [e.from, e.to, e.type]), [
        [huang.nodes[1]!.id, deriveKeyNo(a), 'shareholder'], [huang.nodes[1]!.id, deriveKeyNo(b), 'shareholder'],
      ]);
      assert.match(huang.edges[0]!.label, /持股 60%；法定代表人/);
      assert.equal(huang.edges[0]!.ratio, 0.6);
      const ac = await findPaths(t.db, deriveKeyNo(a), deriveKeyNo(c), { maxDepth: 3 });
      assert.ok(ac.ok);
      assert.deepEqual(ac.paths[0]!.nodes.map((n) => n.name).slice(2), [b.name, c.name]);
      assert.deepEqual(ac.paths[0]!.edges.at(-1), { from: deriveKeyNo(b), to: deriveKeyNo(c), type: 'shareholder', label: '持股 100%', ratio: 1 });
      // maxDepth 2: the person is met on the search's last level (where only names the other side reached are resolved).
      const lastLevel = await findPaths(t.db, deriveKeyNo(a), deriveKeyNo(b), { maxDepth: 2 });
      assert.ok(lastLevel.ok);
      assert.deepEqual(lastLevel.paths.map((p) => p.nodes[1]!.id).sort(), ab.paths.filter((p) => p.length === 2).map((p) => p.nodes[1]!.id).sort());
      assert.ok(lastLevel.paths.every((p) => p.nodes[1]!.id.startsWith('p_')));
      const tooShort = await findPaths(t.db, deriveKeyNo(a), deriveKeyNo(c), { maxDepth: 2 });
      assert.deepEqual(tooShort, { ok: true, paths: [], capped: false });
      // 黄共享 of the unrelated company is another person: no path.
      assert.deepEqual(await findPaths(t.db, deriveKeyNo(a), deriveKeyNo(far), { maxDepth: 6 }), { ok: true, paths: [], capped: false });
      assert.deepEqual(await findPaths(t.db, 'f'.repeat(32), deriveKeyNo(a)), { ok: false, reason: 'from_not_found' });
      assert.deepEqual(await findPaths(t.db, deriveKeyNo(a), 'f'.repeat(32)), { ok: false, reason: 'to_not_found' });
      await assert.rejects(findPaths(t.db, deriveKeyNo(a), deriveKeyNo(b), { maxDepth: 7 }), RangeError);
    });
  });
}
