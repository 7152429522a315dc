import { pathToFileURL } from 'node:url';
import type { Block, ReportModel, TableBlock } from '../../model/types.js';
import { layoutChart } from '../charts/chart-shapes.js';
import { chartToSvg, escapeXml } from '../charts/chart-svg.js';
import { measureText } from '../fonts/outline.js';
import { loadReportFonts, reportFontPath } from '../fonts/report-fonts.js';

/**
 * An HTML rendition of the report model, for printing with a headless browser. It is the
 * baseline of the rendering benchmark (what "HTML + Chromium page.pdf()" costs), not a product
 * format: same sections, tables with repeating header rows (thead), inline SVG charts, the same
 * TrueType font by file URL, the watermark and synthetic notice as fixed elements on every page.
 */

const esc = escapeXml;

function table(b: TableBlock): string {
  const head = b.columns.map((c) => `<th style="width:${c.width}fr;text-align:${c.align}">${esc(c.title)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((cell, i) => `<td style="text-align:${b.columns[i]?.align ?? 'left'}">${esc(cell)}</td>`).join('')}</tr>`).join('');
  return `${b.title ? `<h3>${esc(b.title)}</h3>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${b.note ? `<p class="note">${esc(b.note)}</p>` : ''}`;
}

function block(b: Block, fontFamily: string): string {
  const fonts = loadReportFonts();
  switch (b.kind) {
    case 'paragraph':
      return `<p class="${b.style ?? 'normal'}">${esc(b.text)}</p>`;
    case 'list':
      return `<${b.ordered ? 'ol' : 'ul'}>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>`;
    case 'keyValue':
      return `<table class="kv kv${b.columns}"><tbody>${chunk(b.items, b.columns).map((row) => `<tr>${row.map((i) => `<th>${esc(i.label)}</th><td>${esc(i.value)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'table':
      return table(b);
    case 'empty':
      return `<p class="empty">${esc(b.text)}</p>`;
    case 'chart': {
      const layout = layoutChart(b.chart, (t, s) => measureText(fonts.regular, t, s));
      return `<figure>${chartToSvg(layout, { text: { mode: 'text', fontFamily } })}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    }
    case 'notice':
      return `<p class="notice ${b.level}">${esc(b.text)}</p>`;
    case 'flags':
      return b.flags.map((f) => `<p class="flag"><span class="tag ${f.severity}">${esc(f.label)}</span> ${esc(f.detail)}</p>`).join('');
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function renderHtml(model: ReportModel): string {
  const family = 'ZX Noto Sans SC';
  const { meta, cover } = model;
  const toc = model.sections.map((s, i) => `<li class="l${s.level}"><a href="#s${i}">${esc(s.title)}</a></li>`).join('');
  const body = model.sections
    // A section that starts a page in the PDF and Word renditions (the decision report's evidence) starts one here too.
    .map((s, i) => `<h${s.level} id="s${i}"${s.pageBreakBefore && i > 0 ? ' class="page-break"' : ''}>${esc(s.title)}</h${s.level}>${s.blocks.map((b) => block(b, family)).join('')}`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(meta.title)}</title><style>
@font-face { font-family: '${family}'; src: url('${pathToFileURL(reportFontPath('regular')).href}'); font-weight: 400; }
@font-face { font-family: '${family}'; src: url('${pathToFileURL(reportFontPath('bold')).href}'); font-weight: 700; }
@page { size: A4; margin: 22mm 18mm 24mm 18mm; }
body { font-family: '${family}'; font-size: 9.5pt; color: #222; }
h1 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #1f4e79; break-after: avoid; }
h2 { font-size: 11pt; break-after: avoid; } h3 { font-size: 9.5pt; } .page-break { break-before: page; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin-bottom: 6pt; }
th, td { border-bottom: 0.5pt solid #d6dbe1; padding: 3pt 4pt; vertical-align: top; }
thead { display: table-header-group; } thead th { background: #e9eef5; } tr { break-inside: avoid; }
.kv th { background: #f4f6f9; color: #6b6b6b; font-weight: normal; text-align: left; width: 17%; }
.note, .muted, figcaption { color: #6b6b6b; font-size: 8pt; } .note { text-align: right; }
.empty { color: #6b6b6b; } figure { text-align: center; margin: 6pt 0; break-inside: avoid; }
.notice { border: 1px solid #c62828; background: #fdecea; color: #c62828; text-align: center; font-weight: bold; padding: 4pt; }
.tag { color: #fff; border-radius: 3px; padding: 0 6px; font-weight: bold; } .tag.high { background: #c62828; } .tag.medium { background: #ef6c00; } .tag.low { background: #f9a825; } .tag.info { background: #607d8b; }
.cover { break-after: page; text-align: center; padding-top: 120pt; } .cover h1 { font-size: 30pt; border: none; } .cover .name { font-size: 18pt; font-weight: bold; }
.toc { break-after: page; } .toc li { list-style: none; } .toc .l2 { margin-left: 18pt; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-35deg); font-size: 30pt; color: rgba(0,0,0,0.06); }
.synthetic { position: fixed; bottom: 0; left: 0; right: 0; text-align: center; color: #c62828; font-size: 8pt; font-weight: bold; }
</style></head><body>
<div class="watermark">${esc(meta.customerName)}</div>${meta.synthetic ? `<div class="synthetic">${esc(meta.syntheticNotice)}</div>` : ''}
<section class="cover"><h1>${esc(cover.title)}</h1><p class="name">${esc(cover.companyName)}</p>${block({ kind: 'keyValue', columns: 1, items: cover.fields }, family)}${cover.notice ? `<p class="notice warning">${esc(cover.notice)}</p>` : ''}</section>
<nav class="toc"><h1>目录</h1><ol>${toc}</ol></nav>
${body}</body></html>`;
}

/** Header and footer templates for Chromium's page.pdf(): report number and 第 X 页 / 共 Y 页. */
export function chromiumHeaderFooter(model: ReportModel): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-size:8px;color:#6b6b6b;width:100%;padding:0 18mm;font-family:sans-serif;';
  return {
    headerTemplate: `<div style="${style}">${esc(model.meta.headerText)}</div>`,
    footerTemplate: `<div style="${style}display:flex;justify-content:space-between"><span>报告编号 ${esc(model.meta.reportNo)}</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span></div>`,
  };
}
