/**
 * The 空壳扫描 indicators (report type 4, docs/report-types.md "空壳扫描报告"): each with its weight,
 * whether it is hit, and the evidence. The 空壳风险指数 is the sum of the weights of the indicators
 * hit (0–100), and the level follows from fixed thresholds.
 *
 * Unknown is not "no indicator": an indicator whose data the source did not supply (or, for the
 * store-wide counts, that the producer could not give) has `hit: null`. The index then counts only
 * what is known to be hit, so it is a lower bound; `indexMax` is what it would be if every unknown
 * indicator were hit, and `levelCertain` says whether the unknowns could change the level.
 */
import type { CompanyDocument } from '../../../companies/document.js';
import type { SharedRegistrationCounts } from '../../../companies/store-counts.js';
import { addMonths, parseDate } from '../../score/dates.js';
import { KIND_NAME, reportEntityKind } from '../../score/entity.js';
import { cnyFen } from '../../score/money.js';
import { currentListings, listText } from '../shared/evidence.js';

export type ShellLevel = '低' | '中' | '高';

export interface ShellIndicator {
  readonly id: string;
  readonly title: string;
  /** Points added to the index when hit; the weights of all indicators sum to 100. */
  readonly weight: number;
  /** true: hit; false: not hit; null: unknown (data not supplied). */
  readonly hit: boolean | null;
  readonly evidence: string;
}

export interface ShellScanVerdict {
  /** 0–100: the sum of the weights of the indicators hit. */
  readonly index: number;
  readonly level: ShellLevel;
  readonly levelCode: 'low' | 'medium' | 'high';
  /** The index if every unknown indicator were hit. */
  readonly indexMax: number;
  /** Sum of the weights of unknown indicators. */
  readonly unknownWeight: number;
  /** False when the unknown indicators could raise the level. */
  readonly levelCertain: boolean;
  readonly indicators: readonly ShellIndicator[];
}

/** Level thresholds on the index: 高 from 60, 中 from 30, else 低. */
export const SHELL_LEVEL_THRESHOLDS = { high: 60, medium: 30 } as const;
/** Companies at one registered address from which it is a 集中注册地 (the company itself included). */
export const SHARED_ADDRESS_MIN = 5;
/** Companies sharing one phone number or e-mail address from which it is an indicator. */
export const SHARED_CONTACT_MIN = 5;
/** Companies of one legal representative from which it is an indicator. */
export const LEGAL_REP_COMPANIES_MIN = 10;
/** Changes of legal representative or address within this many months … */
export const CHANGE_WINDOW_MONTHS = 24;
/** … from which they are frequent. */
export const FREQUENT_CHANGES_MIN = 2;
/** Years of annual reports checked back from the last one due. */
export const ANNUAL_REPORT_YEARS_CHECKED = 3;

export const SHELL_WEIGHTS = {
  'no-insured': 15,
  'annual-reports-missing': 10,
  'no-tax-credit': 5,
  'no-ip-tenders-licences': 10,
  'capital-unpaid': 10,
  'shared-address': 15,
  'shared-contact': 10,
  'legal-rep-many': 10,
  'frequent-changes': 5,
  unreachable: 10,
} as const;

type IndicatorId = keyof typeof SHELL_WEIGHTS;
const NOT_SUPPLIED = '数据源未提供';
const NO_COUNTS = '全库共用统计不可用';

function indicator(id: IndicatorId, title: string, hit: boolean | null, evidence: string): ShellIndicator {
  return { id, title, weight: SHELL_WEIGHTS[id], hit, evidence };
}

export function shellLevel(index: number): ShellLevel {
  return index >= SHELL_LEVEL_THRESHOLDS.high ? '高' : index >= SHELL_LEVEL_THRESHOLDS.medium ? '中' : '低';
}

const LEVEL_CODE: Readonly<Record<ShellLevel, ShellScanVerdict['levelCode']>> = { 低: 'low', 中: 'medium', 高: 'high' };

export function shellScan(doc: CompanyDocument, dataDate: string, counts: SharedRegistrationCounts | undefined): ShellScanVerdict {
  const indicators = [
    insuredIndicator(doc),
    annualReportIndicator(doc, dataDate),
    taxCreditIndicator(doc),
    activityIndicator(doc),
    capitalIndicator(doc),
    sharedAddressIndicator(counts),
    sharedContactIndicator(counts),
    legalRepIndicator(counts),
    changesIndicator(doc, dataDate),
    unreachableIndicator(doc, dataDate),
  ];
  const index = indicators.reduce((sum, i) => sum + (i.hit === true ? i.weight : 0), 0);
  const unknownWeight = indicators.reduce((sum, i) => sum + (i.hit === null ? i.weight : 0), 0);
  const level = shellLevel(index);
  return { index, level, levelCode: LEVEL_CODE[level], indexMax: index + unknownWeight, unknownWeight, levelCertain: shellLevel(index + unknownWeight) === level, indicators };
}

