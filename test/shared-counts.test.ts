/**
 * Store-wide registration counts (src/companies/shared-counts.ts) on both backends, through every
 * write path: the SQLite bulk load into an empty store, the per-batch import, re-import of a
 * changed document, and the back-fill of a store that held companies before migration 0070. The
 * legal representative's count follows the graph's identity rule (docs/relations.md "Who is one
 * person"): namesakes at unrelated companies are not counted together.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { ensureRegistrationKeys, sharedCountsOf } from '../src/companies/shared-counts.js';
import { upsertCompanies } from '../src/companies/store.js';
import { up as dropLegalRepContactKeys } from '../src/db/migrations/0115_drop_legal_rep_contact_keys.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const base = { companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2020-03-02', divisionCode: '310115' };
const uscc = (n: number): string => completeUscc(`91310115${String(n).padStart(8, '0')}`);
const HUB = '上海市浦东新区张江路88号创业园A座301室';
const SHARED = '杭州市西湖区文三路1号创业大厦808室';

function doc(n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { ...base, name: `上海共址${n}号商贸有限公司`, uscc: uscc(n), legalRep: `独立${n}`, address: `上海市浦东新区独立路${n}号`, ...extra };
}

/** A fellow officer at each of 王一's companies: what makes their 王一 one person under the identity rule. */
const CO = { personnel: [{ name: '赵监', positions: ['监事'] }] };

/**
 * Five companies at the hub (spelled four ways), three sharing a phone, two an e-mail; 王一 heads
 * four of them with one fellow officer (one person), and a namesake 王一 heads an unrelated company
 * in another city (another person).
 */
