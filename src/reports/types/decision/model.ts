/**
 * The decision report's model: the credit report's model (buildReportModel, the evidence) with the
 * decision pages put in front — 决策建议 with the rules that decided it, 建议授信额度 with every step,
 * the five dimensions with a radar chart, key risk points and monitoring suggestions — and the
 * title, cover and running header of a 企业信用决策报告 carrying the policy's name and version.
 */
import type { ChartBlock, RadarChart, ReportModel, Section } from '../../model/types.js';
import { retitledModel, table, verdictHead } from '../shared/evidence.js';
import type { DecisionVerdict } from './verdict-types.js';

export const DECISION_REPORT_TITLE = '企业信用决策报告';

const OUTCOME_TEXT: Record<DecisionVerdict['rules'][number]['outcome'], string> = {
  pass: '通过',
  review: '审慎',
  decline: '否决',
  unknown: '未知',
};


export function policyText(verdict: DecisionVerdict): string {
  return `${verdict.policy.name}（版本 ${verdict.policy.version}）`;
}

function radar(verdict: DecisionVerdict): ChartBlock {
  const chart: RadarChart = {
    type: 'radar',
    axes: verdict.dimensions.map((d) => d.name),
    values: verdict.dimensions.map((d) => d.score),
    valueTexts: verdict.dimensions.map((d) => d.scoreText),
    max: 100,
    rings: [20, 40, 60, 80, 100],
    color: '#1f4e79',
  };
  return { kind: 'chart', chart, caption: '五维评分（0–100，越高风险越低）', alt: `五维评分：${verdict.dimensions.map((d) => `${d.name} ${d.scoreText}`).join('，')}` };
}

export function decisionSections(verdict: DecisionVerdict): Section[] {
  const decisive = verdict.rules.filter((r) => r.decisive);
  const because = verdict.recommendation === 'approve'
    ? '所有否决与审慎规则均未触发，信用评分与维度综合得分均达到准入阈值。'
    : `决定性规则：${decisive.map((r) => `${r.rule}（${r.observed}）`).join('；')}。`;
  // Rules that decided or could not be checked first, in full; those that simply passed in one line,
  // so the decision fits the first pages.
  const rank = (r: DecisionVerdict['rules'][number]) => (r.decisive ? 0 : r.outcome === 'decline' ? 1 : r.outcome === 'review' ? 2 : 3);
  const shown = verdict.rules.filter((r) => r.decisive || r.outcome !== 'pass').sort((a, b) => rank(a) - rank(b));
  const passed = verdict.rules.filter((r) => !r.decisive && r.outcome === 'pass');
  const decision: Section = {
    id: 'decision',
    title: '决策建议',
    level: 1,
    blocks: [
      ...verdictHead(verdict.recommendation === 'approve', `决策建议：${verdict.recommendationText}`, [
        { label: '决策建议', value: verdict.recommendationText },
        { label: '建议授信额度', value: verdict.creditLineText },
        { label: '建议期限', value: verdict.term },
        { label: '信用评分/等级', value: verdict.score === null ? verdict.grade : `${verdict.score} / ${verdict.grade}` },
        { label: '维度综合得分', value: verdict.compositeScore === null ? '无可评分维度' : verdict.compositeScore.toFixed(1) },
        { label: '授信策略', value: policyText(verdict) },
      ]),
      { kind: 'paragraph', text: because, style: 'emphasis' },
      table(
        [['规则', 3], ['阈值', 4], ['观察值', 3], ['结论', 1.4, 'center'], ['依据记录', 4.6]],
        shown.map((r) => [r.rule, r.threshold, r.observed, `${OUTCOME_TEXT[r.outcome]}${r.decisive ? ' ★' : ''}`, r.records.length === 0 ? '—' : r.records.join('；')]),
        '决策依据（★ 为决定性规则；未触发的规则见表后）',
      ),
      {
        kind: 'paragraph',
        style: 'muted',
        text: `${passed.length === 0 ? '' : `未触发的规则（${passed.length} 条）：${passed.map((r) => `${r.rule}（${r.observed}）`).join('；')}。`}`
          + `规则、阈值与额度参数来自授信策略 ${policyText(verdict)}，由本服务的运营方配置；「未知」表示数据源未提供，未按无记录处理。`,
      },
    ],
  };
  const creditLine: Section = {
    id: 'decision.credit-line',
    title: '建议授信额度',
    level: 2,
    blocks: [
      {
        kind: 'paragraph',
        style: 'emphasis',
        text: verdict.creditLine === null
          ? `不建议授信：${verdict.creditLineReason ?? ''}。`
          : `建议授信额度 ${verdict.creditLineText}，建议期限 ${verdict.term}。`,
      },
      table([['步骤', 2], ['计算', 7], ['结果', 2.2, 'right']], verdict.creditLineSteps.map((s) => [s.step, s.formula, s.result]), '额度测算过程'),
    ],
  };
  const dimensions: Section = {
    id: 'decision.dimensions',
    title: '维度评分',
    level: 2,
    blocks: [
      radar(verdict),
      table(
        [['维度', 1.6], ['得分', 1.1, 'center'], ['权重', 1, 'center'], ['依据与未知数据', 9]],
        verdict.dimensions.map((d) => [d.name, d.scoreText, String(d.weight), `${d.basis}${d.missing.length === 0 ? '' : `。未知：${d.missing.join('、')}`}`]),
      ),
    ],
  };
  const risks: Section = {
    id: 'decision.risks',
    title: '主要风险点',
    level: 2,
    blocks: verdict.keyRisks.length > 0
      ? [{ kind: 'list', ordered: true, items: [...verdict.keyRisks] }]
      : [{ kind: 'paragraph', text: '按本策略未触发风险规则，也无扣分较大的评分因子；数据源未提供的类别见「决策依据」，未按无记录处理。' }],
  };
  const monitoring: Section = {
    id: 'decision.monitoring',
    title: '监测建议',
    level: 2,
    blocks: [table([['监测事项', 4], ['原因', 6], ['频率', 1.6, 'center']], verdict.monitoring.map((m) => [m.item, m.why, m.frequency]))],
  };
  return [decision, creditLine, dimensions, risks, monitoring];
}

/** The credit report's model turned into the decision report: decision pages first, then the evidence. */
export function decisionReportModel(credit: ReportModel, verdict: DecisionVerdict): ReportModel {
  // After 数据截至 (and its staleness line) on the cover: the decision and the policy that made it.
  const coverLines = [{ label: '决策建议', value: verdict.recommendationText }, { label: '授信策略', value: policyText(verdict) }];
  // The evidence (the whole credit report) starts on its own page after the decision pages.
  return retitledModel(credit, DECISION_REPORT_TITLE, coverLines, [
    ...decisionSections(verdict),
    ...credit.sections.map((section, i) => (i === 0 ? { ...section, pageBreakBefore: true } : section)),
  ]);
}
