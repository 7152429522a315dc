/** Factors that can add points: tax credit, IP, certificates, tenders won. */
import type { CompanyDocument } from '../../../companies/document.js';
import { inWindow, onOrBefore, windowStart } from '../dates.js';
import { binOf, evidenceOf, result, type Bin, type Factor } from './common.js';

// ── latest tax credit grade: A +40 · B +15 · M/unknown 0 · C −30 · D −100 ──
// The latest evaluation year not after the data date's year.
const TAX_GRADE_POINTS: Readonly<Record<string, number>> = { A: 40, B: 15, M: 0, C: -30, D: -100 };
export const taxCredit: Factor = ({ doc, dataDate }) => {
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
export const intellectualProperty: Factor = ({ doc, dataDate }) => {
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
export const certificates: Factor = ({ doc, dataDate }) => {
  const valid = (doc.certificates ?? []).filter((c) => onOrBefore(c.issuedOn, dataDate) && (!c.expiresOn || c.expiresOn.slice(0, 10) >= dataDate));
  const n = valid.length;
  const highTech = valid.some((c) => HIGH_TECH.test(c.type));
  const base = n === 0 ? 0 : n <= 2 ? 10 : 20;
  const baseBin = n === 0 ? '0 项' : n <= 2 ? '1–2 项' : '≥3 项';
  return result('certificates', '有效资质证书', `${n} 项${highTech ? '（含高新技术企业）' : ''}`, highTech ? `${baseBin} + 高新技术企业` : baseBin,
    base + (highTech ? 15 : 0), valid.map((c) => `${c.type}${c.number ? ` ${c.number}` : ''}${c.expiresOn ? `（有效期至 ${c.expiresOn}）` : ''}`));
};

// ── tenders won, 24 months: 1–4 +10 · ≥5 +20 ──
export const tendersWon: Factor = ({ doc, dataDate }) => {
  const start = windowStart(dataDate, 24);
  const hits = (doc.tenders ?? []).filter((t) => t.role === 'winner' && inWindow(t.date, start, dataDate));
  const n = hits.length;
  const [bin, points] = n === 0 ? ['0 次', 0] : n <= 4 ? ['1–4 次', 10] : ['≥5 次', 20];
  return result('tenders-won', '近 24 个月中标', `${n} 次`, bin, points,
    evidenceOf(hits, (t) => t.date, (t) => `${t.date ?? ''} ${t.title ?? '中标'}`.trim()));
};

/** In the order of the DATA.md table (tax is two factors). */
