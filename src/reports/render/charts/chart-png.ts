import { Resvg } from '@resvg/resvg-js';
import type { Chart } from '../../model/types.js';
import type { ReportFonts } from '../fonts/report-fonts.js';
import { measureText } from '../fonts/outline.js';
import { layoutChart } from './chart-shapes.js';
import { chartToSvg } from './chart-svg.js';

/**
 * Pixels per layout point: 96/72, so Word at 100% zoom shows one image pixel per screen pixel.
 * Rasterising costs in proportion to the pixel count (1.6 took ~1.5× the time of this).
 */
const PNG_SCALE = 96 / 72;

export interface ChartImage {
  png: Uint8Array;
  /** Layout size in points (the size to show the image at). */
  width: number;
  height: number;
}

/**
 * A chart as a PNG for Word. Text is converted to glyph outlines first, so resvg needs no fonts
 * (`loadSystemFonts: false`): the labels look the same on every machine, Chinese included.
 */
export function renderChartPng(chart: Chart, fonts: ReportFonts): ChartImage {
  const layout = layoutChart(chart, (text, size) => measureText(fonts.regular, text, size));
  const svg = chartToSvg(layout, { text: { mode: 'outline', regular: fonts.regular, bold: fonts.bold }, scale: PNG_SCALE });
  const png = new Resvg(svg, { font: { loadSystemFonts: false }, shapeRendering: 2 }).render().asPng();
  return { png: new Uint8Array(png), width: layout.width, height: layout.height };
}
