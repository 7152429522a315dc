/**
 * Scorecard version 2 (docs/scorecard.md "Version 2"): v1's method — base 600 plus every factor's
 * points, clamped to 0–1000, graded, then overridden — over the v2 factors (factors/v2.ts), with
 * two more caps and the minimum coverage rule. A pure function of the document and the data date.
 * v1 (scorecard.ts) stays as it was, so an old report's score can be reproduced.
 */
import { categoryCoverage, categorySupplied, type CategoryId } from '../../companies/categories.js';
import type { CompanyDocument } from '../../companies/document.js';
import { parseDate } from './dates.js';
import { reportEntityKind, type ReportEntityKind } from './entity.js';
import { OPEN_ENFORCEMENT_SEVERE_PERCENT, scoreFactorsV2 } from './factors/v2.js';
import { gradeOf } from './grades.js';
import { cnyFen } from './money.js';
import { applyOverrides, topNegativeReasons, v1Caps, type Cap } from './scorecard.js';
import { normaliseStatus } from './status.js';
import {
  BASE_SCORE, INSUFFICIENT_DATA, MAX_SCORE, MIN_SCORE, NOT_RATED, SCORECARD_V2,
  type Coverage, type FactorResult, type ScoreResult,
} from './types.js';

/** The categories without which v2 issues no grade (beside the registration facts). */
export const CORE_JUDICIAL_CATEGORIES: readonly CategoryId[] = ['judgments', 'enforcements', 'dishonest', 'consumption-restrictions'];

/** Categories that cannot exist for a kind, left out of its coverage (they are 不适用, not missing). */
const NOT_APPLICABLE_CATEGORIES: Partial<Record<ReportEntityKind, readonly CategoryId[]>> = {
  branch: ['capital', 'paid-in', 'insured', 'shareholders', 'investments', 'branches', 'equity-pledges'],
  individual: ['paid-in', 'shareholders', 'investments', 'branches', 'equity-pledges'],
};

/** Coverage over every category of src/companies/categories.ts that applies to the entity's kind. */
export function coverageV2(doc: CompanyDocument, kind: ReportEntityKind = reportEntityKind(doc)): Coverage {
  const skip = new Set(NOT_APPLICABLE_CATEGORIES[kind] ?? []);
  const categories = categoryCoverage(doc)
    .filter(({ category }) => !skip.has(category.id))
    .map(({ category, supplied }) => ({ id: category.id, name: category.title, present: supplied }));
  const present = categories.filter((c) => c.present).length;
  return { categories, present, total: categories.length, share: categories.length === 0 ? 0 : present / categories.length };
}

/** What the minimum coverage rule finds missing: registration facts and core judicial categories. */
export function missingForRating(doc: CompanyDocument): string[] {
  const missing: string[] = [];
  const registration = (doc.name ?? '').trim() !== '' && (doc.status ?? '').trim() !== '' && parseDate(doc.establishedOn) !== undefined
    && ((doc.uscc ?? '').trim() !== '' || (doc.regNo ?? '').trim() !== '');
  if (!registration) missing.push('登记信息（名称、登记状态、成立日期、统一社会信用代码或注册号）');
  const titles: Record<string, string> = { judgments: '裁判文书', enforcements: '被执行人', dishonest: '失信被执行人', 'consumption-restrictions': '限制高消费' };
  for (const id of CORE_JUDICIAL_CATEGORIES) if (!categorySupplied(doc, id)) missing.push(titles[id]!);
  return missing;
}

export function scoreCompanyV2(doc: CompanyDocument, dataDate: string): ScoreResult {
  if (!parseDate(dataDate) || dataDate.length !== 10) throw new Error(`scoreCompanyV2: data date "${dataDate}" is not a YYYY-MM-DD date`);
  const status = normaliseStatus(doc.status ?? '');
  const kind = reportEntityKind(doc);
  const factors = scoreFactorsV2({ doc, dataDate, status, registeredCnyFen: cnyFen(doc.registeredCapital), kind });
  const raw = factors.reduce((sum, f) => sum + f.points, BASE_SCORE);
  const clamped = Math.min(MAX_SCORE, Math.max(MIN_SCORE, raw));
  const statusText = doc.status ?? '';
  const caps = [...v1Caps(status, factors, statusText), ...v2Caps(factors)];
  const overridden = applyOverrides(clamped, status, caps, statusText);
  const result: ScoreResult = {
    version: SCORECARD_V2,
    base: BASE_SCORE,
    raw,
    clamped,
    score: overridden.score,
    gradeBeforeOverrides: gradeOf(clamped),
    grade: overridden.grade,
    overrides: overridden.overrides,
    factors,
    topNegativeReasons: topNegativeReasons(factors),
    coverage: coverageV2(doc, kind),
    status,
    dataDate,
  };
  // The minimum coverage rule: no grade without the register and the core judicial lists. A
  // cancelled company stays 未评级 (history), which says more than "insufficient data"; a revoked or
  // closed one is C on its status alone, whatever else is unknown.
  const missing = missingForRating(doc);
  const decidedByStatus = result.grade === NOT_RATED || result.overrides.some((o) => o.id === 'revoked-or-closed');
  if (missing.length > 0 && !decidedByStatus) {
    result.withheld = `数据源未提供${missing.join('、')}`;
    result.overrides.push({ id: 'minimum-coverage', rule: '最低数据覆盖 → 不予评级', why: result.withheld, gradeBefore: result.grade, gradeAfter: INSUFFICIENT_DATA, changed: true });
    result.score = null;
    result.grade = INSUFFICIENT_DATA;
  }
  return result;
}

/** v2's caps, after v1's: a pending bankruptcy, and open enforcement far above capital. */
function v2Caps(factors: FactorResult[]): Cap[] {
  const caps: Cap[] = [];
  const enforcement = factors.find((f) => f.id === 'open-enforcement');
  if (enforcement && enforcement.bin === `≥${OPEN_ENFORCEMENT_SEVERE_PERCENT}%`) {
    caps.push({ id: 'open-enforcement-severe', rule: `未结被执行标的 ≥ 注册资本 ${OPEN_ENFORCEMENT_SEVERE_PERCENT}% → 最高 CCC`, atMost: 'CCC', why: enforcement.observed });
  }
  const bankruptcy = factors.find((f) => f.id === 'bankruptcy');
  if (bankruptcy && bankruptcy.bin === '审理中') caps.push({ id: 'bankruptcy-pending', rule: '破产案件审理中 → 最高 CC', atMost: 'CC', why: `破产案件${bankruptcy.observed}` });
  return caps;
}
