/**
 * A minimal TrueType (glyf-outline) font reader: just what the report renderers need to lay out
 * text and to cut a subset. We parse the font once per thread and keep it, because opening a
 * 10 MB CJK font with fontkit and letting it subset per document was most of the render time.
 *
 * Deliberately not supported: CFF outlines (OTTO), variable fonts, shaping (GSUB/GPOS, kerning).
 * Chinese text needs none of them; Latin runs lose kerning, which a report can live without.
 */

export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  xHeight: number;
  capHeight: number;
  italicAngle: number;
  isFixedPitch: boolean;
  isItalic: boolean;
  familyClass: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface TrueTypeFont {
  readonly data: Uint8Array;
  readonly postscriptName: string;
  readonly familyName: string;
  readonly numGlyphs: number;
  readonly metrics: FontMetrics;
  /** Table tag → [offset, length] in `data`. */
  readonly tables: ReadonlyMap<string, { offset: number; length: number }>;
  /** Glyph id for a code point; 0 (.notdef) when the font has no glyph for it. */
  glyphForCodePoint(codePoint: number): number;
  /** Advance width in font units. */
  advanceWidth(glyphId: number): number;
  /** Byte range of a glyph's outline inside `data` (length 0 for an empty glyph). */
  glyphRange(glyphId: number): { offset: number; length: number };
  /**
   * For a code point this font lacks: the font further down the report's fallback chain that has
   * it (set by `loadReportFonts`, see fallback-fonts.ts); undefined when none has it.
   */
  fallback?: (codePoint: number) => FallbackGlyph | undefined;
}

/** A code point found in a fallback font: which font of the chain (1-based) and its glyph there. */
export interface FallbackGlyph {
  index: number;
  font: TrueTypeFont;
  glyph: number;
}

export class FontFormatError extends Error {
  override name = 'FontFormatError';
}

export function parseTrueType(data: Uint8Array): TrueTypeFont {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sfntVersion = view.getUint32(0);
  if (sfntVersion !== 0x00010000 && sfntVersion !== 0x74727565 /* 'true' */) {
    throw new FontFormatError(
      `not a TrueType (glyf) font: sfnt version 0x${sfntVersion.toString(16)}` +
        (sfntVersion === 0x4f54544f ? ' (OTTO: CFF outlines are not supported by the fast path)' : ''),
    );
  }
  const numTables = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(data[rec]!, data[rec + 1]!, data[rec + 2]!, data[rec + 3]!);
    tables.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new FontFormatError(`font has no '${tag}' table`);
    return t;
  };

  const head = table('head').offset;
  const unitsPerEm = view.getUint16(head + 18);
  const bbox = {
    minX: view.getInt16(head + 36),
    minY: view.getInt16(head + 38),
    maxX: view.getInt16(head + 40),
    maxY: view.getInt16(head + 42),
  };
  const macStyle = view.getUint16(head + 44);
  const longLoca = view.getInt16(head + 50) === 1;

  const hhea = table('hhea').offset;
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const numGlyphs = view.getUint16(table('maxp').offset + 4);

  const hmtx = table('hmtx').offset;
  const advances = new Uint16Array(numGlyphs);
  for (let g = 0; g < numGlyphs; g++) {
    advances[g] = view.getUint16(hmtx + Math.min(g, numberOfHMetrics - 1) * 4);
  }

  const loca = table('loca').offset;
  const glyf = table('glyf').offset;
  const glyphOffsets = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) {
    glyphOffsets[g] = longLoca ? view.getUint32(loca + g * 4) : view.getUint16(loca + g * 2) * 2;
  }

  const os2 = tables.get('OS/2');
  let xHeight = 0;
  let capHeight = 0;
  let familyClass = 0;
  if (os2) {
    familyClass = view.getInt16(os2.offset + 30);
    if (view.getUint16(os2.offset) >= 2 && os2.length >= 90) {
      xHeight = view.getInt16(os2.offset + 86);
      capHeight = view.getInt16(os2.offset + 88);
    }
  }
  const post = tables.get('post');
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;
  const isFixedPitch = post ? view.getUint32(post.offset + 12) !== 0 : false;

  const names = readNames(view, data, table('name').offset);
  const cmap = readCmap(view, table('cmap').offset);

  return {
    data,
    postscriptName: names.postscript ?? 'UnnamedFont',
    familyName: names.family ?? names.postscript ?? 'UnnamedFont',
    numGlyphs,
    tables,
    metrics: {
      unitsPerEm,
      ascent: view.getInt16(hhea + 4),
      descent: view.getInt16(hhea + 6),
      lineGap: view.getInt16(hhea + 8),
      xHeight,
      capHeight,
      italicAngle,
      isFixedPitch,
      isItalic: (macStyle & 2) !== 0,
      familyClass,
      bbox,
    },
    glyphForCodePoint: cmap,
    advanceWidth: (g) => advances[g] ?? advances[0]!,
    glyphRange: (g) => {
      const start = glyphOffsets[g] ?? 0;
      const end = glyphOffsets[g + 1] ?? start;
      return { offset: glyf + start, length: end - start };
    },
  };
}

