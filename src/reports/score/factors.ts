/**
 * The factors of scorecard version 1 (DATA.md "Scorecard, version 1"), one function each, in the
 * order of the DATA.md table. Each returns the observed value, the bin, the points and the records
 * that caused them. Every window counts back from the data date in the context; nothing reads the
 * clock. Readings of rows the table leaves open are written beside each factor and in
 * docs/scorecard.md.
 */
import type { CompanyDocument, Listing } from '../../companies/document.js';
import { formatFenAsWan, formatPercent } from '../model/format.js';
import { completedYears, datePart, inWindow, onOrBefore, windowStart } from './dates.js';
import { cnyFen, FEN_PER_MILLION_YUAN, toFen } from './money.js';
import { STATUS_LABELS, type StatusNorm } from './status.js';
import { EVIDENCE_LIMIT, type FactorResult } from './types.js';

export interface ScoreContext {
  doc: CompanyDocument;
  /** `YYYY-MM-DD`: the end (inclusive) of every window. */
  dataDate: string;
  status: StatusNorm;
  /** Registered capital in fen when it is in renminbi; undefined when absent or in another currency. */
  registeredCnyFen: number | undefined;
}

type Factor = (c: ScoreContext) => FactorResult;

interface Bin {
  /** The bin holds values below this bound (the last bin uses Infinity). */
  below: number;
  label: string;
  points: number;
}

function binOf(value: number, bins: readonly Bin[]): Bin {
  for (const bin of bins) if (value < bin.below) return bin;
  return bins[bins.length - 1]!;
}

/** The records behind a factor: the first EVIDENCE_LIMIT described, and how many there are in all. */
interface Evidence {
  items: string[];
  total: number;
}

function result(id: string, name: string, observed: string, bin: string, points: number, evidence: readonly string[] | Evidence = []): FactorResult {
  const items = 'total' in evidence ? evidence.items : evidence.slice(0, EVIDENCE_LIMIT);
  const total = 'total' in evidence ? evidence.total : evidence.length;
  return { id, name, observed, bin, points, evidence: items, evidenceTotal: total };
}

/**
 * Evidence from records, newest first so the capped list shows the most recent ones. Only the
 * records shown are described: a company with 500 judgments must not format 500 strings.
 */
function evidenceOf<T>(records: readonly T[], dateOf: (record: T) => string | undefined, describe: (record: T) => string): Evidence {
  const sorted = [...records].sort((a, b) => {
    const da = dateOf(a) ?? '';
    const db = dateOf(b) ?? '';
    return da < db ? 1 : da > db ? -1 : 0;
  });
  const shown = sorted.length > EVIDENCE_LIMIT ? sorted.slice(0, EVIDENCE_LIMIT) : sorted;
  return { items: shown.map(describe), total: records.length };
}

/** A listing (失信, 经营异常, 严重违法, 限高) is current when listed by the data date and not yet removed by it. */
function isCurrentListing(listedOn: string | undefined, removedOn: string | undefined, dataDate: string): boolean {
  return onOrBefore(listedOn, dataDate) && (!removedOn || removedOn.slice(0, 10) > dataDate);
}

/** Pledge and mortgage registrations stop binding when their status says so; no status reads as in force. */
const INACTIVE_REGISTRATION = /无效|注销|解除|撤销|失效|解押|已履行/u;

