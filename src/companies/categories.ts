/**
 * Every category of the company document, listed once: the one place that says which document
 * field(s) carry a category, its Chinese title and the group it belongs to. Coverage in the report
 * and the risk-check interfaces read this list, so a category added to the schema is added here and
 * nowhere else.
 *
 * The rule for every category: absent = the source did not supply it (unknown); `[]` = supplied,
 * none. `categorySupplied` answers the first question only; what the records say is the reader's.
 */
import type { CompanyDocument } from './document.js';

export type CategoryGroup = 'registration' | 'judicial' | 'operating' | 'tax' | 'ip' | 'business';

/** The groups in reading order, with the titles a report or an interface prints for them. */
export const CATEGORY_GROUPS: ReadonlyArray<{ id: CategoryGroup; title: string }> = [
  { id: 'registration', title: '工商信息' },
  { id: 'judicial', title: '司法风险' },
  { id: 'operating', title: '经营风险' },
  { id: 'tax', title: '税务信息' },
  { id: 'ip', title: '知识产权' },
  { id: 'business', title: '经营信息' },
];

/** A document field that holds a category: every optional member except identity scalars. */
export type CategoryField = keyof CompanyDocument & string;

export type CategoryId =
  | 'capital'
  | 'paid-in'
  | 'insured'
  | 'shareholders'
  | 'personnel'
  | 'investments'
  | 'branches'
  | 'changes'
  | 'annual-reports'
  | 'judgments'
  | 'enforcements'
  | 'dishonest'
  | 'consumption-restrictions'
  | 'terminated-cases'
  | 'hearings'
  | 'case-filings'
  | 'equity-freezes'
  | 'bankruptcies'
  | 'judicial-auctions'
  | 'exit-restrictions'
  | 'court-announcements'
  | 'service-announcements'
  | 'public-summons'
  | 'abnormal-operations'
  | 'serious-violations'
  | 'penalties'
  | 'equity-pledges'
  | 'chattel-mortgages'
  | 'land-mortgages'
  | 'guarantees'
  | 'ip-pledges'
  | 'spot-checks'
  | 'simple-cancellations'
  | 'cancellation-filings'
  | 'liquidation'
  | 'tax-arrears'
  | 'tax-violations'
  | 'tax-credit'
  | 'patents'
  | 'trademarks'
  | 'software-copyrights'
  | 'licences'
  | 'certificates'
  | 'tenders';

export interface Category {
  /** Stable kebab-case id (the report's coverage and the interfaces use it). */
  readonly id: CategoryId;
  /** The document field(s) holding it; supplied when any of them is present. */
  readonly fields: readonly CategoryField[];
  readonly title: string;
  readonly group: CategoryGroup;
  /** `records`: a list of records; `fact`: a single value or object. */
  readonly shape: 'records' | 'fact';
  /** The schema version that introduced it. */
  readonly since: 1 | 2;
}

function records(id: CategoryId, field: CategoryField, title: string, group: CategoryGroup, since: 1 | 2 = 1): Category {
  return { id, fields: [field], title, group, shape: 'records', since };
}

function fact(id: CategoryId, fields: CategoryField[], title: string, group: CategoryGroup): Category {
  return { id, fields, title, group, shape: 'fact', since: 1 };
}

