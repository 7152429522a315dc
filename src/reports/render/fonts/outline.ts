import type { TrueTypeFont } from './truetype.js';

/**
 * Turns text into SVG path data from the font's own glyph outlines. Chart images for Word are SVG
 * rasterised by resvg; giving resvg the 10 MB CJK font cost ~30 ms per chart (it indexes the font
 * each time), while outlines we already hold cost microseconds and need no font at all.
 */

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const ARGS_ARE_XY_VALUES = 0x0002;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export type TextAnchor = 'start' | 'middle' | 'end';

/** Advance width of `text` at `size` (user units), one glyph per code point, no kerning. */
export function measureText(font: TrueTypeFont, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += font.advanceWidth(font.glyphForCodePoint(ch.codePointAt(0)!));
  return (units * size) / font.metrics.unitsPerEm;
}

const glyphPathCache = new WeakMap<TrueTypeFont, Map<number, string>>();

/** A glyph's outline as SVG path data in font units (y up), cached per font and glyph. */
export function glyphPath(font: TrueTypeFont, glyph: number): string {
  let cache = glyphPathCache.get(font);
  if (!cache) {
    cache = new Map();
    glyphPathCache.set(font, cache);
  }
  let d = cache.get(glyph);
  if (d === undefined) {
    const parts: string[] = [];
    // Font units, y up: the caller's transform scales and flips.
    appendGlyph(font, glyph, 0, 0, parts, 0);
    d = parts.join('');
    cache.set(glyph, d);
  }
  return d;
}

/**
 * SVG elements drawing `text` with its baseline at (x, y) (y down, as in SVG): one path per glyph,
 * its cached outline placed by a transform. Characters the font lacks are skipped.
 */
export function textToSvg(font: TrueTypeFont, text: string, x: number, y: number, size: number, anchor: TextAnchor, fill: string): string {
  const scale = size / font.metrics.unitsPerEm;
  const width = measureText(font, text, size);
  let penX = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  let out = '';
  for (const ch of text) {
    const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
    const d = glyph === 0 ? '' : glyphPath(font, glyph);
    if (d) out += `<path fill="${fill}" transform="matrix(${round(scale * 1000) / 1000} 0 0 ${round(-scale * 1000) / 1000} ${round(penX)} ${round(y)})" d="${d}"/>`;
    penX += font.advanceWidth(glyph) * scale;
  }
  return out;
}

function appendGlyph(font: TrueTypeFont, glyph: number, dx: number, dy: number, out: string[], depth: number): void {
  const { offset, length } = font.glyphRange(glyph);
  if (length === 0 || depth > 4) return;
  const view = new DataView(font.data.buffer, font.data.byteOffset, font.data.byteLength);
  const contours = view.getInt16(offset);
  if (contours < 0) {
    // Composite: place each component at its x/y offset (scaled components are rare in this
    // font and drawn unscaled; point-matched anchors are not supported).
    let p = offset + 10;
    for (;;) {
      const flags = view.getUint16(p);
      const component = view.getUint16(p + 2);
      let argX: number;
      let argY: number;
      if (flags & ARG_1_AND_2_ARE_WORDS) {
        argX = view.getInt16(p + 4);
        argY = view.getInt16(p + 6);
        p += 8;
      } else {
        argX = view.getInt8(p + 4);
        argY = view.getInt8(p + 5);
        p += 6;
      }
      if (flags & WE_HAVE_A_SCALE) p += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
      if (flags & ARGS_ARE_XY_VALUES) appendGlyph(font, component, dx + argX, dy + argY, out, depth + 1);
      if (!(flags & MORE_COMPONENTS)) return;
    }
  }
  const endPts: number[] = [];
  let p = offset + 10;
  for (let i = 0; i < contours; i++, p += 2) endPts.push(view.getUint16(p));
  const pointCount = contours > 0 ? endPts[contours - 1]! + 1 : 0;
  p += 2 + view.getUint16(p); // skip instructions
  const flags = new Uint8Array(pointCount);
  for (let i = 0; i < pointCount; ) {
    const f = view.getUint8(p++);
    flags[i++] = f;
    if (f & REPEAT) {
      let n = view.getUint8(p++);
      while (n-- > 0 && i < pointCount) flags[i++] = f;
    }
  }
  const xs = new Float64Array(pointCount);
  const ys = new Float64Array(pointCount);
  let v = 0;
  for (let i = 0; i < pointCount; i++) {
    const f = flags[i]!;
    if (f & X_SHORT) v += f & X_SAME_OR_POSITIVE ? view.getUint8(p++) : -view.getUint8(p++);
    else if (!(f & X_SAME_OR_POSITIVE)) {
      v += view.getInt16(p);
      p += 2;
    }
    xs[i] = v;
  }
  v = 0;
  for (let i = 0; i < pointCount; i++) {
    const f = flags[i]!;
    if (f & Y_SHORT) v += f & Y_SAME_OR_POSITIVE ? view.getUint8(p++) : -view.getUint8(p++);
    else if (!(f & Y_SAME_OR_POSITIVE)) {
      v += view.getInt16(p);
      p += 2;
    }
    ys[i] = v;
  }
  const px = (i: number) => xs[i]! + dx;
  const py = (i: number) => ys[i]! + dy;
  let start = 0;
  for (const end of endPts) {
    out.push(contourPath(start, end, flags, px, py));
    start = end + 1;
  }
}

/** One closed quadratic contour; consecutive off-curve points imply an on-curve midpoint. */
function contourPath(start: number, end: number, flags: Uint8Array, px: (i: number) => number, py: (i: number) => number): string {
  const n = end - start + 1;
  if (n < 2) return '';
  const on = (i: number) => (flags[start + (((i % n) + n) % n)]! & ON_CURVE) !== 0;
  const X = (i: number) => px(start + (((i % n) + n) % n));
  const Y = (i: number) => py(start + (((i % n) + n) % n));
  // Start at an on-curve point, or at the midpoint of the first two off-curve points.
  let first = 0;
  while (first < n && !on(first)) first++;
  let sx: number;
  let sy: number;
  if (first === n) {
    sx = round((X(0) + X(1)) / 2);
    sy = round((Y(0) + Y(1)) / 2);
    first = 0;
  } else {
    sx = X(first);
    sy = Y(first);
  }
  let d = `M${sx} ${sy}`;
  for (let k = 1; k <= n; k++) {
    const i = first + k;
    if (on(i)) {
      d += `L${X(i)} ${Y(i)}`;
      continue;
    }
    const next = i + 1;
    if (on(next)) {
      d += `Q${X(i)} ${Y(i)} ${X(next)} ${Y(next)}`;
      k++;
    } else {
      d += `Q${X(i)} ${Y(i)} ${round((X(i) + X(next)) / 2)} ${round((Y(i) + Y(next)) / 2)}`;
    }
  }
  return d + 'Z';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
