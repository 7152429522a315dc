/**
 * The factors of scorecard v2 (docs/scorecard.md "Version 2"). Every v1 factor is kept with its
 * reading; v2 changes four things around them:
 *
 * - a factor whose data the source did not supply scores 0 with the bin 未提供 (v1 read an absent
 *   list as "no record", which paid positive points for ignorance);
 * - a factor that cannot apply to the entity's kind (a branch's capital, a sole trader's paid-in
 *   capital) scores 0 with the bin 不适用;
 * - severity keeps growing where v1 saturated (defendant judgments, open enforcement against
 *   capital, current 失信 and 限高), with ratios computed within one currency only;
 * - the new risk categories count: 股权冻结, 破产, 限制出境, 司法拍卖.
 */
import { categorySupplied, type CategoryId } from '../../../companies/categories.js';
import type { CompanyDocument, Money } from '../../../companies/document.js';
import { formatFenByCurrency, formatFenIn, formatMoney, formatPercent } from '../../model/format.js';
import { datePart, inWindow, onOrBefore, windowStart } from '../dates.js';
import { KIND_NAME, type ReportEntityKind } from '../entity.js';
import { currencyKey, toFen } from '../money.js';
import { NOT_APPLICABLE_BIN, UNSUPPLIED_BIN, type FactorResult } from '../types.js';
import { abnormal, chattelMortgage, penalties, seriousViolation, taxArrears, taxViolations } from './business-risk.js';
import { binOf, evidenceOf, INACTIVE_REGISTRATION, isCurrentListing, result, type Bin, type Factor, type ScoreContext } from './common.js';
import { recentDefendantCases, terminatedUnpaid } from './judicial.js';
import { age, annualReport, insured, keyChanges, paidInRatio, registeredCapital, status } from './registration.js';
import { certificates, intellectualProperty, taxCredit, tendersWon } from './strengths.js';

export interface ScoreContextV2 extends ScoreContext {
  kind: ReportEntityKind;
}

export type FactorV2 = (c: ScoreContextV2) => FactorResult;


interface FactorSpec {
  id: string;
  name: string;
  factor: FactorV2;
  /** Supplied when any of these categories is (src/companies/categories.ts); absent = needs only the register. */
  needs?: readonly CategoryId[];
  /** Kinds the factor cannot apply to, with why. */
  notFor?: readonly ReportEntityKind[];
}

const v1 = (f: Factor): FactorV2 => f;

function unsupplied(spec: FactorSpec): FactorResult {
  return result(spec.id, spec.name, '数据源未提供', UNSUPPLIED_BIN, 0);
}

function notApplicable(spec: FactorSpec, kind: ReportEntityKind): FactorResult {
  return result(spec.id, spec.name, `不适用（${KIND_NAME[kind]}）`, NOT_APPLICABLE_BIN, 0);
}

/** Sums amounts per currency key (fen). */
function sumByCurrency<T>(records: readonly T[], amountOf: (r: T) => Money | undefined): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of records) {
    const money = amountOf(r);
    const fen = toFen(money);
    if (fen === undefined) continue;
    const key = currencyKey(money);
    sums.set(key, (sums.get(key) ?? 0) + fen);
  }
  return sums;
}

/** The registered capital as fen in its currency, or undefined when absent or without an amount. */
function capitalOf(doc: CompanyDocument): { fen: number; currency: string } | undefined {
  const fen = toFen(doc.registeredCapital);
  return fen === undefined || fen <= 0 ? undefined : { fen, currency: currencyKey(doc.registeredCapital) };
}

// ── registered capital: v1's bins on renminbi; a known foreign capital is printed in its currency ──
const registeredCapitalV2: FactorV2 = (c) => {
  if (!categorySupplied(c.doc, 'capital')) return result('registered-capital', '注册资本', '数据源未提供', UNSUPPLIED_BIN, 0);
  return registeredCapital(c);
};

// ── paid-in / subscribed: v1's bins; nothing disclosed at all is 未提供 (0), not −10 ──
// (categorySupplied counts the shareholders' paid amounts as supplying paid-in capital.)

// ── insured staff: v1's bins; undisclosed is 未提供 (0), not −10 ──
// (categorySupplied counts an annual report's insured count as supplying it.)

