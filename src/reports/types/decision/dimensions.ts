/**
 * The five dimension scores (0–100) of the decision report, read from the scorecard's factors and,
 * for 关联风险, from the relation graph. A dimension whose data is mostly unknown has no score
 * (`null`, printed 数据不足); an unknown factor inside a scored dimension costs it points, so
 * unknown data never reads as good. docs/decision-report.md explains the numbers.
 */
import { NOT_APPLICABLE_BIN, UNSUPPLIED_BIN, type ScoreResult } from '../../score/types.js';
import type { RelationFacts } from '../../../companies/relations/facts.js';
import type { DimensionId } from './policy.js';

export interface DimensionScore {
  readonly id: DimensionId;
  /** 经营稳定性, 履约能力, 司法风险, 经营风险, 关联风险. */
  readonly name: string;
  /** 0–100, higher is better (less risk); null when it could not be scored. */
  readonly score: number | null;
  /** `82` or `数据不足` / `未能分析`. */
  readonly scoreText: string;
  /** The policy's weight. */
  readonly weight: number;
  /** What the score rests on, as display text. */
  readonly basis: string;
  /** What was not known (named factors or the graph). */
  readonly missing: readonly string[];
}

export const DIMENSION_NAMES: Readonly<Record<DimensionId, string>> = {
  stability: '经营稳定性',
  performance: '履约能力',
  judicial: '司法风险',
  operating: '经营风险',
  related: '关联风险',
};

/** The scorecard factors each dimension reads. */
export const DIMENSION_FACTORS: Readonly<Record<Exclude<DimensionId, 'related'>, readonly string[]>> = {
  stability: ['age', 'status', 'registered-capital', 'paid-in', 'insured', 'annual-report', 'key-changes'],
  performance: ['dishonest', 'consumption-restriction', 'terminated-unpaid', 'tax-arrears', 'tax-credit', 'exit-restriction'],
  judicial: ['open-enforcement', 'defendant-judgments', 'recent-defendant-cases', 'equity-freeze', 'bankruptcy', 'judicial-auction'],
  operating: ['abnormal-operations', 'serious-violation', 'penalties', 'tax-violation', 'equity-pledge', 'chattel-mortgage', 'ip', 'certificates', 'tenders-won'],
};

/** A factor dimension starts here; each scorecard point moves it by POINT_SCALE. */
export const DIMENSION_BASE = 80;
export const POINT_SCALE = 0.25;
/** Each factor of a scored dimension whose data the source did not supply costs this much. */
export const UNKNOWN_FACTOR_COST = 5;
/** Related-company deductions (关联风险 starts at 100). */
export const RELATED_COST = { dishonest: 20, enforcements: 8, abnormalOperations: 5, revoked: 10, flagUnknown: 2, controllerUnknown: 10 } as const;

const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n)));

function factorDimension(id: Exclude<DimensionId, 'related'>, score: ScoreResult, weight: number): DimensionScore {
  const factors = DIMENSION_FACTORS[id].map((f) => score.factors.find((x) => x.id === f)).filter((f) => f !== undefined);
  const applicable = factors.filter((f) => f.bin !== NOT_APPLICABLE_BIN);
  const unknown = applicable.filter((f) => f.bin === UNSUPPLIED_BIN);
  const known = applicable.filter((f) => f.bin !== UNSUPPLIED_BIN);
  const missing = unknown.map((f) => f.name);
  const name = DIMENSION_NAMES[id];
  // Fewer than half of the applicable factors known: a score would be mostly guesswork.
  if (applicable.length === 0 || known.length * 2 < applicable.length) {
    return { id, name, score: null, scoreText: '数据不足', weight, basis: `已知 ${known.length}/${applicable.length} 项因子，不足一半，不予评分`, missing };
  }
  const points = known.reduce((s, f) => s + f.points, 0);
  const value = clamp(DIMENSION_BASE + points * POINT_SCALE - unknown.length * UNKNOWN_FACTOR_COST);
  const negatives = known.filter((f) => f.points < 0).sort((a, b) => a.points - b.points).slice(0, 3);
  const basis = [
    `${known.length} 项因子合计 ${points > 0 ? '+' : ''}${points} 分`,
    negatives.length > 0 ? `主要扣分：${negatives.map((f) => `${f.name} ${f.points}`).join('、')}` : '无扣分项',
    unknown.length > 0 ? `${unknown.length} 项未提供（各扣 ${UNKNOWN_FACTOR_COST} 分）` : '',
  ].filter(Boolean).join('；');
  return { id, name, score: value, scoreText: String(value), weight, basis, missing };
}

