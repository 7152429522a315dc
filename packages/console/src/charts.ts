import { h, s } from './dom.js';

export interface DayCount { readonly day: string; readonly label: string; readonly n: number }

const PALETTE = ['#2f6fde', '#e0a020', '#d24b4b', '#3a9d6a', '#8a5cd0', '#3bb3c4', '#c0568f', '#7c8a99'];

/** Known Status colours: success green, pending amber, failures red. */
const FIXED: Record<string, string> = { '200': '#3a9d6a', S: '#3a9d6a', P: '#e0a020', F: '#d24b4b' };

/**
 * A stacked bar chart per day, drawn as SVG elements (no library, no HTML strings). The legend
 * and each bar's title say the numbers, so the chart is readable without colour.
 */
export function stackedBars(title: string, days: readonly string[], counts: readonly DayCount[]): HTMLElement {
  const labels = [...new Set(counts.map((c) => c.label))].sort();
  const colour = (label: string, i: number) => FIXED[label] ?? PALETTE[i % PALETTE.length]!;
  const totals = days.map((d) => counts.filter((c) => c.day === d).reduce((a, c) => a + c.n, 0));
  const max = Math.max(1, ...totals);
  const W = 560, H = 180, pad = 24, bw = (W - pad) / days.length;
  const bars = days.flatMap((d, i) => {
    let y = H - pad;
    return labels.map((label, li) => {
      const n = counts.find((c) => c.day === d && c.label === label)?.n ?? 0;
      if (n === 0) return null;
      const bh = ((H - pad * 2) * n) / max;
      y -= bh;
      return s('rect', { x: pad + i * bw + 2, y, width: Math.max(1, bw - 4), height: bh, fill: colour(label, li) }, s('title', {}, `${d} ${label}: ${n}`));
    });
  });
  const axis = days.map((d, i) => (i % 2 === days.length % 2 ? null : s('text', { x: pad + i * bw + bw / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, d.slice(5))));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart' },
    s('line', { x1: pad, y1: H - pad, x2: W, y2: H - pad, class: 'baseline' }),
    s('text', { x: 2, y: pad, class: 'axis' }, String(max)),
    ...bars, ...axis);
  const legend = h('ul', { class: 'legend' }, ...labels.map((label, li) => {
    const sum = counts.filter((c) => c.label === label).reduce((a, c) => a + c.n, 0);
    // Through CSSOM, not a style attribute: the CSP allows no inline style.
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = colour(label, li);
    return h('li', {}, swatch, `${label}: ${sum}`);
  }));
  return h('figure', { class: 'card chart-card' }, h('figcaption', {}, title), svg, labels.length ? legend : h('p', { class: 'muted' }, '—'));
}