// ── annual report: v1's rule, but none is owed once the company is cancelled, annulled or revoked ──
const annualReportV2: FactorV2 = (c) => {
  if (c.status === 'CANCELLED' || c.status === 'ANNULLED' || c.status === 'REVOKED' || c.status === 'ORDERED_CLOSED') {
    const date = datePart(c.doc.statusDate);
    return result('annual-report', '最近年报报送', `${c.doc.status}${date ? `（${date}）` : ''}，此后无需报送年报`, NOT_APPLICABLE_BIN, 0);
  }
  return annualReport(c);
};

// ── dishonest (失信): none 0 · removed −40 · current 1–2 −200 · current ≥3 −260 ──
const dishonestV2: FactorV2 = ({ doc, dataDate }) => {
  const name = '失信被执行人';
  const known = (doc.dishonest ?? []).filter((d) => onOrBefore(d.filedOn, dataDate));
  const current = known.filter((d) => isCurrentListing(d.filedOn, d.removedOn, dataDate));
  const ev = (list: typeof known) => evidenceOf(list, (d) => d.filedOn, (d) => `${d.filedOn} ${d.caseNo}${d.obligation ? `（${d.obligation}）` : ''}`);
  if (current.length >= 3) return result('dishonest', name, `当前 ${current.length} 条`, '当前失信 ≥3 条', -260, ev(current));
  if (current.length > 0) return result('dishonest', name, `当前 ${current.length} 条`, '当前失信 1–2 条', -200, ev(current));
  if (known.length > 0) return result('dishonest', name, `已移除 ${known.length} 条`, '曾失信（已移除）', -40, ev(known));
  return result('dishonest', name, '无', '无', 0);
};

// ── open enforcement / registered capital, within one currency:
//    <10% −20 · 10–50% −60 · 50–100% −120 · 100–300% −180 · ≥300% −250 ──
// Amounts are summed per currency and only the part in the capital's currency is set against it.
// When some open amount is in another currency, or the capital is unknown, the share cannot be
// shown to be small: at least the 50–100% bin (−120), and the observation says why.
export const OPEN_ENFORCEMENT_SEVERE_PERCENT = 300;
const ENFORCEMENT_BINS: readonly Bin[] = [
  { below: 10, label: '<10%', points: -20 },
  { below: 50, label: '10%–50%', points: -60 },
  { below: 100, label: '50%–100%', points: -120 },
  { below: OPEN_ENFORCEMENT_SEVERE_PERCENT, label: '100%–300%', points: -180 },
  { below: Infinity, label: '≥300%', points: -250 },
];
const UNCOMPUTABLE_ENFORCEMENT: Bin = ENFORCEMENT_BINS[2]!;
const openEnforcementV2: FactorV2 = ({ doc, dataDate }) => {
  const id = 'open-enforcement';
  const name = '未结被执行标的/注册资本';
  const open = (doc.enforcements ?? []).filter((e) => onOrBefore(e.filedOn, dataDate) && (!e.closedOn || e.closedOn.slice(0, 10) > dataDate));
  if (open.length === 0) return result(id, name, '无未结被执行', '无', 0);
  const sums = sumByCurrency(open, (e) => e.amount);
  const evidence = evidenceOf(open, (e) => e.filedOn, (e) => `${e.filedOn} ${e.caseNo}${e.amount ? ` ${formatMoney(e.amount)}` : ''}`);
  const observedAmount = `未结 ${open.length} 条，${formatFenByCurrency(sums)}`;
  const capital = capitalOf(doc);
  if (!capital) {
    return result(id, name, `${observedAmount}（注册资本${doc.registeredCapital === undefined ? '未提供' : '为 0'}，无法计算比例）`, `${UNCOMPUTABLE_ENFORCEMENT.label}（无法计算比例）`, UNCOMPUTABLE_ENFORCEMENT.points, evidence);
  }
  const same = sums.get(capital.currency) ?? 0;
  const others = [...sums.keys()].filter((k) => k !== capital.currency);
  // Percent in hundredths, integer: exact at the bin bounds.
  const percent = (same * 100) / capital.fen;
  const bin = binOf(percent, ENFORCEMENT_BINS);
  const share = `占注册资本 ${formatFenIn(capital.fen, capital.currency)} 的 ${formatPercent(same / capital.fen)}`;
  if (others.length > 0 && bin.points > UNCOMPUTABLE_ENFORCEMENT.points) {
    return result(id, name, `${observedAmount}；其中${formatFenIn(same, capital.currency)}${share}，其余币种不同，无法计算比例`, `${UNCOMPUTABLE_ENFORCEMENT.label}（币种不同，无法计算比例）`, UNCOMPUTABLE_ENFORCEMENT.points, evidence);
  }
  const note = others.length > 0 ? '（另有其他币种金额，未计入比例）' : '';
  return result(id, name, `${observedAmount}，${share}${note}`, bin.label, bin.points, evidence);
};

