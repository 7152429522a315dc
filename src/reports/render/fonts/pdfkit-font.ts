import { subsetTrueType } from './subset.js';
import type { TrueTypeFont } from './truetype.js';

/**
 * Adapts our parsed TrueType font to the duck-typed font interface that pdfkit's EmbeddedFont
 * accepts from `doc.registerFont(name, font)` (it normally gets a fontkit font). pdfkit keeps
 * doing the PDF side (widths, ToUnicode CMap, font dictionaries); we provide layout (one glyph
 * per code point, no shaping) and the subset.
 *
 * Characters the font lacks (emoji, CJK Extension B such as 𠀋) each get their own subset slot
 * drawn with the .notdef box, so the page shows a visible placeholder while the ToUnicode map
 * still carries the real character: copy/paste and text extraction give the original text.
 */

/** Virtual glyph ids for missing characters: above any real glyph id (fonts have ≤ 65535). */
const MISSING_GLYPH_BASE = 0x10000;

interface PdfkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface PdfkitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface PdfkitFontAdapter {
  layout(text: string): { glyphs: PdfkitGlyph[]; positions: PdfkitPosition[]; advanceWidth: number };
  createSubset(): { cff: undefined; includeGlyph(id: number): number; encode(): Uint8Array };
  getGlyph(id: number): { advanceWidth: number };
  [key: string]: unknown;
}

/** The glyph id pdfkit should encode for a code point: a virtual id when the font lacks it. */
export function pdfGlyphId(font: TrueTypeFont, codePoint: number): number {
  const g = font.glyphForCodePoint(codePoint);
  return g === 0 && codePoint > 0x20 ? MISSING_GLYPH_BASE + codePoint : g;
}

/** Advance width (font units) of a glyph id from pdfGlyphId. */
export function pdfGlyphAdvance(font: TrueTypeFont, id: number): number {
  return font.advanceWidth(id >= MISSING_GLYPH_BASE ? 0 : id);
}

export function pdfkitFont(font: TrueTypeFont): PdfkitFontAdapter {
  const m = font.metrics;
  const glyphId = (cp: number) => pdfGlyphId(font, cp);
  const width = (id: number) => pdfGlyphAdvance(font, id);
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: m.unitsPerEm,
    ascent: m.ascent,
    descent: m.descent,
    lineGap: m.lineGap,
    xHeight: m.xHeight,
    capHeight: m.capHeight,
    italicAngle: m.italicAngle,
    bbox: m.bbox,
    'OS/2': { sFamilyClass: m.familyClass },
    post: { isFixedPitch: m.isFixedPitch },
    head: { macStyle: { italic: m.isItalic } },
    // pdfkit compares fonts of the same PostScript name by these; keep them distinct per font.
    _tables: { head: { checkSumAdjustment: font.postscriptName }, name: { records: font.familyName } },
    getGlyph: (id: number) => ({ advanceWidth: width(id) }),
    layout(text: string) {
      const glyphs: PdfkitGlyph[] = [];
      const positions: PdfkitPosition[] = [];
      let advanceWidth = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        const id = glyphId(cp);
        const w = width(id);
        glyphs.push({ id, advanceWidth: w, codePoints: [cp] });
        positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0 });
        advanceWidth += w;
      }
      return { glyphs, positions, advanceWidth };
    },
    createSubset() {
      const sourceGlyphs: number[] = [0];
      const ids = new Map<number, number>([[0, 0]]);
      return {
        cff: undefined,
        includeGlyph(id: number) {
          let sub = ids.get(id);
          if (sub === undefined) {
            sub = sourceGlyphs.length;
            ids.set(id, sub);
            sourceGlyphs.push(id >= MISSING_GLYPH_BASE ? 0 : id);
          }
          return sub;
        },
        encode: () => subsetTrueType(font, sourceGlyphs),
      };
    },
  };
}
