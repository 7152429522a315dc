/**
 * decide: (document, score, relations, policy) → the decision verdict. Pure. The recommendation is
 * the worst outcome over every rule: the policy's hard rejections and review triggers, the score
 * and composite thresholds, the data the policy requires, and dimensions that could not be scored.
 */
import { category, categorySupplied } from '../../../companies/categories.js';
import type { CompanyDocument } from '../../../companies/document.js';
import type { RelationFacts } from '../../../companies/relations/facts.js';
import type { ScoreResult } from '../../score/types.js';
import { creditLineModel } from './credit-line.js';
import { compositeScore, dimensionScores, type DimensionScore } from './dimensions.js';
import type { DecisionPolicy } from './policy.js';
import { RULES } from './rules.js';
import {
  RECOMMENDATION_RANK, RECOMMENDATION_TEXT,
  type DecisionRule, type DecisionVerdict, type MonitoringSuggestion, type Recommendation,
} from './verdict-types.js';

type Outcome = DecisionRule['outcome'];
type Draft = Omit<DecisionRule, 'decisive'>;

const KEY_RISKS_LIMIT = 10;

function thresholdRule(id: 'score' | 'composite', title: string, value: number | null, valueText: string, approveMin: number, reviewMin: number): Draft {
  const threshold = `≥ ${approveMin} 可建议准入；< ${reviewMin} 不建议准入`;
  if (value === null) return { id, kind: id, rule: title, threshold, observed: valueText, outcome: 'review', records: ['无法按阈值判断，至多审慎准入'] };
  const outcome: Outcome = value < reviewMin ? 'decline' : value < approveMin ? 'review' : 'pass';
  return { id, kind: id, rule: title, threshold, observed: valueText, outcome, records: [] };
}

export function decide(doc: CompanyDocument, score: ScoreResult, relations: RelationFacts | undefined, policy: DecisionPolicy): DecisionVerdict {
  const drafts: Draft[] = [];
  for (const id of policy.hardRejections) {
    const def = RULES[id];
    const f = def.evaluate({ doc, score, ...(relations ? { relations } : {}) });
    drafts.push({ id, kind: 'hard-rejection', rule: def.title, threshold: `${def.threshold} → 不建议准入`, observed: f.observed, outcome: f.state === 'hit' ? 'decline' : f.state === 'unknown' ? 'unknown' : 'pass', records: f.records });
  }
  for (const id of policy.reviewTriggers) {
    const def = RULES[id];
    const f = def.evaluate({ doc, score, ...(relations ? { relations } : {}) });
    drafts.push({ id, kind: 'review-trigger', rule: def.title, threshold: `${def.threshold} → 至多审慎准入`, observed: f.observed, outcome: f.state === 'hit' ? 'review' : f.state === 'unknown' ? 'unknown' : 'pass', records: f.records });
  }
  const t = policy.thresholds;
  drafts.push(thresholdRule('score', `信用评分（评分卡 ${score.version}）`, score.score, score.score === null ? score.grade : `${score.score}（${score.grade}）`, t.approveMinScore, t.reviewMinScore));

  const dimensions = dimensionScores(score, relations, policy.dimensions.weights);
  const composite = compositeScore(dimensions);
  drafts.push(thresholdRule('composite', '维度综合得分', composite, composite === null ? '无可评分维度' : composite.toFixed(1), t.approveMinComposite, t.reviewMinComposite));

  const missing = policy.requiredData.categories.filter((c) => !categorySupplied(doc, c)).map((c) => category(c).title);
  drafts.push({
    id: 'required-data',
    kind: 'required-data',
    rule: '策略要求的数据类别',
    threshold: `${policy.requiredData.categories.length} 类须由数据源提供；缺失 → ${policy.requiredData.onMissing === 'decline' ? '不建议准入' : '至多审慎准入'}`,
    observed: missing.length === 0 ? '均已提供' : `缺失 ${missing.length} 类`,
    outcome: missing.length === 0 ? 'pass' : policy.requiredData.onMissing,
    records: missing.map((m) => `${m}：数据源未提供`),
  });
  const unscored = dimensions.filter((d) => d.score === null && d.weight > 0);
  drafts.push({
    id: 'unknown-dimension',
    kind: 'unknown-dimension',
    rule: '无法评分的维度',
    threshold: policy.dimensions.onUnknown === 'review' ? '任一维度无法评分 → 至多审慎准入' : '无法评分的维度不计入综合得分',
    observed: unscored.length === 0 ? '五个维度均已评分' : unscored.map((d) => `${d.name}：${d.scoreText}`).join('；'),
    outcome: unscored.length === 0 ? 'pass' : policy.dimensions.onUnknown === 'review' ? 'review' : 'pass',
    records: unscored.map((d) => `${d.name}：${d.basis}`),
  });

  const worst = drafts.reduce<Recommendation>((acc, d) => (d.outcome === 'review' || d.outcome === 'decline') && RECOMMENDATION_RANK[d.outcome] > RECOMMENDATION_RANK[acc] ? d.outcome : acc, 'approve');
  const rules: DecisionRule[] = drafts.map((d) => ({
    ...d,
    // Approval rests on every threshold passing; otherwise the rules with the deciding outcome decided it.
    decisive: worst === 'approve' ? d.outcome === 'pass' && (d.kind === 'score' || d.kind === 'composite') : d.outcome === worst,
  }));
  const line = creditLineModel(doc, score, worst, policy.creditLine);
  const verdict: DecisionVerdict = {
    recommendation: worst,
    recommendationText: RECOMMENDATION_TEXT[worst],
    rules,
    creditLine: line.amountYuan,
    creditLineText: line.text,
    term: line.termText,
    termMonths: line.termMonths,
    ...(line.reason ? { creditLineReason: line.reason } : {}),
    creditLineSteps: line.steps,
    dimensions,
    compositeScore: composite,
    keyRisks: keyRisks(rules, score, dimensions),
    monitoring: monitoring(doc, rules, dimensions, worst, line.termMonths, missing),
    missingData: missing,
    score: score.score,
    grade: score.grade,
    policy: { name: policy.name, version: policy.version },
  };
  return verdict;
}

