/**
 * `sharedCountsOf` (src/companies/shared-counts.ts: on PostgreSQL one statement that counts under
 * guessed keys, checked against the derived keys, and a second for what the guesses missed; the
 * legal representative's kept group read in the same statements) gives exactly the answers of
 * the path before it (`sharedCountsFromDocument`: the whole document, identity through
 * PersonResolver) and of identity derived from the edges alone, on both backends, over a generated
 * store with shell clusters plus companies made for the corners: a common legal-representative
 * name (kept, then dirty), several phones and e-mails, a company as legal representative
 * (执行事务合伙人), a company without contacts or legal representative, and a document
 * PostgreSQL's JSON functions refuse (`\u0000`, an unpaired surrogate).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { ensurePersonIdentity } from '../src/companies/relations/identity-build.js';
import { identityBuilt, markDirty, markIdentityStale } from '../src/companies/relations/identity-store.js';
import { sharedCountsFromDocument, sharedCountsOf, type SharedCountsOptions } from '../src/companies/shared-counts.js';
import type { SharedRegistrationCounts } from '../src/companies/store-counts.js';
import { generateCompanies } from '../src/companies/synthetic/index.js';
import { completeUscc } from '../src/companies/uscc.js';
import type { Schema } from '../src/db/schema.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const base = { companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2019-05-06', divisionCode: '440305' };
let serial = 0;
function co(extra: Partial<CompanyDocument> = {}): CompanyDocument {
  serial++;
  return { ...base, name: `深圳对照${serial}号科技有限公司`, uscc: completeUscc(`91440300${String(810000 + serial).padStart(8, '0')}`), address: `广东省深圳市南山区对照路${serial}号`, legalRep: `独${serial}`, ...extra };
}

const HUB = '广东省深圳市南山区科技园南区粤海街道A栋1201室';
const CLERK = { personnel: [{ name: '卢书记', positions: ['监事'] }] };

/** Companies for the corners the generated store may not reach. */
function corners(): { docs: CompanyDocument[]; common: string; partner: string; bare: CompanyDocument; escaped: CompanyDocument; phones: CompanyDocument; missed: CompanyDocument[]; spelled: CompanyDocument[] } {
  const docs: CompanyDocument[] = [];
  // 闵思远 heads 12 companies: 8 linked by one clerk (one person), 4 unrelated elsewhere (four more people).
  for (let i = 0; i < 8; i++) docs.push(co({ legalRep: '闵思远', address: i < 6 ? HUB : undefined, ...CLERK, contact: { email: i % 2 === 0 ? 'agent@hub.example.com' : 'AGENT@hub.example.com' } }));
  for (let i = 0; i < 4; i++) docs.push(co({ legalRep: '闵思远', divisionCode: '110105' }));
  // …and a shareholder, not legal representative, of a ninth company of the clerk's: in his group, not counted.
  docs.push(co({ legalRep: '别人甲', shareholders: [{ name: '闵思远', ratio: 0.5 }], ...CLERK }));
  // Several phones and e-mails in one field; each shared with different companies.
  const phones = co({ address: HUB, contact: { phone: '0755-26660001；13800000001, +86 755 2666 0002', email: 'a@multi.example.com b@multi.example.com' } });
  docs.push(phones);
  const extension = co({ contact: { phone: '0755 2666 0001 转 8' } });
  docs.push(co({ contact: { phone: '075526660001' } }), extension, co({ contact: { phone: '13800000001', email: 'B@multi.example.com' } }));
  // One address spelled twice (full-width digits and letters, brackets, 号房): one key.
  const spelled = [co({ address: '广东省深圳市福田区深南大道（东段）８８号Ｂ座３０２号房' }), co({ address: '广东省深圳市福田区深南大道东段88号b座302室' })];
  docs.push(...spelled);
  // A company as legal representative (执行事务合伙人), at three partnerships.
  const partner = '深圳前海对照投资管理有限公司';
  for (let i = 0; i < 3; i++) docs.push(co({ companyType: '有限合伙企业', name: `深圳对照${i}号投资合伙企业（有限合伙）`, legalRep: partner }));
  // Nothing to count: no address, no contact, no legal representative.
  const bare = co({ address: undefined, legalRep: undefined });
  docs.push(bare);
  // Characters PostgreSQL's JSON functions refuse anywhere in the document (JSON.parse takes them).
  const escaped = co({ address: HUB, legalRep: '闵思远', scope: 'a\u0000b \ud800 c', contact: { email: 'agent@hub.example.com' } });
  docs.push(escaped);
  // What PostgreSQL's first statement cannot count by its guesses: several phones, a phone with
  // an extension, a company as legal representative.
  const missed = [phones, extension, ...docs.filter((d) => d.legalRep === partner)];
  return { docs, common: '闵思远', partner, bare, escaped, phones, missed, spelled };
}

const lines = (docs: Iterable<CompanyDocument>): string[] => [...docs].map((d) => `${JSON.stringify(d)}\n`);

/** A handle on `db` that counts the statements it runs. */
function counting(db: Kysely<Schema>): { db: Kysely<Schema>; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => { n++; return a.result; } };
  return { db: db.withPlugin(plugin), statements: () => n };
}

type Answers = Map<string, SharedRegistrationCounts | undefined>;

async function answers(db: Kysely<Schema>, keyNos: readonly string[], path: typeof sharedCountsOf, options: SharedCountsOptions): Promise<Answers> {
  const out: Answers = new Map();
  for (const k of keyNos) out.set(k, await path(db, k, options));
  return out;
}

