import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import schema from '../company.schema.json' with { type: 'json' };
import type { CompanyDocument } from '../document.js';
import { findDivision } from '../divisions.js';
import { findIndustry } from '../industry.js';
import { checkRegNo } from '../reg-no.js';
import { checkUscc } from '../uscc.js';
import { generateCompanies, generateCompany, heavyLitigationCompany, standardCompany, writeCompanyNdjson, writeNdjson } from './index.js';
import { TRADE_NAME_CHARS } from './vocabulary.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
const REFERENCE_DATE = '2026-06-30';
/** Fields whose dates lie in the future by nature: a term, a subscription deadline, an expiry, the end of a freeze, a mortgage, a licence or a notice period, an auction to come. */
const FUTURE_BY_NATURE = new Set(['termTo', 'subscribedOn', 'expiresOn', 'frozenTo', 'auctionOn', 'to', 'debtTo', 'validTo', 'periodTo', 'announcedTo', 'creditorNoticeTo']);
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

async function ndjson(docs: Iterable<CompanyDocument>, write: typeof writeCompanyNdjson = writeCompanyNdjson): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(docs, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const run = [...generateCompanies({ count: 3000, seed: 'tests' })];

test('the same seed and count give the same bytes; a shorter run is a prefix of a longer one', async () => {
  const a = await ndjson(generateCompanies({ count: 300, seed: 42 }));
  const b = await ndjson(generateCompanies({ count: 300, seed: 42 }));
  assert.equal(a, b);
  const prefix = await ndjson(generateCompanies({ count: 120, seed: 42 }));
  assert.ok(a.startsWith(prefix), 'a run of 120 is the first 120 lines of a run of 300');
  assert.equal(prefix.split('\n').length, 121);
  const other = await ndjson(generateCompanies({ count: 300, seed: 43 }));
  assert.notEqual(a, other);
  assert.deepEqual(generateCompany('tests', 1234), run[1234]);
  assert.deepEqual([...generateCompanies({ count: 10, seed: 'tests', start: 2000 })], run.slice(2000, 2010), 'a block from a start index is that slice of the run');
});

test('the byte writer and JSON.stringify give the same NDJSON, across several 1 MB chunks', async () => {
  const docs = run.slice(0, 1200); // about 3.4 MB
  const viaBytes = await ndjson(docs);
  assert.equal(viaBytes, await ndjson(docs, writeNdjson));
  assert.equal(viaBytes, docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
});

test('every document validates against the company schema and is marked synthetic', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv, ['date-time']);
  const validate = ajv.compile(schema);
  for (const doc of [...run, standardCompany(), heavyLitigationCompany(50)]) {
    assert.ok(validate(doc), `${doc.name}: ${JSON.stringify(validate.errors)}`);
    assert.equal(doc.source, 'synthetic');
    assert.equal(doc.dataAsOf, `${REFERENCE_DATE}T00:00:00+08:00`);
  }
});

test('identifiers are valid, carry real division codes and are unique in the run', () => {
  const usccs = new Set<string>();
  const regNos = new Set<string>();
  for (const doc of run) {
    assert.ok(doc.uscc && checkUscc(doc.uscc).ok, `${doc.name}: USCC ${doc.uscc}`);
    assert.equal(doc.uscc!.slice(2, 8), doc.divisionCode);
    assert.equal(findDivision(doc.divisionCode!)?.level, 'county', `division ${doc.divisionCode}`);
    assert.ok(!usccs.has(doc.uscc!), `duplicate USCC ${doc.uscc}`);
    usccs.add(doc.uscc!);
    if (doc.regNo !== undefined) {
      assert.ok(checkRegNo(doc.regNo).ok, `${doc.name}: regNo ${doc.regNo}`);
      assert.equal(doc.regNo.slice(0, 6), doc.divisionCode);
      assert.ok(!regNos.has(doc.regNo), `duplicate regNo ${doc.regNo}`);
      regNos.add(doc.regNo);
    }
    assert.ok(findIndustry(doc.industry!.code), `industry ${doc.industry!.code}`);
  }
  assert.ok(regNos.size > run.length / 3, 'older registrations carry registration numbers');
});

test('names are unique in a run, and former names name nobody else', () => {
  const names = new Set(run.map((d) => d.name));
  assert.equal(names.size, run.length);
  let renamed = 0;
  for (const doc of run) {
    for (const former of doc.formerNames ?? []) {
      renamed++;
      assert.notEqual(former, doc.name);
      assert.ok(!names.has(former), `former name ${former} is another company's name`);
    }
  }
  assert.ok(renamed > 0);
});

test('names stay unique past the two-character 字号 space', () => {
  // Companies beyond index P² (P characters in the pool) get three-character 字号: sample across the boundary.
  const boundary = TRADE_NAME_CHARS.length ** 2;
  const names = new Set<string>();
  for (let i = boundary - 100; i < boundary + 100; i++) names.add(generateCompany('tests', i).name);
  for (let i = 0; i < 200; i++) names.add(generateCompany('tests', i).name);
  assert.equal(names.size, 400);
});

