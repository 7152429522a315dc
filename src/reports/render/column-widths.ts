import type { TrueTypeFont } from './fonts/truetype.js';
import { longestTokenWidth, textWidth } from './text-wrap.js';

/**
 * Table column widths from the content, shared by the PDF and Word renderers. Short columns
 * (dates, case numbers, amounts, courts, states) get the width of their widest cell so that they
 * stay on one line; the long free-text columns share what is left and wrap. Relative widths fixed
 * in advance wrapped case numbers and courts into three lines while 案由 stood half empty.
 */

export interface ColumnMeasure {
  /** Width of the widest unbreakable piece (a case number, a number with its unit), padding included. */
  min: number;
  /** Width of the widest cell on one line, padding included. */
  max: number;
}

/**
 * A wrapping column is not squeezed below this share of the table width (less when the table has
 * many columns), unless its text is shorter.
 */
const FLOOR_SHARE = 0.18;
const FLOOR_SHARE_MANY = 0.6;
/** A single unbreakable piece never claims more than this share (a long URL wraps instead). */
const MIN_CAP_SHARE = 0.45;

export function measureColumns(
  fonts: { header: TrueTypeFont; body: TrueTypeFont },
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  size: number,
  padding: number,
  total: number,
): ColumnMeasure[] {
  const max = header.map((title, i) => {
    // Header titles may wrap between characters; body cells set both bounds.
    let widest = textWidth(fonts.header, title, size);
    for (const row of rows) {
      const cell = row[i] ?? '';
      const w = cell.includes('\n') ? Math.max(...cell.split('\n').map((l) => textWidth(fonts.body, l, size))) : textWidth(fonts.body, cell, size);
      if (w > widest) widest = w;
    }
    return widest + padding;
  });
  // When every cell fits on one line the unbreakable pieces do not matter: skip tokenizing.
  if (max.reduce((a, w) => a + w, 0) <= total) return max.map((m) => ({ min: 0, max: m }));
  return max.map((m, i) => {
    let min = 0;
    for (const row of rows) {
      const w = longestTokenWidth(fonts.body, row[i] ?? '', size);
      if (w > min) min = w;
    }
    min = Math.min(min + padding, total * MIN_CAP_SHARE);
    return { min, max: Math.max(m, min) };
  });
}

/** Widths that add up to `total`. */
export function fitColumns(measures: readonly ColumnMeasure[], total: number): number[] {
  const n = measures.length;
  if (n === 0) return [];
  const sumMax = measures.reduce((a, m) => a + m.max, 0);
  if (sumMax <= total) {
    // Everything fits on one line: spread the spare width in proportion.
    return measures.map((m) => m.max + ((total - sumMax) * m.max) / sumMax);
  }
  const floorWidth = total * Math.min(FLOOR_SHARE, FLOOR_SHARE_MANY / n);
  // What a column gets at least: its unbreakable pieces, and a readable width if its text is longer.
  const floors = measures.map((m) => Math.max(m.min, Math.min(m.max, floorWidth)));
  const floorSum = floors.reduce((a, f) => a + f, 0);
  if (floorSum >= total) return floors.map((f) => (total * f) / floorSum);
  // Water-filling: one cap T for all columns; a column whose one-line width is below T keeps it
  // (dates, case numbers, amounts, courts), every longer one gets T (or its floor). The longest
  // texts wrap, and they wrap evenly, so no single column grows a row to many lines.
  const widthAt = (cap: number) => measures.map((m, i) => Math.min(m.max, Math.max(floors[i]!, cap)));
  let lo = 0;
  let hi = total;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (widthAt(mid).reduce((a, w) => a + w, 0) > total) hi = mid;
    else lo = mid;
  }
  const widths = widthAt(lo);
  // Rounding left-over goes to the widest column.
  const spare = total - widths.reduce((a, w) => a + w, 0);
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] = widths[widest]! + spare;
  return widths;
}