// ── consumption restriction, current: 1–2 −100 · 3–9 −150 · ≥10 −200 ──
const RESTRICTION_BINS: readonly Bin[] = [
  { below: 1, label: '无', points: 0 },
  { below: 3, label: '当前 1–2 条', points: -100 },
  { below: 10, label: '当前 3–9 条', points: -150 },
  { below: Infinity, label: '当前 ≥10 条', points: -200 },
];
const consumptionRestrictionV2: FactorV2 = ({ doc, dataDate }) => {
  const current = (doc.consumptionRestrictions ?? []).filter((r) => isCurrentListing(r.filedOn, r.removedOn, dataDate));
  const bin = binOf(current.length, RESTRICTION_BINS);
  return result('consumption-restriction', '限制高消费', current.length === 0 ? '无当前限高' : `当前 ${current.length} 条`, bin.label, bin.points,
    evidenceOf(current, (r) => r.filedOn, (r) => `${r.filedOn} ${r.caseNo}`));
};

// ── defendant in judgments, 3 years: 0 +10 · 1–2 0 · 3–9 −20 · 10–49 −50 · 50–199 −100 · ≥200 −160 ──
const DEFENDANT_BINS: readonly Bin[] = [
  { below: 1, label: '0 件', points: 10 },
  { below: 3, label: '1–2 件', points: 0 },
  { below: 10, label: '3–9 件', points: -20 },
  { below: 50, label: '10–49 件', points: -50 },
  { below: 200, label: '50–199 件', points: -100 },
  { below: Infinity, label: '≥200 件', points: -160 },
];
const defendantJudgmentsV2: FactorV2 = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 36);
  const hits = (doc.judgments ?? []).filter((j) => j.role === 'defendant' && inWindow(j.date, start, dataDate));
  const bin = binOf(hits.length, DEFENDANT_BINS);
  return result('defendant-judgments', '近 3 年裁判文书（被告）', `${hits.length} 件`, bin.label, bin.points,
    evidenceOf(hits, (j) => j.date, (j) => `${j.date} ${j.caseNo}`));
};

