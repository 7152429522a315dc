import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../../companies/document.js';
import { scoreCompany } from './scorecard.js';
import { scoreCompanyV2 } from './scorecard-v2.js';
import type { ScoreResult } from './types.js';

const DATA_DATE = '2026-06-01';

/** Every list supplied, empty: a source that covers everything and found nothing. */
const QUIET_LISTS = ['personnel', 'investments', 'branches', 'changes', 'annualReports', 'judgments', 'enforcements', 'dishonest', 'consumptionRestrictions',
  'terminatedCases', 'hearings', 'caseFilings', 'abnormalOperations', 'seriousViolations', 'penalties', 'equityPledges', 'chattelMortgages', 'taxArrears',
  'taxViolations', 'taxCredit', 'certificates', 'patents', 'trademarks', 'softwareCopyrights', 'tenders', 'equityFreezes', 'bankruptcies',
  'judicialAuctions', 'exitRestrictions', 'courtAnnouncements', 'serviceAnnouncements', 'landMortgages', 'guarantees', 'simpleCancellations',
  'cancellationFilings', 'licences', 'spotChecks', 'ipPledges', 'publicSummons'];

/** Established 2010, active, 1,000 万元 capital fully paid, 20 insured, 2024 annual report filed, every list supplied and empty. */
function quiet(extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return {
    ...Object.fromEntries(QUIET_LISTS.map((l) => [l, []])),
    name: '测试有限公司', companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G',
    registeredCapital: { amount: 10_000_000 }, paidInCapital: { amount: 10_000_000 }, insuredCount: 20,
    annualReports: [{ year: 2024, publishedOn: '2025-04-01' }],
    ...extra,
  };
}

function factor(r: ScoreResult, id: string) {
  const f = r.factors.find((x) => x.id === id);
  assert.ok(f, `factor ${id} missing`);
  return f;
}

const judgments = (n: number, role: 'defendant' | 'plaintiff' = 'defendant') =>
  Array.from({ length: n }, (_, i) => ({ caseNo: `(2025)沪0115民初${i}号`, date: '2025-06-01', role }));

