import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Schema } from '../src/db/schema.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { graphStore, type GraphReadPort } from '../src/companies/relations/graph-store.js';
import { PersonResolver, type Person } from '../src/companies/relations/identity.js';
import { ensurePersonIdentity, rebuildPersonIdentity, regroupDirtyNames } from '../src/companies/relations/identity-build.js';
import { startIdentityRegrouper } from '../src/companies/relations/identity-regrouper.js';
import { rebuildRelationGraph } from '../src/companies/relations/rebuild.js';
import { clearMarks, finishRebuild, identityBuilt, keptIdentity, markDirty, markWholeStore, WHOLE_STORE_MARK } from '../src/companies/relations/identity-store.js';
import { companiesOfPerson } from '../src/companies/relations/relation-facts.js';
import { upsertCompanies } from '../src/companies/store.js';
import { generateCompanies } from '../src/companies/synthetic/index.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { companyMaker } from './support/graph-documents.js';

const NOW = '2026-01-01T00:00:00.000Z';
const co = companyMaker('91310115', 700000);
const officers = (...names: string[]) => names.map((name) => ({ name, positions: ['董事'] }));
const lines = (docs: Iterable<CompanyDocument>): string[] => [...docs].map((d) => `${JSON.stringify(d)}\n`);

/** The graph's port without the kept groups: persons always derived from the edges. */
function derivedPort(db: Kysely<Schema>): GraphReadPort {
  const { keptGroupsAt: _at, keptGroupsOf: _of, ...rest } = graphStore(db);
  return rest;
}

async function namesWithMentions(db: Kysely<Schema>): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('company_relations').select(['a_ref', 'src']).where('a_type', '=', 'person').execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    let s = out.get(r.a_ref);
    if (!s) out.set(r.a_ref, (s = new Set()));
    s.add(r.src);
  }
  return new Map([...out].map(([ref, s]) => [ref, [...s].sort()]));
}

async function dirtyNames(db: Kysely<Schema>): Promise<string[]> {
  return (await db.selectFrom('person_identity_dirty').select('ref').orderBy('ref').execute()).map((r) => r.ref);
}

async function keptRows(db: Kysely<Schema>): Promise<string[]> {
  const rows = await db.selectFrom('person_groups').select(['ref', 'key_no', 'group_key']).execute();
  return rows.map((r) => `${r.ref} ${r.key_no} ${r.group_key}`).sort();
}

const idsOf = (people: readonly Person[]): string[] => people.map((p) => `${p.id} ${p.companies.join(',')}`);

