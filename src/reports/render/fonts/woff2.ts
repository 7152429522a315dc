import * as fontkit from 'fontkit';
import { writeSfnt } from './subset.js';
import { parseTrueType, type TrueTypeFont } from './truetype.js';

/**
 * WOFF2 → TrueType, so our sfnt reader and subsetter can use the HanaMin fallback fonts, which npm
 * ships only as WOFF2. fontkit (pdfkit's own dependency) does the Brotli decompression and the
 * WOFF2 glyf transform; it keeps the decoded glyphs as points, so we write them back as plain glyf
 * outlines. Hinting instructions are dropped (a PDF viewer does not need them). This reaches into
 * fontkit's WOFF2 internals (`_decompress`, `_transformGlyfTable`), which is why fontkit is pinned
 * in package.json and the fallback-font test decodes a real file.
 */

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
  endContour?: boolean;
}
interface Component {
  glyphID: number;
  dx: number;
  dy: number;
  scaleX: number;
  scaleY: number;
  scale01: number;
  scale10: number;
}
interface DecodedGlyph {
  numberOfContours: number;
  points?: Point[];
  components?: Component[];
}
interface Woff2Internals {
  directory: { tables: Record<string, { offset: number; length: number; transformed?: boolean }> };
  stream: { buffer: Uint8Array };
  numGlyphs: number;
  _decompress(): void;
  _transformGlyfTable(): void;
  _transformedGlyphs: DecodedGlyph[];
}

/** Tables copied as they are (only glyf and loca are transformed in WOFF2 files we read). */
const KEPT_TABLES = ['head', 'hhea', 'maxp', 'hmtx', 'cmap', 'name', 'post', 'OS/2'] as const;

export function woff2ToTrueType(woff2: Uint8Array): Uint8Array {
  const font = fontkit.create(Buffer.from(woff2.buffer, woff2.byteOffset, woff2.byteLength)) as unknown as Woff2Internals;
  if (!font.directory?.tables?.glyf) throw new Error('not a WOFF2 font with TrueType (glyf) outlines');
  font._decompress();
  const raw = font.stream.buffer;
  const tables: Array<[string, Uint8Array]> = [];
  for (const tag of KEPT_TABLES) {
    const t = font.directory.tables[tag];
    if (!t) continue;
    if (t.transformed && tag === 'hmtx') throw new Error('WOFF2 transformed hmtx is not supported');
    tables.push([tag, Uint8Array.prototype.slice.call(raw, t.offset, t.offset + t.length)]);
  }
  let glyphs: DecodedGlyph[];
  if (font.directory.tables.glyf.transformed) {
    font._transformGlyfTable();
    glyphs = font._transformedGlyphs;
  } else {
    throw new Error('WOFF2 with an untransformed glyf table is not supported');
  }
  const encoded = glyphs.map(encodeGlyph);
  const glyfLength = encoded.reduce((n, g) => n + ((g.length + 3) & ~3), 0);
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array((encoded.length + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  encoded.forEach((g, i) => {
    locaView.setUint32(i * 4, at);
    glyf.set(g, at);
    at += (g.length + 3) & ~3;
  });
  locaView.setUint32(encoded.length * 4, at);
  const head = tables.find(([tag]) => tag === 'head')![1];
  new DataView(head.buffer, head.byteOffset).setInt16(50, 1); // long loca
  tables.push(['glyf', glyf], ['loca', loca]);
  return writeSfnt(tables);
}

export function parseWoff2(woff2: Uint8Array): TrueTypeFont {
  return parseTrueType(woff2ToTrueType(woff2));
}

function encodeGlyph(glyph: DecodedGlyph): Uint8Array {
  if (glyph.numberOfContours > 0 && glyph.points?.length) return encodeSimple(glyph.points);
  if (glyph.numberOfContours < 0 && glyph.components?.length) return encodeComposite(glyph.components);
  return new Uint8Array(0);
}

/** A simple glyph: every coordinate as a 16-bit delta (larger than optimal, but simple and exact). */
function encodeSimple(points: Point[]): Uint8Array {
  const ends: number[] = [];
  points.forEach((p, i) => {
    if (p.endContour || i === points.length - 1) ends.push(i);
  });
  const dedupEnds = [...new Set(ends)];
  const n = points.length;
  const out = new Uint8Array(10 + dedupEnds.length * 2 + 2 + n + n * 4);
  const v = new DataView(out.buffer);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  v.setInt16(0, dedupEnds.length);
  v.setInt16(2, Math.min(...xs));
  v.setInt16(4, Math.min(...ys));
  v.setInt16(6, Math.max(...xs));
  v.setInt16(8, Math.max(...ys));
  let p = 10;
  for (const e of dedupEnds) {
    v.setUint16(p, e);
    p += 2;
  }
  v.setUint16(p, 0); // no instructions
  p += 2;
  for (const pt of points) out[p++] = pt.onCurve ? 1 : 0;
  let last = 0;
  for (const x of xs) {
    v.setInt16(p, x - last);
    last = x;
    p += 2;
  }
  last = 0;
  for (const y of ys) {
    v.setInt16(p, y - last);
    last = y;
    p += 2;
  }
  return out;
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const ARGS_ARE_XY_VALUES = 0x0002;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function encodeComposite(components: Component[]): Uint8Array {
  const out = new Uint8Array(10 + components.length * 16);
  const v = new DataView(out.buffer);
  v.setInt16(0, -1);
  // The bbox is not known without resolving components; PDF viewers compute their own.
  let p = 10;
  components.forEach((c, i) => {
    const scaled = c.scaleX !== 1 || c.scaleY !== 1 || c.scale01 !== 0 || c.scale10 !== 0;
    const flags = ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES | (scaled ? WE_HAVE_A_TWO_BY_TWO : 0) | (i < components.length - 1 ? MORE_COMPONENTS : 0);
    v.setUint16(p, flags);
    v.setUint16(p + 2, c.glyphID);
    v.setInt16(p + 4, c.dx);
    v.setInt16(p + 6, c.dy);
    p += 8;
    if (scaled) {
      for (const s of [c.scaleX, c.scale01, c.scale10, c.scaleY]) {
        v.setInt16(p, Math.round(s * 16384));
        p += 2;
      }
    }
  });
  return out.subarray(0, p);
}
