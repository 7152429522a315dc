import type { BarChart, Chart, EquityTreeChart, EquityTreeRow, GaugeChart, PieChart, RadarChart, TrendChart } from '../../model/types.js';

/**
 * Chart layout, once, as a list of primitive shapes in a width × height box (y pointing down).
 * The PDF renderer draws the shapes as vector graphics with pdfkit, the Word renderer turns them
 * into SVG and rasterises it, the HTML rendition inlines the SVG: one geometry, three outputs.
 */

export type Anchor = 'start' | 'middle' | 'end';

export interface PathShape {
  kind: 'path';
  /** SVG path data (M, L, A, Q, Z; absolute coordinates). */
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
}

export interface TextShape {
  kind: 'text';
  /** Baseline position. */
  x: number;
  y: number;
  text: string;
  size: number;
  anchor: Anchor;
  color: string;
  bold?: boolean;
}

export type Shape = PathShape | TextShape;

/** Measures text width in the box's units; the layout needs it to fit legends and labels. */
export type MeasureText = (text: string, size: number) => number;

export interface ChartLayout {
  width: number;
  height: number;
  shapes: Shape[];
}

const TEXT = '#333333';
const MUTED = '#777777';
const GRID = '#dddddd';

/** The box each chart type is laid out in (points; the PDF draws it 1:1). */
export function chartSize(chart: Chart): { width: number; height: number } {
  switch (chart.type) {
    case 'gauge':
      return { width: 260, height: 160 };
    case 'pie':
      return { width: 480, height: 170 };
    case 'bar':
      return { width: 480, height: Math.max(60, 26 + chart.labels.length * barPitch(chart.labels.length)) };
    case 'trend':
      return { width: 480, height: 190 };
    case 'equityTree':
      return { width: 480, height: TREE_TOP + chart.rows.length * TREE_ROW + 4 };
    case 'radar':
      return { width: 320, height: 190 };
  }
}