// ── years since establishment: <1 −40 · 1–3 −10 · 3–5 +10 · 5–10 +30 · ≥10 +50 ──
// Completed years (anniversaries reached by the data date), so "1–3" means 1 or 2 completed years.
const AGE_BINS: readonly Bin[] = [
  { below: 1, label: '<1 年', points: -40 },
  { below: 3, label: '1–3 年', points: -10 },
  { below: 5, label: '3–5 年', points: 10 },
  { below: 10, label: '5–10 年', points: 30 },
  { below: Infinity, label: '≥10 年', points: 50 },
];
const age: Factor = ({ doc, dataDate }) => {
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
const status: Factor = ({ doc, status: norm }) => {
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
const paidInRatio: Factor = ({ doc }) => {
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
  const evidence = [`实缴 ${formatFenAsWan(paid.fen)}，认缴 ${formatFenAsWan(subscribed.fen)}`];
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
const registeredCapital: Factor = ({ doc, registeredCnyFen }) => {
  const name = '注册资本';
  if (registeredCnyFen === undefined) {
    if (doc.registeredCapital && toFen(doc.registeredCapital) !== undefined) {
      return result('registered-capital', name, `非人民币（${doc.registeredCapital.currency ?? ''}）`, '非人民币，不计分', 0);
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
const insured: Factor = ({ doc, dataDate }) => {
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
const annualReport: Factor = ({ doc, dataDate }) => {
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
const keyChanges: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 24);
  const hits = (doc.changes ?? []).filter((c) => inWindow(c.date, start, dataDate) && KEY_CHANGE_ITEM.test(c.item));
  const bin = binOf(hits.length, CHANGE_BINS);
  return result('key-changes', '近 24 个月关键变更', `${hits.length} 次`, bin.label, bin.points,
    evidenceOf(hits, (c) => c.date, (c) => `${c.date} ${c.item}`));
};

// ── dishonest debtor (失信): none 0 · removed −40 · current −200 ──
// Current: listed by the data date and not removed by it. Removed: every listing removed, at any time.
const dishonest: Factor = ({ doc, dataDate }) => {
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
const openEnforcement: Factor = ({ doc, dataDate, registeredCnyFen }) => {
  const name = '未结被执行标的/注册资本';
  const open = (doc.enforcements ?? []).filter((e) => onOrBefore(e.filedOn, dataDate) && (!e.closedOn || e.closedOn.slice(0, 10) > dataDate));
  if (open.length === 0) return result('open-enforcement', name, '无未结被执行', '无', 0);
  const amount = open.reduce((sum, e) => sum + (cnyFen(e.amount) ?? 0), 0);
  const evidence = evidenceOf(open, (e) => e.filedOn, (e) => `${e.filedOn} ${e.caseNo}${e.amount ? ` ${formatFenAsWan(toFen(e.amount) ?? 0)}` : ''}`);
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
const consumptionRestriction: Factor = ({ doc, dataDate }) => {
  const current = (doc.consumptionRestrictions ?? []).filter((r) => isCurrentListing(r.filedOn, r.removedOn, dataDate));
  if (current.length === 0) return result('consumption-restriction', '限制高消费', '无当前限高', '无', 0);
  return result('consumption-restriction', '限制高消费', `当前 ${current.length} 条`, '当前限高', -100,
    evidenceOf(current, (r) => r.filedOn, (r) => `${r.filedOn} ${r.caseNo}`));
};

// ── terminated cases with unpaid amount, 5 years: −80 ──
// Dated by terminatedOn (else filedOn) within 60 months. 终结本次执行 leaves the debt unperformed by
// definition, so a case without an unpaid figure counts; only an unpaid figure of 0 excludes it.
const terminatedUnpaid: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 60);
  const hits = (doc.terminatedCases ?? []).filter((t) => {
    const unpaid = toFen(t.unpaid);
    return inWindow(t.terminatedOn ?? t.filedOn, start, dataDate) && (unpaid === undefined || unpaid > 0);
  });
  if (hits.length === 0) return result('terminated-unpaid', '近 5 年终本未履行', '无', '无', 0);
  return result('terminated-unpaid', '近 5 年终本未履行', `${hits.length} 件`, '有未履行', -80,
    evidenceOf(hits, (t) => t.terminatedOn ?? t.filedOn, (t) => `${t.terminatedOn ?? t.filedOn} ${t.caseNo}${t.unpaid ? ` 未履行 ${formatFenAsWan(toFen(t.unpaid) ?? 0)}` : ''}`));
};

// ── defendant in judgments, 3 years: 0 +10 · 1–2 0 · 3–9 −20 · ≥10 −50 ──
const DEFENDANT_BINS: readonly Bin[] = [
  { below: 1, label: '0 件', points: 10 },
  { below: 3, label: '1–2 件', points: 0 },
  { below: 10, label: '3–9 件', points: -20 },
  { below: Infinity, label: '≥10 件', points: -50 },
];
const defendantJudgments: Factor = ({ doc, dataDate }) => {
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
const recentDefendantCases: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 12);
  const cases = new Map<string, string>();
  for (const h of doc.hearings ?? []) {
    if (h.role === 'defendant' && h.date.slice(0, 10) > start) cases.set(h.caseNo, `${h.date} ${h.caseNo}（开庭）`);
  }
  for (const f of doc.caseFilings ?? []) {
    if (f.role === 'defendant' && inWindow(f.filedOn, start, dataDate) && !cases.has(f.caseNo)) cases.set(f.caseNo, `${f.filedOn} ${f.caseNo}（立案）`);
  }
  const n = cases.size;
  const [bin, points] = n === 0 ? ['0 件', 0] : n <= 2 ? ['1–2 件', -10] : ['≥3 件', -30];
  return result('recent-defendant-cases', '近 12 个月开庭/立案（被告）', `${n} 件`, bin, points, [...cases.values()].sort().reverse());
};

// ── abnormal operations: removed −15 · current −80 ──
function listingFactor(id: string, name: string, listings: Listing[] | undefined, dataDate: string, currentPoints: number, removedPoints: number | null): FactorResult {
  const known = (listings ?? []).filter((l) => onOrBefore(l.listedOn, dataDate));
  const current = known.filter((l) => isCurrentListing(l.listedOn, l.removedOn, dataDate));
  const ev = (list: Listing[]) => evidenceOf(list, (l) => l.listedOn, (l) => `${l.listedOn} 列入${l.reason ? `：${l.reason}` : ''}${l.removedOn && l.removedOn.slice(0, 10) <= dataDate ? `（${l.removedOn} 移出）` : ''}`);
  if (current.length > 0) return result(id, name, `当前 ${current.length} 条`, '当前列入', currentPoints, ev(current));
  if (known.length > 0 && removedPoints !== null) return result(id, name, `已移出 ${known.length} 条`, '已移出', removedPoints, ev(known));
  if (known.length > 0) return result(id, name, `已移出 ${known.length} 条`, '已移出', 0, ev(known));
  return result(id, name, '无', '无', 0);
}
const abnormal: Factor = ({ doc, dataDate }) => listingFactor('abnormal-operations', '经营异常', doc.abnormalOperations, dataDate, -80, -15);

// ── serious violation list, current: −250 ──
const seriousViolation: Factor = ({ doc, dataDate }) => listingFactor('serious-violation', '严重违法失信', doc.seriousViolations, dataDate, -250, null);

// ── administrative penalties, 3 years: 1 −15 · 2–3 −35 · ≥4 or any fine ≥1M −60 ──
const penalties: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 36);
  const hits = (doc.penalties ?? []).filter((p) => inWindow(p.decidedOn, start, dataDate));
  const bigFine = hits.some((p) => (cnyFen(p.fine) ?? 0) >= FEN_PER_MILLION_YUAN);
  const n = hits.length;
  const [bin, points] = n === 0 ? ['0 次', 0]
    : n >= 4 ? ['≥4 次', -60]
    : bigFine ? ['单笔罚款 ≥100 万元', -60]
    : n === 1 ? ['1 次', -15] : ['2–3 次', -35];
  return result('penalties', '近 3 年行政处罚', `${n} 次${bigFine ? '（含罚款 ≥100 万元）' : ''}`, bin, points,
    evidenceOf(hits, (p) => p.decidedOn, (p) => `${p.decidedOn} ${p.decisionNo ?? p.violation ?? '行政处罚'}${p.fine ? ` 罚款 ${formatFenAsWan(toFen(p.fine) ?? 0)}` : ''}`));
};

// ── tax: arrears current −80 · violation in 3 years −150 (two factors; both may apply) ──
// Arrears are current when published by the data date and neither settled by it nor at a zero balance.
const taxArrears: Factor = ({ doc, dataDate }) => {
  const current = (doc.taxArrears ?? []).filter((t) => onOrBefore(t.publishedOn, dataDate)
    && (!t.settledOn || t.settledOn.slice(0, 10) > dataDate) && toFen(t.balance) !== 0);
  if (current.length === 0) return result('tax-arrears', '欠税公告（当前）', '无', '无', 0);
  return result('tax-arrears', '欠税公告（当前）', `当前 ${current.length} 条`, '当前欠税', -80,
    evidenceOf(current, (t) => t.publishedOn, (t) => `${t.publishedOn} ${t.taxType ?? '欠税'}${t.balance ? ` ${formatFenAsWan(toFen(t.balance) ?? 0)}` : ''}`));
};
const taxViolations: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 36);
  const hits = (doc.taxViolations ?? []).filter((t) => inWindow(t.publishedOn, start, dataDate));
  if (hits.length === 0) return result('tax-violation', '近 3 年税收违法', '无', '无', 0);
  return result('tax-violation', '近 3 年税收违法', `${hits.length} 条`, '有税收违法', -150,
    evidenceOf(hits, (t) => t.publishedOn, (t) => `${t.publishedOn} ${t.nature ?? '税收违法'}`));
};

// ── equity pledged, share of capital: <30% −10 · ≥30% −30 ──
// Pledges registered by the data date and in force (see INACTIVE_REGISTRATION), their 出质数额
// summed against the registered capital (same currency as the capital: pledged equity is stated in
// it). Without a registered capital the share cannot be shown to be small: ≥30%.
const equityPledges: Factor = ({ doc, dataDate }) => {
  const name = '股权出质占注册资本';
  const active = (doc.equityPledges ?? []).filter((p) => onOrBefore(p.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(p.status ?? ''));
  if (active.length === 0) return result('equity-pledge', name, '无有效出质', '无', 0);
  const pledged = active.reduce((sum, p) => sum + (toFen(p.amount) ?? 0), 0);
  const capital = toFen(doc.registeredCapital);
  const evidence = evidenceOf(active, (p) => p.registeredOn, (p) => `${p.registeredOn} ${p.regNo ?? '股权出质'}${p.amount ? ` ${formatFenAsWan(toFen(p.amount) ?? 0)}` : ''}`);
  if (capital === undefined || capital <= 0) return result('equity-pledge', name, `有效出质 ${active.length} 笔（注册资本未知）`, '≥30%（无法计算比例）', -30, evidence);
  const observed = `有效出质 ${active.length} 笔，占 ${formatPercent(pledged / capital)}`;
  return pledged * 10 < capital * 3
    ? result('equity-pledge', name, observed, '<30%', -10, evidence)
    : result('equity-pledge', name, observed, '≥30%', -30, evidence);
};

// ── active chattel mortgage: −10 ──
const chattelMortgage: Factor = ({ doc, dataDate }) => {
  const active = (doc.chattelMortgages ?? []).filter((m) => onOrBefore(m.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(m.status ?? ''));
  if (active.length === 0) return result('chattel-mortgage', '动产抵押（有效）', '无', '无', 0);
  return result('chattel-mortgage', '动产抵押（有效）', `${active.length} 笔`, '有有效抵押', -10,
    evidenceOf(active, (m) => m.registeredOn, (m) => `${m.registeredOn} ${m.regNo ?? '动产抵押'}`));
};

// ── latest tax credit grade: A +40 · B +15 · M/unknown 0 · C −30 · D −100 ──
// The latest evaluation year not after the data date's year.
const TAX_GRADE_POINTS: Readonly<Record<string, number>> = { A: 40, B: 15, M: 0, C: -30, D: -100 };
const taxCredit: Factor = ({ doc, dataDate }) => {
  const dataYear = Number(dataDate.slice(0, 4));
  let latest: NonNullable<CompanyDocument['taxCredit']>[number] | undefined;
  for (const t of doc.taxCredit ?? []) if (t.year <= dataYear && (!latest || t.year > latest.year)) latest = t;
  if (!latest || TAX_GRADE_POINTS[latest.grade] === undefined) return result('tax-credit', '纳税信用等级', '未知', 'M/未知', 0);
  const points = TAX_GRADE_POINTS[latest.grade]!;
  return result('tax-credit', '纳税信用等级', `${latest.year} 年度 ${latest.grade} 级`, latest.grade === 'M' ? 'M/未知' : `${latest.grade} 级`, points,
    [`${latest.year} 年度 ${latest.grade} 级${latest.authority ? `（${latest.authority}）` : ''}`]);
};

// ── IP (patents + trademarks + software copyrights): 1–9 +10 · 10–49 +20 · ≥50 +30 ──
// Every record dated by the data date (or undated) counts, whatever its legal status.
const IP_BINS: readonly Bin[] = [
  { below: 1, label: '0 项', points: 0 },
  { below: 10, label: '1–9 项', points: 10 },
  { below: 50, label: '10–49 项', points: 20 },
  { below: Infinity, label: '≥50 项', points: 30 },
];
const intellectualProperty: Factor = ({ doc, dataDate }) => {
  const patents = (doc.patents ?? []).filter((p) => onOrBefore(p.date, dataDate)).length;
  const marks = (doc.trademarks ?? []).filter((t) => onOrBefore(t.date, dataDate)).length;
  const software = (doc.softwareCopyrights ?? []).filter((s) => onOrBefore(s.date, dataDate)).length;
  const n = patents + marks + software;
  const bin = binOf(n, IP_BINS);
  return result('ip', '知识产权', `${n} 项`, bin.label, bin.points, n > 0 ? [`专利 ${patents} 项，商标 ${marks} 项，软件著作权 ${software} 项`] : []);
};

// ── valid certificates: 1–2 +10 · ≥3 +20 · high-tech enterprise +15 more ──
// Valid: issued by the data date (or undated) and not expired before it.
const HIGH_TECH = /高新技术企业/u;
const certificates: Factor = ({ doc, dataDate }) => {
  const valid = (doc.certificates ?? []).filter((c) => onOrBefore(c.issuedOn, dataDate) && (!c.expiresOn || c.expiresOn.slice(0, 10) >= dataDate));
  const n = valid.length;
  const highTech = valid.some((c) => HIGH_TECH.test(c.type));
  const base = n === 0 ? 0 : n <= 2 ? 10 : 20;
  const baseBin = n === 0 ? '0 项' : n <= 2 ? '1–2 项' : '≥3 项';
  return result('certificates', '有效资质证书', `${n} 项${highTech ? '（含高新技术企业）' : ''}`, highTech ? `${baseBin} + 高新技术企业` : baseBin,
    base + (highTech ? 15 : 0), valid.map((c) => `${c.type}${c.number ? ` ${c.number}` : ''}${c.expiresOn ? `（有效期至 ${c.expiresOn}）` : ''}`));
};

// ── tenders won, 24 months: 1–4 +10 · ≥5 +20 ──
const tendersWon: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 24);
  const hits = (doc.tenders ?? []).filter((t) => t.role === 'winner' && inWindow(t.date, start, dataDate));
  const n = hits.length;
  const [bin, points] = n === 0 ? ['0 次', 0] : n <= 4 ? ['1–4 次', 10] : ['≥5 次', 20];
  return result('tenders-won', '近 24 个月中标', `${n} 次`, bin, points,
    evidenceOf(hits, (t) => t.date, (t) => `${t.date ?? ''} ${t.title ?? '中标'}`.trim()));
};

/** In the order of the DATA.md table (tax is two factors). */
export const FACTORS_V1: readonly Factor[] = [
  age,
  status,
  paidInRatio,
  registeredCapital,
  insured,
  annualReport,
  keyChanges,
  dishonest,
  openEnforcement,
  consumptionRestriction,
  terminatedUnpaid,
  defendantJudgments,
  recentDefendantCases,
  abnormal,
  seriousViolation,
  penalties,
  taxArrears,
  taxViolations,
  equityPledges,
  chattelMortgage,
  taxCredit,
  intellectualProperty,
  certificates,
  tendersWon,
];
