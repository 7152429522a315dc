import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fallbackChain } from './fallback-fonts.js';
import { parseTrueType, type TrueTypeFont } from './truetype.js';

/**
 * The report typeface: Noto Sans SC (SIL OFL 1.1) from the npm package
 * `@expo-google-fonts/noto-sans-sc`, which ships static TrueType (glyf) instances. We picked it over
 * `@embedpdf/fonts-sc` because that package ships OpenType/CFF (.otf) only, and CFF subsetting was
 * the slow part of rendering (see docs/rendering.md for the measurements).
 */
export const REPORT_FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type ReportFontWeight = keyof typeof FONT_FILES;

export interface ReportFonts {
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

const require = createRequire(import.meta.url);

export function reportFontPath(weight: ReportFontWeight): string {
  return require.resolve(`${REPORT_FONT_PACKAGE}/${FONT_FILES[weight]}`);
}

let cached: ReportFonts | undefined;

function readFont(weight: ReportFontWeight): TrueTypeFont {
  const bytes = readFileSync(reportFontPath(weight));
  // A plain Uint8Array over the file's own memory (Buffer's slice semantics differ).
  return parseTrueType(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * Reads and parses both weights once per thread (≈20 MB, ~50 ms) and keeps them: every later
 * report on this thread reuses the parsed tables. Worker threads each hold their own copy.
 */
export function loadReportFonts(): ReportFonts {
  if (!cached) {
    const regular = readFont('regular');
    const bold = readFont('bold');
    // Characters the main font lacks come from the fallback chain (parsed only when needed).
    regular.fallback = fallbackChain('regular');
    bold.fallback = fallbackChain('bold');
    cached = { regular, bold };
  }
  return cached;
}
