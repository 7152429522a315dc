/** 报告摘要, 评分说明 and 数据来源与声明: the sections that explain the score and the data. */
import { GRADE_BANDS } from '../../score/grades.js';
import { BASE_SCORE, INSUFFICIENT_DATA, type ScoreResult } from '../../score/types.js';
import { STATUS_LABELS, type StatusNorm } from '../../score/status.js';
import { gaugeChart } from '../charts.js';
import { DASH, formatPercent } from '../format.js';
import { buildTable } from '../tables.js';
import type { Block, ReportSummary, RiskFlag, Section, Severity } from '../types.js';
import { staleNotice, type BuildContext } from './context.js';

/** Points at or below which a negative factor is a high-severity flag, and medium. */
const HIGH_SEVERITY_POINTS = -100;
const MEDIUM_SEVERITY_POINTS = -30;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

const STATUS_FLAG_SEVERITY: Partial<Record<StatusNorm, Severity>> = {
  REVOKED: 'high', ORDERED_CLOSED: 'high', CANCELLED: 'high', ANNULLED: 'high',
  LIQUIDATING: 'high', SUSPENDED: 'high', MOVED_OUT: 'low', OTHER: 'low',
};

/**
 * Key risk flags: an abnormal registration status and every factor that cost points, most severe
 * first. Severity follows the points: a factor costing 100 or more is high, 30 or more medium.
 */
export function riskFlags(score: ScoreResult, statusText: string, statusDate?: string): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const statusSeverity = STATUS_FLAG_SEVERITY[score.status as StatusNorm];
  if (statusSeverity) {
    flags.push({ id: 'status', label: `登记状态：${STATUS_LABELS[score.status as StatusNorm]}`, severity: statusSeverity, detail: `登记状态为「${statusText}」${statusDate && ['CANCELLED', 'REVOKED', 'ANNULLED', 'ORDERED_CLOSED'].includes(score.status) ? `，${STATUS_LABELS[score.status as StatusNorm]}日期 ${statusDate.slice(0, 10)}` : ''}` });
  }
  const negatives = score.factors
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => f.points < 0 && f.id !== 'status')
    .sort((a, b) => a.f.points - b.f.points || a.index - b.index);
  for (const { f } of negatives) {
    const severity: Severity = f.points <= HIGH_SEVERITY_POINTS ? 'high' : f.points <= MEDIUM_SEVERITY_POINTS ? 'medium' : 'low';
    flags.push({ id: f.id, label: f.name, severity, detail: f.observed });
  }
  // Most severe first; within a severity the status flag, then the costliest factors (stable sort).
  return flags.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** The score, or `—` when there is none: the grade beside it says why, once. */
function scoreText(score: ScoreResult): string {
  return score.score === null ? DASH : String(score.score);
}

function gradeDescription(score: ScoreResult): string {
  if (score.grade === INSUFFICIENT_DATA) return '缺少评级所需的核心数据（见下方等级调整），以下仍列出已知的全部信息';
  if (score.score === null) return '已注销或撤销，仅供查阅历史，不予评级';
  return GRADE_BANDS.find((b) => b.grade === score.grade)?.description ?? '';
}

function missingCategories(score: ScoreResult): string[] {
  return score.coverage.categories.filter((c) => !c.present).map((c) => c.name);
}

export function buildSummary(ctx: BuildContext): ReportSummary {
  const { score } = ctx;
  const text = scoreText(score);
  return {
    score: score.score,
    scoreText: text,
    grade: score.grade,
    gradeDescription: gradeDescription(score),
    gauge: gaugeChart(score.score, text, score.grade),
    flags: riskFlags(score, ctx.doc.status, ctx.doc.statusDate),
    topReasons: [...score.topNegativeReasons],
    overrides: score.overrides.filter((o) => o.changed).map((o) => `${o.rule}：${o.why}`),
    coverageText: coverageText(score),
    missingCategories: missingCategories(score),
    dataAsOfText: `数据截至 ${ctx.dataDate}（距报告生成 ${ctx.dataAgeDays} 天）`,
  };
}

function coverageText(score: ScoreResult): string {
  return `${score.coverage.present}/${score.coverage.total}（${formatPercent(score.coverage.share)}）`;
}

export function summarySection(ctx: BuildContext, summary: ReportSummary): Section {
  const blocks: Block[] = [];
  if (ctx.synthetic) blocks.push({ kind: 'notice', level: 'warning', text: ctx.syntheticNotice });
  if (ctx.dataAgeDays > ctx.staleAfterDays) blocks.push({ kind: 'notice', level: 'warning', text: staleNotice(ctx) });
  blocks.push(
    { kind: 'chart', chart: summary.gauge, caption: '信用评分', alt: `信用评分 ${summary.scoreText}，等级 ${summary.grade}` },
    {
      kind: 'keyValue', columns: 2, items: [
        { label: '信用评分', value: summary.scoreText },
        { label: '信用等级', value: summary.grade },
        { label: '等级释义', value: summary.gradeDescription },
        { label: '评分卡版本', value: ctx.score.version },
        { label: '数据截至', value: `${ctx.dataDate}（距报告生成 ${ctx.dataAgeDays} 天）` },
        { label: '数据覆盖度', value: summary.coverageText },
      ],
    },
  );
  blocks.push({
    kind: 'paragraph',
    style: summary.missingCategories.length > 0 ? 'emphasis' : 'muted',
    text: summary.missingCategories.length > 0
      ? `数据源未提供以下 ${summary.missingCategories.length} 类数据（未知，不等于无记录；相应章节标注"数据源未提供"，评分计 0 分）：${summary.missingCategories.join('、')}。`
      : '数据源提供了全部数据类别。',
  });
  for (const o of summary.overrides) blocks.push({ kind: 'notice', level: 'info', text: `等级调整：${o}` });
  blocks.push({ kind: 'paragraph', text: '主要风险信号', style: 'emphasis' });
  blocks.push(summary.flags.length > 0 ? { kind: 'flags', flags: summary.flags } : { kind: 'paragraph', text: '未发现扣分风险信号。' });
  blocks.push({ kind: 'paragraph', text: '主要扣分原因', style: 'emphasis' });
  blocks.push(summary.topReasons.length > 0 ? { kind: 'list', ordered: true, items: summary.topReasons } : { kind: 'paragraph', text: '无扣分项。' });
  return { id: 'summary', title: '报告摘要', level: 1, blocks };
}

