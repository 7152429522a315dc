import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from './document.js';
import { deriveKeyNo } from './key-no.js';
import { companyRow, prepareDocument, rowToStoredCompany, type CompanyLookup, type StoredCompany } from './store.js';
import { completeRegNo } from './reg-no.js';
import { completeUscc } from './uscc.js';
import { computePersonalIdCheck } from './personal-id.js';
import { resolveCompany, type ResolveResult } from './resolver.js';
import { normaliseName } from './normalise.js';

/** An in-memory port: the same row preparation as the store, kept in arrays. */
function memoryLookup(docs: CompanyDocument[]): CompanyLookup {
  const companies: StoredCompany[] = docs.map((doc) => {
    const prepared = prepareDocument(doc);
    return rowToStoredCompany(companyRow(prepared, prepared.explicitKeyNo ?? prepared.derivedKeyNo, '2026-01-01T00:00:00Z'));
  });
  return {
    byKeyNo: async (k) => companies.find((c) => c.keyNo === k),
    byUscc: async (u) => companies.find((c) => c.uscc === u),
    byRegNo: async (r) => companies.find((c) => c.regNo === r),
    byName: async (n) => [
      ...companies.filter((c) => normaliseName(c.name) === n).map((company) => ({ company, current: true })),
      ...companies.filter((c) => (c.doc.formerNames ?? []).some((f) => normaliseName(f) === n)).map((company) => ({ company, current: false })),
    ],
  };
}

const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };
const acme: CompanyDocument = { ...base, name: '上海甲乙科技有限公司（浦东分公司）', formerNames: ['上海甲乙信息技术有限公司'], uscc: completeUscc('91310115MA1H7J3K'), regNo: completeRegNo('31011500012345') };
const pilot: CompanyDocument = { ...base, name: '厦门试点贸易有限公司', uscc: '91350211M00013FA1N' };
const foundation: CompanyDocument = { ...base, name: '上海某某公益基金会', companyType: '基金会', uscc: completeUscc('53310000MJ4A5B6C') };
const hongKong: CompanyDocument = { ...base, name: '香港某某控股有限公司', companyType: '香港公司', keyNo: 'a'.repeat(32) };
const lookup = memoryLookup([acme, pilot, foundation, hongKong]);

async function expectRefusal(input: string, status: string, reason: string): Promise<void> {
  const r: ResolveResult = await resolveCompany(input, lookup);
  assert.deepEqual(r.ok ? { ok: true, name: r.company.name } : r, { ok: false, status, reason }, input);
}

async function expectCompany(input: string, name: string): Promise<void> {
  const r = await resolveCompany(input, lookup);
  assert.equal(r.ok ? r.company.name : `refused ${r.status} ${r.reason}`, name, input);
}

describe('resolveCompany', () => {
  it('213 for fewer than 2 characters after trimming', async () => {
    await expectRefusal('', '213', 'too_short');
    await expectRefusal('  甲 ', '213', 'too_short');
    await expectRefusal('\u3000a\u3000', '213', 'too_short');
  });

  it('finds by USCC in any case, by registration number and by KeyNo', async () => {
    await expectCompany(acme.uscc!, acme.name);
    await expectCompany(` ${acme.uscc!.toLowerCase()} `, acme.name);
    await expectCompany(acme.regNo!, acme.name);
    await expectCompany(deriveKeyNo(acme), acme.name);
    await expectCompany(deriveKeyNo(acme).toUpperCase(), acme.name);
  });

  it('finds a stored code as stored even when its check character is wrong', async () => {
    await expectCompany('91350211M00013FA1N', pilot.name);
  });

  it('202 for an unknown code whose checks fail, 201 when they pass', async () => {
    await expectRefusal('91350211M00013FA1P', '202', 'uscc_check_failed');
    await expectRefusal('91310115MA1H7J3K8G', '202', 'uscc_check_failed');
    await expectRefusal('91310115MA1H7J3KIG', '202', 'uscc_malformed');
    await expectRefusal(completeUscc('91440300MA5F0000'), '201', 'not_found');
  });

  it('201 for an unknown KeyNo, registration number and name', async () => {
    await expectRefusal('b'.repeat(32), '201', 'not_found');
    await expectRefusal(completeRegNo('44030100099999'), '201', 'not_found');
    await expectRefusal('不存在的公司名称有限公司', '201', 'not_found');
  });

  it('finds current and former names exactly after normalisation', async () => {
    await expectCompany('上海甲乙科技有限公司(浦东分公司)', acme.name);
    await expectCompany(' 上海甲乙科技有限公司 （浦东分公司） ', acme.name);
    await expectCompany('上海甲乙信息技术有限公司', acme.name);
    await expectRefusal('上海甲乙科技', '201', 'not_found');
  });

  it('208 for a found entity the report does not cover', async () => {
    await expectRefusal(foundation.uscc!, '208', 'entity_not_covered');
    await expectRefusal('上海某某公益基金会', '208', 'entity_not_covered');
    await expectRefusal('a'.repeat(32), '208', 'entity_not_covered');
    await expectRefusal('香港某某控股有限公司', '208', 'entity_not_covered');
  });

  it('215 for a personal ID number (18 digits, or 17 + X)', async () => {
    await expectRefusal('11010519491231002X', '215', 'personal_id');
    await expectRefusal('11010519491231002x', '215', 'personal_id');
    const body = '44030119900101123';
    await expectRefusal(body + computePersonalIdCheck(body), '215', 'personal_id');
  });

  it('215 for URLs, e-mails, only punctuation and digits that are no registration number', async () => {
    await expectRefusal('https://www.example.com/company/1', '215', 'url');
    await expectRefusal('www.qcc.com', '215', 'url');
    await expectRefusal('example.com.cn', '215', 'url');
    await expectRefusal('someone@example.com', '215', 'email');
    await expectRefusal('（）——!!', '215', 'punctuation_only');
    await expectRefusal('...', '215', 'punctuation_only');
    await expectRefusal('12345678', '215', 'digits_not_reg_no');
    const wrong = completeRegNo('44030100099999');
    await expectRefusal(wrong.slice(0, 14) + String((Number(wrong[14]) + 1) % 10), '215', 'digits_not_reg_no');
  });

  it('reads a Latin company name as a name, not a URL', async () => {
    await expectRefusal('Acme Trading Co., Ltd.', '201', 'not_found');
  });
});