export const CATEGORIES: readonly Category[] = Object.freeze([
  // registration (工商信息)
  fact('capital', ['registeredCapital'], '注册资本', 'registration'),
  // Paid-in capital is supplied either as the company's figure or as what its shareholders paid.
  fact('paid-in', ['paidInCapital'], '实缴资本', 'registration'),
  // Insured staff is supplied either on the company or in an annual report.
  fact('insured', ['insuredCount'], '参保人数', 'registration'),
  records('shareholders', 'shareholders', '股东信息', 'registration'),
  records('personnel', 'personnel', '主要人员', 'registration'),
  records('investments', 'investments', '对外投资', 'registration'),
  records('branches', 'branches', '分支机构', 'registration'),
  records('changes', 'changes', '变更记录', 'registration'),
  records('annual-reports', 'annualReports', '年报', 'registration'),
  // judicial (司法风险)
  records('judgments', 'judgments', '裁判文书', 'judicial'),
  records('enforcements', 'enforcements', '被执行人', 'judicial'),
  records('dishonest', 'dishonest', '失信被执行人', 'judicial'),
  records('consumption-restrictions', 'consumptionRestrictions', '限制高消费', 'judicial'),
  records('terminated-cases', 'terminatedCases', '终本案件', 'judicial'),
  records('hearings', 'hearings', '开庭公告', 'judicial'),
  records('case-filings', 'caseFilings', '立案信息', 'judicial'),
  records('equity-freezes', 'equityFreezes', '股权冻结', 'judicial', 2),
  records('bankruptcies', 'bankruptcies', '破产重整', 'judicial', 2),
  records('judicial-auctions', 'judicialAuctions', '司法拍卖', 'judicial', 2),
  records('exit-restrictions', 'exitRestrictions', '限制出境', 'judicial', 2),
  records('court-announcements', 'courtAnnouncements', '法院公告', 'judicial', 2),
  records('service-announcements', 'serviceAnnouncements', '送达公告', 'judicial', 2),
  records('public-summons', 'publicSummons', '公示催告', 'judicial', 2),
  // operating (经营风险)
  records('abnormal-operations', 'abnormalOperations', '经营异常', 'operating'),
  records('serious-violations', 'seriousViolations', '严重违法', 'operating'),
  records('penalties', 'penalties', '行政处罚', 'operating'),
  records('equity-pledges', 'equityPledges', '股权出质', 'operating'),
  records('chattel-mortgages', 'chattelMortgages', '动产抵押', 'operating'),
  records('land-mortgages', 'landMortgages', '土地抵押', 'operating', 2),
  records('guarantees', 'guarantees', '对外担保', 'operating', 2),
  records('ip-pledges', 'ipPledges', '知识产权出质', 'operating', 2),
  records('spot-checks', 'spotChecks', '抽查检查', 'operating', 2),
  records('simple-cancellations', 'simpleCancellations', '简易注销', 'operating', 2),
  records('cancellation-filings', 'cancellationFilings', '注销备案', 'operating', 2),
  fact('liquidation', ['liquidation'], '清算信息', 'operating'),
  // tax (税务信息)
  records('tax-arrears', 'taxArrears', '欠税公告', 'tax'),
  records('tax-violations', 'taxViolations', '税收违法', 'tax'),
  records('tax-credit', 'taxCredit', '纳税信用', 'tax'),
  // ip (知识产权)
  records('patents', 'patents', '专利', 'ip'),
  records('trademarks', 'trademarks', '商标', 'ip'),
  records('software-copyrights', 'softwareCopyrights', '软件著作权', 'ip'),
  // business (经营信息)
  records('licences', 'licences', '行政许可', 'business', 2),
  records('certificates', 'certificates', '资质证书', 'business'),
  records('tenders', 'tenders', '招投标', 'business'),
].map((c) => Object.freeze(c)));

const BY_ID: ReadonlyMap<CategoryId, Category> = new Map(CATEGORIES.map((c) => [c.id, c]));

/** The category with this id; throws on an unknown id (a typo is a bug, not an unknown category). */
export function category(id: CategoryId): Category {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`unknown category "${id}"`);
  return c;
}

/** The categories of a group, in list order. */
export function categoriesOf(group: CategoryGroup): Category[] {
  return CATEGORIES.filter((c) => c.group === group);
}

/**
 * Did the source supply this category? Absent = no; present, even as `[]`, = yes. Paid-in capital and
 * insured staff are also supplied through the shareholders' paid amounts and the annual reports.
 */
export function categorySupplied(doc: CompanyDocument, id: CategoryId): boolean {
  const c = category(id);
  for (const f of c.fields) if (doc[f] !== undefined) return true;
  if (id === 'paid-in') return (doc.shareholders ?? []).some((s) => s.paid !== undefined);
  if (id === 'insured') return (doc.annualReports ?? []).some((r) => r.insuredCount !== undefined);
  return false;
}

/**
 * The records of a `records` category: `undefined` when the source did not supply it (never `[]`
 * for unknown), the list (perhaps empty) when it did.
 */
export function categoryRecords(doc: CompanyDocument, id: CategoryId): readonly unknown[] | undefined {
  const c = category(id);
  if (c.shape !== 'records') throw new Error(`category "${id}" is a single fact, not a list of records`);
  const v = doc[c.fields[0]!];
  return Array.isArray(v) ? v : undefined;
}

/** Every category and whether it is supplied, in list order. */
export function categoryCoverage(doc: CompanyDocument): Array<{ category: Category; supplied: boolean }> {
  return CATEGORIES.map((c) => ({ category: c, supplied: categorySupplied(doc, c.id) }));
}
