import type { Block, KeyValueBlock, ReportModel, Severity, TableBlock } from '../../model/types.js';
import { renderChartPng } from '../charts/chart-png.js';
import { loadReportFonts, type ReportFonts } from '../fonts/report-fonts.js';
import { ACCENT, EAST_ASIA_FONT, LATIN_FONT, MUTED, PLACEHOLDER, WARNING, docxTemplate } from './docx-template.js';
import { fitColumns, measureColumns } from '../column-widths.js';
import { keepUnitsTogether } from '../text-wrap.js';
import { fallbackFontsXml, splitByFont } from './font-fallback.js';
import {
  PAGE_BREAK_XML, imageRunXml, paragraphXml, runFontsXml, runXml, tableXml, tocFieldXml, xmlText, type Align, type CellXml, type RunStyle, type TocEntry,
} from './wordml.js';
import { writeZip, zipEntry, type ZipEntry } from './zip.js';

/**
 * The Word renderer: the same sections as the PDF, as real Word structure: Heading 1/2 styles
 * (navigation pane, Word's own TOC), tables whose header rows repeat after page breaks, page
 * numbers as fields (第 X 页 / 共 Y 页), the report number in header and footer, the customer's
 * name as a diagonal watermark, the synthetic-data notice in the footer of every page. Every run
 * names its East Asian font itself, not only through the style. Charts are SVG images with a PNG
 * fallback (Word 2016+ shows the SVG).
 * A table of contents after the cover is a TOC field with the headings already filled in (see
 * tocFieldXml for what Word and LibreOffice do with it).
 */

const FONTS_XML = runFontsXml({ latin: LATIN_FONT, eastAsia: EAST_ASIA_FONT });
/** A4 width minus 2 × 2 cm margins, in twips. */
const CONTENT_WIDTH_TWIPS = 11906 - 2 * 1134;
const TABLE_SIZE = 9;
const COLOR = { rule: 'D6DBE1', headerFill: 'E9EEF5', labelFill: 'F4F6F9', info: '1565C0' };
const SEVERITY_COLOR: Record<Severity, string> = { high: 'C62828', medium: 'EF6C00', low: 'F9A825', info: '607D8B' };

const NOTICE_SEPARATOR_XML = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/></w:pPr></w:p>';
const FALLBACK_FONTS_XML = { cjk: fallbackFontsXml('cjk'), emoji: fallbackFontsXml('emoji') };

/** Whether the report font has a glyph (Noto Sans SC stands in for Microsoft YaHei's coverage). */
let hasGlyph: (codePoint: number) => boolean = () => true;

/**
 * Runs of `text`; characters the main font lacks get runs naming a font that has them. The space
 * between a number and its unit becomes a no-break space, so Word never breaks "90,000.00 万元"
 * there.
 */
function run(raw: string, style: RunStyle = {}): string {
  const text = keepUnitsTogether(raw);
  const segments = splitByFont(text, hasGlyph);
  if (segments.length === 1 && !segments[0]!.fallback) return runXml(text, FONTS_XML, style);
  return segments.map((s) => runXml(s.text, s.fallback ? FALLBACK_FONTS_XML[s.fallback] : FONTS_XML, style)).join('');
}

interface Images {
  entries: ZipEntry[];
  rels: string[];
}

function cellXml(text: string, widthTwips: number, opts: { bold?: boolean; fill?: string; color?: string; align?: Align; keepNext?: boolean } = {}): CellXml {
  const style: RunStyle = { size: TABLE_SIZE };
  if (opts.bold) style.bold = true;
  if (opts.color) style.color = opts.color;
  const cell: CellXml = { widthTwips, content: paragraphXml(run(text, style), { spacingAfter: 0, align: opts.align ?? 'left', keepNext: opts.keepNext ?? false }) };
  if (opts.fill) cell.fill = opts.fill;
  return cell;
}

/** Cell margins (80 twips each side) and the border, in points. */
const CELL_PADDING_PT = 8.5;
/**
 * Word and LibreOffice lay the cells out with whatever font they have for Microsoft YaHei; the
 * substitutes' digits and Latin letters are up to ~15 % wider than Noto Sans SC's (LibreOffice on
 * Linux takes DejaVu Sans), so columns measured with Noto get this margin, or dates and amounts
 * that should stay on one line wrap there.
 */