export function scoreExplanationSection(ctx: BuildContext): Section {
  const { score } = ctx;
  const factorSum = score.raw - score.base;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `本报告采用评分卡 ${score.version}（专家评分卡）：以 ${BASE_SCORE} 分为基础分，加总下列各评分因子的分值，结果限定在 0–1000 分之间，再按覆盖规则调整等级。各时间窗口均以数据截至日 ${score.dataDate} 为基准向前计算。`,
    },
    buildTable(score.factors, [
      { title: '评分因子', width: 2, cell: (f) => f.name },
      { title: '观测值', width: 2.4, cell: (f) => f.observed },
      { title: '分档', width: 1.6, cell: (f) => f.bin },
      { title: '分值', width: 0.8, align: 'right', cell: (f) => (f.points > 0 ? `+${f.points}` : String(f.points)) },
      {
        title: '依据', width: 3.2,
        cell: (f) => (f.evidence.length === 0 ? '—' : f.evidence.join('；') + (f.evidenceTotal > f.evidence.length ? `；等共 ${f.evidenceTotal} 条` : '')),
      },
    ], { cap: Number.MAX_SAFE_INTEGER }),
    {
      kind: 'keyValue', columns: 2, items: [
        { label: '基础分', value: String(score.base) },
        { label: '因子合计', value: factorSum > 0 ? `+${factorSum}` : String(factorSum) },
        { label: '原始分', value: String(score.raw) },
        { label: '限定后得分', value: String(score.clamped) },
        { label: '调整前等级', value: score.gradeBeforeOverrides },
        { label: '最终评分', value: scoreText(score) },
        { label: '最终等级', value: score.grade },
        { label: '数据覆盖度', value: coverageText(score) },
      ],
    },
  ];
  if (score.overrides.length > 0) {
    blocks.push(buildTable(score.overrides, [
      { title: '覆盖规则', width: 2.6, cell: (o) => o.rule },
      { title: '触发原因', width: 3, cell: (o) => o.why },
      { title: '调整', width: 1.6, cell: (o) => (o.changed ? `${o.gradeBefore} → ${o.gradeAfter}` : `未改变（${o.gradeAfter}）`) },
    ], { cap: Number.MAX_SAFE_INTEGER, title: '等级覆盖规则' }));
  }
  blocks.push(buildTable(GRADE_BANDS, [
    { title: '等级', width: 1, align: 'center', cell: (b) => b.grade },
    { title: '分数区间', width: 1.5, align: 'center', cell: (b) => `${b.floor}–${b.ceiling}` },
    { title: '释义', width: 2, cell: (b) => b.description },
  ], { cap: Number.MAX_SAFE_INTEGER, title: '等级对照' }));
  const missing = missingCategories(score);
  blocks.push({
    kind: 'paragraph', style: 'muted',
    text: missing.length === 0 ? '数据源提供了全部数据类别。'
      : score.version === 'v1' ? `数据源未提供以下类别，评分按"无记录"处理：${missing.join('、')}。`
      : `数据源未提供以下类别，相应评分因子计 0 分（分档"未提供"），不作为"无记录"加分：${missing.join('、')}。`,
  });
  return { id: 'score', title: '评分说明', level: 1, blocks };
}

export const DISCLAIMER = [
  '本报告依据报告生成时数据源所提供的企业公开信息编制，信息截至上述数据截至日。报告内容仅供委托客户内部参考，不构成任何投资、信贷或交易建议。',
  '信用评分与等级由评分卡依据公开记录自动计算，不代表对企业偿债能力的保证；使用者应结合其他信息独立判断。',
  '未经许可，不得将本报告全部或部分转载、复制或提供给第三方。如对报告中的信息有异议，请联系数据提供方核实。',
];

export function sourcesSection(ctx: BuildContext): Section {
  const source = ctx.synthetic
    ? '合成数据（由程序生成，仅供演示与测试，不对应任何真实企业）'
    : ctx.doc.source && ctx.doc.source.trim() !== '' ? ctx.doc.source : '企业登记、司法、税务等公开信息（经数据提供方汇集）';
  const blocks: Block[] = [];
  if (ctx.synthetic) blocks.push({ kind: 'notice', level: 'warning', text: ctx.syntheticNotice });
  if (ctx.dataAgeDays > ctx.staleAfterDays) blocks.push({ kind: 'notice', level: 'warning', text: staleNotice(ctx) });
  blocks.push(
    {
      kind: 'keyValue', columns: 1, items: [
        { label: '数据来源', value: source },
        { label: '数据截至', value: ctx.dataDate },
        { label: '报告生成时间', value: ctx.generatedAtText },
        { label: '报告编号', value: ctx.reportNo },
        { label: '评分卡版本', value: ctx.score.version },
      ],
    },
    { kind: 'paragraph', text: '声明', style: 'emphasis' },
    ...DISCLAIMER.map((text): Block => ({ kind: 'paragraph', text, style: 'muted' })),
  );
  return { id: 'sources', title: '数据来源与声明', level: 1, blocks };
}
