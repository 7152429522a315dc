/**
 * Hand-built company documents for report tests and for looking at rendered pages: one per kind of
 * company a credit officer meets (issue 11). Each factory returns a fresh document (callers may
 * mutate it). Dates are chosen against the generation instant the render tests use
 * (`2026-11-30T02:15:02Z`, see test/render-support.ts): most documents are a few days old; the
 * heavy-litigation one is five months old on purpose (the freshness warning).
 *
 * Rule of every category (schema v2): absent = the source did not supply it; `[]` = supplied, none.
 * Schema-v2 fields are written as the agreed names of /work/briefs/schema-v2.md.
 */
import type { CompanyDocument } from '../../src/companies/document.js';
import { completeUscc } from '../../src/companies/uscc.js';

/** The data date of the fresh samples (five days before the render tests' generation instant). */
export const SAMPLE_DATA_DATE = '2026-11-25';
/** The data date of the stale sample (heavy litigation): 153 days before generation. */
export const STALE_DATA_DATE = '2026-06-30';

/**
 * Until src/companies/document.ts carries schema v2 (content-data's change), the two v2 shapes it
 * lacks are widened here; with v2 in place this is CompanyDocument itself.
 */
type ChattelV2 = NonNullable<CompanyDocument['chattelMortgages']>[number] & { mortgagee?: string; collateral?: string; debtKind?: string; debtFrom?: string; debtTo?: string };
type SampleDocument = Omit<CompanyDocument, 'schemaVersion' | 'chattelMortgages'> & { schemaVersion?: 1 | 2; chattelMortgages?: ChattelV2[] };
const sample = (d: SampleDocument): CompanyDocument => d as CompanyDocument;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid USCC: `prefix` is positions 1–2 (91 enterprise, 92 个体工商户), then a Shanghai division. */
function uscc(prefix: string, serial: number): string {
  return completeUscc(`${prefix}310115MA${pad(serial, 6)}`);
}

/** Every supplied-but-empty category of version 1: what a full-coverage source sends for a quiet company. */
function quietV1(): Partial<CompanyDocument> {
  return {
    judgments: [], enforcements: [], dishonest: [], consumptionRestrictions: [], terminatedCases: [], hearings: [], caseFilings: [],
    abnormalOperations: [], seriousViolations: [], penalties: [], equityPledges: [], chattelMortgages: [], taxArrears: [], taxViolations: [],
    taxCredit: [], certificates: [], patents: [], trademarks: [], softwareCopyrights: [], tenders: [],
  };
}

/** Every supplied-but-empty category of version 2. */
function quietV2(): Record<string, unknown[]> {
  return {
    equityFreezes: [], bankruptcies: [], judicialAuctions: [], exitRestrictions: [], courtAnnouncements: [], serviceAnnouncements: [],
    landMortgages: [], guarantees: [], simpleCancellations: [], cancellationFilings: [], licences: [], spotChecks: [], ipPledges: [], publicSummons: [],
  };
}

