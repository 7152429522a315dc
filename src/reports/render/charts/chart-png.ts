import { Resvg } from '@resvg/resvg-js';
import type { Chart } from '../../model/types.js';
import type { ReportFonts } from '../fonts/report-fonts.js';
import { measureText } from '../fonts/outline.js';
import { layoutChart } from './chart-shapes.js';
import { chartToSvg } from './chart-svg.js';

/**
 * Pixels per layout point of the PNG. Word 2016 and later show the SVG (vector, sharp at any
 * zoom); the PNG is the fallback for older readers. Rasterising costs in proportion to the pixel
 * count: 1.6 px/pt took ~20 ms per report for two charts, 1.0 takes about a third of that.
 */
const PNG_SCALE = 1;

export interface ChartImage {
  /** The chart as SVG, text as glyph outlines (no fonts needed to show it). */
  svg: string;
  png: Uint8Array;
  /** Layout size in points (the size to show the image at). */
  width: number;
  height: number;
}

/**
 * A chart for Word: SVG plus a PNG fallback rasterised from the same SVG. Text is converted to
 * glyph outlines first, so neither resvg (`loadSystemFonts: false`) nor Word needs the font: the
 * labels look the same everywhere, Chinese included.
 */
export function renderChartPng(chart: Chart, fonts: ReportFonts): ChartImage {
  const layout = layoutChart(chart, (text, size) => measureText(fonts.regular, text, size));
  const svg = chartToSvg(layout, { text: { mode: 'outline', regular: fonts.regular, bold: fonts.bold }, scale: PNG_SCALE });
  const png = new Resvg(svg, { font: { loadSystemFonts: false }, shapeRendering: 2 }).render().asPng();
  return { svg, png: new Uint8Array(png), width: layout.width, height: layout.height };
}
