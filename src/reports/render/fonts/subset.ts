import type { TrueTypeFont } from './truetype.js';

/**
 * TrueType subsetting: copy the outlines of the glyphs a document uses into a small, valid font.
 * It is cheap because glyf outlines are self-contained byte ranges: we copy them as they are and
 * only rewrite the glyph ids inside composite glyphs. (CFF subsetting, by contrast, re-encodes
 * charstrings and subroutines, which is where plain pdfkit spent its time.)
 */

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Tables copied unchanged when present (hinting programs that glyph instructions may call). */
const COPIED_TABLES = ['cvt ', 'fpgm', 'prep', 'OS/2', 'name'] as const;

export interface SubsetOptions {
  /**
   * Code point → new glyph id, written as a format-12 cmap. PDF embedding does not need a cmap
   * (CIDToGIDMap is Identity); SVG rasterising (resvg) does, to find glyphs by character.
   */
  cmap?: ReadonlyMap<number, number>;
}

/**
 * Builds a font whose glyph i is `sourceGlyphs[i]` of `font`. Components of composite glyphs are
 * appended after the listed glyphs. `sourceGlyphs[0]` should be 0 (.notdef).
 */
export function subsetTrueType(font: TrueTypeFont, sourceGlyphs: readonly number[], options: SubsetOptions = {}): Uint8Array {
  const src = font.data;
  const srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const order = [...sourceGlyphs];
  const newId = new Map<number, number>();
  order.forEach((g, i) => {
    if (!newId.has(g)) newId.set(g, i);
  });

  // Pull in components of composite glyphs (transitively), appending them at the end.
  for (let i = 0; i < order.length; i++) {
    const { offset, length } = font.glyphRange(order[i]!);
    if (length === 0 || srcView.getInt16(offset) >= 0) continue;
    forEachComponent(srcView, offset, (componentAt) => {
      const component = srcView.getUint16(componentAt);
      if (!newId.has(component)) {
        newId.set(component, order.length);
        order.push(component);
      }
    });
  }

  // glyf + loca (long offsets, every glyph padded to 4 bytes).
  let glyfLength = 0;
  for (const g of order) glyfLength += pad4(font.glyphRange(g).length);
  const glyf = new Uint8Array(glyfLength);
  const glyfView = new DataView(glyf.buffer);
  const loca = new Uint8Array((order.length + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  order.forEach((g, i) => {
    locaView.setUint32(i * 4, at);
    const { offset, length } = font.glyphRange(g);
    if (length > 0) {
      glyf.set(src.subarray(offset, offset + length), at);
      if (glyfView.getInt16(at) < 0) {
        forEachComponent(glyfView, at, (componentAt) => {
          glyfView.setUint16(componentAt, newId.get(glyfView.getUint16(componentAt))!);
        });
      }
    }
    at += pad4(length);
  });
  locaView.setUint32(order.length * 4, at);

  const hmtx = new Uint8Array(order.length * 4);
  const hmtxView = new DataView(hmtx.buffer);
  order.forEach((g, i) => {
    hmtxView.setUint16(i * 4, font.advanceWidth(g));
    hmtxView.setInt16(i * 4 + 2, leftSideBearing(srcView, font, g));
  });

  const head = copyTable(font, 'head');
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment: left 0; PDF readers and resvg do not check it
  headView.setInt16(50, 1); // long loca

  const hhea = copyTable(font, 'hhea');
  new DataView(hhea.buffer).setUint16(34, order.length);

  const maxp = copyTable(font, 'maxp');
  new DataView(maxp.buffer).setUint16(4, order.length);

  // post version 3: no glyph names (they would only add bytes).
  const post = new Uint8Array(32);
  post.set(copyTable(font, 'post').subarray(0, 32));
  new DataView(post.buffer).setUint32(0, 0x00030000);

  const tables: Array<[string, Uint8Array]> = [
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ];
  for (const tag of COPIED_TABLES) if (font.tables.has(tag)) tables.push([tag, copyTable(font, tag)]);
  if (options.cmap) tables.push(['cmap', buildCmap12(options.cmap)]);
  return writeSfnt(tables);
}

/** Calls `visit(byteOffsetOfGlyphIndex)` for each component of the composite glyph at `offset`. */
function forEachComponent(view: DataView, offset: number, visit: (glyphIndexAt: number) => void): void {
  let p = offset + 10;
  for (;;) {
    const flags = view.getUint16(p);
    visit(p + 2);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) return;
  }
}

function leftSideBearing(view: DataView, font: TrueTypeFont, glyph: number): number {
  // The glyph header's xMin equals the lsb in fonts built the usual way (flag bit 1 of head).
  const { offset, length } = font.glyphRange(glyph);
  return length > 0 ? view.getInt16(offset + 2) : 0;
}

function copyTable(font: TrueTypeFont, tag: string): Uint8Array {
  const t = font.tables.get(tag);
  if (!t) throw new Error(`font has no '${tag}' table`);
  // A real copy: Buffer#slice would share memory, and we patch these bytes.
  return Uint8Array.prototype.slice.call(font.data, t.offset, t.offset + t.length);
}

function buildCmap12(cmap: ReadonlyMap<number, number>): Uint8Array {
  const pairs = [...cmap.entries()].sort((a, b) => a[0] - b[0]);
  // Merge consecutive code points with consecutive glyph ids into one group.
  const groups: Array<[number, number, number]> = [];
  for (const [cp, gid] of pairs) {
    const last = groups[groups.length - 1];
    if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const subLength = 16 + groups.length * 12;
  const out = new Uint8Array(12 + subLength);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0); // version
  v.setUint16(2, 1); // one encoding record
  v.setUint16(4, 3); // Windows
  v.setUint16(6, 10); // UCS-4
  v.setUint32(8, 12);
  v.setUint16(12, 12); // format
  v.setUint32(16, subLength);
  v.setUint32(24, groups.length);
  groups.forEach(([start, end, gid], i) => {
    v.setUint32(28 + i * 12, start);
    v.setUint32(32 + i * 12, end);
    v.setUint32(36 + i * 12, gid);
  });
  return out;
}

/** Writes an sfnt (TrueType) file from its tables; also used to rebuild fonts decoded from WOFF2. */
export function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  tables.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const headerLength = 12 + tables.length * 16;
  let total = headerLength;
  for (const [, bytes] of tables) total += pad4(bytes.length);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, 16 * 2 ** entrySelector);
  v.setUint16(8, entrySelector);
  v.setUint16(10, n * 16 - 16 * 2 ** entrySelector);
  let at = headerLength;
  tables.forEach(([tag, bytes], i) => {
    const rec = 12 + i * 16;
    for (let j = 0; j < 4; j++) v.setUint8(rec + j, tag.charCodeAt(j));
    v.setUint32(rec + 4, checksum(bytes));
    v.setUint32(rec + 8, at);
    v.setUint32(rec + 12, bytes.length);
    out.set(bytes, at);
    at += pad4(bytes.length);
  });
  return out;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    sum = (sum + ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)) >>> 0;
  }
  let last = 0;
  for (let i = whole; i < bytes.length; i++) last |= bytes[i]! << (24 - (i - whole) * 8);
  return (sum + last) >>> 0;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
