import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseTrueType, type FallbackGlyph, type TrueTypeFont } from './truetype.js';
import { parseWoff2 } from './woff2.js';

/**
 * Fonts for the characters Noto Sans SC lacks, tried in this order, all SIL OFL 1.1 and installed
 * from npm as static TrueType instances (`@expo-google-fonts/*`, like the main font):
 *
 * - Noto Sans HK: the same design as the main font, with the ~1,700 CJK Extension B ideographs of
 *   HKSCS (rare characters in personal and place names);
 * - Noto Sans JP: ~350 further Extension B ideographs of JIS X 0213 (𠀋 U+2000B among them);
 * - Noto Emoji: monochrome outline emoji (pdfkit cannot draw colour emoji, and a credit report
 *   prints in one colour anyway).
 *
 * - HanaMin A/B (花園明朝, from GlyphWiki; npm package `hanamin`, see docs/rendering.md for its
 *   licence): last, for everything the Noto fonts lack, above all the rest of CJK Extension B and
 *   Extensions C–F. The package splits the fonts by Unicode block into ~200 WOFF2 files; its
 *   HanaMin.css says which code points each file covers, and we read only the file a character
 *   needs (decoded from WOFF2 by woff2.ts).
 *
 * A character none of these has still prints as the main font's .notdef box with its real
 * Unicode value in the PDF's ToUnicode map, so it is extracted and copied correctly.
 *
 * Each font is read and parsed only when the first character that needs it appears (the HK and
 * JP fonts are 5–7 MB each), then kept for the thread's lifetime.
 */
export const FALLBACK_FONTS = [
  { package: '@expo-google-fonts/noto-sans-hk', regular: '400Regular/NotoSansHK_400Regular.ttf', bold: '700Bold/NotoSansHK_700Bold.ttf' },
  { package: '@expo-google-fonts/noto-sans-jp', regular: '400Regular/NotoSansJP_400Regular.ttf', bold: '700Bold/NotoSansJP_700Bold.ttf' },
  { package: '@expo-google-fonts/noto-emoji', regular: '400Regular/NotoEmoji_400Regular.ttf', bold: '700Bold/NotoEmoji_700Bold.ttf' },
] as const;

export type FallbackWeight = 'regular' | 'bold';

const require = createRequire(import.meta.url);

export function fallbackFontPath(index: number, weight: FallbackWeight): string {
  const spec = FALLBACK_FONTS[index];
  if (!spec) throw new RangeError(`no fallback font ${index}`);
  return require.resolve(`${spec.package}/${spec[weight]}`);
}

function readFont(path: string): TrueTypeFont {
  const bytes = readFileSync(path);
  return parseTrueType(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export const HANAMIN_PACKAGE = 'hanamin';

/** One HanaMin WOFF2 file and the code point ranges HanaMin.css assigns to it. */
export interface HanaMinFile {
  file: string;
  ranges: Array<[number, number]>;
}

let hanaMinTable: HanaMinFile[] | undefined;

/**
 * The HanaMin files and their ranges, read once from the package's HanaMin.css (`url(X.woff2)`
 * followed by `unicode-range: U+a-b, U+c, …` in each @font-face).
 */
export function hanaMinFiles(): HanaMinFile[] {
  if (!hanaMinTable) {
    const css = readFileSync(join(hanaMinDir(), 'HanaMin.css'), 'utf8');
    const table: HanaMinFile[] = [];
    for (const face of css.matchAll(/url\(([^)]+\.woff2)\)[^;]*;\s*unicode-range:\s*([^;}]+)/g)) {
      const ranges = face[2]!.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
      });
      table.push({ file: face[1]!, ranges });
    }
    if (table.length === 0) throw new Error(`no @font-face ranges found in ${HANAMIN_PACKAGE}/HanaMin.css`);
    hanaMinTable = table;
  }
  return hanaMinTable;
}

function hanaMinDir(): string {
  return dirname(require.resolve(`${HANAMIN_PACKAGE}/package.json`));
}

/** Index into hanaMinFiles() of the file whose ranges include the code point, or -1. */
export function hanaMinFileFor(codePoint: number): number {
  return hanaMinFiles().findIndex((f) => f.ranges.some(([a, b]) => codePoint >= a && codePoint <= b));
}

/** Reads and decodes HanaMin file `index` of hanaMinFiles(). */
export function readHanaMin(index: number): TrueTypeFont {
  const file = hanaMinFiles()[index]!.file;
  const bytes = readFileSync(join(hanaMinDir(), file));
  const font = parseWoff2(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Every HanaMinB file calls itself "HanaMinB", and pdfkit treats fonts of one PostScript name
  // as one font (the second file's glyphs would be drawn and mapped from the first's subset), so
  // each file gets its own name: HanaMinB-CJK-Unified-Ideographs-Extension-E-1.
  return { ...font, postscriptName: file.replace(/\.woff2$/, '').replace(/\./g, '-') };
}

/**
 * The fallback look-up for one weight: code point → the first fallback font that has it.
 * Characters the main font has never get here (the caller checks the main font first).
 * HanaMin has one weight; bold text uses the same files (each decoded once per chain).
 * Fallback indexes: 1–3 the Noto fonts, 4 + i HanaMin file i.
 */
export function fallbackChain(
  weight: FallbackWeight,
  load: (index: number) => TrueTypeFont = (i) => readFont(fallbackFontPath(i, weight)),
  loadHanaMin: (fileIndex: number) => TrueTypeFont = readHanaMin,
): (codePoint: number) => FallbackGlyph | undefined {
  const fonts: Array<TrueTypeFont | undefined> = [];
  const hanaMin = new Map<number, TrueTypeFont>();
  const found = new Map<number, FallbackGlyph | null>();
  return (codePoint) => {
    let hit = found.get(codePoint);
    if (hit !== undefined) return hit ?? undefined;
    hit = null;
    for (let i = 0; i < FALLBACK_FONTS.length; i++) {
      const font = (fonts[i] ??= load(i));
      const glyph = font.glyphForCodePoint(codePoint);
      if (glyph !== 0) {
        hit = { index: i + 1, font, glyph };
        break;
      }
    }
    if (!hit) {
      const file = hanaMinFileFor(codePoint);
      if (file >= 0) {
        let font = hanaMin.get(file);
        if (!font) hanaMin.set(file, (font = loadHanaMin(file)));
        const glyph = font.glyphForCodePoint(codePoint);
        if (glyph !== 0) hit = { index: FALLBACK_FONTS.length + 1 + file, font, glyph };
      }
    }
    found.set(codePoint, hit);
    return hit ?? undefined;
  };
}