// ── equity pledged / registered capital, within one currency: <30% −10 · ≥30% or uncomputable −30 ──
const equityPledgeV2: FactorV2 = ({ doc, dataDate }) => {
  const id = 'equity-pledge';
  const name = '股权出质占注册资本';
  const active = (doc.equityPledges ?? []).filter((p) => onOrBefore(p.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(p.status ?? ''));
  if (active.length === 0) return result(id, name, '无有效出质', '无', 0);
  const sums = sumByCurrency(active, (p) => p.amount);
  const evidence = evidenceOf(active, (p) => p.registeredOn, (p) => `${p.registeredOn} ${p.regNo ?? '股权出质'}${p.amount ? ` ${formatMoney(p.amount)}` : ''}`);
  const capital = capitalOf(doc);
  const observedAmount = `有效出质 ${active.length} 笔，${formatFenByCurrency(sums)}`;
  if (!capital) return result(id, name, `${observedAmount}（注册资本${doc.registeredCapital === undefined ? '未提供' : '为 0'}，无法计算比例）`, '≥30%（无法计算比例）', -30, evidence);
  if ([...sums.keys()].some((k) => k !== capital.currency)) return result(id, name, `${observedAmount}（与注册资本币种不同，无法计算比例）`, '≥30%（币种不同，无法计算比例）', -30, evidence);
  const pledged = sums.get(capital.currency) ?? 0;
  const observed = `${observedAmount}，占注册资本 ${formatPercent(pledged / capital.fen)}`;
  return pledged * 10 < capital.fen * 3 ? result(id, name, observed, '<30%', -10, evidence) : result(id, name, observed, '≥30%', -30, evidence);
};

// ── 股权冻结, current (state frozen/renewed, frozenTo absent or not before the data date): 1 −60 · ≥2 −100 ──
const equityFreezeV2: FactorV2 = ({ doc, dataDate }) => {
  const current = (doc.equityFreezes ?? []).filter((f) => onOrBefore(f.publishedOn, dataDate) && (f.state === 'frozen' || f.state === 'renewed')
    && (!f.frozenTo || f.frozenTo.slice(0, 10) >= dataDate) && (!f.releasedOn || f.releasedOn.slice(0, 10) > dataDate));
  const n = current.length;
  const [bin, points] = n === 0 ? ['无', 0] : n === 1 ? ['当前 1 条', -60] : ['当前 ≥2 条', -100];
  return result('equity-freeze', '股权冻结（当前）', n === 0 ? '无当前冻结' : `当前 ${n} 条`, bin, points,
    evidenceOf(current, (f) => f.publishedOn, (f) => `${f.publishedOn} ${f.caseNo ?? '股权冻结'} 被执行人 ${f.executedParty}${f.equityAmount ? ` ${formatMoney(f.equityAmount)}` : ''}`));
};

// ── 破产案件: pending −300 · closed within 5 years −100 ──
const bankruptcyV2: FactorV2 = ({ doc, dataDate }) => {
  const known = (doc.bankruptcies ?? []).filter((b) => onOrBefore(b.publishedOn, dataDate));
  const pending = known.filter((b) => !b.closedOn || b.closedOn.slice(0, 10) > dataDate);
  const describe = (b: (typeof known)[number]) => `${b.publishedOn} ${b.caseNo}${b.kind ? `（${b.kind}）` : ''}`;
  if (pending.length > 0) return result('bankruptcy', '破产案件', `审理中 ${pending.length} 件`, '审理中', -300, evidenceOf(pending, (b) => b.publishedOn, describe));
  const start = windowStart(dataDate, 60);
  const recent = known.filter((b) => inWindow(b.closedOn, start, dataDate));
  if (recent.length > 0) return result('bankruptcy', '破产案件', `近 5 年已结 ${recent.length} 件`, '近 5 年已结', -100, evidenceOf(recent, (b) => b.closedOn, describe));
  return result('bankruptcy', '破产案件', '无', '无', 0);
};

// ── 限制出境, current (no removedOn by the data date): 1–2 −80 · ≥3 −120 ──
const exitRestrictionV2: FactorV2 = ({ doc, dataDate }) => {
  const current = (doc.exitRestrictions ?? []).filter((r) => isCurrentListing(r.filedOn, r.removedOn, dataDate));
  const n = current.length;
  const [bin, points] = n === 0 ? ['无', 0] : n <= 2 ? ['当前 1–2 条', -80] : ['当前 ≥3 条', -120];
  return result('exit-restriction', '限制出境（当前）', n === 0 ? '无当前限制出境' : `当前 ${n} 条`, bin, points,
    evidenceOf(current, (r) => r.filedOn, (r) => `${r.filedOn} ${r.caseNo ?? '限制出境'} ${r.person}${r.amount ? ` ${formatMoney(r.amount)}` : ''}`));
};

// ── 司法拍卖 of the company's assets, 24 months: 1–2 −40 · ≥3 −80 ──
const judicialAuctionV2: FactorV2 = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 24);
  const hits = (doc.judicialAuctions ?? []).filter((a) => inWindow(a.publishedOn, start, dataDate));
  const n = hits.length;
  const [bin, points] = n === 0 ? ['0 次', 0] : n <= 2 ? ['1–2 次', -40] : ['≥3 次', -80];
  return result('judicial-auction', '近 24 个月司法拍卖', `${n} 次`, bin, points,
    evidenceOf(hits, (a) => a.publishedOn, (a) => `${a.publishedOn} ${a.title}${a.startingPrice ? ` 起拍价 ${formatMoney(a.startingPrice)}` : ''}`));
};

