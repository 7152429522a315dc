/**
 * Word and LibreOffice pick a font per run, not per character: a run in Microsoft YaHei that holds
 * a CJK Extension B ideograph or an emoji shows a box unless the application's own substitution
 * happens to find a font. So characters the report font lacks get runs of their own that name a
 * font that has them, and the font table declares those fonts with an alternative name for
 * systems without them (Word on Windows has SimSun-ExtB and Segoe UI Emoji; LibreOffice on Linux
 * typically has the Noto CJK and emoji fonts).
 */
import { xmlText } from './wordml.js';

export type FallbackKind = 'cjk' | 'emoji';

export interface TextSegment {
  text: string;
  /** Set when the segment's characters are not in the main font. */
  fallback?: FallbackKind;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Splits `text` into runs of characters the main font has and runs it lacks, by kind. */
export function splitByFont(text: string, hasGlyph: (codePoint: number) => boolean): TextSegment[] {
  const segments: TextSegment[] = [];
  let current: TextSegment | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Variation selectors and joiners stay with the emoji they modify.
    const joins = current?.fallback === 'emoji' && (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff));
    const kind: FallbackKind | undefined = joins ? 'emoji' : cp <= 0x20 || hasGlyph(cp) ? undefined : EMOJI.test(ch) ? 'emoji' : 'cjk';
    if (current && current.fallback === kind) current.text += ch;
    else {
      current = kind ? { text: ch, fallback: kind } : { text: ch };
      segments.push(current);
    }
  }
  return segments;
}

/** The fonts fallback runs name, with the alternative the font table gives for each. */
export const FALLBACK_RUN_FONT: Record<FallbackKind, { name: string; altName: string }> = {
  cjk: { name: 'SimSun-ExtB', altName: 'Noto Sans CJK SC' },
  emoji: { name: 'Segoe UI Emoji', altName: 'Noto Emoji' },
};

/** `w:rFonts` of a fallback run: the same font for every script slot, hinted as East Asian for CJK. */
export function fallbackFontsXml(kind: FallbackKind): string {
  const name = xmlText(FALLBACK_RUN_FONT[kind].name);
  return `<w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:eastAsia="${name}" w:cs="${name}"${kind === 'cjk' ? ' w:hint="eastAsia"' : ''}/>`;
}

/**
 * `w:font` declarations for the font table: the main font (with its Chinese name) and the
 * fallback fonts, each with charset, family and pitch so that an application without the font
 * substitutes a similar one, and `w:altName` naming the alternative.
 */
export function fontDeclarationsXml(mainLatin: string, mainEastAsia: string): string {
  const font = (name: string, altName: string, charset: string, family: string) =>
    `<w:font w:name="${xmlText(name)}"><w:altName w:val="${xmlText(altName)}"/><w:charset w:val="${charset}"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  return (
    font(mainLatin, mainEastAsia, '86', 'swiss') +
    font(FALLBACK_RUN_FONT.cjk.name, FALLBACK_RUN_FONT.cjk.altName, '86', 'modern') +
    font(FALLBACK_RUN_FONT.emoji.name, FALLBACK_RUN_FONT.emoji.altName, '00', 'swiss')
  );
}
