/**
 * Golden tests of report types 3 (准入尽调) and 4 (空壳扫描): a clean company is 准入 and scores 低,
 * a company with a current 失信 is 不准入, a shell-like company stored among many at its address
 * scores 高 with counts read from the real store (both backends), and unknown inputs stay unknown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import type { RelationFacts } from '../src/companies/relations/facts.js';
import { sharedCountsOf } from '../src/companies/shared-counts.js';
import { completeUscc } from '../src/companies/uscc.js';
import { renderPdf } from '../src/reports/render/pdf/render-pdf.js';
import { takeSnapshot } from '../src/reports/snapshot.js';
import { buildDueDiligenceReport, dueDiligenceReportType } from '../src/reports/types/due-diligence/index.js';
import { reportTypePlugin } from '../src/reports/types/index.js';
import { buildShellScanReport, shellScanReportType } from '../src/reports/types/shell-scan/index.js';
import type { SharedRegistrationCounts } from '../src/companies/store-counts.js';
import { pdfPages } from './render-support.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { cancelledSample, shellLikeSample, soleTraderSample, standardSample } from './support/sample-companies.js';

const GENERATED_AT = '2026-11-30T02:15:02Z';
const order = { orderNo: 'ORD-DD-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT };
const snapshotOf = (doc: CompanyDocument) => takeSnapshot({ doc, updatedAt: '2026-11-25T00:00:00.000Z', synthetic: false }, () => new Date(GENERATED_AT));
const person = (name: string) => ({ id: `p_${name}`, type: 'person' as const, name });

/** What the relation graph finds for the standard sample: 周立衡 controls with 60 %. */
function cleanRelations(doc: CompanyDocument): RelationFacts {
  const company = { id: deriveKeyNo(doc), type: 'company' as const, name: doc.name, keyNo: deriveKeyNo(doc) };
  const step = { holder: person('周立衡'), held: company, ratio: 0.6 };
  return {
    keyNo: company.id,
    controller: { status: 'found', controller: person('周立衡'), chain: [step], cumulativeRatio: 0.6, basis: 'declared', reason: '登记数据标明的实际控制人' },
    beneficialOwners: [{ person: person('周立衡'), cumulativeRatio: 0.6, paths: [[step]] }],
    beneficialOwnerThreshold: 0.25,
    penetration: { party: company, ratio: null, children: [{ party: person('周立衡'), ratio: 0.6, children: [] }] },
    cycles: [],
    related: [],
  };
}

const ORDINARY_COUNTS: SharedRegistrationCounts = { sameAddress: 1, samePhone: 1, sameEmail: 1, legalRepCompanies: 1 };

describe('准入尽调 (report type 3)', () => {
  it('admits a clean company: every item 通过, with its evidence', () => {
    const doc = standardSample();
    const { verdict, model } = buildDueDiligenceReport({ snapshot: snapshotOf(doc), order, relations: cleanRelations(doc) });
    assert.deepEqual(verdict.items.filter((i) => i.result !== 'pass').map((i) => `${i.id}: ${i.evidence}`), []);
    assert.equal(verdict.conclusion, 'admit');
    assert.equal(verdict.conclusionText, '准入');
    assert.match(verdict.items.find((i) => i.id === 'identity')!.evidence, /校验位正确/);
    assert.equal(model.meta.title, '准入尽调报告');
    assert.equal(model.sections[0]!.id, 'due-diligence');
    assert.ok(model.sections.some((s) => s.id === 'judicial'), 'the judicial evidence follows');
  });

  it('does not admit a company with a current 失信, and names the rule and the record', () => {
    const doc = standardSample();
    doc.dishonest = [{ caseNo: '（2026）沪0115执1234号', court: '上海市浦东新区人民法院', filedOn: '2026-03-01' }];
    const { verdict } = buildDueDiligenceReport({ snapshot: snapshotOf(doc), order, relations: cleanRelations(doc) });
    assert.equal(verdict.conclusion, 'reject');
    const item = verdict.items.find((i) => i.id === 'dishonest')!;
    assert.equal(item.resultText, '不通过');
    assert.match(item.evidence, /（2026）沪0115执1234号/);
    assert.match(verdict.rule, /不通过.*失信被执行人/);
  });

  it('never passes what it does not know: no relation facts → 关注 未能识别; a category not supplied → 关注', () => {
    const doc = standardSample();
    delete doc.seriousViolations;
    const { verdict } = buildDueDiligenceReport({ snapshot: snapshotOf(doc), order });
    const controller = verdict.items.find((i) => i.id === 'controller')!;
    assert.equal(controller.result, 'attention');
    assert.match(controller.evidence, /未能识别/);
    assert.equal(verdict.items.find((i) => i.id === 'serious-violation')!.result, 'attention');
    assert.equal(verdict.conclusion, 'conditional');
  });

  it('refuses 219 for a cancelled company', () => {
    assert.equal(dueDiligenceReportType.refuse?.({ snapshot: snapshotOf(cancelledSample()) })?.status, '219');
    assert.equal(dueDiligenceReportType.refuse?.({ snapshot: snapshotOf(standardSample()) }), null);
    assert.equal(reportTypePlugin(3), dueDiligenceReportType);
  });
});

