import type { TrueTypeFont } from './fonts/truetype.js';

/**
 * Greedy line breaking with our own font metrics. pdfkit's wrapper runs the full Unicode
 * line-break algorithm and lays text out twice (measure, then draw); a table-heavy report spends
 * most of its time there. Rules kept: break anywhere between CJK characters, keep Latin words
 * and numbers whole when they fit, drop a space at a break, let closing punctuation hang.
 * Added for reports: a number stays with its unit ("90,000.00 万元" never breaks as "万 / 元", nor
 * between the number and the unit), and a case number such as （2024）浙0102民初1234号 is one
 * token, so it moves to the next line whole instead of being cut in the middle.
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

/**
 * Units printed after numbers (amounts in 万 of a currency, counts, durations), longest first so
 * that 万美元 wins over 万 and 美元.
 */
const UNITS = [
  '万新加坡元', '万瑞士法郎', '万新台币', '万澳门元', '万美元', '万港元', '万欧元', '万日元', '万英镑', '万澳元', '万人民币', '亿元', '万元', '万股',
  '新加坡元', '瑞士法郎', '新台币', '澳门元', '人民币', '美元', '港元', '欧元', '日元', '英镑', '澳元', '个月', '元', '万', '亿', '股', '件', '条', '次', '天',
  '日', '年', '月', '人', '家', '项', '倍', '分', '岁', '%', '％',
].sort((a, b) => b.length - a.length);

/** A court case number: （2024）浙0102民初1234号, (2023)京73知民初12号之一. */
const CASE_NO = /^[（(]\d{4}[）)][\p{Script=Han}\dA-Za-z]{1,24}?\d+号(?:之[一二三四五六七八九十\d]+)?/u;

const UNIT_AFTER_SPACE = new RegExp(`(\\d) (?=${UNITS.map((u) => u.replace(/[%]/g, '\\$&')).join('|')})`, 'g');

/** `text` with the space between a number and its unit made a no-break space (for Word). */
export function keepUnitsTogether(text: string): string {
  return text.includes(' ') ? text.replace(UNIT_AFTER_SPACE, '$1\u00A0') : text;
}

function unitAt(text: string, at: number): string | undefined {
  for (const u of UNITS) if (text.startsWith(u, at)) return u;
  return undefined;
}

/** Unbreakable pieces of `text`: words, numbers with their units, case numbers, single characters. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  let i = 0;
  while (i < text.length) {
    if (word === '' && (text[i] === '（' || text[i] === '(')) {
      const caseNo = CASE_NO.exec(text.slice(i, i + 40));
      if (caseNo) {
        tokens.push(caseNo[0]);
        i += caseNo[0].length;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (ch !== ' ' && WORD_CHAR.test(ch)) {
      word += ch;
      i += ch.length;
      continue;
    }
    if (word) {
      // A number keeps its unit, with or without one space between them.
      if (/\d$/.test(word)) {
        const gap = ch === ' ' ? 1 : 0;
        const unit = unitAt(text, i + gap);
        if (unit) {
          word += text.slice(i, i + gap) + unit;
          i += gap + unit.length;
          tokens.push(word);
          word = '';
          continue;
        }
      }
      tokens.push(word);
      word = '';
    }
    tokens.push(ch);
    i += ch.length;
  }
  if (word) tokens.push(word);
  return tokens;
}

/** Width of the widest unbreakable piece of `text` (a table column narrower than this splits it). */
export function longestTokenWidth(font: TrueTypeFont, text: string, size: number): number {
  let widest = 0;
  for (const token of tokenize(text)) {
    if (token === ' ') continue;
    const w = textWidth(font, token, size);
    if (w > widest) widest = w;
  }
  return widest;
}

const ELLIPSIS = '…';

/**
 * `text` shortened to fit `maxWidth`, ending in an ellipsis when anything was cut (a running
 * header must never run into its neighbour). An empty string when not even the ellipsis fits.
 */
export function truncateToWidth(font: TrueTypeFont, text: string, size: number, maxWidth: number): string {
  if (textWidth(font, text, size) <= maxWidth) return text;
  const budget = maxWidth - textWidth(font, ELLIPSIS, size);
  if (budget < 0) return '';
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = textWidth(font, ch, size);
    if (width + w > budget) break;
    out += ch;
    width += w;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Lines of `text` that each fit `maxWidth` at `size` (a single over-long character still gets a line). */
export function wrapLines(font: TrueTypeFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    const tokens = tokenize(paragraph);
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
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
      // A number with its unit longer than the line: break at its space first ("90,000.00 / 万元").
      const space = token.indexOf(' ');
      if (space > 0) {
        tokens.splice(t + 1, 0, token.slice(0, space), ' ', token.slice(space + 1));
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