/** In the order of docs/scorecard.md (v1's order, the new categories after the judicial ones). */
export const FACTOR_SPECS_V2: readonly FactorSpec[] = [
  { id: 'age', name: '成立年限', factor: v1(age) },
  { id: 'status', name: '登记状态', factor: v1(status) },
  { id: 'paid-in', name: '实缴资本/认缴资本', factor: v1(paidInRatio), needs: ['paid-in'], notFor: ['branch', 'individual'] },
  { id: 'registered-capital', name: '注册资本', factor: registeredCapitalV2, notFor: ['branch'] },
  { id: 'insured', name: '参保人数', factor: v1(insured), needs: ['insured'], notFor: ['branch'] },
  { id: 'annual-report', name: '最近年报报送', factor: annualReportV2, needs: ['annual-reports'] },
  { id: 'key-changes', name: '近 24 个月关键变更', factor: v1(keyChanges), needs: ['changes'] },
  { id: 'dishonest', name: '失信被执行人', factor: dishonestV2, needs: ['dishonest'] },
  { id: 'open-enforcement', name: '未结被执行标的/注册资本', factor: openEnforcementV2, needs: ['enforcements'] },
  { id: 'consumption-restriction', name: '限制高消费', factor: consumptionRestrictionV2, needs: ['consumption-restrictions'] },
  { id: 'terminated-unpaid', name: '近 5 年终本未履行', factor: v1(terminatedUnpaid), needs: ['terminated-cases'] },
  { id: 'defendant-judgments', name: '近 3 年裁判文书（被告）', factor: defendantJudgmentsV2, needs: ['judgments'] },
  { id: 'recent-defendant-cases', name: '近 12 个月开庭/立案（被告）', factor: v1(recentDefendantCases), needs: ['hearings', 'case-filings'] },
  { id: 'equity-freeze', name: '股权冻结（当前）', factor: equityFreezeV2, needs: ['equity-freezes'] },
  { id: 'bankruptcy', name: '破产案件', factor: bankruptcyV2, needs: ['bankruptcies'] },
  { id: 'exit-restriction', name: '限制出境（当前）', factor: exitRestrictionV2, needs: ['exit-restrictions'] },
  { id: 'judicial-auction', name: '近 24 个月司法拍卖', factor: judicialAuctionV2, needs: ['judicial-auctions'] },
  { id: 'abnormal-operations', name: '经营异常', factor: v1(abnormal), needs: ['abnormal-operations'] },
  { id: 'serious-violation', name: '严重违法失信', factor: v1(seriousViolation), needs: ['serious-violations'] },
  { id: 'penalties', name: '近 3 年行政处罚', factor: v1(penalties), needs: ['penalties'] },
  { id: 'tax-arrears', name: '欠税公告（当前）', factor: v1(taxArrears), needs: ['tax-arrears'] },
  { id: 'tax-violation', name: '近 3 年税收违法', factor: v1(taxViolations), needs: ['tax-violations'] },
  { id: 'equity-pledge', name: '股权出质占注册资本', factor: equityPledgeV2, needs: ['equity-pledges'], notFor: ['branch', 'individual'] },
  { id: 'chattel-mortgage', name: '动产抵押（有效）', factor: v1(chattelMortgage), needs: ['chattel-mortgages'] },
  { id: 'tax-credit', name: '纳税信用等级', factor: v1(taxCredit), needs: ['tax-credit'] },
  { id: 'ip', name: '知识产权', factor: v1(intellectualProperty), needs: ['patents', 'trademarks', 'software-copyrights'] },
  { id: 'certificates', name: '有效资质证书', factor: v1(certificates), needs: ['certificates'] },
  { id: 'tenders-won', name: '近 24 个月中标', factor: v1(tendersWon), needs: ['tenders'] },
];

/** Every factor of v2 on one company: 不适用 first, then 未提供, then the factor itself. */
export function scoreFactorsV2(context: ScoreContextV2): FactorResult[] {
  const { doc, kind } = context;
  return FACTOR_SPECS_V2.map((spec) => {
    if (spec.notFor?.includes(kind)) return notApplicable(spec, kind);
    if (spec.needs && !spec.needs.some((id) => categorySupplied(doc, id))) return unsupplied(spec);
    return spec.factor(context);
  });
}
