/**
 * The decision report's structured verdict: what `reportFormat=3` JSON carries under `decision`
 * and what the first two pages print. Plain data (it crosses a worker-thread boundary).
 */
import type { CreditLineStep } from './credit-line.js';
import type { DimensionScore } from './dimensions.js';

export type Recommendation = 'approve' | 'review' | 'decline';

export const RECOMMENDATION_TEXT: Readonly<Record<Recommendation, string>> = {
  approve: '建议准入',
  review: '审慎准入',
  decline: '不建议准入',
};

/** How strongly an outcome weighs: the worst outcome of all rules is the recommendation. */
export const RECOMMENDATION_RANK: Readonly<Record<Recommendation, number>> = { approve: 0, review: 1, decline: 2 };

export interface DecisionRule {
  /** A policy rule id (`dishonest-current`) or a built-in check (`score`, `composite`, `required-data`, `unknown-dimension`). */
  readonly id: string;
  readonly kind: 'hard-rejection' | 'review-trigger' | 'score' | 'composite' | 'required-data' | 'unknown-dimension';
  /** What the rule says, e.g. `失信被执行人（当前）`. */
  readonly rule: string;
  /** The threshold as display text, e.g. `当前列入 ≥ 1 条 → 不建议准入`. */
  readonly threshold: string;
  /** What was observed, e.g. `当前 1 条`, `数据源未提供`. */
  readonly observed: string;
  /** `pass`, `review`, `decline`, or `unknown` (no data: does not decide; the required-data rule does). */
  readonly outcome: 'pass' | 'review' | 'decline' | 'unknown';
  /** True for the rules that decided the recommendation. */
  readonly decisive: boolean;
  /** The records behind the observation (case numbers with dates…). */
  readonly records: readonly string[];
}

export interface MonitoringSuggestion {
  /** What to watch. */
  readonly item: string;
  /** Why. */
  readonly why: string;
  /** How often, e.g. `每月`. */
  readonly frequency: string;
}

export interface DecisionVerdict {
  readonly recommendation: Recommendation;
  readonly recommendationText: string;
  readonly rules: readonly DecisionRule[];
  /** Suggested credit line in yuan (a whole number), or null: 不建议授信. */
  readonly creditLine: number | null;
  /** `800 万元` or `不建议授信`. */
  readonly creditLineText: string;
  /** Suggested term as display text (`24 个月`, or `—` without a line). */
  readonly term: string;
  readonly termMonths: number | null;
  /** Why no line, when creditLine is null. */
  readonly creditLineReason?: string;
  readonly creditLineSteps: readonly CreditLineStep[];
  readonly dimensions: readonly DimensionScore[];
  /** Weighted mean of the scored dimensions (0–100, one decimal), or null when none could be scored. */
  readonly compositeScore: number | null;
  readonly keyRisks: readonly string[];
  readonly monitoring: readonly MonitoringSuggestion[];
  /** Data categories the policy requires that the source did not supply (titles). */
  readonly missingData: readonly string[];
  readonly score: number | null;
  readonly grade: string;
  readonly policy: { readonly name: string; readonly version: string };
}