const DOCX_MEASURE_SCALE = 1.15;

function tableBlockXml(block: TableBlock, fonts: ReportFonts): string {
  let xml = '';
  if (block.title) xml += paragraphXml(run(block.title, { bold: true }), { keepNext: true });
  // Widths from the content, measured with Noto Sans SC standing in for Microsoft YaHei (their
  // CJK advances are both one em; Latin and digits differ a little, hence the spare point).
  const titles = block.columns.map((c) => c.title);
  const contentPt = CONTENT_WIDTH_TWIPS / 20;
  const measures = measureColumns({ header: fonts.bold, body: fonts.regular }, titles, block.rows, TABLE_SIZE, CELL_PADDING_PT + 1, contentPt).map((m) => ({
    min: Math.min(m.min * DOCX_MEASURE_SCALE, contentPt * 0.45),
    max: m.max * DOCX_MEASURE_SCALE,
  }));
  const widths = fitColumns(measures, contentPt).map((w) => Math.floor(w * 20));
  const header = { header: true, cells: block.columns.map((c, i) => cellXml(c.title, widths[i]!, { bold: true, fill: COLOR.headerFill, align: c.align, keepNext: true })) };
  // Keep-with-next on the header row's paragraphs keeps it on the page of the first body row.
  const rows = block.rows.map((r) => ({ cells: r.map((text, i) => cellXml(text, widths[i]!, { align: block.columns[i]?.align ?? 'left' })) }));
  xml += tableXml(widths, [header, ...rows], COLOR.rule);
  xml += block.note ? paragraphXml(run(block.note, { size: 8, color: MUTED }), { align: 'right' }) : paragraphXml('', { spacingAfter: 60 });
  return xml;
}

function keyValueXml(block: KeyValueBlock): string {
  const pairs = block.columns;
  const shares = pairs === 2 ? [0.17, 0.33, 0.17, 0.33] : [0.2, 0.8];
  const widths = shares.map((s) => Math.floor(s * CONTENT_WIDTH_TWIPS));
  const rows: Array<{ cells: CellXml[] }> = [];
  for (let i = 0; i < block.items.length; i += pairs) {
    const cells: CellXml[] = [];
    for (let j = 0; j < pairs; j++) {
      const item = block.items[i + j];
      cells.push(cellXml(item?.label ?? '', widths[j * 2]!, { fill: COLOR.labelFill, color: MUTED }));
      cells.push(cellXml(item?.value ?? '', widths[j * 2 + 1]!));
    }
    rows.push({ cells });
  }
  return tableXml(widths, rows, COLOR.rule) + paragraphXml('', { spacingAfter: 60 });
}

function blockXml(b: Block, fonts: ReportFonts, images: Images): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraphXml(run(b.text, b.style === 'muted' ? { size: 8.5, color: MUTED } : b.style === 'emphasis' ? { bold: true } : {}));
    case 'list':
      return b.items.map((item, i) => paragraphXml(run(`${b.ordered ? `${i + 1}.` : '•'}\t${item}`), { indentLeft: 360, hanging: 360, spacingAfter: 40 })).join('');
    case 'keyValue':
      return keyValueXml(b);
    case 'table':
      return tableBlockXml(b, fonts);
    case 'empty':
      return paragraphXml(run(b.text, { color: MUTED }));
    case 'chart': {
      const image = renderChartPng(b.chart, fonts);
      const n = images.entries.length + 1;
      const relId = `rIdZxChart${n}`;
      const svgRelId = `rIdZxChartSvg${n}`;
      const imageRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
      images.entries.push(zipEntry(`word/media/zx-chart${n}.png`, image.png, true), zipEntry(`word/media/zx-chart${n}.svg`, image.svg));
      images.rels.push(
        `<Relationship Id="${relId}" Type="${imageRel}" Target="media/zx-chart${n}.png"/>`,
        `<Relationship Id="${svgRelId}" Type="${imageRel}" Target="media/zx-chart${n}.svg"/>`,
      );
      return (
        paragraphXml(imageRunXml(relId, 1000 + n, image.width, image.height, b.caption, b.alt, svgRelId), { align: 'center', keepNext: true, spacingAfter: 0 }) +
        paragraphXml(run(b.caption, { size: 8.5, color: MUTED }), { align: 'center' })
      );
    }
    case 'notice': {
      const color = b.level === 'warning' ? WARNING : COLOR.info;
      // The thin empty paragraph after it keeps two notices in a row from merging into one box
      // (Word and LibreOffice join adjacent paragraphs with the same borders).
      return paragraphXml(run(b.text, { bold: true, color }), { border: color, align: 'center', spacingBefore: 120, spacingAfter: 120 }) + NOTICE_SEPARATOR_XML;
    }
    case 'flags':
      return b.flags
        .map((f) => paragraphXml(run(` ${f.label} `, { bold: true, color: 'FFFFFF', size: 9, fill: SEVERITY_COLOR[f.severity] }) + run(`  ${f.detail}`)))
        .join('');
  }
}

