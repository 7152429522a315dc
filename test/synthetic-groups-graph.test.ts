// The generator's links between groups (docs/relations.md "Synthetic groups") as the relation graph
// reads them, on both backends: a panel's director is one person across its unrelated groups
// (through the shared supervisor), a namesake stays two people, and a cross-group minority stake
// leaves the investee's controller where its own chain puts it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { companiesOfPerson, controllerOf } from '../src/companies/relations/relation-facts.js';
import { dayFromIso } from '../src/companies/synthetic/dates.js';
import { DEFAULT_REFERENCE_DATE, generateCompanies } from '../src/companies/synthetic/generate.js';
import { GROUP_SIZE, groupPlaceOf } from '../src/companies/synthetic/groups.js';
import { generatorKeys } from '../src/companies/synthetic/identity.js';
import { hashSeed } from '../src/companies/synthetic/random.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const SEED = 'groups-graph';
const COUNT = 1800;
const keys = generatorKeys(hashSeed(SEED), dayFromIso(DEFAULT_REFERENCE_DATE));
const docs = [...generateCompanies({ count: COUNT, seed: SEED })];
const key = (i: number): string => deriveKeyNo(docs[i]!);
const namesOf = (d: CompanyDocument): Set<string> =>
  new Set([d.legalRep ?? '', ...(d.personnel ?? []).map((p) => p.name), ...(d.shareholders ?? []).filter((s) => s.kind === 'person').map((s) => s.name)]);

/** Directors the generator placed at two or three groups: a panel when another name is at all of them, else a namesake. */
function outsideDirectors(): { panels: Array<[string, number[]]>; namesakes: Array<[string, number[]]> } {
  const at = new Map<string, number[]>();
  for (let i = 0; i < COUNT; i++) {
    for (const post of groupPlaceOf(keys, i)?.outsidePosts ?? []) if (post.role === 'director') at.set(post.name, [...(at.get(post.name) ?? []), i]);
  }
  const panels: Array<[string, number[]]> = [];
  const namesakes: Array<[string, number[]]> = [];
  for (const [name, indices] of at) {
    if (indices.length < 2) continue;
    const [first, ...rest] = indices.map((i) => namesOf(docs[i]!));
    const shared = [...first!].some((n) => n !== name && rest.every((s) => s.has(n)));
    (shared ? panels : namesakes).push([name, indices]);
  }
  return { panels, namesakes };
}

for (const backend of BACKENDS) {
  describe(`generated groups in the relation graph on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await backend.open();
      const summary = await importCompanies(t.db, docs.map((d) => `${JSON.stringify(d)}\n`));
      assert.equal(summary.imported, COUNT);
    });
    after(async () => { await t.cleanup(); });

    it('a panel director is one person across the unrelated groups of the panel; a namesake stays two', async () => {
      const { panels, namesakes } = outsideDirectors();
      assert.ok(panels.length >= 4 && namesakes.length >= 2, `${panels.length} panels, ${namesakes.length} namesakes in ${COUNT} companies`);
      for (const [name, indices] of panels) {
        const found = await companiesOfPerson(t.db, name, key(indices[0]!));
        for (const i of indices) assert.ok(found.person.companies.includes(key(i)), `${name}: ${docs[i]!.name} (run ${Math.floor(i / GROUP_SIZE)}) is the same person's`);
        const again = await companiesOfPerson(t.db, name, key(indices.at(-1)!));
        assert.equal(again.person.id, found.person.id);
      }
      for (const [name, [a, b]] of namesakes) {
        const pa = await companiesOfPerson(t.db, name, key(a!));
        const pb = await companiesOfPerson(t.db, name, key(b!));
        assert.notEqual(pa.person.id, pb.person.id, `${name} at ${docs[a!]!.name} and at ${docs[b!]!.name} are two people`);
        assert.ok(!pa.person.companies.includes(key(b!)));
      }
    });

    it('a member of another group holding a minority leaves the investee controlled through its own chain', async () => {
      let checked = 0;
      for (let i = 0; i < COUNT && checked < 12; i++) {
        const place = groupPlaceOf(keys, i);
        if (!place?.minorityHolder || !place.parent) continue;
        const investor = place.minorityHolder.other;
        const finding = await controllerOf(t.db, key(i));
        const viaParent = await controllerOf(t.db, deriveKeyNo({ name: place.parent.name, uscc: place.parent.uscc }));
        assert.equal(finding?.status, viaParent?.status, docs[i]!.name);
        if (finding?.status !== 'found') continue;
        assert.equal(finding.chain!.at(-1)!.holder.name, place.parent.name, `${docs[i]!.name}: held by the member above`);
        assert.ok(!finding.chain!.some((s) => s.holder.name === investor.name), `${docs[i]!.name}: not through ${investor.name}`);
        assert.equal(finding.controller!.id, viaParent!.controller!.id, `${docs[i]!.name}: the same controller as its parent`);
        checked++;
      }
      assert.ok(checked >= 5, `${checked} investees checked`);
    });
  });
}
