/**
 * The credit-line model of the decision report (docs/decision-report.md, with a worked example):
 * four bases (revenue, tax paid, insured staff, paid-in capital) summed, times the grade multiplier,
 * times the review factor when the recommendation is 审慎准入, less open enforcement and external
 * guarantees, reduced for pledged equity and for each capping category the source did not supply,
 * capped, rounded down; below the minimum it is 不建议授信. Every step is returned for printing.
 * Money is integer fen inside; the policy's amounts are 万元.
 */
import type { CompanyDocument } from '../../../companies/document.js';
import { categorySupplied, type CategoryId } from '../../../companies/categories.js';
import { formatFenAsWan } from '../../model/format.js';
import { onOrBefore } from '../../score/dates.js';
import { INACTIVE_REGISTRATION } from '../../score/factors/common.js';
import { cnyFen, currencyKey, FEN_PER_WAN } from '../../score/money.js';
import type { Grade, ScoreResult } from '../../score/types.js';
import type { CreditLineParameters } from './policy.js';
import type { Recommendation } from './verdict-types.js';

export interface CreditLineStep {
  /** e.g. `营业收入依据`. */
  readonly step: string;
  /** How it was computed, e.g. `2025 年营业收入 8,000.00 万元 × 0.1`. */
  readonly formula: string;
  /** The running or partial result as display text. */
  readonly result: string;
}

export interface CreditLine {
  /** Yuan, a whole number; null = 不建议授信. */
  readonly amountYuan: number | null;
  /** `800 万元` or `不建议授信`. */
  readonly text: string;
  /** Months, or null when no line. */
  readonly termMonths: number | null;
  readonly termText: string;
  /** Why there is no line (when amountYuan is null). */
  readonly reason?: string;
  readonly steps: readonly CreditLineStep[];
}

const GRADES: readonly string[] = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'];
const wan = (fen: number) => formatFenAsWan(Math.round(fen));
const factor = (n: number) => String(Math.round(n * 10_000) / 10_000);

type AnnualReport = NonNullable<CompanyDocument['annualReports']>[number];

/** The latest annual report (year ≤ the data year, published by the data date if dated) with a renminbi figure. */
function latestFigure(doc: CompanyDocument, dataDate: string, pick: (r: AnnualReport) => CompanyDocument['registeredCapital']): { year: number; fen: number } | undefined {
  const year = Number(dataDate.slice(0, 4));
  const candidates = (doc.annualReports ?? [])
    .filter((r) => r.year <= year && (!r.publishedOn || onOrBefore(r.publishedOn, dataDate)))
    .filter((r) => cnyFen(pick(r)) !== undefined)
    .sort((a, b) => b.year - a.year);
  const r = candidates[0];
  return r ? { year: r.year, fen: cnyFen(pick(r))! } : undefined;
}

function insuredStaff(doc: CompanyDocument, dataDate: string): number | undefined {
  if (typeof doc.insuredCount === 'number') return doc.insuredCount;
  const year = Number(dataDate.slice(0, 4));
  const r = (doc.annualReports ?? []).filter((x) => x.year <= year && typeof x.insuredCount === 'number').sort((a, b) => b.year - a.year)[0];
  return r?.insuredCount;
}

function paidInFen(doc: CompanyDocument): number | undefined {
  if (doc.paidInCapital) return cnyFen(doc.paidInCapital);
  const paid = (doc.shareholders ?? []).filter((s) => s.paid !== undefined);
  if (paid.length === 0 || paid.some((s) => cnyFen(s.paid) === undefined)) return undefined;
  return paid.reduce((sum, s) => sum + cnyFen(s.paid)!, 0);
}

interface CapFacts { fen: number; foreign: number; count: number }

function openEnforcement(doc: CompanyDocument, dataDate: string): CapFacts {
  const open = (doc.enforcements ?? []).filter((e) => onOrBefore(e.filedOn, dataDate) && (!e.closedOn || e.closedOn.slice(0, 10) > dataDate));
  return sumCny(open.map((e) => e.amount));
}

