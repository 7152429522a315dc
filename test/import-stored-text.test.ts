import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalJson, sha256Hex } from '../src/companies/canonical.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { findCompanyByKeyNo, prepareDocument, upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const NOW = '2026-01-01T00:00:00.000Z';
const doc = (n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument => ({
  name: `杭州原文${n}号贸易有限公司`,
  companyType: '有限责任公司',
  status: '存续',
  establishedOn: '2015-03-02',
  uscc: completeUscc(`91330100${String(n).padStart(8, '0')}`),
  shareholders: [{ name: '张三', ratio: 0.6 }, { name: '李四', ratio: 0.4 }],
  ...extra,
});

for (const backend of BACKENDS) {
  describe(`stored document text on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('stores an imported line as it was written, and re-serialises only what it must normalise', async () => {
      const asWritten = `{ "name": "杭州原文1号贸易有限公司", "uscc": "${doc(1).uscc}", "companyType": "有限责任公司", "status": "存续", "establishedOn": "2015-03-02" }`;
      const lower = JSON.stringify(doc(2, { uscc: doc(2).uscc!.toLowerCase() }));
      const summary = await importCompanies(t.db, [`${asWritten}\n${lower}\n`]);
      assert.equal(summary.imported, 2);
      const row = (n: number) => t.db.selectFrom('companies').select(['doc', 'doc_hash', 'uscc']).where('key_no', '=', deriveKeyNo(doc(n))).executeTakeFirstOrThrow();
      const first = await row(1);
      assert.equal(first.doc, asWritten);
      assert.equal(first.doc_hash, sha256Hex(asWritten));
      const second = await row(2);
      assert.equal(JSON.parse(second.doc).uscc, doc(2).uscc, 'the stored text carries the upper-case code');
      assert.equal(second.uscc, doc(2).uscc);
      assert.deepEqual((await findCompanyByKeyNo(t.db, deriveKeyNo(doc(2))))?.doc, { ...doc(2), keyNo: deriveKeyNo(doc(2)) });
    });

    it('finds a company stored in the older canonical form unchanged when the same content comes again', async () => {
      const original = doc(3);
      const keyNo = deriveKeyNo(original);
      await upsertCompanies(t.db, [original], { now: NOW });
      // What earlier versions stored: canonical JSON (sorted keys) and its hash.
      const canonical = canonicalJson(original);
      await t.db.updateTable('companies').set({ doc: canonical, doc_hash: sha256Hex(canonical) }).where('key_no', '=', keyNo).execute();
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(original).reverse()));
      const again = await importCompanies(t.db, [`${reordered}\n`], { now: () => '2026-03-01T00:00:00.000Z' });
      assert.deepEqual([again.unchanged, again.updated], [1, 0]);
      const stored = await t.db.selectFrom('companies').select(['doc', 'updated_at']).where('key_no', '=', keyNo).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { doc: canonical, updated_at: NOW }, 'an unchanged company is not rewritten');

      const changed = await importCompanies(t.db, [`${JSON.stringify({ ...original, status: '注销' })}\n`]);
      assert.equal(changed.updated, 1);
      assert.equal((await findCompanyByKeyNo(t.db, keyNo))?.statusNorm, 'CANCELLED');
    });

    it('parses the stored document only when it is read', async () => {
      const prepared = prepareDocument(doc(4));
      await upsertCompanies(t.db, [doc(4)], { now: NOW });
      const stored = await findCompanyByKeyNo(t.db, prepared.derivedKeyNo);
      assert.ok(stored);
      assert.equal(stored.doc, stored.doc, 'the same object on every read');
      assert.deepEqual({ ...stored }.doc, { ...doc(4), keyNo: prepared.derivedKeyNo });
    });
  });
}