function cluster(): CompanyDocument[] {
  return [
    doc(1, { address: HUB, legalRep: '王一', ...CO, contact: { phone: '021-55550101', email: 'Agent@example.com' } }),
    doc(2, { address: '上海市浦东新区张江路８８号（创业园）Ａ座301房', legalRep: '王一', ...CO, contact: { phone: '+86 021 5555 0101' } }),
    doc(3, { address: '上海市浦东新区张江路88#创业园A座301号房', legalRep: ' 王 一 ', ...CO, contact: { phone: '02155550101', email: 'agent@EXAMPLE.com' } }),
    doc(4, { address: HUB, legalRep: '王一', ...CO }),
    doc(5, { address: HUB }),
    doc(6, { legalRep: '王一', divisionCode: '110105', uscc: completeUscc('91110105MA000006') }), // nothing in common: another person
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
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 3, sameEmail: 2, legalRepCompanies: 4, legalRepNamesakes: 5 });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(5))), { sameAddress: 5, samePhone: null, sameEmail: null, legalRepCompanies: 1, legalRepNamesakes: 1 });
      // The namesake at an unrelated company is its own person: 1, not 5 (nor 4).
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(cluster()[5]!)), { sameAddress: 1, samePhone: null, sameEmail: null, legalRepCompanies: 1, legalRepNamesakes: 5 });
      // Nothing known: unknown, never 0.
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(7))), { sameAddress: null, samePhone: null, sameEmail: null, legalRepCompanies: null });
      assert.equal(await sharedCountsOf(t.db, 'f'.repeat(32)), undefined);
    });

    it('moves a company out of the counts when a re-import changes its address, phone and legal representative', async () => {
      const moved = doc(4, { address: '上海市闵行区新址路1号', legalRep: '李二', contact: { phone: '021-55550101' } });
      const summary = await importCompanies(t.db, lines([moved]));
      assert.equal(summary.updated, 1);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 4, samePhone: 4, sameEmail: 2, legalRepCompanies: 3, legalRepNamesakes: 4 });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(moved)), { sameAddress: 1, samePhone: 4, sameEmail: null, legalRepCompanies: 1, legalRepNamesakes: 1 });
      // The same document again changes nothing.
      assert.equal((await importCompanies(t.db, lines([moved]))).unchanged, 1);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(moved)), { sameAddress: 1, samePhone: 4, sameEmail: null, legalRepCompanies: 1, legalRepNamesakes: 1 });
    });

    it('keeps counts through the store API (upsertCompanies) as through the importer', async () => {
      await upsertCompanies(t.db, [doc(8, { address: HUB, legalRep: '王一', ...CO })], { now: '2026-01-01T00:00:00.000Z' });
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4, legalRepNamesakes: 5 });
    });

    it('stops resolving identity at the caller\'s threshold and says the count is then a lower bound', async () => {
      // 王一 heads companies 1, 2, 3 and 8 (one person through 赵监).
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1)), { stopLegalRepAt: 5 }), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4, legalRepNamesakes: 5 });
      const bounded = await sharedCountsOf(t.db, deriveKeyNo(doc(1)), { stopLegalRepAt: 2 });
      assert.equal(bounded?.legalRepCompaniesAtLeast, true);
      assert.ok(bounded!.legalRepCompanies! >= 2 && bounded!.legalRepCompanies! <= 4, String(bounded?.legalRepCompanies));
      // The namesake elsewhere is one person at one company: exact, however low the stop.
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(cluster()[5]!), { stopLegalRepAt: 2 }).then((x) => [x?.legalRepCompanies, x?.legalRepCompaniesAtLeast]), [1, undefined]);
    });

    it('writes no legal representative rows into company_contacts (kind 4, retired by migration 0115)', async () => {
      const rows = await t.db.selectFrom('company_contacts').select((eb) => eb.fn.countAll<number | string>().as('n')).where('kind', '=', 4).executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 0);
      assert.ok(Number((await t.db.selectFrom('company_contacts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n) > 0);
    });

    it('migration 0115 deletes the kind-4 rows an older store still holds, and nothing else', async () => {
      const count = async (): Promise<number> => Number((await t.db.selectFrom('company_contacts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      await t.db.insertInto('company_contacts').values([{ kind: 4, value: '王一@3101', key_no: deriveKeyNo(doc(1)) }, { kind: 4, value: '王一@3101', key_no: deriveKeyNo(doc(2)) }]).execute();
      await dropLegalRepContactKeys(t.db);
      assert.equal(await count(), before);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4, legalRepNamesakes: 5 });
    });

    it('counts two same-name people at unrelated companies apart, and skips identity when even the namesakes stay under the threshold', async () => {
      const a = doc(20, { name: '杭州甲甲科技有限公司', legalRep: '孙同名', divisionCode: '330106', uscc: completeUscc('91330106MA000020') });
      const b = doc(21, { name: '杭州乙乙贸易有限公司', legalRep: '孙同名', divisionCode: '330106', uscc: completeUscc('91330106MA000021') });
      // Same name, same prefecture (the old rule's one person), same address even: nothing the identity rule links.
      const summary = await importCompanies(t.db, lines([{ ...a, address: SHARED }, { ...b, address: SHARED }]));
      assert.deepEqual(summary.errors, []);
      const counts = await sharedCountsOf(t.db, deriveKeyNo(a));
      assert.equal(counts?.legalRepCompanies, 1);
      assert.equal(counts?.legalRepNamesakes, 2);
      // A fellow shareholder at both makes them one person.
      const c = doc(22, { name: '杭州丙丙咨询有限公司', legalRep: '孙同名', divisionCode: '330106', uscc: completeUscc('91330106MA000022'), shareholders: [{ name: '钱共股', ratio: 0.4 }] });
      await importCompanies(t.db, lines([{ ...b, address: SHARED, shareholders: [{ name: '钱共股', ratio: 0.6 }] }, c]));
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(b)).then((x) => [x?.legalRepCompanies, x?.legalRepNamesakes]), [2, 3]);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(a)).then((x) => [x?.legalRepCompanies, x?.legalRepNamesakes]), [1, 3]);
      // Below the caller's threshold identity is not resolved: unknown, with the bound that says why.
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(b), { resolveLegalRepFrom: 10 }).then((x) => [x?.legalRepCompanies, x?.legalRepNamesakes]), [null, 3]);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(b), { resolveLegalRepFrom: 3 }).then((x) => [x?.legalRepCompanies, x?.legalRepNamesakes]), [2, 3]);
    });

    it('back-fills the keys of a store that held companies before the table existed', async () => {
      await t.db.deleteFrom('company_contacts').execute();
      // The legal representative's count comes from the relation graph, not this table.
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 0, samePhone: 0, sameEmail: 0, legalRepCompanies: 4, legalRepNamesakes: 5 });
      assert.equal(await ensureRegistrationKeys(t.db, 3), 11);
      assert.equal(await ensureRegistrationKeys(t.db), 0);
      assert.deepEqual(await sharedCountsOf(t.db, deriveKeyNo(doc(1))), { sameAddress: 5, samePhone: 4, sameEmail: 2, legalRepCompanies: 4, legalRepNamesakes: 5 });
    });
  });
}
