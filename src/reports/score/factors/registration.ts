/** Factors from the register: age, status, capital, insured staff, annual reports, key changes. */
import type { CompanyDocument } from '../../../companies/document.js';
import { formatFenAsWan, formatFenIn, formatMoney, formatPercent } from '../../model/format.js';
import { completedYears, datePart, inWindow, onOrBefore, windowStart } from '../dates.js';
import { FEN_PER_MILLION_YUAN, toFen } from '../money.js';
import { STATUS_LABELS, type StatusNorm } from '../status.js';
import { binOf, evidenceOf, result, type Bin, type Factor } from './common.js';

// ── years since establishment: <1 −40 · 1–3 −10 · 3–5 +10 · 5–10 +30 · ≥10 +50 ──
// Completed years (anniversaries reached by the data date), so "1–3" means 1 or 2 completed years.
const AGE_BINS: readonly Bin[] = [
  { below: 1, label: '<1 年', points: -40 },
  { below: 3, label: '1–3 年', points: -10 },
  { below: 5, label: '3–5 年', points: 10 },
  { below: 10, label: '5–10 年', points: 30 },
  { below: Infinity, label: '≥10 年', points: 50 },
];
export const age: Factor = ({ doc, dataDate }) => {
  const established = datePart(doc.establishedOn);
  if (!established) return result('age', '成立年限', '成立日期未知', '未知', 0);
  const years = Math.max(0, completedYears(established, dataDate));
  const bin = binOf(years, AGE_BINS);
  return result('age', '成立年限', `${years} 年`, bin.label, bin.points, [`成立日期 ${established}`]);
};

// ── status: ACTIVE/MOVED_IN 0 · MOVED_OUT −20 · SUSPENDED −150 · LIQUIDATING −250 ──
// REVOKED, CANCELLED, ANNULLED and ORDERED_CLOSED score 0 here: their overrides decide the grade,
// and counting them twice would only make the printed score harder to explain.
const STATUS_POINTS: Partial<Record<StatusNorm, number>> = { MOVED_OUT: -20, SUSPENDED: -150, LIQUIDATING: -250 };
export const status: Factor = ({ doc, status: norm }) => {
  const points = STATUS_POINTS[norm] ?? 0;
  return result('status', '登记状态', doc.status || STATUS_LABELS[norm], STATUS_LABELS[norm], points, [`登记状态 ${doc.status}`]);
};

// ── paid-in / subscribed capital: ≥100% +30 · 50–100% +15 · >0–50% 0 · none or undisclosed −10 ──
// Paid-in is paidInCapital, else the sum of the shareholders' paid amounts; subscribed is the
// registered capital, else the sum of the shareholders' subscribed amounts. Both must be in the
// same currency (we hold no exchange rates); otherwise the ratio is undisclosed.
function sumShareholders(doc: CompanyDocument, pick: 'paid' | 'subscribed'): { fen: number; currency: string } | undefined {
  let fen = 0;
  let any = false;
  let currency = '';
  for (const s of doc.shareholders ?? []) {
    const money = s[pick];
    const f = toFen(money);
    if (f === undefined) continue;
    if (any && (money?.currency ?? '') !== currency) return undefined;
    currency = money?.currency ?? '';
    fen += f;
    any = true;
  }
  return any ? { fen, currency } : undefined;
}
function currencyKey(currency: string | undefined): string {
  const c = (currency ?? '').trim().toUpperCase();
  return c === '' || c === 'RMB' || c === '人民币' ? 'CNY' : c;
}
export const paidInRatio: Factor = ({ doc }) => {
  const name = '实缴资本/认缴资本';
  const paid = doc.paidInCapital && toFen(doc.paidInCapital) !== undefined
    ? { fen: toFen(doc.paidInCapital)!, currency: doc.paidInCapital.currency ?? '' }
    : sumShareholders(doc, 'paid');
  const subscribed = doc.registeredCapital && toFen(doc.registeredCapital) !== undefined
    ? { fen: toFen(doc.registeredCapital)!, currency: doc.registeredCapital.currency ?? '' }
    : sumShareholders(doc, 'subscribed');
  if (!paid) return result('paid-in', name, '实缴资本未披露', '无或未披露', -10);
  if (paid.fen <= 0) return result('paid-in', name, '实缴资本为 0', '无或未披露', -10, ['实缴资本 0']);
  if (!subscribed || subscribed.fen <= 0 || currencyKey(paid.currency) !== currencyKey(subscribed.currency)) {
    return result('paid-in', name, '认缴资本未披露或币种不同，无法计算', '无或未披露', -10);
  }
  const ratio = paid.fen / subscribed.fen;
  const evidence = [`实缴 ${formatFenIn(paid.fen, currencyKey(paid.currency))}，认缴 ${formatFenIn(subscribed.fen, currencyKey(subscribed.currency))}`];
  // Integer comparisons: no floating-point doubt exactly at 50% and 100%.
  if (paid.fen >= subscribed.fen) return result('paid-in', name, formatPercent(ratio), '≥100%', 30, evidence);
  if (paid.fen * 2 >= subscribed.fen) return result('paid-in', name, formatPercent(ratio), '50%–100%', 15, evidence);
  return result('paid-in', name, formatPercent(ratio), '0–50%', 0, evidence);
};