function insuredIndicator(doc: CompanyDocument): ShellIndicator {
  const title = '无参保人员';
  const reported = [...(doc.annualReports ?? [])].filter((r) => r.insuredCount !== undefined).sort((a, b) => b.year - a.year)[0];
  const count = doc.insuredCount ?? reported?.insuredCount;
  if (count === undefined) return indicator('no-insured', title, null, `参保人数：${NOT_SUPPLIED}`);
  const source = doc.insuredCount !== undefined ? '登记参保人数' : `${reported!.year} 年年报参保人数`;
  return count === 0 ? indicator('no-insured', title, true, `${source} 0 人`) : indicator('no-insured', title, false, `${source} ${count} 人`);
}

/** The last year whose annual report was due by the data date (reports for year Y are due by 30 June of Y+1). */
function lastYearDue(dataDate: string): number {
  const year = Number(dataDate.slice(0, 4));
  return dataDate.slice(5) > '06-30' ? year - 1 : year - 2;
}

function annualReportIndicator(doc: CompanyDocument, dataDate: string): ShellIndicator {
  const title = '年报缺失';
  if (doc.annualReports === undefined) return indicator('annual-reports-missing', title, null, `年报：${NOT_SUPPLIED}`);
  const established = parseDate(doc.establishedOn);
  const last = lastYearDue(dataDate);
  const first = Math.max(established ? established.year : last, last - ANNUAL_REPORT_YEARS_CHECKED + 1);
  if (first > last) return indicator('annual-reports-missing', title, false, `成立于 ${doc.establishedOn}，至数据日尚无应报年度`);
  const filed = new Set(doc.annualReports.map((r) => r.year));
  const due = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const missing = due.filter((y) => !filed.has(y));
  const span = `${first}–${last} 年度`;
  return missing.length > 0
    ? indicator('annual-reports-missing', title, true, `${span}应报 ${due.length} 份，缺 ${missing.length} 份（${missing.join('、')} 年度）`)
    : indicator('annual-reports-missing', title, false, `${span}年报均已报送`);
}

function taxCreditIndicator(doc: CompanyDocument): ShellIndicator {
  const title = '无纳税信用评价';
  if (doc.taxCredit === undefined) return indicator('no-tax-credit', title, null, `纳税信用：${NOT_SUPPLIED}`);
  if (doc.taxCredit.length === 0) return indicator('no-tax-credit', title, true, '无任何年度纳税信用评价记录');
  const latest = [...doc.taxCredit].sort((a, b) => b.year - a.year)[0]!;
  if (latest.grade === 'D') return indicator('no-tax-credit', title, true, `最近评价 ${latest.year} 年度 D 级`);
  return indicator('no-tax-credit', title, false, `最近评价 ${latest.year} 年度 ${latest.grade} 级`);
}

function activityIndicator(doc: CompanyDocument): ShellIndicator {
  const title = '无知识产权、招投标与资质许可';
  const lists: Array<[string, readonly unknown[] | undefined]> = [
    ['专利', doc.patents], ['商标', doc.trademarks], ['软件著作权', doc.softwareCopyrights], ['招投标', doc.tenders], ['行政许可', doc.licences], ['资质证书', doc.certificates],
  ];
  const positive = lists.filter(([, l]) => (l?.length ?? 0) > 0);
  if (positive.length > 0) return indicator('no-ip-tenders-licences', title, false, positive.map(([name, l]) => `${name} ${l!.length} 条`).join('，'));
  const unknown = lists.filter(([, l]) => l === undefined).map(([name]) => name);
  if (unknown.length > 0) return indicator('no-ip-tenders-licences', title, null, `已提供的类别均无记录；${unknown.join('、')}：${NOT_SUPPLIED}`);
  return indicator('no-ip-tenders-licences', title, true, '专利、商标、软件著作权、招投标、行政许可、资质证书均无记录');
}

function capitalIndicator(doc: CompanyDocument): ShellIndicator {
  const title = '注册资本未实缴';
  const kind = reportEntityKind(doc);
  if (kind === 'branch' || kind === 'individual') return indicator('capital-unpaid', title, false, `不适用：${KIND_NAME[kind]}无实缴出资要求`);
  const paidDirect = cnyFen(doc.paidInCapital);
  const holders = doc.shareholders ?? [];
  const paid = paidDirect ?? (holders.some((s) => s.paid !== undefined) ? holders.reduce((sum, s) => sum + (cnyFen(s.paid) ?? 0), 0) : undefined);
  if (paid === undefined) return indicator('capital-unpaid', title, null, `实缴资本：${NOT_SUPPLIED}`);
  const registered = cnyFen(doc.registeredCapital);
  const wan = (fen: number) => `${(fen / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} 万元`;
  if (paid <= 0) return indicator('capital-unpaid', title, true, `实缴资本 0 元${registered ? `，注册资本 ${wan(registered)}` : ''}`);
  return indicator('capital-unpaid', title, false, `实缴资本 ${wan(paid)}${registered ? `，注册资本 ${wan(registered)}` : ''}`);
}

