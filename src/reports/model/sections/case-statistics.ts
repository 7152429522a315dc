/**
 * Statistics for a large set of judgments: how many as plaintiff and as defendant, by year, by
 * cause, and the amounts (summed per currency, never across currencies), with a bar chart of cases
 * per year. A table of 600 judgments capped at 20 rows says little; these figures say the rest.
 */
import type { CompanyDocument } from '../../../companies/document.js';
import { currencyKey, toFen } from '../../score/money.js';
import { PALETTE } from '../charts.js';
import { formatFenByCurrency } from '../format.js';
import { buildTable } from '../tables.js';
import type { BarChart, Block } from '../types.js';

type Judgment = NonNullable<CompanyDocument['judgments']>[number];

interface Tally {
  count: number;
  plaintiff: number;
  defendant: number;
  amounts: Map<string, number>;
}

function newTally(): Tally {
  return { count: 0, plaintiff: 0, defendant: 0, amounts: new Map() };
}

function add(t: Tally, j: Judgment): void {
  t.count += 1;
  if (j.role === 'plaintiff') t.plaintiff += 1;
  else if (j.role === 'defendant') t.defendant += 1;
  const fen = toFen(j.amount);
  if (fen !== undefined) {
    const key = currencyKey(j.amount);
    t.amounts.set(key, (t.amounts.get(key) ?? 0) + fen);
  }
}

/** Causes shown by name; the rest are summed as 其他. */
const TOP_CAUSES = 10;
/** Years in the chart (the most recent). */
const CHART_YEARS = 10;

export function judgmentStatistics(judgments: readonly Judgment[]): Block[] {
  const all = newTally();
  const asDefendant = newTally();
  const byYear = new Map<string, Tally>();
  const byCause = new Map<string, Tally>();
  for (const j of judgments) {
    add(all, j);
    if (j.role === 'defendant') add(asDefendant, j);
    const year = /^\d{4}/.test(j.date) ? j.date.slice(0, 4) : '日期不详';
    let y = byYear.get(year);
    if (!y) byYear.set(year, (y = newTally()));
    add(y, j);
    const cause = (j.cause ?? '').trim() || '案由不详';
    let c = byCause.get(cause);
    if (!c) byCause.set(cause, (c = newTally()));
    add(c, j);
  }
  const other = all.count - all.plaintiff - all.defendant;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `案件统计（全部 ${all.count} 件裁判文书）`, style: 'emphasis' },
    {
      kind: 'keyValue', columns: 2, items: [
        { label: '作为原告', value: `${all.plaintiff} 件` },
        { label: '作为被告', value: `${all.defendant} 件` },
        { label: '第三人及其他', value: `${other} 件` },
        { label: '涉案金额合计', value: formatFenByCurrency(all.amounts) },
        { label: '作为被告涉案金额', value: formatFenByCurrency(asDefendant.amounts) },
      ],
    },
  ];
  const years = [...byYear.entries()].sort((a, b) => b[0].localeCompare(a[0]));
  blocks.push(buildTable(years, [
    { title: '年度', width: 1, cell: ([y]) => y },
    { title: '件数', width: 0.8, align: 'right', cell: ([, t]) => String(t.count) },
    { title: '作为原告', width: 0.9, align: 'right', cell: ([, t]) => String(t.plaintiff) },
    { title: '作为被告', width: 0.9, align: 'right', cell: ([, t]) => String(t.defendant) },
    { title: '涉案金额', width: 2.4, align: 'right', cell: ([, t]) => formatFenByCurrency(t.amounts) },
  ], { cap: Number.MAX_SAFE_INTEGER, title: '按年度' }));
  const causes = [...byCause.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const shownCauses = causes.slice(0, TOP_CAUSES);
  if (causes.length > TOP_CAUSES) {
    const rest = newTally();
    for (const [, t] of causes.slice(TOP_CAUSES)) {
      rest.count += t.count;
      rest.plaintiff += t.plaintiff;
      rest.defendant += t.defendant;
      for (const [k, v] of t.amounts) rest.amounts.set(k, (rest.amounts.get(k) ?? 0) + v);
    }
    shownCauses.push([`其他 ${causes.length - TOP_CAUSES} 类案由`, rest]);
  }
  blocks.push(buildTable(shownCauses, [
    { title: '案由', width: 2.4, cell: ([c]) => c },
    { title: '件数', width: 0.8, align: 'right', cell: ([, t]) => String(t.count) },
    { title: '作为被告', width: 0.9, align: 'right', cell: ([, t]) => String(t.defendant) },
    { title: '涉案金额', width: 2.4, align: 'right', cell: ([, t]) => formatFenByCurrency(t.amounts) },
  ], { cap: Number.MAX_SAFE_INTEGER, title: '按案由' }));
  const chartYears = years.filter(([y]) => /^\d{4}$/.test(y)).slice(0, CHART_YEARS).reverse();
  if (chartYears.length > 1) {
    const chart: BarChart = {
      type: 'bar',
      labels: chartYears.map(([y]) => `${y} 年`),
      values: chartYears.map(([, t]) => t.count),
      valueTexts: chartYears.map(([, t]) => `${t.count} 件（被告 ${t.defendant}）`),
      colors: chartYears.map(() => PALETTE[0]!),
      unit: '件',
    };
    blocks.push({ kind: 'chart', chart, caption: '裁判文书数量（按年度）', alt: `裁判文书数量按年度：${chartYears.map(([y, t]) => `${y} 年 ${t.count} 件，其中被告 ${t.defendant} 件`).join('；')}` });
  }
  return blocks;
}
