/** Chart data for the model: numbers for geometry, display text beside them, colours chosen here. */
import type { CompanyDocument } from '../../companies/document.js';
import { GRADE_BANDS } from '../score/grades.js';
import { MAX_SCORE, MIN_SCORE } from '../score/types.js';
import { toFen } from '../score/money.js';
import { formatPercent } from './format.js';
import type { GaugeBand, GaugeChart, PieChart, TrendChart, TrendSeries } from './types.js';

/** Red for C through green for AAA. */
const GRADE_COLORS: Readonly<Record<string, string>> = {
  C: '#b71c1c', CC: '#d32f2f', CCC: '#e64a19', B: '#f57c00', BB: '#ffa000',
  BBB: '#fbc02d', A: '#9ccc65', AA: '#43a047', AAA: '#1b5e20',
};

/** Ascending bands from 0 to 1000, computed once. */
const GAUGE_BANDS: readonly GaugeBand[] = [...GRADE_BANDS].reverse().map((b) => ({
  from: b.floor,
  to: b.grade === 'AAA' ? MAX_SCORE : b.ceiling + 1,
  label: b.grade,
  color: GRADE_COLORS[b.grade]!,
}));

export function gaugeChart(score: number | null, scoreText: string, grade: string): GaugeChart {
  return { type: 'gauge', score, scoreText, grade, min: MIN_SCORE, max: MAX_SCORE, bands: GAUGE_BANDS.map((b) => ({ ...b })) };
}

export const PALETTE = ['#1f4e79', '#2e75b6', '#9dc3e6', '#c55a11', '#f4b183', '#548235', '#a9d18e', '#7030a0', '#bf9000', '#7f7f7f'];

/** Slices shown before the rest is folded into 其他. */
const PIE_MAX_SLICES = 8;

/**
 * Shareholding pie: each shareholder's ratio, else its share of the summed subscribed capital.
 * The largest slices are kept; the rest, and any share not accounted for, is 其他.
 * Undefined when no share can be computed.
 */
export function shareholdingChart(doc: CompanyDocument): PieChart | undefined {
  const holders = doc.shareholders ?? [];
  if (holders.length === 0) return undefined;
  const subscribedTotal = holders.reduce((s, h) => s + (toFen(h.subscribed) ?? 0), 0);
  const shares: Array<{ name: string; percent: number }> = [];
  for (const h of holders) {
    const ratio = h.ratio ?? (subscribedTotal > 0 && toFen(h.subscribed) !== undefined ? toFen(h.subscribed)! / subscribedTotal : undefined);
    if (ratio !== undefined && ratio > 0) shares.push({ name: h.name, percent: ratio * 100 });
  }
  if (shares.length === 0) return undefined;
  shares.sort((a, b) => b.percent - a.percent);
  const kept = shares.length > PIE_MAX_SLICES ? shares.slice(0, PIE_MAX_SLICES - 1) : shares;
  const keptSum = kept.reduce((s, x) => s + x.percent, 0);
  const rest = 100 - keptSum;
  // Anything over 0.005% left (folded holders or undisclosed shares) is drawn as 其他.
  if (rest > 0.005) kept.push({ name: '其他', percent: rest });
  return {
    type: 'pie',
    labels: kept.map((k) => k.name),
    values: kept.map((k) => Math.round(k.percent * 100) / 100),
    valueTexts: kept.map((k) => formatPercent(k.percent / 100)),
    colors: kept.map((_, i) => PALETTE[i % PALETTE.length]!),
  };
}

/** 万元 as a plain number with two decimals, for chart geometry. */
function wan(fen: number | undefined): number | null {
  return fen === undefined ? null : Math.round(fen / 10_000) / 100;
}

type ReportRow = NonNullable<CompanyDocument['annualReports']>[number];
const TREND_SERIES: ReadonlyArray<[name: string, pick: (r: ReportRow) => number | undefined, color: string]> = [
  ['营业收入', (r) => toFen(r.revenue), '#2e75b6'],
  ['净利润', (r) => toFen(r.netProfit), '#c55a11'],
  ['资产总额', (r) => toFen(r.totalAssets), '#548235'],
  ['负债总额', (r) => toFen(r.totalLiabilities), '#7f7f7f'],
];

/** Financial trend from the annual reports, years ascending; undefined when no report has a figure. */
export function financialTrendChart(doc: CompanyDocument): TrendChart | undefined {
  const reports = [...(doc.annualReports ?? [])].sort((a, b) => a.year - b.year);
  if (reports.length === 0) return undefined;
  const series: TrendSeries[] = [];
  for (const [name, pick, color] of TREND_SERIES) {
    const values = reports.map((r) => wan(pick(r)));
    if (values.some((v) => v !== null)) series.push({ name, values, color });
  }
  if (series.length === 0) return undefined;
  return { type: 'trend', years: reports.map((r) => String(r.year)), series, unit: '万元' };
}
