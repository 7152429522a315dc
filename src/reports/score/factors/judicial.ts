/** Judicial factors: 失信, open enforcement, 限高, 终本, judgments and recent cases as defendant. */
import { formatFenAsWan, formatMoney, formatPercent } from '../../model/format.js';
import { inWindow, onOrBefore, windowStart } from '../dates.js';
import { cnyFen, toFen } from '../money.js';
import { binOf, evidenceOf, isCurrentListing, result, type Bin, type Factor } from './common.js';

// ── dishonest debtor (失信): none 0 · removed −40 · current −200 ──
// Current: listed by the data date and not removed by it. Removed: every listing removed, at any time.
export const dishonest: Factor = ({ doc, dataDate }) => {
  const name = '失信被执行人';
  const known = (doc.dishonest ?? []).filter((d) => onOrBefore(d.filedOn, dataDate));
  const current = known.filter((d) => isCurrentListing(d.filedOn, d.removedOn, dataDate));
  const ev = (list: typeof known) => evidenceOf(list, (d) => d.filedOn, (d) => `${d.filedOn} ${d.caseNo}`);
  if (current.length > 0) return result('dishonest', name, `当前 ${current.length} 条`, '当前失信', -200, ev(current));
  if (known.length > 0) return result('dishonest', name, `已移除 ${known.length} 条`, '曾失信（已移除）', -40, ev(known));
  return result('dishonest', name, '无', '无', 0);
};

// ── open enforcement amount / registered capital: none 0 · <10% −20 · 10–50% −60 · ≥50% −120 ──
// Open: filed by the data date, without closedOn (or closed after it). The amount is the sum of their
// 执行标的 in renminbi. Without a renminbi registered capital the share cannot be shown to be small,
// so it counts in the ≥50% bin.
export const openEnforcement: Factor = ({ doc, dataDate, registeredCnyFen }) => {
  const name = '未结被执行标的/注册资本';
  const open = (doc.enforcements ?? []).filter((e) => onOrBefore(e.filedOn, dataDate) && (!e.closedOn || e.closedOn.slice(0, 10) > dataDate));
  if (open.length === 0) return result('open-enforcement', name, '无未结被执行', '无', 0);
  const amount = open.reduce((sum, e) => sum + (cnyFen(e.amount) ?? 0), 0);
  const evidence = evidenceOf(open, (e) => e.filedOn, (e) => `${e.filedOn} ${e.caseNo}${e.amount ? ` ${formatMoney(e.amount)}` : ''}`);
  const observedAmount = `未结 ${open.length} 条，${formatFenAsWan(amount)}`;
  if (registeredCnyFen === undefined || registeredCnyFen <= 0) {
    return result('open-enforcement', name, `${observedAmount}（注册资本未知）`, '≥50%（无法计算比例）', -120, evidence);
  }
  const observed = `${observedAmount}，占 ${formatPercent(amount / registeredCnyFen)}`;
  if (amount * 10 < registeredCnyFen) return result('open-enforcement', name, observed, '<10%', -20, evidence);
  if (amount * 2 < registeredCnyFen) return result('open-enforcement', name, observed, '10%–50%', -60, evidence);
  return result('open-enforcement', name, observed, '≥50%', -120, evidence);
};

// ── consumption restriction, current: −100 ──
export const consumptionRestriction: Factor = ({ doc, dataDate }) => {
  const current = (doc.consumptionRestrictions ?? []).filter((r) => isCurrentListing(r.filedOn, r.removedOn, dataDate));
  if (current.length === 0) return result('consumption-restriction', '限制高消费', '无当前限高', '无', 0);
  return result('consumption-restriction', '限制高消费', `当前 ${current.length} 条`, '当前限高', -100,
    evidenceOf(current, (r) => r.filedOn, (r) => `${r.filedOn} ${r.caseNo}`));
};

// ── terminated cases with unpaid amount, 5 years: −80 ──
// Dated by terminatedOn (else filedOn) within 60 months. 终结本次执行 leaves the debt unperformed by
// definition, so a case without an unpaid figure counts; only an unpaid figure of 0 excludes it.
export const terminatedUnpaid: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 60);
  const hits = (doc.terminatedCases ?? []).filter((t) => {
    const unpaid = toFen(t.unpaid);
    return inWindow(t.terminatedOn ?? t.filedOn, start, dataDate) && (unpaid === undefined || unpaid > 0);
  });
  if (hits.length === 0) return result('terminated-unpaid', '近 5 年终本未履行', '无', '无', 0);
  return result('terminated-unpaid', '近 5 年终本未履行', `${hits.length} 件`, '有未履行', -80,
    evidenceOf(hits, (t) => t.terminatedOn ?? t.filedOn, (t) => `${t.terminatedOn ?? t.filedOn} ${t.caseNo}${t.unpaid ? ` 未履行 ${formatMoney(t.unpaid)}` : ''}`));
};

// ── defendant in judgments, 3 years: 0 +10 · 1–2 0 · 3–9 −20 · ≥10 −50 ──
const DEFENDANT_BINS: readonly Bin[] = [
  { below: 1, label: '0 件', points: 10 },
  { below: 3, label: '1–2 件', points: 0 },
  { below: 10, label: '3–9 件', points: -20 },
  { below: Infinity, label: '≥10 件', points: -50 },
];
export const defendantJudgments: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 36);
  const hits = (doc.judgments ?? []).filter((j) => j.role === 'defendant' && inWindow(j.date, start, dataDate));
  const bin = binOf(hits.length, DEFENDANT_BINS);
  return result('defendant-judgments', '近 3 年裁判文书（被告）', `${hits.length} 件`, bin.label, bin.points,
    evidenceOf(hits, (j) => j.date, (j) => `${j.date} ${j.caseNo}`));
};

// ── hearings or filings as defendant, 12 months: 1–2 −10 · ≥3 −30 ──
// Distinct case numbers across 开庭公告 and 立案信息 (one case usually appears in both). A hearing
// announced for a date after the data date is a live case too, so hearings count from the window
// start with no upper bound; filings count within the window.
export const recentDefendantCases: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 12);
  const cases = new Map<string, { date: string; caseNo: string; kind: string }>();
  for (const h of doc.hearings ?? []) {
    if (h.role === 'defendant' && h.date.slice(0, 10) > start) cases.set(h.caseNo, { date: h.date, caseNo: h.caseNo, kind: '开庭' });
  }
  for (const f of doc.caseFilings ?? []) {
    if (f.role === 'defendant' && inWindow(f.filedOn, start, dataDate) && !cases.has(f.caseNo)) cases.set(f.caseNo, { date: f.filedOn, caseNo: f.caseNo, kind: '立案' });
  }
  const n = cases.size;
  const [bin, points] = n === 0 ? ['0 件', 0] : n <= 2 ? ['1–2 件', -10] : ['≥3 件', -30];
  return result('recent-defendant-cases', '近 12 个月开庭/立案（被告）', `${n} 件`, bin, points,
    evidenceOf([...cases.values()], (c) => c.date, (c) => `${c.date} ${c.caseNo}（${c.kind}）`));
};
