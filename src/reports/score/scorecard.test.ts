import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../../companies/document.js';
import { scoreCompany } from './scorecard.js';
import { gradeOf } from './grades.js';
import type { ScoreResult } from './types.js';

const DATA_DATE = '2026-06-01';

/** The smallest valid company: established 2010, active, nothing else disclosed. */
function minimal(extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { name: '测试有限公司', companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2010-03-15', uscc: '91310115MA1H7J3K7G', ...extra };
}

function points(result: ScoreResult, id: string): number {
  const f = result.factors.find((x) => x.id === id);
  assert.ok(f, `factor ${id} missing`);
  return f.points;
}

function clean(): CompanyDocument {
  return minimal({
    registeredCapital: { amount: 50_000_000 },
    paidInCapital: { amount: 50_000_000 },
    insuredCount: 120,
    annualReports: [{ year: 2024, publishedOn: '2025-04-10', insuredCount: 118 }, { year: 2023, publishedOn: '2024-05-01' }],
    changes: [{ date: '2025-09-01', item: '法定代表人变更' }, { date: '2025-10-01', item: '经营范围变更' }],
    judgments: [{ caseNo: '(2024)沪0115民初1号', date: '2024-05-01', role: 'plaintiff' }],
    taxCredit: [{ year: 2025, grade: 'A' }, { year: 2024, grade: 'B' }],
    patents: Array.from({ length: 30 }, (_, i) => ({ number: `ZL${i}`, date: '2020-01-01' })),
    trademarks: Array.from({ length: 25 }, (_, i) => ({ number: `TM${i}`, date: '2019-01-01' })),
    softwareCopyrights: [{ number: 'RJ1', date: '2021-01-01' }],
    certificates: [
      { type: '高新技术企业', issuedOn: '2024-12-01', expiresOn: '2027-11-30' },
      { type: 'ISO9001 质量管理体系认证', issuedOn: '2023-01-01', expiresOn: '2026-12-31' },
      { type: '安全生产许可证', issuedOn: '2022-01-01' },
    ],
    tenders: Array.from({ length: 6 }, (_, i) => ({ title: `项目${i}`, role: 'winner' as const, date: `2025-0${i + 1}-15` })),
  });
}

describe('scorecard v1: golden companies', () => {
  it('a minimal company scores 610 (BB): age +50, paid-in −10, insured −10, no annual report −40, quiet +10 +10', () => {
    const r = scoreCompany(minimal(), DATA_DATE);
    assert.equal(r.version, 'v1');
    assert.equal(r.base, 600);
    assert.equal(r.raw, 610);
    assert.equal(r.score, 610);
    assert.equal(r.grade, 'BB');
    assert.deepEqual(r.factors.filter((f) => f.points !== 0).map((f) => [f.id, f.points]), [
      ['age', 50], ['paid-in', -10], ['insured', -10], ['annual-report', -40], ['key-changes', 10], ['defendant-judgments', 10],
    ]);
    assert.equal(r.factors.length, 24);
  });

  it('a clean, established company is AAA with every positive factor explained', () => {
    const r = scoreCompany(clean(), DATA_DATE);
    // 600 + age 50 + paid-in 30 + capital 15 + insured 35 + annual report 10 + changes 10
    //     + judgments 10 + tax A 40 + IP 30 + certificates 20+15 + tenders 20 = 885
    assert.equal(r.raw, 885);
    assert.equal(r.score, 885);
    assert.equal(r.grade, 'AAA');
    assert.deepEqual(r.overrides, []);
    assert.deepEqual(r.topNegativeReasons, []);
    assert.equal(points(r, 'certificates'), 35);
    assert.equal(points(r, 'ip'), 30);
    const annual = r.factors.find((f) => f.id === 'annual-report')!;
    assert.equal(annual.bin, '已报送');
    assert.match(annual.evidence[0]!, /2024 年度报告，公示于 2025-04-10/);
  });

  it('a troubled company is graded from its negatives and explains the largest first', () => {
    const doc = minimal({
      establishedOn: '2025-09-01',
      registeredCapital: { amount: 500_000 },
      paidInCapital: { amount: 0 },
      insuredCount: 0,
      enforcements: [{ caseNo: '(2026)沪0115执1号', filedOn: '2026-01-05', amount: { amount: 300_000 } }],
      judgments: Array.from({ length: 12 }, (_, i) => ({ caseNo: `(2025)沪0115民初${i}号`, date: '2025-03-01', role: 'defendant' as const })),
      penalties: [{ decisionNo: '沪市监罚〔2025〕1号', decidedOn: '2025-02-01', fine: { amount: 20_000 } }],
      taxCredit: [{ year: 2025, grade: 'D' }],
      abnormalOperations: [{ listedOn: '2026-02-01', reason: '通过登记的住所或者经营场所无法联系' }],
    });
    const r = scoreCompany(doc, DATA_DATE);
    // 600 − age 40 − paid-in 10 − capital 10 − insured 30 + annual report 0 (not yet due) + changes 10
    //     − enforcement 120 (60% of capital) − judgments 50 − abnormal 80 − penalties 15 − tax D 100 = 155
    assert.equal(r.raw, 155);
    assert.equal(r.grade, 'C');
    assert.equal(points(r, 'open-enforcement'), -120);
    assert.equal(points(r, 'annual-report'), 0);
    assert.equal(r.topNegativeReasons.length, 5);
    assert.match(r.topNegativeReasons[0]!, /^未结被执行标的\/注册资本：未结 1 条，30\.00 万元，占 60\.00%（扣 120 分）$/);
    assert.match(r.topNegativeReasons[1]!, /^纳税信用等级：2025 年度 D 级（扣 100 分）$/);
  });

  it('clamps at 0 and keeps the raw sum', () => {
    const doc = minimal({
      status: '清算',
      dishonest: [{ caseNo: 'a', filedOn: '2026-01-01' }],
      seriousViolations: [{ listedOn: '2026-01-01' }],
      consumptionRestrictions: [{ caseNo: 'b', filedOn: '2026-01-01' }],
      taxViolations: [{ publishedOn: '2025-01-01' }],
      taxCredit: [{ year: 2025, grade: 'D' }],
      enforcements: [{ caseNo: 'c', filedOn: '2026-01-01' }],
    });
    const r = scoreCompany(doc, DATA_DATE);
    assert.ok(r.raw < 0, `raw ${r.raw}`);
    assert.equal(r.clamped, 0);
    assert.equal(r.score, 0);
    assert.equal(r.grade, 'C');
  });

  it('reports data coverage as a share of categories the source supplied (empty lists count as supplied)', () => {
    const r = scoreCompany(minimal({ judgments: [], registeredCapital: { amount: 1 } }), DATA_DATE);
    assert.equal(r.coverage.total, 25);
    assert.equal(r.coverage.present, 2);
    assert.equal(r.coverage.share, 2 / 25);
    assert.equal(scoreCompany(clean(), DATA_DATE).coverage.categories.find((c) => c.id === 'ip')!.present, true);
  });
});

describe('scorecard v1: overrides', () => {
  it('REVOKED forces C and lowers the score into C', () => {
    const r = scoreCompany({ ...clean(), status: '吊销，未注销' }, DATA_DATE);
    assert.equal(r.status, 'REVOKED');
    assert.equal(r.clamped, 885);
    assert.equal(r.gradeBeforeOverrides, 'AAA');
    assert.equal(r.grade, 'C');
    assert.equal(r.score, 299);
    assert.deepEqual(r.overrides.map((o) => [o.id, o.gradeBefore, o.gradeAfter, o.changed]), [['revoked-or-closed', 'AAA', 'C', true]]);
  });

  it('ORDERED_CLOSED forces C', () => {
    const r = scoreCompany({ ...clean(), status: '责令关闭' }, DATA_DATE);
    assert.equal(r.grade, 'C');
  });

  it('CANCELLED and ANNULLED are not rated, factors still computed', () => {
    for (const status of ['注销', '吊销，已注销', '撤销']) {
      const r = scoreCompany({ ...clean(), status }, DATA_DATE);
      assert.equal(r.score, null, status);
      assert.equal(r.grade, '未评级', status);
      assert.equal(r.clamped, 885, status);
      assert.equal(r.overrides.at(-1)!.id, 'cancelled-or-annulled');
      assert.equal(r.factors.length, 24);
    }
  });

  it('a current dishonest listing caps at BB; a removed one does not', () => {
    const current = scoreCompany({ ...clean(), dishonest: [{ caseNo: '(2025)沪01执1号', filedOn: '2025-01-01' }] }, DATA_DATE);
    // 885 − 200 = 685 (BBB) → capped to BB at 619
    assert.equal(current.clamped, 685);
    assert.equal(current.grade, 'BB');
    assert.equal(current.score, 619);
    assert.equal(current.overrides[0]!.id, 'dishonest-current');
    const removed = scoreCompany({ ...clean(), dishonest: [{ caseNo: 'x', filedOn: '2024-01-01', removedOn: '2025-01-01' }] }, DATA_DATE);
    assert.equal(removed.score, 845);
    assert.equal(removed.grade, 'AA');
    assert.deepEqual(removed.overrides, []);
  });

  it('a cap that does not bind is listed as not changing anything', () => {
    const r = scoreCompany(minimal({ dishonest: [{ caseNo: 'x', filedOn: '2025-01-01' }] }), DATA_DATE);
    assert.equal(r.clamped, 410); // 610 − 200: CCC, already below BB
    assert.equal(r.grade, 'CCC');
    assert.equal(r.score, 410);
    assert.deepEqual(r.overrides.map((o) => [o.id, o.changed]), [['dishonest-current', false]]);
  });

  it('a current serious violation caps at CCC', () => {
    const r = scoreCompany({ ...clean(), seriousViolations: [{ listedOn: '2026-01-01', reason: '弄虚作假' }] }, DATA_DATE);
    assert.equal(r.clamped, 635);
    assert.equal(r.grade, 'CCC');
    assert.equal(r.score, 459);
  });

  it('LIQUIDATING and SUSPENDED cap at CCC after their status points', () => {
    const liquidating = scoreCompany({ ...clean(), status: '清算' }, DATA_DATE);
    assert.equal(liquidating.clamped, 635);
    assert.equal(liquidating.grade, 'CCC');
    assert.equal(liquidating.score, 459);
    const suspended = scoreCompany({ ...clean(), status: '歇业' }, DATA_DATE);
    assert.equal(suspended.clamped, 735);
    assert.equal(suspended.grade, 'CCC');
  });

  it('MOVED_OUT costs 20 points and no override', () => {
    const r = scoreCompany({ ...clean(), status: '迁出' }, DATA_DATE);
    assert.equal(r.score, 865);
    assert.deepEqual(r.overrides, []);
  });
});

describe('scorecard v1: grade boundaries', () => {
  const cases: Array<[number, string]> = [
    [1000, 'AAA'], [850, 'AAA'], [849, 'AA'], [780, 'AA'], [779, 'A'], [700, 'A'], [699, 'BBB'], [620, 'BBB'],
    [619, 'BB'], [540, 'BB'], [539, 'B'], [460, 'B'], [459, 'CCC'], [380, 'CCC'], [379, 'CC'], [300, 'CC'], [299, 'C'], [0, 'C'],
  ];
  for (const [score, grade] of cases) it(`${score} is ${grade}`, () => assert.equal(gradeOf(score), grade));

  it('an end-to-end score on a boundary gets the upper grade: 620 is BBB, 619 would be BB', () => {
    // minimal 610 + one valid certificate (+10) = 620
    const r = scoreCompany(minimal({ certificates: [{ type: '食品经营许可证' }] }), DATA_DATE);
    assert.equal(r.score, 620);
    assert.equal(r.grade, 'BBB');
  });
});

describe('scorecard v1: windows count back from the data date', () => {
  it('a defendant judgment exactly 36 months old is out, one day younger is in', () => {
    const judgments = (date: string) => Array.from({ length: 3 }, (_, i) => ({ caseNo: `c${i}`, date, role: 'defendant' as const }));
    assert.equal(points(scoreCompany(minimal({ judgments: judgments('2023-06-01') }), DATA_DATE), 'defendant-judgments'), 10);
    assert.equal(points(scoreCompany(minimal({ judgments: judgments('2023-06-02') }), DATA_DATE), 'defendant-judgments'), -20);
  });

  it('records after the data date are not counted, whatever the wall clock says', () => {
    const doc = minimal({ penalties: [{ decidedOn: '2026-06-02' }], dishonest: [{ caseNo: 'x', filedOn: '2026-07-01' }] });
    const before = scoreCompany(doc, DATA_DATE);
    assert.equal(points(before, 'penalties'), 0);
    assert.equal(points(before, 'dishonest'), 0);
    const later = scoreCompany(doc, '2026-07-01');
    assert.equal(points(later, 'penalties'), -15);
    assert.equal(points(later, 'dishonest'), -200);
  });

  it('a listing removed after the data date is still current on it', () => {
    const doc = minimal({ abnormalOperations: [{ listedOn: '2025-01-01', removedOn: '2026-08-01' }] });
    assert.equal(points(scoreCompany(doc, DATA_DATE), 'abnormal-operations'), -80);
    assert.equal(points(scoreCompany(doc, '2026-08-01'), 'abnormal-operations'), -15);
  });

  it('years since establishment count anniversaries reached by the data date', () => {
    assert.equal(points(scoreCompany(minimal({ establishedOn: '2016-06-01' }), DATA_DATE), 'age'), 50);
    assert.equal(points(scoreCompany(minimal({ establishedOn: '2016-06-02' }), DATA_DATE), 'age'), 30);
    assert.equal(points(scoreCompany(minimal({ establishedOn: '2025-06-02' }), DATA_DATE), 'age'), -40);
    assert.equal(points(scoreCompany(minimal({ establishedOn: '2025-06-01' }), DATA_DATE), 'age'), -10);
  });

  it('the annual report due is last year\'s after 30 June, the year before until then', () => {
    const doc = minimal({ annualReports: [{ year: 2024, publishedOn: '2025-05-01' }] });
    assert.equal(points(scoreCompany(doc, '2026-06-30'), 'annual-report'), 10);
    assert.equal(points(scoreCompany(doc, '2026-07-01'), 'annual-report'), -40);
  });

  it('key changes count within 24 months, only legal representative, shareholder and address items', () => {
    const changes = [
      { date: '2026-05-01', item: '法定代表人变更' },
      { date: '2025-12-01', item: '投资人(股权)变更' },
      { date: '2025-06-02', item: '住所变更' },
      { date: '2025-01-01', item: '股东变更' },
      { date: '2024-06-01', item: '住所变更' }, // exactly 24 months: out
      { date: '2026-01-01', item: '经营范围变更' }, // not a key item
    ];
    const f = scoreCompany(minimal({ changes }), DATA_DATE).factors.find((x) => x.id === 'key-changes')!;
    assert.equal(f.observed, '4 次');
    assert.equal(f.points, -20);
    assert.deepEqual(f.evidence, ['2026-05-01 法定代表人变更', '2025-12-01 投资人(股权)变更', '2025-06-02 住所变更', '2025-01-01 股东变更']);
  });

  it('hearings and filings as defendant in 12 months count distinct cases', () => {
    const doc = minimal({
      hearings: [{ caseNo: 'A', date: '2026-07-01', role: 'defendant' }, { caseNo: 'B', date: '2025-06-01', role: 'defendant' }],
      caseFilings: [{ caseNo: 'A', filedOn: '2026-03-01', role: 'defendant' }, { caseNo: 'C', filedOn: '2026-03-01', role: 'plaintiff' }],
    });
    const f = scoreCompany(doc, DATA_DATE).factors.find((x) => x.id === 'recent-defendant-cases')!;
    assert.equal(f.observed, '1 件');
    assert.equal(f.points, -10);
  });

  it('terminated cases with unpaid amounts count for 5 years; a zero unpaid figure does not count', () => {
    const t = (terminatedOn: string, unpaid?: number) => ({ caseNo: 'x', filedOn: '2019-01-01', terminatedOn, ...(unpaid === undefined ? {} : { unpaid: { amount: unpaid } }) });
    assert.equal(points(scoreCompany(minimal({ terminatedCases: [t('2021-06-02')] }), DATA_DATE), 'terminated-unpaid'), -80);
    assert.equal(points(scoreCompany(minimal({ terminatedCases: [t('2021-06-01', 100)] }), DATA_DATE), 'terminated-unpaid'), 0);
    assert.equal(points(scoreCompany(minimal({ terminatedCases: [t('2025-06-01', 0)] }), DATA_DATE), 'terminated-unpaid'), 0);
  });
});

describe('scorecard v1: ratio factors in integer fen', () => {
  it('paid-in at exactly 50% and 100% take the upper bin', () => {
    const capital = { amount: 1_000_000.1 };
    assert.equal(points(scoreCompany(minimal({ registeredCapital: capital, paidInCapital: { amount: 500_000.05 } }), DATA_DATE), 'paid-in'), 15);
    assert.equal(points(scoreCompany(minimal({ registeredCapital: capital, paidInCapital: { amount: 1_000_000.1 } }), DATA_DATE), 'paid-in'), 30);
    assert.equal(points(scoreCompany(minimal({ registeredCapital: capital, paidInCapital: { amount: 500_000 } }), DATA_DATE), 'paid-in'), 0);
  });

  it('paid-in falls back to the shareholders\' paid and subscribed sums', () => {
    const shareholders = [{ name: '甲', subscribed: { amount: 600 }, paid: { amount: 600 } }, { name: '乙', subscribed: { amount: 400 }, paid: { amount: 0 } }];
    assert.equal(points(scoreCompany(minimal({ shareholders }), DATA_DATE), 'paid-in'), 15);
  });

  it('registered capital bins are in CNY; another currency scores 0', () => {
    const p = (amount: number, currency?: string) => points(scoreCompany(minimal({ registeredCapital: { amount, ...(currency ? { currency } : {}) } }), DATA_DATE), 'registered-capital');
    assert.equal(p(999_999.99), -10);
    assert.equal(p(1_000_000), 0);
    assert.equal(p(10_000_000), 15);
    assert.equal(p(100_000_000), 30);
    assert.equal(p(100_000_000, 'USD'), 0);
  });

  it('open enforcement share of capital: <10%, 10–50%, ≥50%; closed cases do not count', () => {
    const p = (amount: number, closedOn?: string) => points(scoreCompany(minimal({
      registeredCapital: { amount: 1_000_000 },
      enforcements: [{ caseNo: 'e', filedOn: '2026-01-01', amount: { amount }, ...(closedOn ? { closedOn } : {}) }],
    }), DATA_DATE), 'open-enforcement');
    assert.equal(p(99_999.99), -20);
    assert.equal(p(100_000), -60);
    assert.equal(p(500_000), -120);
    assert.equal(p(500_000, '2026-05-01'), 0);
  });

  it('equity pledges in force: <30% −10, ≥30% −30; released ones ignored', () => {
    const p = (amount: number, status?: string) => points(scoreCompany(minimal({
      registeredCapital: { amount: 1_000_000 },
      equityPledges: [{ registeredOn: '2025-01-01', amount: { amount }, ...(status ? { status } : {}) }],
    }), DATA_DATE), 'equity-pledge');
    assert.equal(p(299_999), -10);
    assert.equal(p(300_000, '有效'), -30);
    assert.equal(p(300_000, '无效'), 0);
  });

  it('penalties: one −15, two −35, four −60, one with a fine of 1M yuan −60', () => {
    const p = (n: number, fine = 1000) => points(scoreCompany(minimal({ penalties: Array.from({ length: n }, () => ({ decidedOn: '2025-01-01', fine: { amount: fine } })) }), DATA_DATE), 'penalties');
    assert.equal(p(1), -15);
    assert.equal(p(2), -35);
    assert.equal(p(3), -35);
    assert.equal(p(4), -60);
    assert.equal(p(1, 1_000_000), -60);
  });

  it('tax: current arrears −80 and a violation in 3 years −150 add up', () => {
    const r = scoreCompany(minimal({
      taxArrears: [{ publishedOn: '2026-01-01', balance: { amount: 5000 } }, { publishedOn: '2025-01-01', settledOn: '2025-03-01' }],
      taxViolations: [{ publishedOn: '2023-06-02' }],
    }), DATA_DATE);
    assert.equal(points(r, 'tax-arrears'), -80);
    assert.equal(points(r, 'tax-violation'), -150);
  });

  it('evidence is capped at 10 records with the full count kept', () => {
    const r = scoreCompany(minimal({ judgments: Array.from({ length: 500 }, (_, i) => ({ caseNo: `c${i}`, date: '2025-01-01', role: 'defendant' as const })) }), DATA_DATE);
    const f = r.factors.find((x) => x.id === 'defendant-judgments')!;
    assert.equal(f.evidence.length, 10);
    assert.equal(f.evidenceTotal, 500);
  });

  it('rejects a data date that is not YYYY-MM-DD', () => {
    assert.throws(() => scoreCompany(minimal(), '2026-6-1'), /data date "2026-6-1"/);
  });
});
