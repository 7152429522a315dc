import type { TrueTypeFont } from '../fonts/truetype.js';
import { textToSvg } from '../fonts/outline.js';
import type { ChartLayout } from './chart-shapes.js';

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface SvgTextMode {
  /**
   * `outline`: text drawn as glyph outlines from these fonts (no font needed by the rasteriser);
   * `text`: real <text> elements (for a browser, which has fonts).
   */
  text: { mode: 'outline'; regular: TrueTypeFont; bold: TrueTypeFont } | { mode: 'text'; fontFamily: string };
  /** Scale factor applied to the whole drawing (pixel density for PNG output). */
  scale?: number;
}

export function chartToSvg(layout: ChartLayout, options: SvgTextMode): string {
  const scale = options.scale ?? 1;
  const w = Math.ceil(layout.width * scale);
  const h = Math.ceil(layout.height * scale);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  ];
  for (const s of layout.shapes) {
    if (s.kind === 'path') {
      parts.push(
        `<path d="${s.d}" fill="${s.fill ?? 'none'}"` +
          (s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.strokeWidth ?? 1}"` : '') +
          '/>',
      );
    } else if (options.text.mode === 'outline') {
      const font = s.bold ? options.text.bold : options.text.regular;
      parts.push(textToSvg(font, s.text, s.x, s.y, s.size, s.anchor, s.color));
    } else {
      parts.push(
        `<text x="${s.x}" y="${s.y}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.color}"` +
          ` font-family="${escapeXml(options.text.fontFamily)}"${s.bold ? ' font-weight="bold"' : ''}>${escapeXml(s.text)}</text>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