/** A sound, established limited company with every category supplied and a few ordinary records. */
export function standardSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海澄衡精密机械有限公司',
    uscc: uscc('91', 100001),
    regNo: '310115000100001',
    companyType: '有限责任公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    legalRep: '周立衡',
    registeredCapital: { amount: 50_000_000 },
    paidInCapital: { amount: 50_000_000 },
    establishedOn: '2012-04-18',
    termFrom: '2012-04-18',
    termTo: null,
    approvedOn: '2024-03-02',
    authority: '上海市浦东新区市场监督管理局',
    divisionCode: '310115',
    address: '上海市浦东新区张江路 1088 号 3 幢',
    industry: { code: 'C3425', name: '机床功能部件及附件制造' },
    scope: '精密机械零部件的研发、制造、销售；货物进出口。',
    taxpayerType: '增值税一般纳税人',
    insuredCount: 126,
    shareholders: [
      { name: '周立衡', kind: 'person', subscribed: { amount: 30_000_000 }, paid: { amount: 30_000_000 }, ratio: 0.6, isController: true, isBeneficialOwner: true },
      { name: '上海澄衡投资管理有限公司', kind: 'company', uscc: uscc('91', 100002), subscribed: { amount: 20_000_000 }, paid: { amount: 20_000_000 }, ratio: 0.4 },
    ],
    personnel: [{ name: '周立衡', positions: ['执行董事', '总经理'] }, { name: '钱雅', positions: ['监事'] }],
    investments: [],
    branches: [{ name: '上海澄衡精密机械有限公司苏州分公司', uscc: uscc('91', 100003), principal: '吴启明', status: '存续', establishedOn: '2018-09-10' }],
    changes: [{ date: '2024-03-02', item: '经营范围变更', before: '精密机械零部件的研发、制造。', after: '精密机械零部件的研发、制造、销售；货物进出口。' }],
    annualReports: [
      { year: 2025, publishedOn: '2026-04-12', insuredCount: 126, totalAssets: { amount: 182_000_000 }, totalLiabilities: { amount: 71_000_000 }, revenue: { amount: 236_000_000 }, netProfit: { amount: 18_500_000 } },
      { year: 2024, publishedOn: '2025-04-20', insuredCount: 118, totalAssets: { amount: 166_000_000 }, totalLiabilities: { amount: 69_000_000 }, revenue: { amount: 214_000_000 }, netProfit: { amount: 15_100_000 } },
    ],
    judgments: [
      { caseNo: '（2025）沪0115民初12034号', title: '上海澄衡精密机械有限公司与苏州恒达贸易有限公司买卖合同纠纷一审民事判决书', cause: '买卖合同纠纷', court: '上海市浦东新区人民法院', docType: '判决书', date: '2025-08-14', role: 'plaintiff', amount: { amount: 1_280_000 }, result: '被告于判决生效之日起十日内支付原告货款 1,280,000 元及逾期付款利息。' },
    ],
    chattelMortgages: [
      { regNo: '310115202400123', authority: '上海市浦东新区市场监督管理局', amount: { amount: 8_000_000 }, registeredOn: '2024-06-01', status: '有效', mortgagee: '上海农村商业银行股份有限公司张江科技支行', collateral: '五轴数控加工中心 6 台', debtKind: '借款合同', debtFrom: '2024-06-01', debtTo: '2027-05-31' },
    ],
    taxCredit: [{ year: 2025, grade: 'A', authority: '国家税务总局上海市浦东新区税务局' }],
    certificates: [{ type: '高新技术企业', number: 'GR202431001234', issuer: '上海市科学技术委员会', issuedOn: '2024-12-01', expiresOn: '2027-11-30' }],
    patents: [{ number: 'ZL202310123456.7', title: '一种主轴热变形补偿装置', kind: 'invention', status: '授权', date: '2023-03-01' }],
    licences: [{ number: '沪浦环许〔2024〕88 号', name: '排污许可', content: '机加工排污', authority: '上海市浦东新区生态环境局', decidedOn: '2024-05-06', validFrom: '2024-05-06', validTo: '2029-05-05' }],
    spotChecks: [{ authority: '上海市浦东新区市场监督管理局', kind: '抽查', date: '2025-10-15', result: '未发现问题' }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

/** A branch (分公司): 负责人, no capital, no shareholders; its head office is {@link headOfficeSample}. */
export function branchSample(): CompanyDocument {
  const head = headOfficeSample();
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海澄衡精密机械有限公司苏州分公司',
    uscc: uscc('91', 100003),
    companyType: '有限责任公司分公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    legalRep: '吴启明',
    establishedOn: '2018-09-10',
    authority: '苏州工业园区市场监督管理局',
    address: '江苏省苏州市工业园区星湖街 328 号',
    scope: '为隶属企业联系业务。',
    parent: { name: head.name, uscc: head.uscc },
    changes: [],
    annualReports: [{ year: 2025, publishedOn: '2026-05-10' }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

/** The branch's head office: the standard company itself. */
export function headOfficeSample(): CompanyDocument {
  return standardSample();
}

/** A 个体工商户: 经营者, no shareholders, no paid-in capital. */
export function soleTraderSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '浦东新区李记小吃店',
    uscc: uscc('92', 200001),
    companyType: '个体工商户',
    status: '存续（在营、开业、在册）',
    legalRep: '李秀英',
    registeredCapital: { amount: 50_000 },
    establishedOn: '2016-07-01',
    authority: '上海市浦东新区市场监督管理局',
    address: '上海市浦东新区东方路 12 号底层',
    scope: '小吃服务。',
    changes: [],
    annualReports: [{ year: 2025, publishedOn: '2026-03-01' }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

/** A limited partnership: 执行事务合伙人. */
export function partnershipSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海澄衡创业投资合伙企业（有限合伙）',
    uscc: uscc('91', 300001),
    companyType: '有限合伙企业',
    status: '存续（在营、开业、在册）',
    legalRep: '上海澄衡投资管理有限公司（委派代表：周立衡）',
    registeredCapital: { amount: 100_000_000 },
    paidInCapital: { amount: 60_000_000 },
    establishedOn: '2019-11-20',
    authority: '上海市浦东新区市场监督管理局',
    address: '上海市浦东新区银城中路 501 号 20 层',
    scope: '创业投资。',
    shareholders: [
      { name: '上海澄衡投资管理有限公司', kind: 'company', subscribed: { amount: 1_000_000 }, ratio: 0.01 },
      { name: '周立衡', kind: 'person', subscribed: { amount: 99_000_000 }, ratio: 0.99 },
    ],
    changes: [],
    annualReports: [{ year: 2025, publishedOn: '2026-06-01' }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

/** Cancelled on 2026-07-15 (statusDate); it filed 2024's annual report and owes none for 2025. */
export function cancelledSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海旧岸贸易有限公司',
    uscc: uscc('91', 400001),
    companyType: '有限责任公司（自然人独资）',
    status: '注销',
    statusDate: '2026-07-15',
    legalRep: '郑旧岸',
    registeredCapital: { amount: 1_000_000 },
    establishedOn: '2015-02-03',
    authority: '上海市浦东新区市场监督管理局',
    address: '上海市浦东新区浦东南路 360 号',
    scope: '日用百货销售。',
    shareholders: [{ name: '郑旧岸', kind: 'person', subscribed: { amount: 1_000_000 }, ratio: 1 }],
    changes: [],
    annualReports: [{ year: 2024, publishedOn: '2025-05-20' }],
    simpleCancellations: [{ announcedFrom: '2026-05-20', announcedTo: '2026-06-08', authority: '上海市浦东新区市场监督管理局', result: '准予简易注销', objection: '无' }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

/** Capital in US dollars, a USD equity pledge and a USD open enforcement. */
export function usdSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海澳德医疗器械有限公司',
    uscc: uscc('91', 500001),
    companyType: '有限责任公司（外国法人独资）',
    status: '存续（在营、开业、在册）',
    legalRep: 'John Smith',
    registeredCapital: { amount: 12_500_000, currency: 'USD' },
    paidInCapital: { amount: 12_500_000, currency: 'USD' },
    establishedOn: '2011-06-30',
    authority: '上海市市场监督管理局',
    address: '上海市浦东新区新金桥路 27 号',
    scope: '医疗器械的生产、销售。',
    insuredCount: 85,
    shareholders: [{ name: 'Aud Medical Holdings Ltd.', kind: 'company', subscribed: { amount: 12_500_000, currency: 'USD' }, paid: { amount: 12_500_000, currency: 'USD' }, ratio: 1 }],
    changes: [],
    annualReports: [{ year: 2025, publishedOn: '2026-04-01', insuredCount: 85 }],
    equityPledges: [{ regNo: '310000202500077', pledgor: 'Aud Medical Holdings Ltd.', pledgee: '汇丰银行（中国）有限公司', amount: { amount: 5_000_000, currency: 'USD' }, registeredOn: '2025-03-10', status: '有效' }],
    enforcements: [{ caseNo: '（2026）沪0115执4021号', court: '上海市浦东新区人民法院', filedOn: '2026-09-01', amount: { amount: 300_000, currency: 'USD' } }],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}

const COURTS = ['上海市浦东新区人民法院', '上海市闵行区人民法院', '上海市第一中级人民法院', '苏州工业园区人民法院'];
const CAUSES = ['买卖合同纠纷', '金融借款合同纠纷', '建设工程施工合同纠纷', '劳动争议', '租赁合同纠纷', '民间借贷纠纷'];

/** The date `days` days before `date` (both `YYYY-MM-DD`). */
function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Heavy litigation, data five months old: 600 judgments (360 as defendant in the last three
 * years), 25 enforcements of which 12 are open — five of the open ones are the oldest, so a table
 * capped at 20 newest rows would hide them — open 执行标的 of 4,530 万元 against 1,000 万元 of
 * capital (453 %), 25 限高 with the oldest current, current 失信, 限制出境 and 股权冻结.
 */
export function heavyLitigationSample(): CompanyDocument {
  const dataDate = STALE_DATA_DATE;
  const judgments: NonNullable<CompanyDocument['judgments']> = [];
  for (let i = 0; i < 600; i++) {
    const defendant = i < 360 || i % 3 === 0;
    // The first 360 lie within the last three years, the rest spread over the five years before.
    const date = i < 360 ? daysBefore(dataDate, 3 + (i * 1090) / 360) : daysBefore(dataDate, 1100 + ((i - 360) * 1800) / 240);
    judgments.push({
      caseNo: `（${date.slice(0, 4)}）沪0115民初${10000 + i}号`,
      cause: CAUSES[i % CAUSES.length],
      court: COURTS[i % COURTS.length],
      docType: i % 5 === 0 ? '裁定书' : '判决书',
      date,
      role: defendant ? 'defendant' : 'plaintiff',
      amount: { amount: 50_000 + (i % 40) * 25_000 },
      result: defendant ? '被告于判决生效之日起十日内向原告支付欠款及利息。' : '驳回原告的全部诉讼请求。',
    });
  }
  // 25 enforcements, newest first by index: 0–6 open (recent), 7–19 closed, 20–24 open (the oldest).
  const enforcements: NonNullable<CompanyDocument['enforcements']> = [];
  for (let i = 0; i < 25; i++) {
    const filedOn = daysBefore(dataDate, 20 + i * 45);
    const open = i < 7 || i >= 20;
    // Open amounts: 7 × 300 万 + 4 × 297.25 万 + 1,241 万 (the oldest) = 4,530 万元.
    const amount = i < 7 ? 3_000_000 : i === 24 ? 12_410_000 : i >= 20 ? 2_972_500 : 800_000;
    enforcements.push({ caseNo: `（${filedOn.slice(0, 4)}）沪0115执${3000 + i}号`, court: COURTS[i % COURTS.length], filedOn, amount: { amount }, ...(open ? {} : { closedOn: daysBefore(filedOn, -60) }) });
  }
  const consumptionRestrictions: NonNullable<CompanyDocument['consumptionRestrictions']> = [];
  for (let i = 0; i < 25; i++) {
    const filedOn = daysBefore(dataDate, 30 + i * 40);
    const current = i < 6 || i >= 21;
    consumptionRestrictions.push({ caseNo: `（${filedOn.slice(0, 4)}）沪0115执${5000 + i}号`, person: '钱多来', applicant: `上海债权人${i}有限公司`, court: COURTS[i % COURTS.length], filedOn, publishedOn: filedOn, ...(current ? {} : { removedOn: daysBefore(filedOn, -90) }) });
  }
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海鼎沸建设工程有限公司',
    uscc: uscc('91', 600001),
    companyType: '有限责任公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    legalRep: '钱多来',
    registeredCapital: { amount: 10_000_000 },
    paidInCapital: { amount: 2_000_000 },
    establishedOn: '2009-05-12',
    authority: '上海市浦东新区市场监督管理局',
    address: '上海市浦东新区川沙路 5000 号',
    scope: '建设工程施工。',
    insuredCount: 40,
    shareholders: [{ name: '钱多来', kind: 'person', subscribed: { amount: 10_000_000 }, paid: { amount: 2_000_000 }, ratio: 1 }],
    changes: [],
    annualReports: [{ year: 2025, publishedOn: '2026-06-20', insuredCount: 40 }],
    judgments,
    enforcements,
    dishonest: [
      { caseNo: '（2025）沪0115执3005号', court: COURTS[0], province: '上海', basisDocNo: '（2024）沪0115民初10005号', obligation: '支付工程款 3,500,000 元及利息', performance: '全部未履行', conduct: '有履行能力而拒不履行生效法律文书确定义务', filedOn: '2025-10-01', publishedOn: '2025-10-20' },
      { caseNo: '（2023）沪0115执3020号', court: COURTS[0], obligation: '支付货款 800,000 元', performance: '全部已履行', conduct: '违反财产报告制度', filedOn: '2023-03-01', publishedOn: '2023-03-15', removedOn: '2023-09-01' },
    ],
    consumptionRestrictions,
    terminatedCases: [{ caseNo: '（2024）沪0115执3015号', court: COURTS[0], filedOn: '2024-01-05', terminatedOn: '2024-08-01', amount: { amount: 800_000 }, unpaid: { amount: 650_000 } }],
    hearings: Array.from({ length: 30 }, (_, i) => ({ caseNo: `（2026）沪0115民初${20000 + i}号`, cause: CAUSES[i % CAUSES.length], court: COURTS[i % COURTS.length], date: daysBefore(dataDate, -10 - i * 3), role: 'defendant' as const, plaintiffs: [`上海债权人${i}有限公司`], defendants: ['上海鼎沸建设工程有限公司'] })),
    caseFilings: [],
    equityPledges: [{ regNo: '310115202300999', pledgor: '钱多来', pledgee: '上海某某小额贷款有限公司', amount: { amount: 6_000_000 }, registeredOn: '2023-05-01', status: '有效' }],
    equityFreezes: [
      { caseNo: '（2026）沪0115执3001号', executedParty: '钱多来', target: '上海鼎沸建设工程有限公司', equityAmount: { amount: 10_000_000 }, court: COURTS[0], noticeNo: '（2026）沪0115执3001号之一', state: 'frozen', frozenFrom: '2026-03-01', frozenTo: '2029-02-28', publishedOn: '2026-03-05' },
    ],
    exitRestrictions: [{ caseNo: '（2025）沪0115执3005号', person: '钱多来', executedParty: '上海鼎沸建设工程有限公司', court: COURTS[0], amount: { amount: 3_500_000 }, filedOn: '2025-11-01' }],
    dataAsOf: dataDate,
  });
}

/** Only the register's facts: no judicial, operating-risk or other category supplied at all. */
export function registrationOnlySample(): CompanyDocument {
  return {
    name: '上海只登记商贸有限公司',
    uscc: uscc('91', 700001),
    companyType: '有限责任公司（自然人独资）',
    status: '存续（在营、开业、在册）',
    legalRep: '孙登记',
    registeredCapital: { amount: 5_000_000 },
    establishedOn: '2014-08-08',
    authority: '上海市浦东新区市场监督管理局',
    address: '上海市浦东新区金桥路 1 号',
    scope: '日用百货销售。',
    dataAsOf: SAMPLE_DATA_DATE,
  };
}

/** Every new (schema v2) category with records, on a company otherwise like the standard one. */
export function everyCategorySample(): CompanyDocument {
  const doc = standardSample();
  doc.name = '上海万类俱全实业有限公司';
  doc.uscc = uscc('91', 800001);
  return sample({
    ...doc,
    equityFreezes: [
      { caseNo: '（2026）沪0115执801号', executedParty: '周立衡', target: '上海万类俱全实业有限公司', equityAmount: { amount: 3_000_000 }, court: '上海市浦东新区人民法院', noticeNo: '（2026）沪0115执801号', state: 'frozen', frozenFrom: '2026-02-01', frozenTo: '2029-01-31', publishedOn: '2026-02-03' },
      { caseNo: '（2022）沪0115执120号', executedParty: '周立衡', equityAmount: { amount: 1_000_000 }, court: '上海市浦东新区人民法院', state: 'released', frozenFrom: '2022-01-01', frozenTo: '2025-01-01', releasedOn: '2022-06-01', publishedOn: '2022-01-05' },
    ],
    bankruptcies: [{ caseNo: '（2026）沪03破申12号', kind: '破产清算', applicant: '上海某供应链有限公司', respondent: '上海万类俱全实业有限公司', court: '上海市第三中级人民法院', publishedOn: '2026-09-01' }],
    judicialAuctions: [{ title: '上海市浦东新区张江路 1088 号 3 幢厂房', court: '上海市浦东新区人民法院', caseNo: '（2026）沪0115执801号', publishedOn: '2026-08-01', auctionOn: '2026-09-10', startingPrice: { amount: 21_000_000 }, appraisedPrice: { amount: 30_000_000 }, status: '流拍' }],
    exitRestrictions: [{ caseNo: '（2026）沪0115执801号', person: '周立衡', executedParty: '上海万类俱全实业有限公司', court: '上海市浦东新区人民法院', amount: { amount: 3_000_000 }, filedOn: '2026-03-01' }],
    courtAnnouncements: [{ caseNo: '（2026）沪0115民初888号', type: '起诉状副本及开庭传票', court: '上海市浦东新区人民法院', parties: ['上海某供应链有限公司', '上海万类俱全实业有限公司'], content: '本院受理原告诉被告买卖合同纠纷一案，现依法向你公告送达起诉状副本及开庭传票。', publishedOn: '2026-07-01' }],
    serviceAnnouncements: [{ caseNo: '（2026）沪0115民初889号', cause: '买卖合同纠纷', court: '上海市浦东新区人民法院', parties: ['上海万类俱全实业有限公司'], content: '公告送达判决书。', publishedOn: '2026-08-15' }],
    landMortgages: [{ location: '上海市浦东新区张江镇 12 街坊 3/1 丘', landUse: '工业用地', areaSqm: 12500, mortgagor: '上海万类俱全实业有限公司', mortgagee: '中国工商银行股份有限公司上海市张江支行', amount: { amount: 15_000_000 }, appraisedValue: { amount: 28_000_000 }, from: '2024-01-01', to: '2028-12-31', registeredOn: '2024-01-05' }],
    guarantees: [{ year: 2025, creditor: '中国银行股份有限公司上海市分行', debtor: '上海澄衡投资管理有限公司', debtKind: '合同', amount: { amount: 5_000_000 }, debtFrom: '2025-01-01', debtTo: '2026-12-31', guaranteePeriod: '期限', method: '连带保证', scope: '主债权' }],
    simpleCancellations: [],
    cancellationFilings: [],
    licences: [{ number: '沪浦食许〔2023〕5 号', name: '食品经营许可', content: '预包装食品销售', authority: '上海市浦东新区市场监督管理局', decidedOn: '2023-06-01', validFrom: '2023-06-01', validTo: '2028-05-31' }],
    spotChecks: [{ authority: '上海市浦东新区市场监督管理局', kind: '检查', date: '2026-04-10', result: '发现问题已责令改正' }],
    ipPledges: [{ regNo: 'Y2025310000123', kind: 'patent', name: '一种主轴热变形补偿装置', pledgor: '上海万类俱全实业有限公司', pledgee: '上海银行股份有限公司浦东分行', registeredOn: '2025-05-01', periodFrom: '2025-05-01', periodTo: '2027-04-30', status: '有效' }],
    publicSummons: [{ billNo: '31300051/23456789', billType: '银行承兑汇票', amount: { amount: 500_000 }, applicant: '上海万类俱全实业有限公司', holder: '上海万类俱全实业有限公司', court: '上海市浦东新区人民法院', publishedOn: '2026-05-20' }],
  });
}

/** Every sample by a short name, for scripts that render them all. */
export const SAMPLE_COMPANIES: Readonly<Record<string, () => CompanyDocument>> = {
  standard: standardSample,
  branch: branchSample,
  'head-office': headOfficeSample,
  'sole-trader': soleTraderSample,
  partnership: partnershipSample,
  cancelled: cancelledSample,
  usd: usdSample,
  'heavy-litigation': heavyLitigationSample,
  'registration-only': registrationOnlySample,
  'every-category': everyCategorySample,
};

/**
 * A shell-like company (issue 13): a year old, nobody insured, the annual report not filed, no tax
 * credit rating, no IP, tenders or licences, nothing paid in, listed 经营异常 as unreachable at its
 * registered address, two changes of legal representative and address; meant to be stored beside
 * many companies at the same address (a 集中注册地), see test/report-types-diligence-shell.test.ts.
 */
export function shellLikeSample(): CompanyDocument {
  return sample({
    schemaVersion: 2,
    ...quietV1(),
    ...quietV2(),
    name: '上海汇嘉通商贸有限公司',
    uscc: uscc('91', 300001),
    companyType: '有限责任公司（自然人独资）',
    status: '存续（在营、开业、在册）',
    legalRep: '马振',
    registeredCapital: { amount: 10_000_000 },
    paidInCapital: { amount: 0 },
    establishedOn: '2025-03-10',
    divisionCode: '310115',
    address: '上海市浦东新区川沙路 5558 号 2 幢 301 室',
    contact: { email: 'agent-desk@example.com' },
    insuredCount: 0,
    shareholders: [{ name: '马振', kind: 'person', subscribed: { amount: 10_000_000 }, paid: { amount: 0 }, ratio: 1 }],
    personnel: [{ name: '马振', positions: ['执行董事', '总经理'] }],
    changes: [
      { date: '2026-05-12', item: '法定代表人变更', before: '陈立', after: '马振' },
      { date: '2026-02-03', item: '住所变更', before: '上海市浦东新区川沙路 100 号', after: '上海市浦东新区川沙路 5558 号 2 幢 301 室' },
    ],
    annualReports: [],
    abnormalOperations: [{ listedOn: '2026-08-20', reason: '通过登记的住所或者经营场所无法联系的', authority: '上海市浦东新区市场监督管理局' }],
    taxCredit: [],
    dataAsOf: SAMPLE_DATA_DATE,
  });
}
