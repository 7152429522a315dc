import type { TrueTypeFont } from './fonts/truetype.js';

/**
 * Greedy line breaking with our own font metrics. pdfkit's wrapper runs the full Unicode
 * line-break algorithm and lays text out twice (measure, then draw); a table-heavy report spends
 * most of its time there. Rules kept: break anywhere between CJK characters, keep Latin words
 * and numbers whole when they fit, drop a space at a break, let closing punctuation hang.
 */

const WORD_CHAR = /[\p{Script=Latin}\p{Nd}_.,:;!?%'"()[\]{}/\\@#$&*+=<>|~^`-]/u;
const NO_LINE_START = new Set([...'，。、；：！？）】》」』”’,.;:!?)]}%…·—']);

export function textWidth(font: TrueTypeFont, text: string, size: number): number {
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const glyph = font.glyphForCodePoint(cp);
    const fb = glyph === 0 && cp > 0x20 ? font.fallback?.(cp) : undefined;
    // A fallback glyph's advance, in the main font's units (Noto Emoji has 2048 per em).
    units += fb ? (fb.font.advanceWidth(fb.glyph) * font.metrics.unitsPerEm) / fb.font.metrics.unitsPerEm : font.advanceWidth(glyph);
  }
  return (units * size) / font.metrics.unitsPerEm;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of text) {
    if (ch !== ' ' && WORD_CHAR.test(ch)) {
      word += ch;
      continue;
    }
    if (word) {
      tokens.push(word);
      word = '';
    }
    tokens.push(ch);
  }
  if (word) tokens.push(word);
  return tokens;
}

/** Lines of `text` that each fit `maxWidth` at `size` (a single over-long character still gets a line). */
export function wrapLines(font: TrueTypeFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    for (const token of tokenize(paragraph)) {
      const w = textWidth(font, token, size);
      if (width + w <= maxWidth || (line !== '' && NO_LINE_START.has(token))) {
        if (line === '' && token === ' ') continue;
        line += token;
        width += w;
        continue;
      }
      if (token === ' ') {
        lines.push(line);
        line = '';
        width = 0;
        continue;
      }
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      width = 0;
      if (w <= maxWidth) {
        line = token;
        width = w;
        continue;
      }
      // A word longer than the line: split it by characters.
      for (const ch of token) {
        const cw = textWidth(font, ch, size);
        if (width + cw > maxWidth && line !== '') {
          lines.push(line);
          line = '';
          width = 0;
        }
        line += ch;
        width += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
