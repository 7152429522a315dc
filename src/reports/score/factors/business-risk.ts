/** Business-risk factors: listings, penalties, tax, pledges and mortgages. */
import type { Listing } from '../../../companies/document.js';
import { formatMoney, formatPercent } from '../../model/format.js';
import { inWindow, onOrBefore, windowStart } from '../dates.js';
import { cnyFen, FEN_PER_MILLION_YUAN, toFen } from '../money.js';
import { evidenceOf, INACTIVE_REGISTRATION, isCurrentListing, result, type Factor } from './common.js';
import type { FactorResult } from '../types.js';

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
export const abnormal: Factor = ({ doc, dataDate }) => listingFactor('abnormal-operations', '经营异常', doc.abnormalOperations, dataDate, -80, -15);

// ── serious violation list, current: −250 ──
export const seriousViolation: Factor = ({ doc, dataDate }) => listingFactor('serious-violation', '严重违法失信', doc.seriousViolations, dataDate, -250, null);

// ── administrative penalties, 3 years: 1 −15 · 2–3 −35 · ≥4 or any fine ≥1M −60 ──
export const penalties: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 36);
  const hits = (doc.penalties ?? []).filter((p) => inWindow(p.decidedOn, start, dataDate));
  const bigFine = hits.some((p) => (cnyFen(p.fine) ?? 0) >= FEN_PER_MILLION_YUAN);
  const n = hits.length;
  const [bin, points] = n === 0 ? ['0 次', 0]
    : n >= 4 ? ['≥4 次', -60]
    : bigFine ? ['单笔罚款 ≥100 万元', -60]
    : n === 1 ? ['1 次', -15] : ['2–3 次', -35];
  return result('penalties', '近 3 年行政处罚', `${n} 次${bigFine ? '（含罚款 ≥100 万元）' : ''}`, bin, points,
    evidenceOf(hits, (p) => p.decidedOn, (p) => `${p.decidedOn} ${p.decisionNo ?? p.violation ?? '行政处罚'}${p.fine ? ` 罚款 ${formatMoney(p.fine)}` : ''}`));
};

// ── tax: arrears current −80 · violation in 3 years −150 (two factors; both may apply) ──
// Arrears are current when published by the data date and neither settled by it nor at a zero balance.
export const taxArrears: Factor = ({ doc, dataDate }) => {
  const current = (doc.taxArrears ?? []).filter((t) => onOrBefore(t.publishedOn, dataDate)
    && (!t.settledOn || t.settledOn.slice(0, 10) > dataDate) && toFen(t.balance) !== 0);
  if (current.length === 0) return result('tax-arrears', '欠税公告（当前）', '无', '无', 0);
  return result('tax-arrears', '欠税公告（当前）', `当前 ${current.length} 条`, '当前欠税', -80,
    evidenceOf(current, (t) => t.publishedOn, (t) => `${t.publishedOn} ${t.taxType ?? '欠税'}${t.balance ? ` ${formatMoney(t.balance)}` : ''}`));
};
export const taxViolations: Factor = ({ doc, dataDate }) => {
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
export const equityPledges: Factor = ({ doc, dataDate }) => {
  const name = '股权出质占注册资本';
  const active = (doc.equityPledges ?? []).filter((p) => onOrBefore(p.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(p.status ?? ''));
  if (active.length === 0) return result('equity-pledge', name, '无有效出质', '无', 0);
  const pledged = active.reduce((sum, p) => sum + (toFen(p.amount) ?? 0), 0);
  const capital = toFen(doc.registeredCapital);
  const evidence = evidenceOf(active, (p) => p.registeredOn, (p) => `${p.registeredOn} ${p.regNo ?? '股权出质'}${p.amount ? ` ${formatMoney(p.amount)}` : ''}`);
  if (capital === undefined || capital <= 0) return result('equity-pledge', name, `有效出质 ${active.length} 笔（注册资本未知）`, '≥30%（无法计算比例）', -30, evidence);
  const observed = `有效出质 ${active.length} 笔，占 ${formatPercent(pledged / capital)}`;
  return pledged * 10 < capital * 3
    ? result('equity-pledge', name, observed, '<30%', -10, evidence)
    : result('equity-pledge', name, observed, '≥30%', -30, evidence);
};

// ── active chattel mortgage: −10 ──
export const chattelMortgage: Factor = ({ doc, dataDate }) => {
  const active = (doc.chattelMortgages ?? []).filter((m) => onOrBefore(m.registeredOn, dataDate) && !INACTIVE_REGISTRATION.test(m.status ?? ''));
  if (active.length === 0) return result('chattel-mortgage', '动产抵押（有效）', '无', '无', 0);
  return result('chattel-mortgage', '动产抵押（有效）', `${active.length} 笔`, '有有效抵押', -10,
    evidenceOf(active, (m) => m.registeredOn, (m) => `${m.registeredOn} ${m.regNo ?? '动产抵押'}`));
};