// ── registered capital (CNY): <1M −10 · 1M–10M 0 · 10M–100M +15 · ≥100M +30 ──
// Absent or in another currency: 0 points (no bin applies; we hold no exchange rates).
const CAPITAL_BINS: readonly Bin[] = [
  { below: 1 * FEN_PER_MILLION_YUAN, label: '<100 万元', points: -10 },
  { below: 10 * FEN_PER_MILLION_YUAN, label: '100 万–1000 万元', points: 0 },
  { below: 100 * FEN_PER_MILLION_YUAN, label: '1000 万–1 亿元', points: 15 },
  { below: Infinity, label: '≥1 亿元', points: 30 },
];
export const registeredCapital: Factor = ({ doc, registeredCnyFen }) => {
  const name = '注册资本';
  if (registeredCnyFen === undefined) {
    if (doc.registeredCapital && toFen(doc.registeredCapital) !== undefined) {
      return result('registered-capital', name, `${formatMoney(doc.registeredCapital)}（非人民币）`, '非人民币，不计分', 0);
    }
    return result('registered-capital', name, '未披露', '未披露', 0);
  }
  const bin = binOf(registeredCnyFen, CAPITAL_BINS);
  return result('registered-capital', name, formatFenAsWan(registeredCnyFen), bin.label, bin.points);
};

// ── insured employees: 0 −30 · undisclosed −10 · 1–9 0 · 10–49 +20 · 50–299 +35 · ≥300 +50 ──
// The document's insuredCount, else the latest annual report that states one.
const INSURED_BINS: readonly Bin[] = [
  { below: 1, label: '0 人', points: -30 },
  { below: 10, label: '1–9 人', points: 0 },
  { below: 50, label: '10–49 人', points: 20 },
  { below: 300, label: '50–299 人', points: 35 },
  { below: Infinity, label: '≥300 人', points: 50 },
];
export const insured: Factor = ({ doc, dataDate }) => {
  const name = '参保人数';
  let count = doc.insuredCount;
  let source = '登记信息';
  if (count === undefined) {
    const dataYear = Number(dataDate.slice(0, 4));
    let bestYear = -Infinity;
    for (const r of doc.annualReports ?? []) {
      if (r.insuredCount !== undefined && r.year > bestYear && r.year <= dataYear) {
        bestYear = r.year;
        count = r.insuredCount;
      }
    }
    source = `${bestYear} 年度报告`;
  }
  if (count === undefined) return result('insured', name, '未披露', '未披露', -10);
  const bin = binOf(count, INSURED_BINS);
  return result('insured', name, `${count} 人`, bin.label, bin.points, [`${source}：${count} 人`]);
};

// ── last annual report filed: yes +10 · no −40 ──
// 年报 for year Y is due between 1 January and 30 June of Y+1. The last report due by the data date
// is therefore Y−1 after 30 June of year Y, else Y−2. Filed means a report for that year or later,
// published (when the date is known) by the data date. A company founded after the end of that year
// owes none yet: 0 points.
export const annualReport: Factor = ({ doc, dataDate }) => {
  const name = '最近年报报送';
  const year = Number(dataDate.slice(0, 4));
  const due = dataDate > `${year}-06-30` ? year - 1 : year - 2;
  const established = datePart(doc.establishedOn);
  if (established && Number(established.slice(0, 4)) > due) {
    return result('annual-report', name, `${due} 年度报告无需报送（成立于 ${established}）`, '尚未到报送期', 0);
  }
  const filed = (doc.annualReports ?? []).filter((r) => r.year >= due && onOrBefore(r.publishedOn, dataDate));
  if (filed.length === 0) return result('annual-report', name, `${due} 年度报告未报送`, '未报送', -40);
  const latest = filed.reduce((a, b) => (b.year > a.year ? b : a));
  return result('annual-report', name, `${latest.year} 年度报告已报送`, '已报送', 10, [
    `${latest.year} 年度报告${latest.publishedOn ? `，公示于 ${latest.publishedOn}` : ''}`,
  ]);
};

// ── key changes in 24 months (legal rep, shareholders, address): 0–1 +10 · 2–3 0 · 4–6 −20 · ≥7 −40 ──
// A change record counts once when its item names the legal representative (or a branch's 负责人,
// a sole proprietor's 投资人/经营者, a partnership's 执行事务合伙人), the shareholders or equity, or
// the address.
const KEY_CHANGE_ITEM = /法定代表人|负责人|经营者|执行事务合伙人|股东|投资人|发起人|股权|住所|地址|经营场所/u;
const CHANGE_BINS: readonly Bin[] = [
  { below: 2, label: '0–1 次', points: 10 },
  { below: 4, label: '2–3 次', points: 0 },
  { below: 7, label: '4–6 次', points: -20 },
  { below: Infinity, label: '≥7 次', points: -40 },
];
export const keyChanges: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 24);
  const hits = (doc.changes ?? []).filter((c) => inWindow(c.date, start, dataDate) && KEY_CHANGE_ITEM.test(c.item));
  const bin = binOf(hits.length, CHANGE_BINS);
  return result('key-changes', '近 24 个月关键变更', `${hits.length} 次`, bin.label, bin.points,
    evidenceOf(hits, (c) => c.date, (c) => `${c.date} ${c.item}`));
};