function guaranteesInForce(doc: CompanyDocument, dataDate: string): CapFacts & { year?: number } {
  const list = doc.guarantees ?? [];
  if (list.length === 0) return { fen: 0, foreign: 0, count: 0 };
  // Guarantees are disclosed per annual report: the latest year disclosed is the current picture.
  const year = Math.max(...list.map((g) => g.year));
  const live = list.filter((g) => g.year === year && (!g.debtTo || g.debtTo.slice(0, 10) >= dataDate));
  return { ...sumCny(live.map((g) => g.amount)), year };
}

function sumCny(amounts: ReadonlyArray<CompanyDocument['registeredCapital']>): CapFacts {
  let fen = 0;
  let foreign = 0;
  for (const a of amounts) {
    if (!a) continue;
    if (currencyKey(a) === 'CNY') fen += cnyFen(a) ?? 0;
    else foreign++;
  }
  return { fen, foreign, count: amounts.length };
}

/** Pledged share of the registered capital (0–1), or 1 when pledges are in force and the capital is unknown. */
function pledgedShare(doc: CompanyDocument, dataDate: string): { share: number; text: string } {
  const live = (doc.equityPledges ?? []).filter((p) => onOrBefore(p.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(p.status ?? ''));
  if (live.length === 0) return { share: 0, text: '无有效股权出质' };
  const capital = doc.registeredCapital && doc.registeredCapital.amount > 0 ? doc.registeredCapital : undefined;
  const key = capital ? currencyKey(capital) : undefined;
  const same = live.filter((p) => p.amount && currencyKey(p.amount) === key);
  if (!capital || same.length < live.length) return { share: 1, text: `有效出质 ${live.length} 笔，无法计算占注册资本比例，按 100% 计` };
  const pledged = same.reduce((s, p) => s + (p.amount!.amount ?? 0), 0);
  const share = Math.min(1, pledged / capital.amount);
  return { share, text: `有效出质 ${live.length} 笔，占注册资本 ${(share * 100).toFixed(2)}%` };
}

export function creditLineModel(doc: CompanyDocument, score: ScoreResult, recommendation: Recommendation, p: CreditLineParameters): CreditLine {
  const dataDate = score.dataDate;
  const steps: CreditLineStep[] = [];
  const none = (reason: string): CreditLine => ({ amountYuan: null, text: '不建议授信', termMonths: null, termText: '—', reason, steps });

  // 1–4: the bases. An unknown base counts 0 and says so: unknown is never money.
  const revenue = latestFigure(doc, dataDate, (r) => r.revenue);
  const tax = latestFigure(doc, dataDate, (r) => r.taxPaid);
  const staff = insuredStaff(doc, dataDate);
  const paidIn = paidInFen(doc);
  const bases: Array<{ step: string; fen: number | undefined; formula: string }> = [
    { step: '营业收入依据', fen: revenue && revenue.fen * p.revenueRatio, formula: revenue ? `${revenue.year} 年营业收入 ${wan(revenue.fen)} × ${factor(p.revenueRatio)}` : '营业收入未提供，计 0' },
    { step: '纳税依据', fen: tax && tax.fen * p.taxPaidMultiple, formula: tax ? `${tax.year} 年纳税总额 ${wan(tax.fen)} × ${factor(p.taxPaidMultiple)}` : '纳税总额未提供，计 0' },
    { step: '参保人数依据', fen: staff === undefined ? undefined : staff * p.perInsuredStaff * FEN_PER_WAN, formula: staff === undefined ? '参保人数未提供，计 0' : `参保 ${staff} 人 × ${factor(p.perInsuredStaff)} 万元/人` },
    { step: '实缴资本依据', fen: paidIn === undefined ? undefined : paidIn * p.paidInRatio, formula: paidIn === undefined ? '实缴资本未提供（或非人民币），计 0' : `实缴资本 ${wan(paidIn)} × ${factor(p.paidInRatio)}` },
  ];
  for (const b of bases) steps.push({ step: b.step, formula: b.formula, result: b.fen === undefined ? '0.00 万元' : wan(b.fen) });
  if (bases.every((b) => b.fen === undefined)) return none('营业收入、纳税、参保人数、实缴资本均未提供，无法测算额度');
  let fen = bases.reduce((s, b) => s + (b.fen ?? 0), 0);
  steps.push({ step: '基础额度', formula: '以上四项之和', result: wan(fen) });

  if (recommendation === 'decline') return none('决策建议为不建议准入');
  if (!GRADES.includes(score.grade)) return none(`信用等级为「${score.grade}」，无等级系数`);
  const grade = score.grade as Grade;
  const multiplier = p.gradeMultipliers[grade];
  fen *= multiplier;
  steps.push({ step: '等级系数', formula: `信用等级 ${grade} × ${factor(multiplier)}`, result: wan(fen) });
  if (recommendation === 'review') {
    fen *= p.reviewFactor;
    steps.push({ step: '审慎系数', formula: `审慎准入 × ${factor(p.reviewFactor)}`, result: wan(fen) });
  }

  const unknownCaps: string[] = [];
  const capCategory = (id: CategoryId, title: string) => {
    if (!categorySupplied(doc, id)) unknownCaps.push(title);
    return categorySupplied(doc, id);
  };
  if (capCategory('enforcements', '被执行人')) {
    const e = openEnforcement(doc, dataDate);
    if (e.count > 0) {
      fen -= e.fen * p.openEnforcementDeduction;
      steps.push({ step: '扣减未结被执行', formula: `未结 ${e.count} 条，人民币 ${wan(e.fen)} × ${factor(p.openEnforcementDeduction)}${e.foreign ? `；另有 ${e.foreign} 条非人民币标的未能折算` : ''}`, result: wan(fen) });
      if (e.foreign) unknownCaps.push('非人民币被执行标的');
    }
  }
  if (capCategory('guarantees', '对外担保')) {
    const g = guaranteesInForce(doc, dataDate);
    if (g.count > 0) {
      fen -= g.fen * p.guaranteeDeduction;
      steps.push({ step: '扣减对外担保', formula: `${g.year} 年报披露、未到期 ${g.count} 笔，人民币 ${wan(g.fen)} × ${factor(p.guaranteeDeduction)}${g.foreign ? `；另有 ${g.foreign} 笔非人民币未能折算` : ''}`, result: wan(fen) });
      if (g.foreign) unknownCaps.push('非人民币对外担保');
    }
  }
  if (capCategory('equity-pledges', '股权出质')) {
    const pledge = pledgedShare(doc, dataDate);
    if (pledge.share > 0) {
      fen *= 1 - pledge.share * p.pledgeHaircut;
      steps.push({ step: '股权出质折减', formula: `${pledge.text}；× (1 − ${(pledge.share * 100).toFixed(2)}% × ${factor(p.pledgeHaircut)})`, result: wan(fen) });
    }
  }
  if (unknownCaps.length > 0) {
    fen *= p.unknownCapHaircut ** unknownCaps.length;
    steps.push({ step: '未知数据折减', formula: `${unknownCaps.join('、')}未知 × ${factor(p.unknownCapHaircut)}${unknownCaps.length > 1 ? ` ^ ${unknownCaps.length}` : ''}`, result: wan(fen) });
  }
  const capFen = p.maxAmount * FEN_PER_WAN;
  if (fen > capFen) {
    fen = capFen;
    steps.push({ step: '上限', formula: `不超过 ${factor(p.maxAmount)} 万元`, result: wan(fen) });
  }
  const unitFen = p.roundTo * FEN_PER_WAN;
  const rounded = fen <= 0 ? 0 : Math.floor(Math.round(fen) / unitFen) * unitFen;
  steps.push({ step: '取整', formula: `向下取整至 ${factor(p.roundTo)} 万元的整数倍`, result: wan(rounded) });
  if (rounded <= 0 || rounded < p.minAmount * FEN_PER_WAN) return none(`测算额度 ${wan(rounded)} 低于最低授信额度 ${factor(p.minAmount)} 万元`);

  let term = p.termMonths[grade];
  if (recommendation === 'review') term = Math.min(term, p.reviewMaxTermMonths);
  if (term <= 0) return none(`信用等级 ${grade} 的建议期限为 0 个月`);
  const amountYuan = rounded / 100;
  return {
    amountYuan,
    text: `${(amountYuan / 10_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} 万元`,
    termMonths: term,
    termText: `${term} 个月${recommendation === 'review' && term === p.reviewMaxTermMonths ? '（审慎准入上限）' : ''}`,
    steps,
  };
}
