import { pdfGlyphAdvance, pdfGlyphId } from '../fonts/pdfkit-font.js';
import type { TrueTypeFont } from '../fonts/truetype.js';

/**
 * Writes text runs, rules and filled boxes straight into the page content stream. A report has
 * a few thousand short runs (table cells); pdfkit's `text()` spends most of a render on each
 * run's option handling, layout copies and colour bookkeeping. Here one run is one glyph-id
 * look-up per character and a few operators.
 *
 * This leans on pdfkit internals, deliberately and in one place: the EmbeddedFont's `subset`,
 * `widths`, `unicode`, `scale`, `id` and `ref()`, which its own `encode()` fills the same way (so
 * the font dictionary, widths and ToUnicode map that pdfkit writes at the end stay right), and the
 * page's y-down base transform. The renderer tests (text extraction of every section) catch a
 * pdfkit upgrade that changes them.
 */

interface EmbeddedFontInternals {
  id: string;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFontInternals;
  page: { fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

const rgbCache = new Map<string, string>();

/** `#rrggbb` → `r g b` with three decimals, as PDF colour operands. */
export function rgb(hex: string): string {
  let v = rgbCache.get(hex);
  if (v === undefined) {
    const n = parseInt(hex.slice(1), 16);
    v = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => +(c / 255).toFixed(3)).join(' ');
    rgbCache.set(hex, v);
  }
  return v;
}

const num = (n: number) => +n.toFixed(2);

export class FastPdfText {
  private readonly fonts: Record<'R' | 'B', { pdf: EmbeddedFontInternals; ttf: TrueTypeFont }>;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    regular: TrueTypeFont,
    bold: TrueTypeFont,
  ) {
    const internals = doc as unknown as DocInternals;
    doc.font('B');
    const b = internals._font;
    doc.font('R');
    const r = internals._font;
    this.fonts = { R: { pdf: r, ttf: regular }, B: { pdf: b, ttf: bold } };
  }

  /** Draws `text` with the top of its line box at `top` (as pdfkit's text() places it). */
  text(key: 'R' | 'B', text: string, x: number, top: number, size: number, color: string): void {
    const { pdf, ttf } = this.fonts[key];
    let hex = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const id = pdfGlyphId(ttf, cp);
      const gid = pdf.subset.includeGlyph(id);
      if (pdf.widths[gid] == null) pdf.widths[gid] = pdfGlyphAdvance(ttf, id) * pdf.scale;
      if (pdf.unicode[gid] == null) pdf.unicode[gid] = [cp];
      hex += gid < 0x10 ? `000${gid.toString(16)}` : gid < 0x100 ? `00${gid.toString(16)}` : gid < 0x1000 ? `0${gid.toString(16)}` : gid.toString(16);
    }
    if (hex === '') return;
    const doc = this.doc as unknown as DocInternals;
    doc.page.fonts[pdf.id] ??= pdf.ref();
    const baseline = top + (ttf.metrics.ascent / ttf.metrics.unitsPerEm) * size;
    // The page's base transform is y-down; a text matrix with d = -1 sets the glyphs upright
    // again (pdfkit instead wraps every run in a flipping cm). q/Q keeps our colour to this run.
    doc.addContent(`q ${rgb(color)} rg BT /${pdf.id} ${num(size)} Tf 1 0 0 -1 ${num(x)} ${num(baseline)} Tm <${hex}> Tj ET Q`);
  }

  /** A filled rectangle (y-down page coordinates). */
  rect(x: number, y: number, w: number, h: number, fill: string): void {
    (this.doc as unknown as DocInternals).addContent(`q ${rgb(fill)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`);
  }

  /** A straight rule. */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color: string): void {
    (this.doc as unknown as DocInternals).addContent(`q ${num(width)} w ${rgb(color)} RG ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }
}