/** docProps/core.xml with the order's generation time (docx would stamp the wall clock). */
function corePropertiesXml(model: ReportModel): string {
  const when = new Date(model.meta.generatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(model.meta.title)}</dc:title>` +
    `<dc:subject>${xmlText(model.meta.subject)}</dc:subject>` +
    `<dc:creator>${xmlText(model.meta.author)}</dc:creator>` +
    `<cp:keywords>${xmlText(`${model.meta.companyName} ${model.meta.uscc} ${model.meta.reportNo}`)}</cp:keywords>` +
    `<dc:identifier>${xmlText(model.meta.reportNo)}</dc:identifier>` +
    '<dc:language>zh-CN</dc:language>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export async function renderDocx(model: ReportModel): Promise<Uint8Array> {
  const template = await docxTemplate();
  const fonts = loadReportFonts();
  hasGlyph = (cp) => fonts.regular.glyphForCodePoint(cp) !== 0;
  const { meta, cover } = model;
  const images: Images = { entries: [], rels: [] };
  const body: string[] = [];

  // Cover page.
  body.push(paragraphXml('', { spacingBefore: 1800 }));
  body.push(paragraphXml(run(cover.title, { bold: true, size: 28, color: ACCENT }), { align: 'center', spacingAfter: 400 }));
  body.push(paragraphXml(run(cover.companyName, { bold: true, size: 18 }), { align: 'center', spacingAfter: 600 }));
  body.push(keyValueXml({ kind: 'keyValue', columns: 1, items: cover.fields }));
  if (cover.notice) body.push(blockXml({ kind: 'notice', level: 'warning', text: cover.notice }, fonts, images));
  body.push(PAGE_BREAK_XML);

  // Table of contents: a TOC field (Word updates it on request, LibreOffice when it loads the file).
  const toc: TocEntry[] = model.sections.map((s, i) => ({ runs: run(s.title), level: s.level, bookmark: `_TocZx${i + 1}` }));
  body.push(paragraphXml(run('目  录', { bold: true, size: 18, color: ACCENT }), { align: 'center', spacingAfter: 240 }));
  body.push(tocFieldXml(toc));
  body.push(PAGE_BREAK_XML);

  model.sections.forEach((section, i) => {
    if (section.pageBreakBefore && i > 0) body.push(PAGE_BREAK_XML);
    body.push(paragraphXml(run(section.title), { styleId: section.level === 1 ? 'Heading1' : 'Heading2', keepNext: true, bookmark: { id: i + 1, name: toc[i]!.bookmark } }));
    for (const b of section.blocks) body.push(blockXml(b, fonts, images));
  });

  const fill = (xml: string) =>
    xml
      .replace(PLACEHOLDER.header, xmlText(meta.headerText))
      .replace(PLACEHOLDER.watermark, xmlText(meta.customerName))
      .replace(PLACEHOLDER.notice, meta.synthetic ? xmlText(meta.syntheticNotice) : '')
      .replace(PLACEHOLDER.reportNo, xmlText(meta.reportNo));

  const [contentTypes, ...rest] = template.staticEntries;
  return writeZip([
    contentTypes!,
    zipEntry('word/document.xml', template.documentHead + body.join('') + template.documentTail),
    zipEntry('word/_rels/document.xml.rels', template.relsHead + images.rels.join('') + '</Relationships>'),
    zipEntry(template.headerPath, fill(template.header)),
    zipEntry(template.footerPath, fill(template.footer)),
    zipEntry('docProps/core.xml', corePropertiesXml(model)),
    ...images.entries,
    ...rest,
  ]);
}