function keyRisks(rules: readonly DecisionRule[], score: ScoreResult, dimensions: readonly DimensionScore[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, text: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(text);
  };
  for (const outcome of ['decline', 'review'] as const) {
    for (const r of rules) {
      if (r.outcome !== outcome || r.kind === 'score' || r.kind === 'composite') continue;
      const first = r.records[0];
      add(r.id, `${r.rule}：${r.observed}${first ? `（${first}${r.records.length > 1 ? ' 等' : ''}）` : ''}`);
    }
  }
  // Further costly scorecard factors not already named by a rule (points ≤ −30: medium or high).
  const ruleFactor: Record<string, string> = {
    dishonest: 'dishonest-current', 'serious-violation': 'serious-violation-current', bankruptcy: 'bankruptcy-pending',
    'consumption-restriction': 'consumption-restriction-current', 'abnormal-operations': 'abnormal-operations-current',
    'open-enforcement': 'open-enforcement', 'terminated-unpaid': 'terminated-unpaid', 'tax-arrears': 'tax-arrears-current',
    'tax-violation': 'tax-violation-recent', 'equity-freeze': 'equity-freeze-current', 'exit-restriction': 'exit-restriction-current',
  };
  for (const f of [...score.factors].filter((x) => x.points <= -30).sort((a, b) => a.points - b.points)) {
    add(ruleFactor[f.id] ?? f.id, `${f.name}：${f.observed}（评分 ${f.points}）`);
  }
  for (const d of dimensions) if (d.score !== null && d.score < 60) add(`dim-${d.id}`, `${d.name}得分偏低：${d.score}（${d.basis}）`);
  return out.slice(0, KEY_RISKS_LIMIT);
}

function monitoring(doc: CompanyDocument, rules: readonly DecisionRule[], dimensions: readonly DimensionScore[], recommendation: Recommendation, termMonths: number | null, missing: readonly string[]): MonitoringSuggestion[] {
  const hit = (id: string) => rules.some((r) => r.id === id && (r.outcome === 'review' || r.outcome === 'decline'));
  const out: MonitoringSuggestion[] = [
    { item: '失信被执行人、被执行人、限制高消费名单', why: '新增列入即触发策略的否决或审慎规则，需及时调整授信', frequency: '每月' },
    { item: '裁判文书、开庭公告与立案信息（被告）', why: '新增诉讼可能预示债务纠纷与偿付压力', frequency: '每月' },
  ];
  if (hit('open-enforcement') || hit('terminated-unpaid')) out.push({ item: '未结被执行案件的结案与履行情况', why: recommendation === 'decline' ? '未结案件是本次审慎或否决的依据之一，结案后可重新评估' : '未结标的已从额度中扣减，结案后可复核额度', frequency: '每月' });
  if (hit('abnormal-operations-current')) out.push({ item: '经营异常名录的移出情况', why: '当前列入经营异常，移出前按审慎准入处理', frequency: '每月' });
  if (hit('consumption-restriction-current')) out.push({ item: '限制高消费令的解除情况', why: '当前存在限高，说明有未履行的生效裁判', frequency: '每月' });
  if (hit('equity-freeze-current') || (doc.equityPledges ?? []).length > 0) out.push({ item: '股权出质与股权冻结', why: '股权受限会削弱股东的支持能力并可能引发控制权变化', frequency: '每季度' });
  if (hit('related-dishonest') || hit('related-revoked')) out.push({ item: '关联企业（法定代表人、实际控制人的其他企业及对外投资）的风险变化', why: '关联企业已有失信或吊销记录，风险可能传导', frequency: '每月' });
  if (dimensions.some((d) => d.id === 'related' && d.score === null)) out.push({ item: '关联方核查', why: '关系图谱未提供，关联风险未能分析，应人工核查实际控制人及其关联企业', frequency: '授信前' });
  if (missing.length > 0) out.push({ item: `补充数据：${missing.join('、')}`, why: '策略要求的数据源未提供，未知不等于无记录', frequency: '授信前' });
  out.push({ item: '年度报告（营业收入、纳税、参保人数）', why: '额度依据年报数据测算，新年报公示后应重新测算', frequency: '每年 7 月' });
  const taxGrade = [...(doc.taxCredit ?? [])].sort((a, b) => b.year - a.year)[0]?.grade;
  if (taxGrade !== 'A') out.push({ item: '纳税信用等级', why: taxGrade ? `最近评定为 ${taxGrade} 级，每年评定一次，降级（C/D）反映经营或合规恶化` : '未提供纳税信用等级，应向企业索取或待数据源更新', frequency: '每年' });
  if (recommendation === 'review') out.push({ item: '审慎准入复审', why: `触发了审慎规则（见决策依据），应在${termMonths ? ` ${termMonths} 个月` : '授信前'}内复审并定期复核本报告的结论`, frequency: '每季度' });
  else if (termMonths) out.push({ item: '授信期间的整体复核', why: `建议期限 ${termMonths} 个月内定期复核本报告的结论`, frequency: '每季度' });
  return out;
}