describe('空壳扫描 (report type 4), pure', () => {
  it('scores an ordinary company 低, with the level certain', () => {
    const { verdict, model } = buildShellScanReport({ snapshot: snapshotOf(standardSample()), order, sharedCounts: ORDINARY_COUNTS });
    assert.equal(verdict.level, '低');
    assert.ok(verdict.index < 30, `index ${verdict.index}`);
    assert.equal(verdict.levelCertain, true);
    assert.equal(verdict.indicators.reduce((s, i) => s + i.weight, 0), 100);
    assert.equal(model.meta.title, '空壳扫描报告');
  });

  it('reports unknown inputs as unknown: without store counts the sharing indicators are null, never "not hit"', () => {
    const { verdict } = buildShellScanReport({ snapshot: snapshotOf(standardSample()), order });
    for (const id of ['shared-address', 'shared-contact', 'legal-rep-many']) assert.equal(verdict.indicators.find((i) => i.id === id)!.hit, null, id);
    assert.equal(verdict.unknownWeight >= 35, true);
  });

  it('reads the legal representative from the identity count, and from the namesakes bound only when it is below the threshold', () => {
    const rep = (counts: SharedRegistrationCounts) => buildShellScanReport({ snapshot: snapshotOf(standardSample()), order, sharedCounts: counts }).verdict.indicators.find((i) => i.id === 'legal-rep-many')!;
    // Thirty namesakes, but the identity rule finds one person at two companies: not hit.
    assert.equal(rep({ ...ORDINARY_COUNTS, legalRepCompanies: 2, legalRepNamesakes: 30 }).hit, false);
    assert.equal(rep({ ...ORDINARY_COUNTS, legalRepCompanies: 10, legalRepNamesakes: 30 }).hit, true);
    // Identity not resolved: below the threshold even all namesakes together cannot be hit; otherwise unknown.
    const bound = rep({ ...ORDINARY_COUNTS, legalRepCompanies: null, legalRepNamesakes: 9 });
    assert.equal(bound.hit, false);
    assert.match(bound.evidence, /同名的企业共 9 家.*未逐一认定/u);
    assert.equal(rep({ ...ORDINARY_COUNTS, legalRepCompanies: null, legalRepNamesakes: 10 }).hit, null);
    assert.equal(rep({ ...ORDINARY_COUNTS, legalRepCompanies: null }).hit, null);
  });

  it('says "at least" when identity was resolved only until the threshold was reached', () => {
    const rep = (counts: SharedRegistrationCounts) => buildShellScanReport({ snapshot: snapshotOf(standardSample()), order, sharedCounts: counts }).verdict.indicators.find((i) => i.id === 'legal-rep-many')!;
    const bounded = rep({ ...ORDINARY_COUNTS, legalRepCompanies: 11, legalRepCompaniesAtLeast: true, legalRepNamesakes: 40 });
    assert.equal(bounded.hit, true);
    assert.match(bounded.evidence, /至少 11 家.*不再逐一认定/u);
    assert.doesNotMatch(rep({ ...ORDINARY_COUNTS, legalRepCompanies: 11, legalRepNamesakes: 40 }).evidence, /至少/u);
  });

  it('keeps the verdict chapter on one PDF page: the chart, the whole indicator table and the note (the chart used to spill over)', async () => {
    const counts: SharedRegistrationCounts = { sameAddress: 12, samePhone: null, sameEmail: 12, legalRepCompanies: 12, legalRepNamesakes: 12 };
    const { model } = buildShellScanReport({ snapshot: snapshotOf(shellLikeSample()), order, sharedCounts: counts });
    const pages = pdfPages(await renderPdf(model));
    const verdictPage = pages.find((p) => p.includes('空壳扫描结论') && p.includes('空壳指标'));
    assert.ok(verdictPage, 'a page with the verdict heading and the indicator table');
    for (const text of ['指标权重（红：命中', '经营异常（无法联系）', '空壳风险指数为命中指标权重之和']) assert.ok(verdictPage.includes(text), `${text} on the verdict page`);
  });

  it('refuses 218 for a 个体工商户 and a cancelled company', () => {
    assert.equal(shellScanReportType.refuse?.({ snapshot: snapshotOf(soleTraderSample()) })?.status, '218');
    assert.equal(shellScanReportType.refuse?.({ snapshot: snapshotOf(cancelledSample()) })?.status, '218');
    assert.equal(reportTypePlugin(4), shellScanReportType);
  });
});

