/** What the scorecards (v1, v2) return: the score, and everything needed to explain it. */

export const SCORECARD_VERSION = 'v1';
/** The current scorecard (docs/scorecard.md); v1 stays for reproducing old reports. */
export const SCORECARD_V2 = 'v2';
export type ScorecardVersion = typeof SCORECARD_VERSION | typeof SCORECARD_V2;

/** Bin of a factor whose data the source did not supply (v2): 0 points, never positive. */
export const UNSUPPLIED_BIN = '未提供';
/** Bin of a factor that cannot apply to the entity's kind (v2): 0 points. */
export const NOT_APPLICABLE_BIN = '不适用';
export const BASE_SCORE = 600;
export const MIN_SCORE = 0;
export const MAX_SCORE = 1000;

/** Grade text when the company is not rated (cancelled or annulled: the report is history only). */
export const NOT_RATED = '未评级';
/** Grade text when v2's minimum coverage rule withholds the grade. */
export const INSUFFICIENT_DATA = '数据不足，不予评级';

export type Grade = 'AAA' | 'AA' | 'A' | 'BBB' | 'BB' | 'B' | 'CCC' | 'CC' | 'C';

export interface FactorResult {
  /** Stable identifier, e.g. `age`, `dishonest`. */
  id: string;
  /** Chinese name, e.g. `成立年限`. */
  name: string;
  /** The observed value as display text, e.g. `12 年`, `当前 2 条`. */
  observed: string;
  /** The bin the observation fell in, as display text, e.g. `≥10 年`. */
  bin: string;
  points: number;
  /** The records that caused the points (case numbers with dates, etc.), at most EVIDENCE_LIMIT. */
  evidence: string[];
  /** How many records caused the points in all (evidence may show fewer). */
  evidenceTotal: number;
}

export interface OverrideResult {
  /** e.g. `revoked`, `dishonest-current`. */
  id: string;
  /** The rule, e.g. `吊销或责令关闭 → C`. */
  rule: string;
  /** Why it applied to this company, e.g. `登记状态为 吊销，未注销`. */
  why: string;
  /** The grade before and after the override (after may equal before when the cap did not bind). */
  gradeBefore: string;
  gradeAfter: string;
  /** True when the override changed the grade or the score. */
  changed: boolean;
}

export interface CoverageCategory {
  id: string;
  name: string;
  present: boolean;
}

export interface Coverage {
  categories: CoverageCategory[];
  present: number;
  total: number;
  /** present / total, 0–1. */
  share: number;
}

export interface ScoreResult {
  version: ScorecardVersion;
  base: number;
  /** base + every factor's points, before clamping. */
  raw: number;
  /** raw clamped to 0–1000, before overrides. */
  clamped: number;
  /** The final score after overrides, or null when not rated. */
  score: number | null;
  /** The grade of `clamped` before overrides. */
  gradeBeforeOverrides: Grade;
  /** The final grade, `未评级` (cancelled/annulled) or `数据不足，不予评级` (v2's coverage rule). */
  grade: Grade | typeof NOT_RATED | typeof INSUFFICIENT_DATA;
  /** v2: why no grade was issued under the minimum coverage rule (absent when it was met). */
  withheld?: string;
  /** Every override whose condition held (in rule order), with whether it changed anything. */
  overrides: OverrideResult[];
  factors: FactorResult[];
  /** The largest negative contributions, most negative first, as Chinese sentences. */
  topNegativeReasons: string[];
  coverage: Coverage;
  /** The normalised registration status the score used. */
  status: string;
  /** The data date every window counted back from. */
  dataDate: string;
}

export const EVIDENCE_LIMIT = 10;
export const TOP_REASONS_LIMIT = 5;
