/** Grades of 人民银行 三等九级 as DATA.md bounds them: each grade holds scores from its floor up. */
import type { Grade } from './types.js';

export interface GradeBand {
  grade: Grade;
  /** Lowest score of the grade (inclusive). */
  floor: number;
  /** Highest score of the grade (inclusive). */
  ceiling: number;
  /** A short reading for the summary. */
  description: string;
}

/** Best first. Bounds are inclusive integers: AA is 780–849, so 849 is AA and 850 is AAA. */
export const GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'AAA', floor: 850, ceiling: 1000, description: '信用极好' },
  { grade: 'AA', floor: 780, ceiling: 849, description: '信用优良' },
  { grade: 'A', floor: 700, ceiling: 779, description: '信用较好' },
  { grade: 'BBB', floor: 620, ceiling: 699, description: '信用一般' },
  { grade: 'BB', floor: 540, ceiling: 619, description: '信用欠佳' },
  { grade: 'B', floor: 460, ceiling: 539, description: '信用较差' },
  { grade: 'CCC', floor: 380, ceiling: 459, description: '信用很差' },
  { grade: 'CC', floor: 300, ceiling: 379, description: '信用极差' },
  { grade: 'C', floor: 0, ceiling: 299, description: '基本无信用' },
];

const BY_GRADE = new Map(GRADE_BANDS.map((b) => [b.grade, b]));

/** The grade of an integer score 0–1000. */
export function gradeOf(score: number): Grade {
  for (const band of GRADE_BANDS) if (score >= band.floor) return band.grade;
  return 'C';
}

export function gradeBand(grade: Grade): GradeBand {
  return BY_GRADE.get(grade)!;
}

/** Rank for comparisons: 0 is AAA, 8 is C. */
export function gradeRank(grade: Grade): number {
  return GRADE_BANDS.findIndex((b) => b.grade === grade);
}
