import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTrueType, type FallbackGlyph, type TrueTypeFont } from './truetype.js';

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
 * No npm package ships a TrueType font with all of Extension B (42,720 ideographs); a character
 * none of these has still prints as the main font's .notdef box with its real Unicode value in
 * the PDF's ToUnicode map, so it is extracted and copied correctly.
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

/**
 * The fallback look-up for one weight: code point → the first fallback font that has it.
 * Characters the main font has never get here (the caller checks the main font first).
 */
export function fallbackChain(weight: FallbackWeight, load: (index: number) => TrueTypeFont = (i) => readFont(fallbackFontPath(i, weight))): (codePoint: number) => FallbackGlyph | undefined {
  const fonts: Array<TrueTypeFont | undefined> = [];
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
    found.set(codePoint, hit);
    return hit ?? undefined;
  };
}