function readNames(view: DataView, data: Uint8Array, name: number): { postscript?: string; family?: string } {
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  const out: { postscript?: string; family?: string } = {};
  for (let i = 0; i < count; i++) {
    const rec = name + 6 + i * 12;
    const platform = view.getUint16(rec);
    const nameId = view.getUint16(rec + 6);
    if (nameId !== 1 && nameId !== 6) continue;
    const length = view.getUint16(rec + 8);
    const offset = strings + view.getUint16(rec + 10);
    let text: string;
    if (platform === 3 || platform === 0) {
      let s = '';
      for (let j = 0; j + 1 < length; j += 2) s += String.fromCharCode(view.getUint16(offset + j));
      text = s;
    } else if (platform === 1) {
      text = String.fromCharCode(...data.subarray(offset, offset + length));
    } else continue;
    // Prefer the Windows (3) record, which is what PDF readers show.
    if (nameId === 6 && (out.postscript === undefined || platform === 3)) out.postscript = text;
    if (nameId === 1 && (out.family === undefined || platform === 3)) out.family = text;
  }
  return out;
}

/** Builds a code point → glyph id look-up from the best Unicode cmap subtable (format 12, else 4). */
function readCmap(view: DataView, cmap: number): (codePoint: number) => number {
  const count = view.getUint16(cmap + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = cmap + view.getUint32(rec + 4);
    const format = view.getUint16(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 = sub;
    else if (format === 4) format4 = sub;
  }
  // The BMP goes into a flat array (one look-up per character); the rest into a Map.
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    for (let i = 0; i < groups; i++) {
      const g = format12 + 16 + i * 12;
      const start = view.getUint32(g);
      const end = view.getUint32(g + 4);
      const glyph = view.getUint32(g + 8);
      for (let cp = start; cp <= end; cp++) {
        if (cp < 0x10000) bmp[cp] = glyph + (cp - start);
        else astral.set(cp, glyph + (cp - start));
      }
    }
  } else if (format4 >= 0) {
    const segX2 = view.getUint16(format4 + 6);
    const ends = format4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      const end = view.getUint16(ends + s);
      const start = view.getUint16(starts + s);
      const delta = view.getInt16(deltas + s);
      const rangeOffset = view.getUint16(rangeOffsets + s);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
        else {
          const at = rangeOffsets + s + rangeOffset + (cp - start) * 2;
          glyph = view.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        bmp[cp] = glyph;
      }
    }
  } else {
    throw new FontFormatError('font has no Unicode cmap (format 4 or 12)');
  }
  return (cp) => (cp < 0x10000 ? bmp[cp]! : (astral.get(cp) ?? 0));
}