const EXACT: SharedCountsOptions = {};
const SERVED: SharedCountsOptions = { resolveLegalRepFrom: 10, stopLegalRepAt: 10 };
const EARLY_STOP: SharedCountsOptions = { stopLegalRepAt: 2 };

for (const backend of BACKENDS) {
  describe(`sharedCountsOf against the path before it on ${backend.name}`, () => {
    let t: TestDatabase;
    let keyNos: string[];
    const c = corners();
    before(async () => {
      t = await backend.open();
      const summary = await importCompanies(t.db, lines([...generateCompanies({ count: 900, seed: 'shared-counts-paths' }), ...c.docs]));
      assert.deepEqual(summary.errors, []);
      keyNos = (await t.db.selectFrom('companies').select('key_no').orderBy('key_no').execute()).map((r) => r.key_no);
      keyNos.push('0'.repeat(32)); // not stored: undefined from both
    });
    after(async () => { await t.cleanup(); });

    it('answers as the document path and as identity derived from the edges, with the kept identity trusted, in one statement on PostgreSQL (mostly) and two on SQLite', async () => {
      assert.equal(await identityBuilt(t.db), true);
      const { db, statements } = counting(t.db);
      const fresh = new Map<string, SharedRegistrationCounts | undefined>();
      const used = new Map<string, number>();
      for (const k of keyNos) {
        const before = statements();
        fresh.set(k, await sharedCountsOf(db, k, EXACT));
        used.set(k, statements() - before);
      }
      if (backend.name === 'postgres') {
        // One statement wherever its guesses are the keys: every generated company (the clusters'
        // three spellings of an address included) and the corners but those it cannot guess.
        const missed = new Set(c.missed.map(deriveKeyNo));
        for (const [k, n] of used) {
          if (k === deriveKeyNo(c.escaped)) assert.equal(n, 3, 'a document PostgreSQL refuses is read whole: one statement more');
          else assert.equal(n, missed.has(k) ? 2 : 1, k);
        }
      } else for (const [k, n] of used) assert.ok(n <= 2, `${k}: ${n} statements`);
      assert.deepEqual(fresh, await answers(t.db, keyNos, sharedCountsFromDocument, EXACT));
      // Identity derived from the edges alone (no kept groups while the marker is gone): the truth.
      await markIdentityStale(t.db);
      const derived = await answers(t.db, keyNos, sharedCountsFromDocument, EXACT);
      assert.deepEqual(fresh, derived);
      assert.deepEqual(await answers(t.db, keyNos, sharedCountsOf, EXACT), derived, 'the untrusted kept identity is derived as before');
      await ensurePersonIdentity(t.db);
      assert.equal(await identityBuilt(t.db), true);

      // The test reaches what it claims to.
      const all = [...fresh.values()].filter((x): x is SharedRegistrationCounts => x !== undefined);
      assert.ok(all.filter((x) => (x.legalRepNamesakes ?? 0) > 1 && x.legalRepCompanies !== null && x.legalRepCompanies > 1).length >= 8, 'persons heading several companies');
      assert.ok(all.some((x) => (x.legalRepNamesakes ?? 0) > 1 && x.legalRepCompanies === 1), 'namesakes told apart');
      assert.ok(all.filter((x) => (x.sameAddress ?? 0) >= 5).length >= 5, 'a crowded address');
      assert.deepEqual(fresh.get(deriveKeyNo(c.bare)), { sameAddress: null, samePhone: null, sameEmail: null, legalRepCompanies: null });
      assert.deepEqual(fresh.get(deriveKeyNo(c.docs[0]!)), { sameAddress: 8, samePhone: null, sameEmail: 9, legalRepCompanies: 8, legalRepNamesakes: 13 });
      assert.deepEqual(fresh.get(deriveKeyNo(c.escaped)), { sameAddress: 8, samePhone: null, sameEmail: 9, legalRepCompanies: 1, legalRepNamesakes: 13 });
      assert.deepEqual(fresh.get(deriveKeyNo(c.phones)), { sameAddress: 8, samePhone: 3, sameEmail: 2, legalRepCompanies: 1, legalRepNamesakes: 1 });
      for (const d of c.spelled) assert.equal(fresh.get(deriveKeyNo(d))?.sameAddress, 2);
      const partnership = fresh.get(deriveKeyNo(c.docs.find((d) => d.legalRep === c.partner)!));
      assert.deepEqual(partnership, { sameAddress: 1, samePhone: null, sameEmail: null, legalRepCompanies: 3, legalRepNamesakes: 3 });
    });

    it('answers as the document path with the served threshold and with an early stop', async () => {
      for (const options of [SERVED, EARLY_STOP]) {
        assert.deepEqual(await answers(t.db, keyNos, sharedCountsOf, options), await answers(t.db, keyNos, sharedCountsFromDocument, options), JSON.stringify(options));
      }
    });

    it('derives the identity of a name marked dirty (the kept group may be stale) and still answers as before', async () => {
      await markDirty(t.db, [`p:${c.common}`]);
      const { db, statements } = counting(t.db);
      const hub = deriveKeyNo(c.docs[0]!);
      const before = statements();
      const counts = await sharedCountsOf(db, hub, EXACT);
      assert.ok(statements() - before > 2, 'the kept group was not trusted');
      assert.deepEqual(counts, await sharedCountsFromDocument(t.db, hub, EXACT));
      assert.equal(counts?.legalRepCompanies, 8);
      for (const options of [EXACT, SERVED, EARLY_STOP]) {
        assert.deepEqual(await answers(t.db, keyNos, sharedCountsOf, options), await answers(t.db, keyNos, sharedCountsFromDocument, options), JSON.stringify(options));
      }
    });
  });
}