test('the run mixes enterprises, branches, individual businesses, cooperatives, uncovered entities and dead companies', () => {
  const share = (predicate: (d: CompanyDocument) => boolean): number => run.filter(predicate).length / run.length;
  const category = (d: CompanyDocument): string => d.uscc!.slice(0, 2);
  assert.ok(share((d) => category(d) === '91') > 0.6, 'mostly 91 enterprises');
  assert.ok(share((d) => category(d) === '92') > 0.05, '个体工商户');
  assert.ok(share((d) => category(d) === '93') > 0.01, 'cooperatives');
  for (const c of ['12', '51', '52']) assert.ok(run.some((d) => category(d) === c), `category ${c}`);
  assert.ok(share((d) => /注销/.test(d.status)) > 0.02, 'cancelled');
  assert.ok(share((d) => /吊销，未注销/.test(d.status)) > 0.01, 'revoked');
  assert.ok(run.some((d) => d.companyType === '股份有限公司（非上市、自然人投资或控股）'));
  assert.ok(run.some((d) => d.companyType === '个人独资企业'));
  assert.ok(run.some((d) => d.companyType === '有限合伙企业'));

  const byUscc = new Map(run.map((d) => [d.uscc, d]));
  const branches = run.filter((d) => d.parent !== undefined);
  assert.ok(branches.length > run.length * 0.02, 'branches');
  for (const branch of branches) {
    assert.match(branch.name, /分公司$/);
    // A branch's parent has a smaller index, so it is always in the run.
    const parent = byUscc.get(branch.parent!.uscc);
    assert.ok(parent, `${branch.name}: parent ${branch.parent!.uscc} is not in the run`);
    assert.equal(parent.name, branch.parent!.name);
    assert.ok(branch.name.startsWith(parent.name));
    assert.ok(parent.branches?.some((b) => b.uscc === branch.uscc), `${parent.name} lists ${branch.name}`);
  }
});

test('no date lies after the reference date, and none before establishment', () => {
  for (const doc of run) {
    const visit = (value: unknown, key: string): void => {
      if (typeof value === 'string' && DATE.test(value) && !FUTURE_BY_NATURE.has(key)) {
        assert.ok(value <= REFERENCE_DATE, `${doc.name}: ${key} ${value} is after the reference date`);
      } else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    visit(doc, '');
    for (const j of doc.judgments ?? []) assert.ok(j.date >= doc.establishedOn, `${doc.name}: judgment before establishment`);
    for (const c of doc.changes ?? []) assert.ok(c.date >= doc.establishedOn, `${doc.name}: change before establishment`);
  }
  const early = generateCompanies({ count: 200, seed: 'tests', referenceDate: '2020-01-15' });
  for (const doc of early) assert.ok(doc.establishedOn <= '2020-01-15' && (doc.annualReports ?? []).every((r) => r.year <= 2019));
});

test('shareholders own exactly the company and annual reports balance', () => {
  let withShareholders = 0;
  for (const doc of run) {
    if (doc.shareholders?.length) {
      withShareholders++;
      const total = doc.shareholders.reduce((sum, s) => sum + (s.ratio ?? 0), 0);
      assert.ok(Math.abs(total - 1) < 1e-9, `${doc.name}: ratios sum to ${total}`);
      assert.equal(doc.shareholders.filter((s) => s.isController).length, 1);
    }
    for (const report of doc.annualReports ?? []) {
      if (report.totalAssets && report.totalLiabilities && report.equity) {
        assert.equal(report.equity.amount, report.totalAssets.amount - report.totalLiabilities.amount);
      }
    }
    if (doc.companyType === '个体工商户') assert.equal(doc.shareholders, undefined, 'an individual business has no shareholders');
  }
  assert.ok(withShareholders > run.length / 2);
});

test('records point at each other: 失信 and 终本 cases continue enforcement cases', () => {
  let linked = 0;
  for (const doc of run) {
    const enforcement = new Set((doc.enforcements ?? []).map((e) => e.caseNo));
    if (enforcement.size === 0) continue;
    for (const d of [...(doc.dishonest ?? []), ...(doc.terminatedCases ?? [])]) {
      assert.ok(enforcement.has(d.caseNo), `${doc.name}: ${d.caseNo} is no enforcement case`);
      linked++;
    }
  }
  assert.ok(linked > 0);
});

test('the standard company has the standard report contents', () => {
  const doc = standardCompany();
  assert.deepEqual(standardCompany(), doc);
  assert.equal(doc.uscc!.slice(0, 2), '91');
  assert.match(doc.status, /存续|在业/);
  assert.equal(doc.shareholders?.length, 5);
  assert.equal(doc.personnel?.length, 8);
  assert.equal(doc.changes?.length, 10);
  assert.equal(doc.annualReports?.length, 5);
  assert.ok((doc.judgments?.length ?? 0) >= 3 && (doc.penalties?.length ?? 0) >= 1);
  assert.ok((doc.patents?.length ?? 0) > 0 && (doc.certificates?.length ?? 0) > 0 && (doc.tenders?.length ?? 0) > 0);
});

test('the heavy-litigation company has the asked number of judgments', () => {
  assert.equal(heavyLitigationCompany().judgments?.length, 500);
  const doc = heavyLitigationCompany(1200);
  assert.equal(doc.judgments?.length, 1200);
  assert.ok(doc.judgments!.every((j) => j.date <= REFERENCE_DATE));
});
