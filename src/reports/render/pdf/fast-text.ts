import { pdfGlyphAdvance, pdfGlyphId, pdfkitFont } from '../fonts/pdfkit-font.js';
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
 * page's y-down base transform. It also wraps this document's addContent/addPage/switchToPage/end
 * so that pending runs are written before anything pdfkit draws. The renderer tests (text of every
 * page, headers and footers, TOC against the outline) catch a pdfkit upgrade that changes them.
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
  /** Operators not yet written: one `q … Q` batch, so runs share BT blocks and font/colour state. */
  private pending: string[] = [];
  private inText = false;
  private font: string | null = null;
  private fill: string | null = null;
  private readonly write: (data: string) => void;
  /** Fallback fonts registered with this document so far, by name (`R1`, `B3`, …). */
  private readonly fallbacks = new Map<string, { pdf: EmbeddedFontInternals; ttf: TrueTypeFont }>();

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
    // Whatever pdfkit draws itself, and any page change, must come after our pending operators:
    // this document's own addContent/addPage/switchToPage flush the batch first.
    const target = doc as unknown as Record<'addContent' | 'addPage' | 'switchToPage' | 'end', (...args: unknown[]) => unknown>;
    const addContent = target.addContent.bind(doc);
    this.write = (data) => void addContent(data);
    for (const method of ['addContent', 'addPage', 'switchToPage', 'end'] as const) {
      const original = target[method].bind(doc);
      target[method] = (...args: unknown[]) => {
        this.flush();
        return original(...args);
      };
    }
  }

  /** Writes pending operators to the current page. */
  flush(): void {
    if (this.pending.length === 0) return;
    if (this.inText) this.pending.push('ET');
    this.write(`q\n${this.pending.join('\n')}\nQ`);
    this.pending = [];
    this.inText = false;
    this.font = null;
    this.fill = null;
  }

  /** pdfkit's embedded font for fallback font `index` of weight `key`, registered on first use. */
  private fallbackFont(key: 'R' | 'B', index: number, ttf: TrueTypeFont): { pdf: EmbeddedFontInternals; ttf: TrueTypeFont } {
    const name = `${key}${index}`;
    let entry = this.fallbacks.get(name);
    if (!entry) {
      const doc = this.doc as unknown as DocInternals & PDFKit.PDFDocument;
      doc.registerFont(name, pdfkitFont(ttf) as unknown as PDFKit.Mixins.PDFFontSource);
      doc.font(name);
      entry = { pdf: doc._font, ttf };
      this.fallbacks.set(name, entry);
    }
    return entry;
  }

  /**
   * Draws `text` with the top of its line box at `top` (as pdfkit's text() places it). Characters
   * the main font lacks are drawn from the fallback font that has them, as separate runs placed
   * after the preceding glyphs' advance.
   */
  text(key: 'R' | 'B', text: string, x: number, top: number, size: number, color: string): void {
    const main = this.fonts[key];
    let current = main;
    let hex = '';
    let runX = x;
    let advance = 0; // of the current run, in text space units
    const runs: Array<{ pdf: EmbeddedFontInternals; ttf: TrueTypeFont; hex: string; x: number }> = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let face = main;
      let id = main.ttf.glyphForCodePoint(cp);
      if (id === 0 && cp > 0x20) {
        const fb = main.ttf.fallback?.(cp);
        if (fb) {
          face = this.fallbackFont(key, fb.index, fb.font);
          id = fb.glyph;
        } else id = pdfGlyphId(main.ttf, cp);
      }
      if (face !== current) {
        if (hex !== '') runs.push({ ...current, hex, x: runX });
        runX += advance;
        advance = 0;
        hex = '';
        current = face;
      }
      const { pdf, ttf } = face;
      const gid = pdf.subset.includeGlyph(id);
      if (pdf.widths[gid] == null) pdf.widths[gid] = pdfGlyphAdvance(ttf, id) * pdf.scale;
      if (pdf.unicode[gid] == null) pdf.unicode[gid] = [cp];
      advance += (pdfGlyphAdvance(ttf, id) * size) / ttf.metrics.unitsPerEm;
      hex += gid < 0x10 ? `000${gid.toString(16)}` : gid < 0x100 ? `00${gid.toString(16)}` : gid < 0x1000 ? `0${gid.toString(16)}` : gid.toString(16);
    }
    if (hex !== '') runs.push({ ...current, hex, x: runX });
    if (runs.length === 0) return;
    const doc = this.doc as unknown as DocInternals;
    // One baseline for the whole line: the main font's, so fallback glyphs sit on the same line.
    const baseline = top + (main.ttf.metrics.ascent / main.ttf.metrics.unitsPerEm) * size;
    if (!this.inText) {
      this.pending.push('BT');
      this.inText = true;
    }
    if (color !== this.fill) {
      this.pending.push(`${rgb(color)} rg`);
      this.fill = color;
    }
    for (const run of runs) {
      doc.page.fonts[run.pdf.id] ??= run.pdf.ref();
      const font = `/${run.pdf.id} ${num(size)} Tf`;
      if (font !== this.font) {
        this.pending.push(font);
        this.font = font;
      }
      // The page's base transform is y-down; a text matrix with d = -1 sets the glyphs upright
      // again (pdfkit instead wraps every run in a flipping cm).
      this.pending.push(`1 0 0 -1 ${num(run.x)} ${num(baseline)} Tm <${run.hex}> Tj`);
    }
  }

  private endText(): void {
    if (this.inText) {
      this.pending.push('ET');
      this.inText = false;
    }
  }

  /** A filled rectangle (y-down page coordinates). */
  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.endText();
    if (fill !== this.fill) {
      this.pending.push(`${rgb(fill)} rg`);
      this.fill = fill;
    }
    this.pending.push(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re f`);
  }

  /** A straight rule. */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color: string): void {
    this.endText();
    this.pending.push(`${num(width)} w ${rgb(color)} RG ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }
}