function sharedAddressIndicator(counts: SharedRegistrationCounts | undefined): ShellIndicator {
  const title = '集中注册地';
  if (!counts) return indicator('shared-address', title, null, NO_COUNTS);
  if (counts.sameAddress === null) return indicator('shared-address', title, null, `登记住所：${NOT_SUPPLIED}`);
  const text = `同一登记住所在库企业 ${counts.sameAddress} 家（含本企业；阈值 ${SHARED_ADDRESS_MIN} 家）`;
  return indicator('shared-address', title, counts.sameAddress >= SHARED_ADDRESS_MIN, text);
}

function sharedContactIndicator(counts: SharedRegistrationCounts | undefined): ShellIndicator {
  const title = '联系电话或邮箱与多家企业相同';
  if (!counts) return indicator('shared-contact', title, null, NO_COUNTS);
  if (counts.samePhone === null && counts.sameEmail === null) return indicator('shared-contact', title, null, `联系电话及邮箱：${NOT_SUPPLIED}`);
  const parts = [
    counts.samePhone === null ? `联系电话：${NOT_SUPPLIED}` : `同一联系电话 ${counts.samePhone} 家`,
    counts.sameEmail === null ? `邮箱：${NOT_SUPPLIED}` : `同一邮箱 ${counts.sameEmail} 家`,
  ];
  const most = Math.max(counts.samePhone ?? 0, counts.sameEmail ?? 0);
  // One of the two unknown and the other under the threshold: the unknown one could still be shared.
  const hit = most >= SHARED_CONTACT_MIN ? true : counts.samePhone === null || counts.sameEmail === null ? null : false;
  return indicator('shared-contact', title, hit, `${parts.join('，')}（含本企业；阈值 ${SHARED_CONTACT_MIN} 家）`);
}

function legalRepIndicator(counts: SharedRegistrationCounts | undefined): ShellIndicator {
  const title = '法定代表人名下企业众多';
  if (!counts) return indicator('legal-rep-many', title, null, NO_COUNTS);
  if (counts.legalRepCompanies === null) {
    // Identity not resolved because even every namesake together stays under the threshold: not hit, and said so.
    const n = counts.legalRepNamesakes;
    if (n !== undefined && n < LEGAL_REP_COMPANIES_MIN) {
      return indicator('legal-rep-many', title, false, `在库法定代表人同名的企业共 ${n} 家（含本企业，未逐一认定是否同一人），已低于阈值 ${LEGAL_REP_COMPANIES_MIN} 家`);
    }
    return indicator('legal-rep-many', title, null, `法定代表人：${NOT_SUPPLIED}`);
  }
  // A lower bound (identity resolved only until the threshold was reached) says so: "at least".
  const text = counts.legalRepCompaniesAtLeast
    ? `法定代表人在库担任法定代表人的企业至少 ${counts.legalRepCompanies} 家（含本企业，按人员识别规则认定为同一人；达到阈值 ${LEGAL_REP_COMPANIES_MIN} 家后不再逐一认定）`
    : `法定代表人在库担任法定代表人的企业 ${counts.legalRepCompanies} 家（含本企业，按人员识别规则认定为同一人；阈值 ${LEGAL_REP_COMPANIES_MIN} 家）`;
  return indicator('legal-rep-many', title, counts.legalRepCompanies >= LEGAL_REP_COMPANIES_MIN, text);
}

const KEY_CHANGE = /法定代表人|负责人|经营者|执行事务合伙人|住所|经营场所|营业场所/u;

function changesIndicator(doc: CompanyDocument, dataDate: string): ShellIndicator {
  const title = '频繁变更法定代表人或住所';
  if (doc.changes === undefined) return indicator('frequent-changes', title, null, `变更记录：${NOT_SUPPLIED}`);
  const since = addMonths(dataDate, -CHANGE_WINDOW_MONTHS);
  const recent = doc.changes.filter((c) => KEY_CHANGE.test(c.item) && c.date.slice(0, 10) > since && c.date.slice(0, 10) <= dataDate);
  const text = recent.length > 0
    ? `近 ${CHANGE_WINDOW_MONTHS} 个月变更 ${recent.length} 次：${listText(recent.map((c) => `${c.date} ${c.item}`))}（阈值 ${FREQUENT_CHANGES_MIN} 次）`
    : `近 ${CHANGE_WINDOW_MONTHS} 个月无法定代表人或住所变更`;
  return indicator('frequent-changes', title, recent.length >= FREQUENT_CHANGES_MIN, text);
}

function unreachableIndicator(doc: CompanyDocument, dataDate: string): ShellIndicator {
  const title = '经营异常（无法联系）';
  if (doc.abnormalOperations === undefined) return indicator('unreachable', title, null, `经营异常名录：${NOT_SUPPLIED}`);
  const current = currentListings(doc.abnormalOperations, dataDate).filter((l) => /无法联系/u.test(l.reason ?? ''));
  return current.length > 0
    ? indicator('unreachable', title, true, `当前因「通过登记的住所或经营场所无法联系」列入 ${current.length} 条，最早 ${current.map((l) => l.listedOn).sort()[0]}`)
    : indicator('unreachable', title, false, '无因无法联系而列入经营异常名录的当前记录');
}