for (const backend of BACKENDS) {
  describe(`person identity kept with the graph on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('an import builds the kept groups, and they are the groups derived from the edges, name by name and mention by mention', async () => {
      await importCompanies(t.db, lines(generateCompanies({ count: 1200, seed: 'kept-identity' })));
      assert.equal(await identityBuilt(t.db), true);
      assert.deepEqual(await dirtyNames(t.db), []);
      const names = await namesWithMentions(t.db);
      const several = [...names].filter(([, companies]) => companies.length > 1);
      assert.ok(several.length > 20, `the generated store has names at several companies (${several.length})`);
      const kept = await keptRows(t.db);
      assert.ok(kept.length > 0, 'some persons span several companies');
      // SQLite's load into an empty store gathers the groups from the documents as it writes them
      // (clustered in a worker thread); PostgreSQL builds them from the store: either way, what a
      // whole rebuild from the stored edges writes.
      await rebuildPersonIdentity(t.db);
      assert.deepEqual(await keptRows(t.db), kept);
      // Every shared name and a sample of the others, whole and per mention.
      const sample = [...several, ...[...names].filter(([, c]) => c.length === 1).slice(0, 40)];
      for (const [ref, companies] of sample) {
        const name = ref.slice(2);
        const kept = new PersonResolver(graphStore(t.db));
        const derived = new PersonResolver(derivedPort(t.db));
        assert.deepEqual(idsOf(await kept.peopleNamed(name)), idsOf(await derived.peopleNamed(name)), ref);
        const keptAt = await new PersonResolver(graphStore(t.db)).atMany(companies.map((keyNo) => ({ name, keyNo })));
        const derivedAt = await new PersonResolver(derivedPort(t.db)).atMany(companies.map((keyNo) => ({ name, keyNo })));
        assert.deepEqual(idsOf(keptAt), idsOf(derivedAt), ref);
      }
    });

    it('a push that removes the shared co-officer splits the person at once (the name is dirty until regrouped), and the regroup keeps it split', async () => {
      const x = co('保留身份甲有限公司', { legalRep: '柏长青', personnel: officers('柏长青', '戚同僚') });
      const y = co('保留身份乙有限公司', { legalRep: '柏长青', personnel: officers('柏长青', '戚同僚') });
      await importCompanies(t.db, lines([x, y]));
      const [kx, ky] = [deriveKeyNo(x), deriveKeyNo(y)];
      assert.deepEqual((await companiesOfPerson(t.db, '柏长青', kx)).person.companies, [kx, ky].sort());
      assert.ok((await keptRows(t.db)).some((r) => r.startsWith(`p:柏长青 ${kx}`)), 'kept as one group');

      await upsertCompanies(t.db, [{ ...y, personnel: officers('柏长青', '蒋新人') }], { now: NOW });
      assert.ok((await dirtyNames(t.db)).includes('p:柏长青'), 'the write marked the name');
      assert.deepEqual((await companiesOfPerson(t.db, '柏长青', kx)).person.companies, [kx], 'never the stale kept group');
      assert.deepEqual((await companiesOfPerson(t.db, '柏长青', ky)).person.companies, [ky]);

      while ((await regroupDirtyNames(t.db)) > 0) { /* drain */ }
      assert.deepEqual(await dirtyNames(t.db), []);
      assert.ok(!(await keptRows(t.db)).some((r) => r.startsWith('p:柏长青 ')), 'two people alone: no kept rows');
      assert.deepEqual((await companiesOfPerson(t.db, '柏长青', kx)).person.companies, [kx]);
    });

    it('a company that appears under the code one document names and the name another names joins their people (the namers are marked dirty)', async () => {
      const far = co('远方共同投资有限公司');
      const x = co('远方投资人甲有限公司', { legalRep: '郜远方', personnel: officers('郜远方', '甲独有'), investments: [{ name: '远方共同投资有限公司的旧称', uscc: far.uscc!, ratio: 0.1 }] });
      const y = co('远方投资人乙有限公司', { legalRep: '郜远方', personnel: officers('郜远方', '乙独有'), investments: [{ name: far.name, ratio: 0.2 }] });
      await importCompanies(t.db, lines([x, y]));
      const [kx, ky] = [deriveKeyNo(x), deriveKeyNo(y)];
      assert.deepEqual((await companiesOfPerson(t.db, '郜远方', kx)).person.companies, [kx], 'u: and n: of a company not stored are different keys');

      await upsertCompanies(t.db, [far], { now: NOW });
      assert.ok((await dirtyNames(t.db)).includes('p:郜远方'), 'the new company marked the names of the documents naming it');
      assert.deepEqual((await companiesOfPerson(t.db, '郜远方', kx)).person.companies, [kx, ky].sort());
      while ((await regroupDirtyNames(t.db)) > 0) { /* drain */ }
      assert.deepEqual(await dirtyNames(t.db), []);
      assert.ok((await keptRows(t.db)).some((r) => r.startsWith(`p:郜远方 ${kx}`)));
      assert.deepEqual((await companiesOfPerson(t.db, '郜远方', ky)).person.companies, [kx, ky].sort());
    });

    it('the groups kept by incremental regroups are those a whole rebuild writes', async () => {
      const drained = await keptRows(t.db);
      const rebuilt = await rebuildPersonIdentity(t.db);
      assert.equal(rebuilt.rows, drained.length);
      assert.deepEqual(await keptRows(t.db), drained);
    });

    it('a store whose kept identity is missing (older than 0116, or its graph rebuilt) is built again by ensurePersonIdentity, and readers derive meanwhile', async () => {
      const kept = await keptRows(t.db);
      await rebuildRelationGraph(t.db);
      assert.equal(await identityBuilt(t.db), false, 'rebuilding the edges drops the marker');
      const name = kept[0]!.split(' ')[0]!.slice(2);
      const keyNo = kept[0]!.split(' ')[1]!;
      assert.deepEqual(idsOf([await new PersonResolver(graphStore(t.db)).at(name, keyNo)]), idsOf([await new PersonResolver(derivedPort(t.db)).at(name, keyNo)]));
      const built = await ensurePersonIdentity(t.db);
      assert.equal(built?.rows, kept.length);
      assert.equal(await identityBuilt(t.db), true);
      assert.deepEqual(await keptRows(t.db), kept);
      assert.equal(await ensurePersonIdentity(t.db), undefined, 'nothing to do once built');
    });

    it("serve's background regrouper clears the marks pushes leave", async () => {
      const x = co('后台重组甲有限公司', { legalRep: '房后台', personnel: officers('房后台', '裘同事') });
      const y = co('后台重组乙有限公司', { legalRep: '房后台', personnel: officers('房后台', '裘同事') });
      await upsertCompanies(t.db, [x, y], { now: NOW });
      assert.ok((await dirtyNames(t.db)).includes('p:房后台'));
      const errors: unknown[] = [];
      const regrouper = startIdentityRegrouper(t.db, (err) => errors.push(err), 50);
      try {
        for (let i = 0; i < 200 && (await dirtyNames(t.db)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      } finally {
        await regrouper.close();
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(await dirtyNames(t.db), []);
      assert.ok((await keptRows(t.db)).some((r) => r.startsWith(`p:房后台 ${[deriveKeyNo(x), deriveKeyNo(y)].sort()[0]}`)), 'kept as one group');
    });

    it('a whole-store mark: no kept group is trusted, no regroup clears it, a rebuild does (only at the version it read)', async () => {
      const kept = await keptRows(t.db);
      const [ref, keyNo] = kept[0]!.split(' ') as [string, string];
      const name = ref.slice(2);
      await markWholeStore(t.db);
      assert.equal(await identityBuilt(t.db), false);
      const read = await keptIdentity(t.db).groupsAt([{ ref, keyNo }]);
      assert.equal(read.built, false, 'readers are told not to trust the kept groups');
      assert.equal((await keptIdentity(t.db).groupsOf([ref])).built, false);
      assert.deepEqual(idsOf([await new PersonResolver(graphStore(t.db)).at(name, keyNo)]), idsOf([await new PersonResolver(derivedPort(t.db)).at(name, keyNo)]));
      await markDirty(t.db, [ref]);
      assert.equal(await regroupDirtyNames(t.db), 0, 'a regroup cannot make the whole store trustworthy');
      assert.deepEqual(await dirtyNames(t.db), [WHOLE_STORE_MARK, ref].sort());
      // Set again after a rebuild read the marks: the rebuild's end leaves it, and the marker off.
      const [first] = await t.db.selectFrom('person_identity_dirty').select('version').where('ref', '=', WHOLE_STORE_MARK).execute();
      await markWholeStore(t.db);
      assert.equal(await t.db.transaction().execute((trx) => finishRebuild(trx, [{ ref: WHOLE_STORE_MARK, version: Number(first!.version) }])), false);
      assert.equal(await identityBuilt(t.db), false);
      assert.ok((await dirtyNames(t.db)).includes(WHOLE_STORE_MARK));
      assert.ok(await ensurePersonIdentity(t.db), 'the next import or serve rebuilds');
      assert.equal(await identityBuilt(t.db), true);
      assert.deepEqual(await dirtyNames(t.db), []);
      assert.deepEqual(await keptRows(t.db), kept);
    });

    it('an import past the whole-store threshold marks the store once instead of each name, and settles to the groups a rebuild writes; aborted, it leaves the mark for the next start', async () => {
      const docs = [...generateCompanies({ count: 900, seed: 'whole-store-mark' })];
      const summary = await importCompanies(t.db, lines(docs.slice(0, 600)), { batchSize: 100, wholeStoreMarkAbove: 50 });
      assert.equal(summary.imported, 600);
      assert.equal(await identityBuilt(t.db), true);
      assert.deepEqual(await dirtyNames(t.db), []);
      const settled = await keptRows(t.db);
      await rebuildPersonIdentity(t.db);
      assert.deepEqual(await keptRows(t.db), settled);
      // A read error after two batches: what was committed stays, and so does the mark.
      async function* failing(): AsyncGenerator<string> {
        yield* lines(docs.slice(600, 800));
        throw new Error('disk went away');
      }
      await assert.rejects(importCompanies(t.db, failing(), { batchSize: 100, wholeStoreMarkAbove: 50 }), /disk went away/);
      if (backend.name === 'postgres') {
        assert.equal(await identityBuilt(t.db), false, 'the batches marked the whole store');
        assert.ok((await dirtyNames(t.db)).includes(WHOLE_STORE_MARK));
      }
      // What the next start does: build when not trustworthy, then regroup what is dirty (serve, in the background).
      await ensurePersonIdentity(t.db);
      assert.equal(await identityBuilt(t.db), true);
      while ((await regroupDirtyNames(t.db)) > 0) { /* drain */ }
      assert.deepEqual(await dirtyNames(t.db), []);
      const repaired = await keptRows(t.db);
      await rebuildPersonIdentity(t.db);
      assert.deepEqual(await keptRows(t.db), repaired);
      const names = await namesWithMentions(t.db);
      for (const [ref, companies] of [...names].filter(([, c]) => c.length > 1).slice(0, 60)) {
        const name = ref.slice(2);
        const keptAt = await new PersonResolver(graphStore(t.db)).atMany(companies.map((keyNo) => ({ name, keyNo })));
        const derivedAt = await new PersonResolver(derivedPort(t.db)).atMany(companies.map((keyNo) => ({ name, keyNo })));
        assert.deepEqual(idsOf(keptAt), idsOf(derivedAt), ref);
      }
    });

    it('a regroup clears only the mark it read: a write that bumped it meanwhile keeps the name dirty', async () => {
      await markDirty(t.db, ['p:版本测试']);
      const [first] = await t.db.selectFrom('person_identity_dirty').select(['ref', 'version']).where('ref', '=', 'p:版本测试').execute();
      await markDirty(t.db, ['p:版本测试']);
      await t.db.transaction().execute((trx) => clearMarks(trx, [{ ref: first!.ref, version: Number(first!.version) }]));
      assert.ok((await dirtyNames(t.db)).includes('p:版本测试'));
      await t.db.transaction().execute((trx) => clearMarks(trx, [{ ref: 'p:版本测试', version: Number(first!.version) + 1 }]));
      assert.ok(!(await dirtyNames(t.db)).includes('p:版本测试'));
    });
  });
}
