/**
 * Scorecard version 1 (DATA.md): base 600 plus every factor's points, clamped to 0–1000, graded,
 * then overridden. A pure function of the document and the data date.
 */
import type { CompanyDocument } from '../../companies/document.js';
import { dataCoverage } from './coverage.js';
import { parseDate } from './dates.js';
import { FACTORS_V1, type ScoreContext } from './factors/index.js';
import { gradeBand, gradeOf, gradeRank } from './grades.js';
import { cnyFen } from './money.js';
import { normaliseStatus, STATUS_LABELS, type StatusNorm } from './status.js';
import {
  BASE_SCORE, MAX_SCORE, MIN_SCORE, NOT_RATED, SCORECARD_VERSION, TOP_REASONS_LIMIT,
  type FactorResult, type Grade, type OverrideResult, type ScoreResult,
} from './types.js';

export function scoreCompany(doc: CompanyDocument, dataDate: string): ScoreResult {
  if (!parseDate(dataDate) || dataDate.length !== 10) throw new Error(`scoreCompany: data date "${dataDate}" is not a YYYY-MM-DD date`);
  const status = normaliseStatus(doc.status ?? '');
  const context: ScoreContext = { doc, dataDate, status, registeredCnyFen: cnyFen(doc.registeredCapital) };
  const factors = FACTORS_V1.map((factor) => factor(context));
  const raw = factors.reduce((sum, f) => sum + f.points, BASE_SCORE);
  const clamped = Math.min(MAX_SCORE, Math.max(MIN_SCORE, raw));
  const gradeBeforeOverrides = gradeOf(clamped);
  const { score, grade, overrides } = applyOverrides(clamped, status, v1Caps(status, factors, doc.status ?? ''), doc.status ?? '');
  return {
    version: SCORECARD_VERSION,
    base: BASE_SCORE,
    raw,
    clamped,
    score,
    gradeBeforeOverrides,
    grade,
    overrides,
    factors,
    topNegativeReasons: topNegativeReasons(factors),
    coverage: dataCoverage(doc),
    status,
    dataDate,
  };
}

export interface Cap {
  id: string;
  rule: string;
  /** The worst grade allowed (C forces C, since nothing is worse). */
  atMost: Grade;
  why: string;
}

/** `登记状态为「吊销，未注销」（吊销）`; the reading is left out when it only repeats the text (`注销`). */
export function statusReason(statusText: string, status: StatusNorm): string {
  const label = STATUS_LABELS[status];
  return statusText.trim() === label ? `登记状态为「${statusText}」` : `登记状态为「${statusText}」（${label}）`;
}

/** The caps of v1 (DATA.md), in rule order. v2 adds its own after these (scorecard-v2.ts). */
export function v1Caps(status: StatusNorm, factors: FactorResult[], statusText: string): Cap[] {
  const caps: Cap[] = [];
  const statusWhy = statusReason(statusText, status);
  if (status === 'REVOKED' || status === 'ORDERED_CLOSED') caps.push({ id: 'revoked-or-closed', rule: '吊销或责令关闭 → C', atMost: 'C', why: statusWhy });
  const dishonest = factors.find((f) => f.id === 'dishonest');
  if (dishonest && dishonest.bin.startsWith('当前失信')) caps.push({ id: 'dishonest-current', rule: '当前失信被执行人 → 最高 BB', atMost: 'BB', why: `失信被执行人${dishonest.observed}` });
  const serious = factors.find((f) => f.id === 'serious-violation');
  if (serious && serious.points === -250) caps.push({ id: 'serious-violation', rule: '列入严重违法失信名单 → 最高 CCC', atMost: 'CCC', why: `严重违法失信${serious.observed}` });
  if (status === 'LIQUIDATING' || status === 'SUSPENDED') caps.push({ id: 'liquidating-or-suspended', rule: '清算、停业或歇业 → 最高 CCC', atMost: 'CCC', why: statusWhy });
  return caps;
}

/**
 * Overrides after the score (DATA.md). A cap lowers the score to the ceiling of the capped grade so
 * that the printed score and grade agree (the uncapped figure stays in `clamped`). Not rated comes
 * last: its conditions are checked after the caps, and it blanks score and grade.
 */
export function applyOverrides(clamped: number, status: StatusNorm, caps: readonly Cap[], statusText: string) {
  const statusWhy = statusReason(statusText, status);
  let score: number | null = clamped;
  let grade: Grade | typeof NOT_RATED = gradeOf(clamped);
  const overrides: OverrideResult[] = [];
  for (const cap of caps) {
    const before = grade as Grade;
    const changed = gradeRank(before) < gradeRank(cap.atMost);
    if (changed) {
      score = Math.min(score!, gradeBand(cap.atMost).ceiling);
      grade = cap.atMost;
    }
    overrides.push({ id: cap.id, rule: cap.rule, why: cap.why, gradeBefore: before, gradeAfter: grade, changed });
  }
  if (status === 'CANCELLED' || status === 'ANNULLED') {
    overrides.push({ id: 'cancelled-or-annulled', rule: '注销或撤销 → 不评级（仅供查阅历史）', why: statusWhy, gradeBefore: grade, gradeAfter: NOT_RATED, changed: true });
    score = null;
    grade = NOT_RATED;
  }
  return { score, grade, overrides };
}

/** The most negative factors first (table order breaks ties), as `名称：观测值（扣 N 分）`. */
export function topNegativeReasons(factors: FactorResult[]): string[] {
  return factors
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => f.points < 0)
    .sort((a, b) => a.f.points - b.f.points || a.index - b.index)
    .slice(0, TOP_REASONS_LIMIT)
    .map(({ f }) => `${f.name}：${f.observed}（扣 ${-f.points} 分）`);
}
