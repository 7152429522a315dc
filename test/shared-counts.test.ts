/**
 * Store-wide registration counts (src/companies/shared-counts.ts) on both backends, through every
 * write path: the SQLite bulk load into an empty store, the per-batch import, re-import of a
 * changed document, and the back-fill of a store that held companies before migration 0070.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { ensureRegistrationKeys, sharedCountsOf } from '../src/companies/shared-counts.js';
import { upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const base = { companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2020-03-02', divisionCode: '310115' };
const uscc = (n: number): string => completeUscc(`91310115${String(n).padStart(8, '0')}`);
const HUB = '上海市浦东新区张江路88号创业园A座301室';

function doc(n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { ...base, name: `上海共址${n}号商贸有限公司`, uscc: uscc(n), legalRep: `独立${n}`, address: `上海市浦东新区独立路${n}号`, ...extra };
}

/** Five companies at the hub (spelled four ways), three sharing a phone, two an e-mail, four one legal representative. */
function cluster(): CompanyDocument[] {
  return [
    doc(1, { address: HUB, legalRep: '王一', contact: { phone: '021-55550101', email: 'Agent@example.com' } }),
    doc(2, { address: '上海市浦东新区张江路８８号（创业园）Ａ座301房', legalRep: '王一', contact: { phone: '+86 021 5555 0101' } }),
    doc(3, { address: '上海市浦东新区张江路88#创业园A座301号房', legalRep: ' 王 一 ', contact: { phone: '02155550101', email: 'agent@EXAMPLE.com' } }),
    doc(4, { address: HUB, legalRep: '王一' }),
    doc(5, { address: HUB }),
    doc(6, { legalRep: '王一', divisionCode: '110105', uscc: completeUscc('91110105MA000006') }), // another prefecture: another person
    doc(7, { address: undefined, legalRep: undefined }),
  ];
}

const lines = (docs: CompanyDocument[]): string[] => docs.map((d) => `${JSON.stringify(d)}\n`);

for (const backend of BACKENDS) {
  describe(`store-wide registration counts on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('counts shared address, phone, e-mail and legal representative after an import into an empty store', async () => {
      const summary = await importCompanies(t.db, lines(cluster()));
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.imported, 7);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 3, sameEmail: 2, legalRepCompanies: 4 });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(5))), { sameAddress: 5, samePhone: null, sameEmail: null, legalRepCompanies: 1 });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(cluster()[5]!)), { sameAddress: 1, samePhone: null, sameEmail: null, legalRepCompanies: 1 });
      // Nothing known: unknown, never 0.
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(7))), { sameAddress: null, samePhone: null, sameEmail: null, legalRepCompanies: null });
      assert.equal(await sharedCountsOf(t.db, 'f'.repeat(32)), undefined);
    });

    it('moves a company out of the counts when a re-import changes its address, phone and legal representative', async () => {
      const moved = doc(4, { address: '上海市闵行区新址路1号', legalRep: '李二', contact: { phone: '021-55550101' } });
      const summary = await importCompanies(t.db, lines([moved]));
      assert.equal(summary.updated, 1);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 4, samePhone: 4, sameEmail: 2, legalRepCompanies: 3 });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(moved)), { sameAddress: 1, samePhone: 4, sameEmail: null, legalRepCompanies: 1 });
      // The same document again changes nothing.
      assert.equal((await importCompanies(t.db, lines([moved]))).unchanged, 1);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(moved)), { sameAddress: 1, samePhone: 4, sameEmail: null, legalRepCompanies: 1 });
    });

    it('keeps counts through the store API (upsertCompanies) as through the importer', async () => {
      await upsertCompanies(t.db, [doc(8, { address: HUB, legalRep: '王一' })], { now: '2026-01-01T00:00:00.000Z' });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4 });
    });

    it('back-fills the keys of a store that held companies before the table existed', async () => {
      await t.db.deleteFrom('company_contacts').execute();
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 0, samePhone: 0, sameEmail: 0, legalRepCompanies: 0 });
      assert.equal(await ensureRegistrationKeys(t.db, 3), 8);
      assert.equal(await ensureRegistrationKeys(t.db), 0);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4 });
    });
  });
}