/** The registration agent's clerk, 监事 at the shell and its neighbours: what makes their 马振 one person (identity rule). */
const AGENT_CLERK = { name: '刘代办', positions: ['监事'] };

/** Eleven other companies at the shell's address, with its e-mail, under its legal representative. */
function neighbours(): CompanyDocument[] {
  return Array.from({ length: 11 }, (_, i) => ({
    name: `上海邻址${i + 1}号贸易有限公司`,
    uscc: completeUscc(`91310115MA${String(400001 + i).padStart(6, '0')}`),
    companyType: '有限责任公司',
    status: '存续',
    establishedOn: '2025-05-01',
    divisionCode: '310115',
    legalRep: '马振',
    address: '上海市浦东新区川沙路5558号2幢301室',
    contact: { email: 'AGENT-DESK@example.com' },
    personnel: [{ name: '马振', positions: ['执行董事'] }, AGENT_CLERK],
  }));
}

for (const backend of BACKENDS) {
  describe(`空壳扫描 with store-wide counts on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('scores a shell-like company stored among many at its address 高, and the standard one 低', async () => {
      const stored = (d: CompanyDocument): CompanyDocument => ({ ...d, dataAsOf: `${d.dataAsOf}T00:00:00+08:00` });
      const sample = shellLikeSample();
      const shell = stored({ ...sample, personnel: [...(sample.personnel ?? []), AGENT_CLERK] });
      // The sample's registration number is display text with no valid check digit; the importer checks it.
      const ordinary = stored({ ...standardSample(), regNo: undefined });
      const summary = await importCompanies(t.db, [shell, ordinary, ...neighbours()].map((d) => `${JSON.stringify(d)}\n`));
      assert.deepEqual(summary.errors, []);
      const counts = await sharedCountsOf(t.db, deriveKeyNo(shell));
      assert.deepEqual(counts, { sameAddress: 12, samePhone: null, sameEmail: 12, legalRepCompanies: 12, legalRepNamesakes: 12 });
      const { verdict } = buildShellScanReport({ snapshot: snapshotOf(shell), order, sharedCounts: counts! });
      assert.equal(verdict.level, '高');
      assert.ok(verdict.index >= 80, `index ${verdict.index}: ${JSON.stringify(verdict.indicators.filter((i) => i.hit !== true))}`);
      assert.match(verdict.indicators.find((i) => i.id === 'shared-address')!.evidence, /12 家/);

      const ordinaryCounts = await sharedCountsOf(t.db, deriveKeyNo(ordinary));
      const low = buildShellScanReport({ snapshot: snapshotOf(ordinary), order, sharedCounts: ordinaryCounts! }).verdict;
      assert.equal(low.level, '低');
    });
  });
}