describe('scorecard v2: the quiet company and the unknown one', () => {
  it('a quiet company with every category supplied scores its v1 total: 600 + 50 + 30 + 15 + 20 + 10 + 10 + 10 = 745 (A)', () => {
    const r = scoreCompanyV2(quiet(), DATA_DATE);
    assert.equal(r.version, 'v2');
    assert.equal(r.raw, 745);
    assert.equal(r.grade, 'A');
    assert.equal(r.withheld, undefined);
    assert.equal(scoreCompany(quiet(), DATA_DATE).raw, 745, 'v1 agrees where nothing is unknown');
  });

  it('an unsupplied category scores 0 with the bin 未提供, never the +10 of "no record"', () => {
    const doc = quiet();
    delete doc.judgments;
    delete doc.changes;
    const r = scoreCompanyV2(doc, DATA_DATE);
    for (const id of ['defendant-judgments', 'key-changes']) {
      assert.deepEqual([factor(r, id).bin, factor(r, id).points, factor(r, id).observed], ['未提供', 0, '数据源未提供'], id);
    }
    // v1 paid +10 for each: the absent lists read as "none".
    const v1 = scoreCompany(doc, DATA_DATE);
    assert.equal(v1.factors.find((f) => f.id === 'defendant-judgments')!.points, 10);
    assert.equal(v1.factors.find((f) => f.id === 'key-changes')!.points, 10);
  });

  it('paid-in capital and insured staff not disclosed: 0 (未提供) instead of v1\'s −10 each', () => {
    const doc = quiet();
    delete doc.paidInCapital;
    delete doc.insuredCount;
    const r = scoreCompanyV2(doc, DATA_DATE);
    assert.deepEqual([factor(r, 'paid-in').bin, factor(r, 'paid-in').points], ['未提供', 0]);
    assert.deepEqual([factor(r, 'insured').bin, factor(r, 'insured').points], ['未提供', 0]);
    assert.equal(r.raw, 745 - 30 - 20);
  });

  it('withholds the grade without the core judicial lists: 数据不足，不予评级, naming what is missing, factors still computed', () => {
    const doc: CompanyDocument = { name: '只登记公司', companyType: '有限责任公司', status: '存续', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G', registeredCapital: { amount: 5_000_000 } };
    const r = scoreCompanyV2(doc, DATA_DATE);
    assert.equal(r.score, null);
    assert.equal(r.grade, '数据不足，不予评级');
    assert.equal(r.withheld, '数据源未提供裁判文书、被执行人、失信被执行人、限制高消费');
    assert.ok(r.factors.every((f) => f.bin !== '未提供' || f.points === 0));
    assert.ok(r.factors.every((f) => f.points <= 0 || !['未提供', '不适用'].includes(f.bin)));
    // v1 graded it BB: 600 + age 50 − paid-in 10 − insured 10 − annual report 40 + changes 10 + judgments 10 = 610.
    assert.equal(scoreCompany(doc, DATA_DATE).grade, 'BB');
    // One core list missing is enough to withhold.
    const noDishonest = quiet();
    delete noDishonest.dishonest;
    assert.equal(scoreCompanyV2(noDishonest, DATA_DATE).grade, '数据不足，不予评级');
  });

  it('a revoked company is C on its status even with little data; a cancelled one stays 未评级', () => {
    const revoked = scoreCompanyV2({ name: 'x', companyType: '有限责任公司', status: '吊销，未注销', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G' }, DATA_DATE);
    assert.equal(revoked.grade, 'C');
    const cancelled = scoreCompanyV2({ name: 'x', companyType: '有限责任公司', status: '注销', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G' }, DATA_DATE);
    assert.equal(cancelled.grade, '未评级');
  });
});

describe('scorecard v2: severity keeps growing where v1 saturates', () => {
  it('defendant judgments in 3 years: 10–49 −50 · 50–199 −100 · ≥200 −160 (v1: −50 for all ≥10)', () => {
    for (const [n, points] of [[9, -20], [10, -50], [49, -50], [50, -100], [199, -100], [200, -160], [314, -160]] as const) {
      assert.equal(factor(scoreCompanyV2(quiet({ judgments: judgments(n) }), DATA_DATE), 'defendant-judgments').points, points, `${n} judgments`);
    }
    assert.equal(scoreCompany(quiet({ judgments: judgments(314) }), DATA_DATE).factors.find((f) => f.id === 'defendant-judgments')!.points, -50);
  });

  it('open enforcement against capital: 50–100% −120 · 100–300% −180 · ≥300% −250 and at most CCC (v1: −120 for all ≥50%)', () => {
    const open = (yuan: number) => quiet({ enforcements: [{ caseNo: '(2026)沪0115执1号', filedOn: '2026-01-05', amount: { amount: yuan } }] });
    for (const [yuan, points, bin] of [[999_999, -20, '<10%'], [5_000_000, -120, '50%–100%'], [10_000_000, -180, '100%–300%'], [29_999_999, -180, '100%–300%'], [30_000_000, -250, '≥300%'], [45_300_000, -250, '≥300%']] as const) {
      const f = factor(scoreCompanyV2(open(yuan), DATA_DATE), 'open-enforcement');
      assert.deepEqual([f.points, f.bin], [points, bin], `${yuan} yuan`);
    }
    const severe = scoreCompanyV2(open(45_300_000), DATA_DATE);
    assert.match(factor(severe, 'open-enforcement').observed, /4,530\.00 万元，占注册资本 1,000\.00 万元 的 453\.00%/);
    // 745 − 250 = 495 would be B; the cap makes it CCC with the score at CCC's ceiling.
    assert.equal(severe.raw, 495);
    assert.equal(severe.grade, 'CCC');
    assert.equal(severe.score, 459);
    assert.equal(scoreCompany(open(45_300_000), DATA_DATE).grade, 'BBB', 'v1 saturated at −120');
  });

  it('open enforcement over 300 % of capital plus hundreds of defendant judgments grades CCC or worse', () => {
    const r = scoreCompanyV2(quiet({ enforcements: [{ caseNo: 'a', filedOn: '2026-01-05', amount: { amount: 45_300_000 } }], judgments: judgments(314) }), DATA_DATE);
    // 745 − 250 − 160 − 10 (judgments window: +10 lost) = 325: CC.
    assert.equal(r.raw, 325);
    assert.equal(r.grade, 'CC');
  });

  it('current 限高: 1–2 −100 · 3–9 −150 · ≥10 −200; current 失信: 1–2 −200 · ≥3 −260', () => {
    const restrictions = (n: number) => Array.from({ length: n }, (_, i) => ({ caseNo: `r${i}`, filedOn: '2026-01-01' }));
    for (const [n, points] of [[2, -100], [3, -150], [10, -200]] as const) {
      assert.equal(factor(scoreCompanyV2(quiet({ consumptionRestrictions: restrictions(n) }), DATA_DATE), 'consumption-restriction').points, points);
    }
    for (const [n, points] of [[2, -200], [3, -260]] as const) {
      const r = scoreCompanyV2(quiet({ dishonest: restrictions(n) }), DATA_DATE);
      assert.equal(factor(r, 'dishonest').points, points);
      assert.ok(r.overrides.some((o) => o.id === 'dishonest-current'), 'the BB cap still applies');
    }
  });
});

describe('scorecard v2: new categories count', () => {
  it('股权冻结 current: 1 −60, ≥2 −100; released or expired ones do not count', () => {
    const freeze = (state: 'frozen' | 'released', frozenTo?: string) => ({ executedParty: '张三', state, publishedOn: '2026-01-01', ...(frozenTo ? { frozenTo } : {}) });
    assert.equal(factor(scoreCompanyV2(quiet({ equityFreezes: [freeze('frozen')] }), DATA_DATE), 'equity-freeze').points, -60);
    assert.equal(factor(scoreCompanyV2(quiet({ equityFreezes: [freeze('frozen'), freeze('frozen', '2027-01-01')] }), DATA_DATE), 'equity-freeze').points, -100);
    assert.equal(factor(scoreCompanyV2(quiet({ equityFreezes: [freeze('released'), freeze('frozen', '2026-05-31')] }), DATA_DATE), 'equity-freeze').points, 0);
  });

  it('破产 pending −300 and at most CC; closed within 5 years −100', () => {
    const pending = scoreCompanyV2(quiet({ bankruptcies: [{ caseNo: '(2026)沪03破申1号', kind: '破产清算', publishedOn: '2026-03-01' }] }), DATA_DATE);
    assert.equal(factor(pending, 'bankruptcy').points, -300);
    assert.equal(pending.raw, 445);
    assert.equal(pending.grade, 'CC');
    const closed = scoreCompanyV2(quiet({ bankruptcies: [{ caseNo: 'b', publishedOn: '2023-03-01', closedOn: '2024-01-01' }] }), DATA_DATE);
    assert.equal(factor(closed, 'bankruptcy').points, -100);
  });

  it('限制出境 current: 1–2 −80, ≥3 −120; 司法拍卖 in 24 months: 1–2 −40, ≥3 −80', () => {
    const exits = (n: number) => Array.from({ length: n }, (_, i) => ({ person: `p${i}`, filedOn: '2026-01-01' }));
    assert.equal(factor(scoreCompanyV2(quiet({ exitRestrictions: exits(1) }), DATA_DATE), 'exit-restriction').points, -80);
    assert.equal(factor(scoreCompanyV2(quiet({ exitRestrictions: exits(3) }), DATA_DATE), 'exit-restriction').points, -120);
    assert.equal(factor(scoreCompanyV2(quiet({ exitRestrictions: [{ person: 'p', filedOn: '2025-01-01', removedOn: '2025-06-01' }] }), DATA_DATE), 'exit-restriction').points, 0);
    assert.equal(factor(scoreCompanyV2(quiet({ judicialAuctions: [{ title: '厂房', publishedOn: '2026-01-01' }] }), DATA_DATE), 'judicial-auction').points, -40);
  });
});

describe('scorecard v2: entity kinds, cancellation and currency', () => {
  it('a branch: capital, paid-in, insured and equity pledge are 不适用 with 0 points', () => {
    const r = scoreCompanyV2(quiet({ companyType: '有限责任公司分公司', registeredCapital: undefined, paidInCapital: undefined, insuredCount: undefined }), DATA_DATE);
    for (const id of ['registered-capital', 'paid-in', 'insured', 'equity-pledge']) {
      assert.deepEqual([factor(r, id).bin, factor(r, id).points], ['不适用', 0], id);
      assert.match(factor(r, id).observed, /分支机构/);
    }
    // v1 penalised the branch for what it cannot have: paid-in −10, insured −10.
    const v1 = scoreCompany(quiet({ companyType: '有限责任公司分公司', registeredCapital: undefined, paidInCapital: undefined, insuredCount: undefined }), DATA_DATE);
    assert.equal(v1.factors.find((f) => f.id === 'paid-in')!.points, -10);
  });

  it('a 个体工商户: paid-in is 不适用', () => {
    const r = scoreCompanyV2(quiet({ uscc: '92310115MA1H7J3K7G', companyType: '个体工商户', paidInCapital: undefined }), DATA_DATE);
    assert.deepEqual([factor(r, 'paid-in').bin, factor(r, 'paid-in').points], ['不适用', 0]);
  });

  it('no annual report is owed after cancellation or revocation', () => {
    const r = scoreCompanyV2(quiet({ status: '注销', statusDate: '2025-05-15', annualReports: [] }), DATA_DATE);
    assert.deepEqual([factor(r, 'annual-report').bin, factor(r, 'annual-report').points], ['不适用', 0]);
    assert.match(factor(r, 'annual-report').observed, /2025-05-15/);
    assert.equal(scoreCompany(quiet({ status: '注销', annualReports: [] }), DATA_DATE).factors.find((f) => f.id === 'annual-report')!.points, -40, 'v1 penalised it');
  });

  it('USD capital: known, printed in 万美元; a USD pledge and enforcement are compared within USD', () => {
    const doc = quiet({
      registeredCapital: { amount: 12_500_000, currency: 'USD' }, paidInCapital: { amount: 12_500_000, currency: 'USD' },
      equityPledges: [{ regNo: 'P1', amount: { amount: 5_000_000, currency: 'USD' }, registeredOn: '2025-03-10' }],
      enforcements: [{ caseNo: 'E1', filedOn: '2026-01-01', amount: { amount: 300_000, currency: 'USD' } }],
    });
    const r = scoreCompanyV2(doc, DATA_DATE);
    assert.match(factor(r, 'registered-capital').observed, /^1,250\.00 万美元/);
    assert.match(factor(r, 'paid-in').evidence[0]!, /实缴 1,250\.00 万美元，认缴 1,250\.00 万美元/);
    assert.deepEqual([factor(r, 'equity-pledge').bin, factor(r, 'equity-pledge').points], ['≥30%', -30]);
    assert.match(factor(r, 'equity-pledge').observed, /500\.00 万美元，占注册资本 40\.00%/);
    assert.match(factor(r, 'equity-pledge').evidence[0]!, /500\.00 万美元/);
    assert.deepEqual([factor(r, 'open-enforcement').bin, factor(r, 'open-enforcement').points], ['<10%', -20]);
    assert.match(factor(r, 'open-enforcement').observed, /30\.00 万美元.*占注册资本 1,250\.00 万美元 的 2\.40%/);
    for (const f of r.factors) assert.doesNotMatch(`${f.observed} ${f.evidence.join(' ')}`, /注册资本未知/);
  });

  it('enforcement in another currency than the capital: at least −120, saying the ratio cannot be computed', () => {
    const r = scoreCompanyV2(quiet({ enforcements: [{ caseNo: 'E1', filedOn: '2026-01-01', amount: { amount: 10_000, currency: 'USD' } }] }), DATA_DATE);
    assert.equal(factor(r, 'open-enforcement').points, -120);
    assert.match(factor(r, 'open-enforcement').bin, /币种不同，无法计算比例/);
    assert.match(factor(r, 'open-enforcement').observed, /1\.00 万美元/);
  });
});

describe('scorecard v1 stays reproducible', () => {
  it('scoreCompany is still v1 with 24 factors and its golden total', () => {
    const doc: CompanyDocument = { name: '测试有限公司', companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G' };
    const r = scoreCompany(doc, DATA_DATE);
    assert.equal(r.version, 'v1');
    assert.equal(r.factors.length, 24);
    assert.equal(r.raw, 610);
    assert.equal(r.grade, 'BB');
  });
});
