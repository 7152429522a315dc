import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { completeRegNo } from '../src/companies/reg-no.js';
import { ensureSearchIndex, MAX_SEARCH_HITS, searchCompanies } from '../src/companies/search.js';
import { upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const NOW = '2026-01-01T00:00:00.000Z';
const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };

function company(n: number, name: string, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { ...base, name, uscc: completeUscc(`91310115${String(n).padStart(8, '0')}`), ...extra };
}

const names = (r: Awaited<ReturnType<typeof searchCompanies>>) => (r.ok ? r.companies.map((c) => c.name) : r.reason);

for (const backend of BACKENDS) {
  describe(`company search on ${backend.name}`, () => {
    let t: TestDatabase;
    const docs = [
      company(1, '华信科技有限公司', { legalRep: '张伟', regNo: completeRegNo('31011500000001') }),
      company(2, '北京华信科技发展有限公司', { legalRep: '李娜', formerNames: ['北京老字号贸易有限公司'] }),
      company(3, '上海东方华信咨询有限公司', { legalRep: '王华信' }),
      company(4, '深圳市腾飞电子商务有限责任公司（南山分公司）', { legalRep: '赵敏' }),
      company(5, '华信', { legalRep: '钱多' }),
    ];
    before(async () => {
      t = await backend.open();
      await upsertCompanies(t.db, docs, { now: NOW });
    });
    after(async () => { await t.cleanup(); });

    it('finds a two-character fragment, exact first, then prefixes (short values first), then fragments', async () => {
      const r = await searchCompanies(t.db, { text: '华信', offset: 0, limit: 20 });
      assert.ok(r.ok);
      assert.equal(r.total, 4);
      assert.equal(r.capped, false);
      assert.deepEqual(names(r), ['华信', '华信科技有限公司', '上海东方华信咨询有限公司', '北京华信科技发展有限公司']);
    });

    it('finds by former name, USCC (any case), registration number, KeyNo and legal representative', async () => {
      assert.deepEqual(names(await searchCompanies(t.db, { text: '老字号贸易', offset: 0, limit: 5 })), ['北京华信科技发展有限公司']);
      assert.deepEqual(names(await searchCompanies(t.db, { text: docs[3]!.uscc!.toLowerCase(), offset: 0, limit: 5 })), [docs[3]!.name]);
      assert.deepEqual(names(await searchCompanies(t.db, { text: docs[0]!.regNo!, offset: 0, limit: 5 })), [docs[0]!.name]);
      assert.deepEqual(names(await searchCompanies(t.db, { text: deriveKeyNo(docs[4]!), offset: 0, limit: 5 })), ['华信']);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '赵敏', offset: 0, limit: 5 })), [docs[3]!.name]);
      // Scope: names only does not find a legal representative, legal representatives only does.
      assert.deepEqual(names(await searchCompanies(t.db, { text: '王华信', scope: 'names', offset: 0, limit: 5 })), []);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '王华信', scope: 'legalRep', offset: 0, limit: 5 })), ['上海东方华信咨询有限公司']);
    });

    it('matches a query longer than a term exactly, not just its first characters', async () => {
      assert.deepEqual(names(await searchCompanies(t.db, { text: '市腾飞电子商务有限责任公司（南山', offset: 0, limit: 5 })), [docs[3]!.name]);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '市腾飞电子商务有限责任公司（北山', offset: 0, limit: 5 })), []);
      // Width and spaces are normalised like names.
      assert.deepEqual(names(await searchCompanies(t.db, { text: ' 有限责任公司(南山 ', offset: 0, limit: 5 })), [docs[3]!.name]);
    });

    it('pages over the ranked matches and answers nothing for no match', async () => {
      const p2 = await searchCompanies(t.db, { text: '华信', offset: 2, limit: 2 });
      assert.deepEqual(names(p2), ['上海东方华信咨询有限公司', '北京华信科技发展有限公司']);
      const none = await searchCompanies(t.db, { text: '不存在的公司', offset: 0, limit: 10 });
      assert.ok(none.ok);
      assert.equal(none.total, 0);
      assert.deepEqual(none.companies, []);
    });

    it('refuses keywords that cannot be searched', async () => {
      assert.equal(names(await searchCompanies(t.db, { text: ' 华 ', offset: 0, limit: 5 })), 'too_short');
      assert.equal(names(await searchCompanies(t.db, { text: '——!!', offset: 0, limit: 5 })), 'punctuation_only');
      assert.equal(names(await searchCompanies(t.db, { text: '有限责任公司', offset: 0, limit: 5 })), 'legal_form');
    });

    it('writes no terms inside a legal-form ending; a fragment that starts before one is still found', async () => {
      const rows = await t.db.selectFrom('company_search').select(['term']).where('anchor', '=', 0).where('term', 'in', ['有限公司', '限公司', '公司']).execute();
      assert.deepEqual(rows, []);
      // Suffixes that start before the ending stay: 科技有限公司 finds 华信科技有限公司 by a fragment.
      assert.ok((names(await searchCompanies(t.db, { text: '信科技有限公司', offset: 0, limit: 5 })) as string[]).includes('华信科技有限公司'));
    });

    it('re-importing a company replaces its terms: the old name is no longer found, the new one is', async () => {
      const renamed = { ...docs[2]!, name: '上海东方星辰咨询有限公司', legalRep: '孙杰' };
      const [o] = await upsertCompanies(t.db, [renamed], { now: NOW });
      assert.equal(o!.status, 'updated');
      assert.deepEqual(names(await searchCompanies(t.db, { text: '东方华信', offset: 0, limit: 5 })), []);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '王华信', offset: 0, limit: 5 })), []);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '星辰', offset: 0, limit: 5 })), ['上海东方星辰咨询有限公司']);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '孙杰', offset: 0, limit: 5 })), ['上海东方星辰咨询有限公司']);
      const rows = await t.db.selectFrom('company_search').select(['term']).where('key_no', '=', deriveKeyNo(renamed)).execute();
      assert.ok(!rows.some((r) => r.term.includes('华信')), 'no term of the old name is left');
    });

    it('counts matches up to MAX_SEARCH_HITS and says so', async () => {
      const many = Array.from({ length: MAX_SEARCH_HITS + 5 }, (_, i) => company(1000 + i, `多多${i}号贸易有限公司`));
      await upsertCompanies(t.db, many, { now: NOW });
      const r = await searchCompanies(t.db, { text: '贸易', offset: 0, limit: 3 });
      assert.ok(r.ok);
      assert.equal(r.total, MAX_SEARCH_HITS);
      assert.equal(r.capped, true);
      assert.equal(r.companies.length, 3);
    });
  });

  describe(`search index through the importer on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('a load into an empty store, then an incremental re-import, keep the terms with the companies', async () => {
      const first = [company(1, '江苏恒瑞医药股份有限公司', { legalRep: '孙飘扬' }), company(2, '江苏恒顺醋业股份有限公司')];
      const summary = await importCompanies(t.db, first.map((d) => JSON.stringify(d) + '\n'));
      assert.equal(summary.imported, 2);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '恒瑞', offset: 0, limit: 5 })), ['江苏恒瑞医药股份有限公司']);
      const again = await importCompanies(t.db, [JSON.stringify({ ...first[1], name: '江苏恒瑞醋业股份有限公司' }) + '\n']);
      assert.equal(again.updated, 1);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '恒瑞', offset: 0, limit: 5 })), ['江苏恒瑞医药股份有限公司', '江苏恒瑞醋业股份有限公司']);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '恒顺', offset: 0, limit: 5 })), []);
    });

    it('ensureSearchIndex fills the terms of a store that had companies before the index existed', async () => {
      await t.db.deleteFrom('company_search').execute();
      assert.deepEqual(names(await searchCompanies(t.db, { text: '醋业', offset: 0, limit: 5 })), []);
      assert.equal(await ensureSearchIndex(t.db), 2);
      assert.equal(await ensureSearchIndex(t.db), 0);
      assert.deepEqual(names(await searchCompanies(t.db, { text: '醋业', offset: 0, limit: 5 })), ['江苏恒瑞醋业股份有限公司']);
    });
  });
}