export function layoutChart(chart: Chart, measure: MeasureText): ChartLayout {
  const { width, height } = chartSize(chart);
  let shapes: Shape[];
  switch (chart.type) {
    case 'gauge':
      shapes = gaugeShapes(chart, width, height);
      break;
    case 'pie':
      shapes = pieShapes(chart, width, height, measure);
      break;
    case 'bar':
      shapes = barShapes(chart, width, measure);
      break;
    case 'trend':
      shapes = trendShapes(chart, width, height, measure);
      break;
    case 'equityTree':
      shapes = equityTreeShapes(chart, width, measure);
      break;
    case 'radar':
      shapes = radarShapes(chart, width, height, measure);
      break;
  }
  return { width, height, shapes };
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

function polar(cx: number, cy: number, r: number, angle: number): [number, number] {
  return [r2(cx + r * Math.cos(angle)), r2(cy - r * Math.sin(angle))];
}

function gaugeShapes(chart: GaugeChart, width: number, height: number): Shape[] {
  const cx = width / 2;
  const cy = height - 36;
  const r = 100;
  const span = chart.max - chart.min || 1;
  const angleOf = (v: number) => Math.PI * (1 - (Math.min(Math.max(v, chart.min), chart.max) - chart.min) / span);
  const shapes: Shape[] = [];
  for (const band of chart.bands) {
    const [x0, y0] = polar(cx, cy, r, angleOf(band.from));
    const [x1, y1] = polar(cx, cy, r, angleOf(band.to));
    shapes.push({ kind: 'path', d: `M${x0} ${y0}A${r} ${r} 0 0 1 ${x1} ${y1}`, stroke: band.color, strokeWidth: 16 });
    const [lx, ly] = polar(cx, cy, r + 16, angleOf((band.from + band.to) / 2));
    shapes.push({ kind: 'text', x: lx, y: r2(ly + 3), text: band.label, size: 7, anchor: 'middle', color: MUTED });
  }
  if (chart.score !== null) {
    const a = angleOf(chart.score);
    const [nx, ny] = polar(cx, cy, r - 22, a);
    const [bx0, by0] = polar(cx, cy, 5, a + Math.PI / 2);
    const [bx1, by1] = polar(cx, cy, 5, a - Math.PI / 2);
    shapes.push({ kind: 'path', d: `M${bx0} ${by0}L${nx} ${ny}L${bx1} ${by1}Z`, fill: '#444444' });
    shapes.push({ kind: 'path', d: circlePath(cx, cy, 6), fill: '#444444' });
  }
  shapes.push({ kind: 'text', x: cx, y: cy + 26, text: `${chart.scoreText}  ${chart.grade}`, size: 16, anchor: 'middle', color: TEXT, bold: true });
  shapes.push({ kind: 'text', x: cx - r, y: cy + 12, text: String(chart.min), size: 7, anchor: 'middle', color: MUTED });
  shapes.push({ kind: 'text', x: cx + r, y: cy + 12, text: String(chart.max), size: 7, anchor: 'middle', color: MUTED });
  return shapes;
}

function circlePath(cx: number, cy: number, r: number): string {
  return `M${r2(cx - r)} ${cy}A${r} ${r} 0 1 0 ${r2(cx + r)} ${cy}A${r} ${r} 0 1 0 ${r2(cx - r)} ${cy}Z`;
}

/** Shortens `text` with an ellipsis until it fits `maxWidth`. */
function fit(text: string, size: number, maxWidth: number, measure: MeasureText): string {
  if (measure(text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && measure(chars.join('') + '…', size) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

function pieShapes(chart: PieChart, width: number, height: number, measure: MeasureText): Shape[] {
  const cx = 85;
  const cy = height / 2;
  const r = 70;
  const total = chart.values.reduce((a, b) => a + Math.max(0, b), 0);
  const shapes: Shape[] = [];
  if (total <= 0) {
    shapes.push({ kind: 'path', d: circlePath(cx, cy, r), fill: GRID });
  } else {
    let angle = Math.PI / 2;
    chart.values.forEach((value, i) => {
      const share = Math.max(0, value) / total;
      if (share <= 0) return;
      const color = chart.colors[i % chart.colors.length] ?? '#888888';
      if (share >= 0.9999) {
        shapes.push({ kind: 'path', d: circlePath(cx, cy, r), fill: color });
        return;
      }
      const next = angle - share * 2 * Math.PI;
      const [x0, y0] = polar(cx, cy, r, angle);
      const [x1, y1] = polar(cx, cy, r, next);
      const large = share > 0.5 ? 1 : 0;
      shapes.push({ kind: 'path', d: `M${cx} ${cy}L${x0} ${y0}A${r} ${r} 0 ${large} 1 ${x1} ${y1}Z`, fill: color, stroke: '#ffffff', strokeWidth: 0.8 });
      angle = next;
    });
  }
  const legendX = 190;
  const rows = chart.labels.length;
  const rowHeight = Math.min(18, (height - 10) / Math.max(rows, 1));
  let y = cy - (rows * rowHeight) / 2 + rowHeight / 2;
  chart.labels.forEach((label, i) => {
    const color = chart.colors[i % chart.colors.length] ?? '#888888';
    shapes.push({ kind: 'path', d: `M${legendX} ${r2(y - 7)}h9v9h-9Z`, fill: color });
    const valueText = chart.valueTexts[i] ?? '';
    shapes.push({ kind: 'text', x: width - 4, y: r2(y + 1), text: valueText, size: 8.5, anchor: 'end', color: TEXT });
    const room = width - 4 - legendX - 16 - measure(valueText, 8.5) - 10;
    shapes.push({ kind: 'text', x: legendX + 15, y: r2(y + 1), text: fit(label, 8.5, room, measure), size: 8.5, anchor: 'start', color: TEXT });
    y += rowHeight;
  });
  return shapes;
}

/**
 * Vertical pitch of a bar row: 22 pt for a few bars; 17 pt (a 9 pt bar) past six, so that a long
 * list (the shell scan's ten indicators) stays on the page with the table it summarises.
 */
function barPitch(bars: number): number {
  return bars > 6 ? 17 : 22;
}

function barShapes(chart: BarChart, width: number, measure: MeasureText): Shape[] {
  const labelWidth = 150;
  const valueWidth = 70;
  const x0 = labelWidth + 8;
  const plotWidth = width - x0 - valueWidth;
  const max = Math.max(...chart.values.map((v) => Math.abs(v)), 0) || 1;
  const shapes: Shape[] = [];
  const pitch = barPitch(chart.labels.length);
  const bar = pitch - 8;
  chart.labels.forEach((label, i) => {
    const y = 10 + i * pitch;
    const value = chart.values[i] ?? 0;
    const w = r2((Math.abs(value) / max) * plotWidth);
    shapes.push({ kind: 'text', x: labelWidth, y: y + bar / 2 + 4, text: fit(label, 8.5, labelWidth, measure), size: 8.5, anchor: 'end', color: TEXT });
    shapes.push({ kind: 'path', d: `M${x0} ${y + 2}h${Math.max(w, 0.5)}v${bar}h-${Math.max(w, 0.5)}Z`, fill: chart.colors[i % chart.colors.length] ?? '#4f81bd' });
    shapes.push({ kind: 'text', x: r2(x0 + w + 4), y: y + bar / 2 + 6, text: chart.valueTexts[i] ?? '', size: 8, anchor: 'start', color: MUTED });
  });
  shapes.push({ kind: 'path', d: `M${x0} 6V${14 + chart.labels.length * pitch}`, stroke: '#999999', strokeWidth: 0.6 });
  return shapes;
}

/** A readable tick step (1, 2 or 5 × 10^n) giving about `count` intervals. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

function tickText(n: number): string {
  return Math.abs(n) >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1);
}

function trendShapes(chart: TrendChart, width: number, height: number, measure: MeasureText): Shape[] {
  const left = 56;
  const right = width - 12;
  const top = 28;
  const bottom = height - 22;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, 4);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const yOf = (v: number) => r2(bottom - ((v - lo) / (hi - lo)) * (bottom - top));
  const n = chart.years.length;
  const xOf = (i: number) => r2(n <= 1 ? (left + right) / 2 : left + 16 + (i * (right - left - 32)) / (n - 1));
  const shapes: Shape[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) {
    const y = yOf(v);
    shapes.push({ kind: 'path', d: `M${left} ${y}H${right}`, stroke: v === 0 ? '#999999' : GRID, strokeWidth: 0.6 });
    shapes.push({ kind: 'text', x: left - 4, y: y + 3, text: tickText(v), size: 7, anchor: 'end', color: MUTED });
  }
  shapes.push({ kind: 'text', x: left - 4, y: top - 10, text: chart.unit, size: 7, anchor: 'end', color: MUTED });
  chart.years.forEach((year, i) => shapes.push({ kind: 'text', x: xOf(i), y: bottom + 13, text: year, size: 7.5, anchor: 'middle', color: TEXT }));
  let legendX = left + 10;
  for (const series of chart.series) {
    let d = '';
    let penDown = false;
    series.values.forEach((v, i) => {
      if (v === null) {
        penDown = false;
        return;
      }
      d += `${penDown ? 'L' : 'M'}${xOf(i)} ${yOf(v)}`;
      penDown = true;
      shapes.push({ kind: 'path', d: circlePath(xOf(i), yOf(v), 2.2), fill: series.color });
    });
    if (d) shapes.push({ kind: 'path', d, stroke: series.color, strokeWidth: 1.6 });
    shapes.push({ kind: 'path', d: `M${legendX} 10h14`, stroke: series.color, strokeWidth: 2 });
    shapes.push({ kind: 'text', x: legendX + 18, y: 13, text: series.name, size: 8, anchor: 'start', color: TEXT });
    legendX += 30 + measure(series.name, 8);
  }
  return shapes;
}

/** Equity tree geometry: the legend's band, then one row per party. */
const TREE_TOP = 22;
const TREE_ROW = 20;
const TREE_BOX = 15;
const TREE_INDENT = 22;
const TREE_KINDS: Readonly<Record<EquityTreeRow['kind'], { fill: string; stroke: string; label: string }>> = {
  company: { fill: '#deebf7', stroke: '#2e75b6', label: '企业' },
  person: { fill: '#fbe5d6', stroke: '#c55a11', label: '自然人' },
  other: { fill: '#ededed', stroke: '#7f7f7f', label: '其他' },
};

/**
 * An indented tree (the company on top, each holder under what it holds, one row each) rather
 * than a layered org chart: any number of holders per level fits the page width, names are not
 * squeezed into narrow boxes, and the height grows with the rows only.
 */
function equityTreeShapes(chart: EquityTreeChart, width: number, measure: MeasureText): Shape[] {
  const shapes: Shape[] = [];
  let legendX = width - 4;
  for (const kind of ['other', 'person', 'company'] as const) {
    const style = TREE_KINDS[kind];
    const w = measure(style.label, 7.5);
    shapes.push({ kind: 'text', x: legendX, y: 12, text: style.label, size: 7.5, anchor: 'end', color: MUTED });
    legendX -= w + 4;
    shapes.push({ kind: 'path', d: `M${r2(legendX - 9)} 4h9v9h-9Z`, fill: style.fill, stroke: style.stroke, strokeWidth: 0.6 });
    legendX -= 18;
  }
  // The row of the latest party at each depth: a row's parent is the last one seen at depth − 1.
  const lastAtDepth: number[] = [];
  chart.rows.forEach((row, i) => {
    const top = TREE_TOP + i * TREE_ROW;
    const x = 4 + row.depth * TREE_INDENT;
    const mid = r2(top + TREE_BOX / 2);
    const parent = row.depth > 0 ? lastAtDepth[row.depth - 1] : undefined;
    if (parent !== undefined) {
      const px = 4 + (row.depth - 1) * TREE_INDENT + 8;
      shapes.push({ kind: 'path', d: `M${px} ${TREE_TOP + parent * TREE_ROW + TREE_BOX}V${mid}H${x}`, stroke: '#999999', strokeWidth: 0.7 });
    }
    lastAtDepth[row.depth] = i;
    lastAtDepth.length = row.depth + 1;
    const style = TREE_KINDS[row.kind];
    const ratio = row.ratioText ? `持股 ${row.ratioText}` : '';
    const ratioWidth = ratio ? measure(ratio, 8) + 8 : 0;
    const tailWidth = ratioWidth + (row.note ? measure(row.note, 8) + 8 : 0);
    const room = Math.max(40, width - 4 - x - 12 - tailWidth);
    const name = fit(row.name, 8.5, room, measure);
    const boxWidth = r2(measure(name, 8.5) + 12);
    shapes.push({ kind: 'path', d: `M${x} ${top}h${boxWidth}v${TREE_BOX}h-${boxWidth}Z`, fill: style.fill, stroke: style.stroke, strokeWidth: row.depth === 0 ? 1.2 : 0.7 });
    shapes.push({ kind: 'text', x: x + 6, y: r2(top + 11), text: name, size: 8.5, anchor: 'start', color: TEXT, bold: row.depth === 0 });
    if (ratio) shapes.push({ kind: 'text', x: r2(x + boxWidth + 6), y: r2(top + 11), text: ratio, size: 8, anchor: 'start', color: MUTED });
    if (row.note) shapes.push({ kind: 'text', x: r2(x + boxWidth + 6 + ratioWidth), y: r2(top + 11), text: row.note, size: 8, anchor: 'start', color: '#c55a11' });
  });
  return shapes;
}

/** Point of axis `i` of `n` at `value` (0…max), the first axis straight up, clockwise. */
function radarPoint(cx: number, cy: number, r: number, i: number, n: number, fraction: number): [number, number] {
  return polar(cx, cy, r * fraction, Math.PI / 2 - (2 * Math.PI * i) / n);
}

function radarShapes(chart: RadarChart, width: number, height: number, measure: MeasureText): Shape[] {
  const n = chart.axes.length;
  const cx = width / 2;
  const cy = height / 2 + 4;
  const r = Math.min(width, height) / 2 - 38;
  const max = chart.max > 0 ? chart.max : 1;
  const frac = (v: number) => Math.min(Math.max(v, 0), max) / max;
  const shapes: Shape[] = [];
  // Rings (polygons, as radar grids are drawn) and spokes.
  for (const ring of chart.rings) {
    const pts = chart.axes.map((_, i) => radarPoint(cx, cy, r, i, n, frac(ring)));
    shapes.push({ kind: 'path', d: `M${pts.map(([x, y]) => `${x} ${y}`).join('L')}Z`, stroke: ring === chart.max ? '#999999' : GRID, strokeWidth: 0.6 });
    const [, ly] = radarPoint(cx, cy, r, 0, n, frac(ring));
    // Left of the top spoke, just below the ring: clear of the spoke and of a point on it.
    shapes.push({ kind: 'text', x: r2(cx - 4), y: r2(ly + 7), text: String(ring), size: 6, anchor: 'end', color: MUTED });
  }
  chart.axes.forEach((_, i) => {
    const [x, y] = radarPoint(cx, cy, r, i, n, 1);
    shapes.push({ kind: 'path', d: `M${cx} ${cy}L${x} ${y}`, stroke: GRID, strokeWidth: 0.6 });
  });
  const points = chart.values.map((v, i) => (v === null ? null : radarPoint(cx, cy, r, i, n, frac(v))));
  if (points.every((p) => p !== null)) {
    const d = `M${points.map((p) => `${p![0]} ${p![1]}`).join('L')}Z`;
    shapes.push({ kind: 'path', d, fill: '#dbe7f3' });
    shapes.push({ kind: 'path', d, stroke: chart.color, strokeWidth: 1.6 });
  } else {
    // Only segments between neighbouring known values: an unknown axis is a gap, not a value.
    for (let i = 0; i < n; i++) {
      const a = points[i];
      const b = points[(i + 1) % n];
      if (a && b) shapes.push({ kind: 'path', d: `M${a[0]} ${a[1]}L${b[0]} ${b[1]}`, stroke: chart.color, strokeWidth: 1.6 });
    }
  }
  points.forEach((p) => {
    if (p) shapes.push({ kind: 'path', d: circlePath(p[0], p[1], 2.4), fill: chart.color });
  });
  chart.axes.forEach((label, i) => {
    const [x, y] = radarPoint(cx, cy, r + 12, i, n, 1);
    const anchor: Anchor = Math.abs(x - cx) < 4 ? 'middle' : x > cx ? 'start' : 'end';
    const room = anchor === 'middle' ? width : anchor === 'start' ? width - x - 2 : x - 2;
    const above = y < cy - r * 0.5;
    const labelY = above ? y - 8 : y + 2;
    shapes.push({ kind: 'text', x, y: r2(labelY), text: fit(label, 8.5, room, measure), size: 8.5, anchor, color: TEXT });
    const unknown = chart.values[i] === null;
    shapes.push({ kind: 'text', x, y: r2(labelY + 10), text: fit(chart.valueTexts[i] ?? '', 8, room, measure), size: 8, anchor, color: unknown ? '#c62828' : MUTED, bold: !unknown });
  });
  return shapes;
}
