import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GaugeChart, PieChart, RadarChart, TrendChart } from '../../model/types.js';
import { layoutChart, type PathShape, type TextShape } from './chart-shapes.js';
import { chartToSvg } from './chart-svg.js';

const measure = (text: string, size: number) => [...text].length * size;
const texts = (shapes: ReturnType<typeof layoutChart>['shapes']) => shapes.filter((s): s is TextShape => s.kind === 'text').map((s) => s.text);
const paths = (shapes: ReturnType<typeof layoutChart>['shapes']) => shapes.filter((s): s is PathShape => s.kind === 'path');

const gauge: GaugeChart = {
  type: 'gauge', score: 712, scoreText: '712', grade: 'AA', min: 0, max: 1000,
  bands: [{ from: 0, to: 500, label: 'B', color: '#c62828' }, { from: 500, to: 1000, label: 'A', color: '#2e7d32' }],
};

describe('chart layout', () => {
  it('gauge: one arc per band, a needle only when rated, score and grade printed', () => {
    const rated = layoutChart(gauge, measure);
    assert.equal(paths(rated.shapes).filter((p) => p.stroke === '#c62828' || p.stroke === '#2e7d32').length, 2);
    assert.ok(texts(rated.shapes).includes('712  AA'));
    const unrated = layoutChart({ ...gauge, score: null, scoreText: '未评级', grade: '未评级' }, measure);
    assert.equal(paths(unrated.shapes).length, paths(rated.shapes).length - 2, 'no needle and hub');
    assert.ok(texts(unrated.shapes).includes('未评级  未评级'));
  });

  it('pie: a full circle for a single holder, slices otherwise, long legend labels shortened', () => {
    const single: PieChart = { type: 'pie', labels: ['张三'], values: [100], valueTexts: ['100.00%'], colors: ['#1f4e79'] };
    const one = paths(layoutChart(single, measure).shapes).filter((p) => p.fill === '#1f4e79');
    assert.equal(one.length, 2); // the disc and the legend swatch
    assert.match(one[0]!.d, /A70 70 0 1 0/);
    const long = '某'.repeat(80);
    const two: PieChart = { type: 'pie', labels: [long, '李四'], values: [60, 40], valueTexts: ['60.00%', '40.00%'], colors: ['#111111', '#222222'] };
    const layout = layoutChart(two, measure);
    assert.ok(texts(layout.shapes).some((t) => t.endsWith('…') && t.length < long.length));
    assert.match(paths(layout.shapes).find((p) => p.fill === '#111111')!.d, / 0 1 1 /, 'the larger slice takes the large arc');
  });

  it('trend: a gap where a year has no figure, every year on the axis', () => {
    const trend: TrendChart = { type: 'trend', years: ['2021', '2022', '2023'], unit: '万元', series: [{ name: '营业收入', values: [100, null, 300], color: '#123456' }] };
    const layout = layoutChart(trend, measure);
    const line = paths(layout.shapes).find((p) => p.stroke === '#123456' && p.strokeWidth === 1.6)!;
    assert.equal(line.d.match(/M/g)?.length, 2, 'the line restarts after the gap');
    for (const y of trend.years) assert.ok(texts(layout.shapes).includes(y));
  });

  it('radar: a ring per value, a closed filled outline when every axis is known, a gap and no fill where one is not', () => {
    const radar: RadarChart = { type: 'radar', axes: ['甲', '乙', '丙', '丁', '戊'], values: [80, 60, 100, 40, 90], valueTexts: ['80', '60', '100', '40', '90'], max: 100, rings: [50, 100], color: '#123456' };
    const full = layoutChart(radar, measure);
    assert.equal(paths(full.shapes).filter((p) => p.fill === '#dbe7f3').length, 1, 'one filled polygon');
    assert.match(paths(full.shapes).find((p) => p.stroke === '#123456')!.d, /^M.*Z$/);
    assert.equal(paths(full.shapes).filter((p) => p.fill === '#123456').length, 5, 'a point per axis');
    for (const a of radar.axes) assert.ok(texts(full.shapes).includes(a));
    const gap = layoutChart({ ...radar, values: [80, 60, 100, 40, null], valueTexts: ['80', '60', '100', '40', '未能分析'] }, measure);
    assert.equal(paths(gap.shapes).filter((p) => p.fill === '#dbe7f3').length, 0, 'no area pretending a value');
    assert.equal(paths(gap.shapes).filter((p) => p.stroke === '#123456').length, 3, 'only segments between known neighbours');
    assert.equal(paths(gap.shapes).filter((p) => p.fill === '#123456').length, 4);
    assert.ok(texts(gap.shapes).includes('未能分析'));
  });

  it('SVG output escapes label text and keeps the layout size', () => {
    const pie: PieChart = { type: 'pie', labels: ['A&B <C>'], values: [1], valueTexts: ['100%'], colors: ['#000000'] };
    const svg = chartToSvg(layoutChart(pie, measure), { text: { mode: 'text', fontFamily: 'X' } });
    assert.ok(svg.includes('A&amp;B &lt;C&gt;'));
    assert.match(svg, /^<svg [^>]*viewBox="0 0 480 170"/);
  });
});
