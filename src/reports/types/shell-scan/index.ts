/**
 * The 空壳扫描报告 plug-in (report type 4): the 空壳风险指数 and its indicators on the first pages,
 * then the credit report's evidence chapters they rest on. Pure: the producer hands in the snapshot
 * and the store-wide counts (inputs.sharedCounts; absent → those indicators are unknown).
 */
import type { BarChart, ReportModel, Section } from '../../model/types.js';
import { refuseShellScan } from '../eligibility.js';
import type { ReportInputs, ReportTypePlugin } from '../report-type.js';
import { creditBase } from '../shared/credit-base.js';
import { evidenceChapters, retitledModel, table, verdictHead } from '../shared/evidence.js';
import { shellScan, SHELL_LEVEL_THRESHOLDS, type ShellScanVerdict } from './indicators.js';

export { shellScan, type ShellIndicator, type ShellScanVerdict } from './indicators.js';

export const SHELL_SCAN_TITLE = '空壳扫描报告';

/** The credit report's chapters the indicators rest on, in its order. */
const EVIDENCE = ['basic', 'shareholders', 'personnel', 'changes', 'annual-reports', 'business-risk', 'operations', 'sources'];

const HIT_TEXT = (hit: boolean | null): string => (hit === true ? '命中' : hit === false ? '未命中' : '未知');
const HIT_COLOR = (hit: boolean | null): string => (hit === true ? '#c62828' : hit === false ? '#9e9e9e' : '#f9a825');

export function indexText(verdict: ShellScanVerdict): string {
  return verdict.unknownWeight === 0 ? `${verdict.index}` : `${verdict.index}（至少；未知指标权重 ${verdict.unknownWeight}，最高 ${verdict.indexMax}）`;
}

export function levelText(verdict: ShellScanVerdict): string {
  return verdict.levelCertain ? verdict.level : `${verdict.level}（未知指标可能使等级升高）`;
}

export function shellScanSections(verdict: ShellScanVerdict): Section[] {
  const hits = verdict.indicators.filter((i) => i.hit === true);
  const unknown = verdict.indicators.filter((i) => i.hit === null);
  const chart: BarChart = {
    type: 'bar',
    labels: verdict.indicators.map((i) => i.title),
    values: verdict.indicators.map((i) => i.weight),
    valueTexts: verdict.indicators.map((i) => `${i.weight}（${HIT_TEXT(i.hit)}）`),
    colors: verdict.indicators.map((i) => HIT_COLOR(i.hit)),
    unit: '分',
  };
  return [
    {
      id: 'shell-scan',
      title: '空壳扫描结论',
      level: 1,
      blocks: [
        ...verdictHead(verdict.level === '低' && verdict.levelCertain, `空壳风险指数 ${indexText(verdict)}，风险等级：${levelText(verdict)}`, [
          { label: '空壳风险指数', value: indexText(verdict) },
          { label: '风险等级', value: levelText(verdict) },
          { label: '命中指标', value: hits.length === 0 ? '无' : hits.map((i) => i.title).join('、') },
          { label: '未知指标', value: unknown.length === 0 ? '无' : unknown.map((i) => i.title).join('、') },
        ]),
        // The chart before the table: a table breaks across pages (its header repeated), a chart cannot, and after a
        // long evidence table it left most of a page blank and landed on the next.
        { kind: 'chart', chart, caption: '指标权重（红：命中；灰：未命中；黄：数据未知）', alt: `指标权重：${verdict.indicators.map((i) => `${i.title} ${i.weight} ${HIT_TEXT(i.hit)}`).join('，')}` },
        table(
          [['指标', 3], ['权重', 1, 'center'], ['结果', 1.2, 'center'], ['依据', 7]],
          verdict.indicators.map((i) => [i.title, String(i.weight), HIT_TEXT(i.hit), i.evidence]),
          '空壳指标',
        ),
        {
          kind: 'paragraph',
          style: 'muted',
          text: `空壳风险指数为命中指标权重之和（0–100）；≥ ${SHELL_LEVEL_THRESHOLDS.high} 为高，≥ ${SHELL_LEVEL_THRESHOLDS.medium} 为中，其余为低。数据源未提供的指标记为未知，不计为未命中；集中注册地、共用联系方式与法定代表人名下企业数按本库全部企业统计（docs/report-types.md）。`,
        },
      ],
    },
  ];
}

export function shellScanModel(credit: ReportModel, verdict: ShellScanVerdict): ReportModel {
  return retitledModel(credit, SHELL_SCAN_TITLE, [{ label: '空壳风险', value: `指数 ${indexText(verdict)}，等级 ${levelText(verdict)}` }], [
    ...shellScanSections(verdict),
    ...evidenceChapters(credit, EVIDENCE),
  ]);
}

export function buildShellScanReport(inputs: ReportInputs): { model: ReportModel; verdict: ShellScanVerdict } {
  const { credit } = creditBase(inputs);
  const verdict = shellScan(inputs.snapshot.doc, inputs.snapshot.dataDate, inputs.sharedCounts);
  return { model: shellScanModel(credit, verdict), verdict };
}

export const shellScanReportType: ReportTypePlugin<ShellScanVerdict> = {
  code: 4,
  slug: 'shell-scan',
  title: SHELL_SCAN_TITLE,
  verdictKey: 'shellScan',
  reads: ['sharedCounts'],
  refuse: refuseShellScan,
  build: buildShellScanReport,
};