function relatedDimension(relations: RelationFacts | undefined, weight: number): DimensionScore {
  const name = DIMENSION_NAMES.related;
  if (!relations) {
    return { id: 'related', name, score: null, scoreText: '未能分析', weight, basis: '关系图谱未提供，无法分析关联企业', missing: ['关系图谱（法定代表人、实际控制人的其他企业及对外投资）'] };
  }
  let value = 100;
  const counts = { dishonest: 0, enforcements: 0, abnormal: 0, revoked: 0, unknown: 0 };
  for (const r of relations.related) {
    const f = r.flags;
    if (f.dishonest !== null && f.dishonest > 0) { value -= RELATED_COST.dishonest; counts.dishonest++; }
    if (f.enforcements !== null && f.enforcements > 0) { value -= RELATED_COST.enforcements; counts.enforcements++; }
    if (f.abnormalOperations !== null && f.abnormalOperations > 0) { value -= RELATED_COST.abnormalOperations; counts.abnormal++; }
    if (f.revoked === true) { value -= RELATED_COST.revoked; counts.revoked++; }
    if (f.dishonest === null || f.enforcements === null || f.abnormalOperations === null || f.revoked === null) { value -= RELATED_COST.flagUnknown; counts.unknown++; }
  }
  const missing: string[] = [];
  if (relations.controller.status === 'unknown') {
    value -= RELATED_COST.controllerUnknown;
    missing.push('实际控制人（股东数据不足）');
  }
  if (counts.unknown > 0) missing.push(`${counts.unknown} 家关联企业的风险数据`);
  const parts = [
    `关联企业 ${relations.related.length} 家`,
    counts.dishonest ? `失信 ${counts.dishonest} 家` : '',
    counts.enforcements ? `被执行 ${counts.enforcements} 家` : '',
    counts.abnormal ? `经营异常 ${counts.abnormal} 家` : '',
    counts.revoked ? `吊销 ${counts.revoked} 家` : '',
    counts.unknown ? `${counts.unknown} 家风险数据未提供` : '',
    relations.controller.status === 'unknown' ? '实际控制人无法识别' : '',
  ].filter(Boolean);
  const v = clamp(value);
  return { id: 'related', name, score: v, scoreText: String(v), weight, basis: parts.join('，'), missing };
}

export function dimensionScores(score: ScoreResult, relations: RelationFacts | undefined, weights: Readonly<Record<DimensionId, number>>): DimensionScore[] {
  return [
    factorDimension('stability', score, weights.stability),
    factorDimension('performance', score, weights.performance),
    factorDimension('judicial', score, weights.judicial),
    factorDimension('operating', score, weights.operating),
    relatedDimension(relations, weights.related),
  ];
}

/** Weighted mean of the scored dimensions (weights renormalised over them), one decimal; null if none. */
export function compositeScore(dimensions: readonly DimensionScore[]): number | null {
  const scored = dimensions.filter((d) => d.score !== null && d.weight > 0);
  const total = scored.reduce((s, d) => s + d.weight, 0);
  if (total === 0) return null;
  return Math.round((scored.reduce((s, d) => s + d.weight * d.score!, 0) / total) * 10) / 10;
}
