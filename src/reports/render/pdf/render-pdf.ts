import PDFDocument from 'pdfkit';
import type {
  Block, ChartBlock, FlagsBlock, KeyValueBlock, ListBlock, NoticeBlock, ParagraphBlock, ReportModel, Severity, TableBlock,
} from '../../model/types.js';
import { layoutChart } from '../charts/chart-shapes.js';
import { loadReportFonts, type ReportFonts } from '../fonts/report-fonts.js';
import { pdfkitFont, type PdfkitFontAdapter } from '../fonts/pdfkit-font.js';
import type { TrueTypeFont } from '../fonts/truetype.js';
import { fitColumns, measureColumns } from '../column-widths.js';
import { textWidth, truncateToWidth, wrapLines } from '../text-wrap.js';
import { FastPdfText } from './fast-text.js';

/**
 * The PDF renderer. We place every line ourselves (our own wrapping and page breaks) and use
 * pdfkit only to write text runs, vector paths, links, the outline and metadata; the pages are
 * buffered so the running header/footer (第 X 页 / 共 Y 页), the watermark and the table of
 * contents (which needs the final page numbers) are drawn once all content is placed.
 */

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 50;
const CONTENT_TOP = 62;
const CONTENT_BOTTOM = PAGE_HEIGHT - 72;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

const COLOR = {
  text: '#222222',
  muted: '#6b6b6b',
  accent: '#1f4e79',
  rule: '#d6dbe1',
  headerFill: '#e9eef5',
  labelFill: '#f4f6f9',
  zebra: '#fafbfc',
  warning: '#c62828',
  warningFill: '#fdecea',
  info: '#1565c0',
  infoFill: '#e8f1fb',
};

const SEVERITY_COLOR: Record<Severity, string> = { high: '#c62828', medium: '#ef6c00', low: '#f9a825', info: '#607d8b' };

const BODY_SIZE = 9.5;
const TABLE_SIZE = 8.5;
const LINE_FACTOR = 1.5;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;
const HEADING1_HEIGHT = 32;
const HEADING2_HEIGHT = 20;
const TABLE_TITLE_HEIGHT = 16;
const HEADER_SIZE = 8;

interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

type FontKey = 'R' | 'B';

let adapters: { R: PdfkitFontAdapter; B: PdfkitFontAdapter; fonts: ReportFonts } | undefined;

function fontAdapters() {
  if (!adapters) {
    const fonts = loadReportFonts();
    adapters = { R: pdfkitFont(fonts.regular), B: pdfkitFont(fonts.bold), fonts };
  }
  return adapters;
}

/** Renders the report model to PDF bytes. Pure apart from reading the font files once per thread. */
export function renderPdf(model: ReportModel): Promise<Uint8Array> {
  const { R, B, fonts } = fontAdapters();
  const created = new Date(model.meta.generatedAt);
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default font: pdfkit would parse Helvetica's metrics for every document.
    font: null as unknown as string,
    bufferPages: true,
    compress: true,
    margin: 0,
    size: 'A4',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: model.meta.title,
      Subject: model.meta.subject,
      Author: model.meta.author,
      Creator: model.meta.author,
      Producer: 'zhengxin report renderer (pdfkit)',
      Keywords: `${model.meta.companyName} ${model.meta.uscc} ${model.meta.reportNo}`,
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('R', R as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('B', B as unknown as PDFKit.Mixins.PDFFontSource);
  new PdfLayout(doc, fonts, model, new FastPdfText(doc, fonts.regular, fonts.bold)).render();
  doc.end();
  return done;
}

class PdfLayout {
  private y = CONTENT_TOP;
  private readonly toc: TocEntry[] = [];
  private readonly widthCache = new WeakMap<TableBlock, number[]>();
  private tocPages = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: ReportFonts,
    private readonly model: ReportModel,
    private readonly fast: FastPdfText,
  ) {}

  render(): void {
    this.cover();
    const entries = this.model.sections.length;
    this.tocPages = Math.max(1, Math.ceil(entries / tocEntriesPerPage()));
    for (let i = 0; i < this.tocPages; i++) this.doc.addPage();
    this.newPage();
    let parent: PDFKit.PDFOutline | undefined;
    for (const section of this.model.sections) {
      const destination = `sec-${this.toc.length}`;
      // Keep the heading with the first piece of what follows it (a table's header and first
      // row, a paragraph's first lines, a whole chart): never a heading alone at a page's foot.
      const first = section.blocks[0];
      if (section.pageBreakBefore && this.y > CONTENT_TOP) this.newPage();
      this.ensureSpace((section.level === 1 ? HEADING1_HEIGHT + 8 : HEADING2_HEIGHT) + (first ? this.leadHeight(first) : 0));
      if (section.level === 1 && this.y > CONTENT_TOP) this.y += 8;
      this.doc.addNamedDestination(destination, 'XYZ', 0, PAGE_HEIGHT - this.y + 10, null);
      this.toc.push({ title: section.title, level: section.level, page: this.pageIndex(), destination });
      if (section.level === 1 || !parent) parent = this.doc.outline.addItem(section.title);
      else parent.addItem(section.title);
      this.heading(section.title, section.level);
      for (const block of section.blocks) this.block(block);
    }
    this.tableOfContents();
    this.runningElements();
  }

  // ---- primitives -------------------------------------------------------------------------

  private font(key: FontKey): TrueTypeFont {
    return key === 'B' ? this.fonts.bold : this.fonts.regular;
  }

  /** Draws one line with its top at `top` (we place lines; pdfkit never wraps). */
  private line(text: string, x: number, top: number, size: number, opts: { font?: FontKey; color?: string; width?: number; align?: 'left' | 'center' | 'right' } = {}): void {
    if (text === '') return;
    const key = opts.font ?? 'R';
    let left = x;
    if (opts.align && opts.align !== 'left' && opts.width !== undefined) {
      const w = textWidth(this.font(key), text, size);
      left = opts.align === 'right' ? x + opts.width - w : x + (opts.width - w) / 2;
    }
    this.fast.text(key, text, left, top, size, opts.color ?? COLOR.text);
  }

  private lineHeight(size: number): number {
    return size * LINE_FACTOR;
  }

  private pageIndex(): number {
    return this.doc.bufferedPageRange().count - 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = CONTENT_TOP;
  }

  private ensureSpace(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  /** Wrapped paragraph text at the current position, breaking pages between lines. */
  private flow(text: string, size: number, opts: { font?: FontKey; color?: string; indent?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const lh = this.lineHeight(size);
    for (const l of wrapLines(this.font(opts.font ?? 'R'), text, size, CONTENT_WIDTH - indent)) {
      this.ensureSpace(lh);
      this.line(l, MARGIN_X + indent, this.y + (lh - size) / 2 - 1, size, opts);
      this.y += lh;
    }
  }

  // ---- cover, headings, blocks ------------------------------------------------------------

  private cover(): void {
    const { doc, model } = this;
    doc.addPage();
    doc.rect(0, 0, PAGE_WIDTH, 150).fill(COLOR.accent);
    this.line(model.cover.title, 0, 190, 30, { font: 'B', width: PAGE_WIDTH, align: 'center', color: COLOR.accent });
    let y = 260;
    for (const l of wrapLines(this.fonts.bold, model.cover.companyName, 18, CONTENT_WIDTH - 40)) {
      this.line(l, 0, y, 18, { font: 'B', width: PAGE_WIDTH, align: 'center' });
      y += 28;
    }
    y += 30;
    const labelX = 140;
    const valueX = 250;
    for (const f of model.cover.fields) {
      this.line(f.label, labelX, y, 10.5, { color: COLOR.muted });
      const lines = wrapLines(this.fonts.regular, f.value, 10.5, PAGE_WIDTH - valueX - 60);
      for (const l of lines) {
        this.line(l, valueX, y, 10.5);
        y += 17;
      }
      y += 9;
      doc.moveTo(labelX, y - 6).lineTo(PAGE_WIDTH - 60, y - 6).lineWidth(0.5).stroke(COLOR.rule);
    }
    if (model.cover.notice) {
      y += 30;
      this.noticeBox(model.cover.notice, 'warning', 120, y, PAGE_WIDTH - 240, 11);
    }
  }

  private heading(title: string, level: 1 | 2): void {
    if (level === 1) {
      this.doc.rect(MARGIN_X, this.y + 2, 4, 16).fill(COLOR.accent);
      this.line(title, MARGIN_X + 10, this.y + 1, 14, { font: 'B', color: COLOR.accent });
      this.y += 24;
      this.doc.moveTo(MARGIN_X, this.y).lineTo(PAGE_WIDTH - MARGIN_X, this.y).lineWidth(0.8).stroke(COLOR.accent);
      this.y += HEADING1_HEIGHT - 24;
    } else {
      this.line(title, MARGIN_X, this.y + 2, 11, { font: 'B' });
      this.y += HEADING2_HEIGHT;
    }
  }

  /** The height of a block's first piece, which must share a page with what comes before it. */
  private leadHeight(block: Block): number {
    const lh = this.lineHeight(BODY_SIZE);
    switch (block.kind) {
      case 'paragraph': {
        const size = block.style === 'muted' ? 8.5 : BODY_SIZE;
        const lines = wrapLines(this.font(block.style === 'emphasis' ? 'B' : 'R'), block.text, size, CONTENT_WIDTH).length;
        return Math.min(lines, 2) * this.lineHeight(size);
      }
      case 'list':
        return lh;
      case 'empty':
        return 22;
      case 'keyValue': {
        const { rows, widths } = this.keyValueGrid(block);
        return rows.length > 0 ? this.rowHeight(rows[0]!, widths, 'R', BODY_SIZE - 0.5) : 0;
      }
      case 'table': {
        const widths = this.tableWidths(block);
        const header = this.rowHeight(block.columns.map((c) => c.title), widths, 'B', TABLE_SIZE);
        const first = block.rows[0] ? this.rowHeight(block.rows[0], widths, 'R', TABLE_SIZE) : 0;
        return (block.title ? TABLE_TITLE_HEIGHT : 0) + header + first;
      }
      case 'chart':
        return layoutChart(block.chart, (text, size) => textWidth(this.fonts.regular, text, size)).height + 22;
      case 'notice':
        return wrapLines(this.fonts.bold, block.text, BODY_SIZE, CONTENT_WIDTH - 20).length * lh + 22;
      case 'flags': {
        const flag = block.flags[0];
        return flag ? wrapLines(this.fonts.regular, flag.detail, BODY_SIZE, CONTENT_WIDTH - 90).length * lh + 6 : 0;
      }
    }
  }

  /** Height of a grid row: its tallest wrapped cell plus padding. */
  private rowHeight(cells: readonly string[], widths: readonly number[], font: FontKey, size: number): number {
    let lines = 1;
    cells.forEach((c, i) => {
      lines = Math.max(lines, wrapLines(this.font(font), c, size, widths[i]! - 2 * CELL_PAD_X).length);
    });
    return lines * this.lineHeight(size) + 2 * CELL_PAD_Y;
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'paragraph':
        return this.paragraph(block);
      case 'list':
        return this.list(block);
      case 'keyValue':
        return this.keyValue(block);
      case 'table':
        return this.table(block);
      case 'empty':
        this.ensureSpace(20);
        this.line(block.text, MARGIN_X + 8, this.y + 2, BODY_SIZE, { color: COLOR.muted });
        this.y += 22;
        return;
      case 'chart':
        return this.chart(block);
      case 'notice':
        return this.notice(block);
      case 'flags':
        return this.flags(block);
    }
  }

  private paragraph(block: ParagraphBlock): void {
    const muted = block.style === 'muted';
    this.flow(block.text, muted ? 8.5 : BODY_SIZE, { color: muted ? COLOR.muted : COLOR.text, font: block.style === 'emphasis' ? 'B' : 'R' });
    this.y += 6;
  }

  private list(block: ListBlock): void {
    block.items.forEach((item, i) => {
      const marker = block.ordered ? `${i + 1}.` : '•';
      const lh = this.lineHeight(BODY_SIZE);
      this.ensureSpace(lh);
      this.line(marker, MARGIN_X + 4, this.y + (lh - BODY_SIZE) / 2 - 1, BODY_SIZE);
      this.flow(item, BODY_SIZE, { indent: 20 });
    });
    this.y += 6;
  }

  private keyValueGrid(block: KeyValueBlock): { rows: string[][]; widths: number[] } {
    const pairs = block.columns;
    const shares = pairs === 2 ? [0.17, 0.33, 0.17, 0.33] : [0.2, 0.8];
    const rows: string[][] = [];
    for (let i = 0; i < block.items.length; i += pairs) {
      const row: string[] = [];
      for (let j = 0; j < pairs; j++) {
        const item = block.items[i + j];
        row.push(item?.label ?? '', item?.value ?? '');
      }
      rows.push(row);
    }
    return { rows, widths: shares.map((w) => w * CONTENT_WIDTH) };
  }

  private keyValue(block: KeyValueBlock): void {
    const { rows, widths } = this.keyValueGrid(block);
    this.grid(rows, widths, { size: BODY_SIZE - 0.5, labelColumns: block.columns === 2 ? [0, 2] : [0] });
    this.y += 10;
  }

  /** Column widths from the cells' content (see column-widths.ts), computed once per table. */
  private tableWidths(block: TableBlock): number[] {
    let widths = this.widthCache.get(block);
    if (!widths) {
      const header = block.columns.map((c) => c.title);
      widths = fitColumns(measureColumns({ header: this.fonts.bold, body: this.fonts.regular }, header, block.rows, TABLE_SIZE, 2 * CELL_PAD_X + 0.5, CONTENT_WIDTH), CONTENT_WIDTH);
      this.widthCache.set(block, widths);
    }
    return widths;
  }

  private table(block: TableBlock): void {
    const widths = this.tableWidths(block);
    if (block.title) {
      // The caption stays with the header row and the first row.
      this.ensureSpace(this.leadHeight(block));
      this.line(block.title, MARGIN_X, this.y, BODY_SIZE, { font: 'B' });
      this.y += TABLE_TITLE_HEIGHT;
    }
    this.grid(block.rows, widths, {
      size: TABLE_SIZE,
      header: block.columns.map((c) => c.title),
      align: block.columns.map((c) => c.align),
    });
    if (block.note) {
      this.ensureSpace(16);
      this.line(block.note, MARGIN_X, this.y + 3, 8, { color: COLOR.muted, width: CONTENT_WIDTH, align: 'right' });
      this.y += 16;
    }
    this.y += 8;
  }

  /**
   * A grid of wrapped cells. Rows never split; when a row does not fit, the page breaks and the
   * header row (if any) is drawn again at the top of the new page.
   */
  private grid(rows: string[][], widths: number[], opts: { size: number; header?: string[]; align?: Array<'left' | 'center' | 'right'>; labelColumns?: number[] }): void {
    const lh = this.lineHeight(opts.size);
    const drawRow = (cells: string[], kind: 'header' | 'body', index: number) => {
      const font: FontKey = kind === 'header' ? 'B' : 'R';
      const wrapped = cells.map((c, i) => wrapLines(this.font(font), c, opts.size, widths[i]! - 2 * CELL_PAD_X));
      const height = Math.max(...wrapped.map((w) => w.length)) * lh + 2 * CELL_PAD_Y;
      if (this.y + height > CONTENT_BOTTOM) {
        this.newPage();
        if (kind === 'body' && opts.header) drawRow(opts.header, 'header', -1);
      }
      let x = MARGIN_X;
      const top = this.y;
      if (kind === 'header') this.fast.rect(MARGIN_X, top, CONTENT_WIDTH, height, COLOR.headerFill);
      else if (index % 2 === 1 && !opts.labelColumns) this.fast.rect(MARGIN_X, top, CONTENT_WIDTH, height, COLOR.zebra);
      wrapped.forEach((lines, i) => {
        const w = widths[i]!;
        const isLabel = opts.labelColumns?.includes(i) ?? false;
        if (isLabel) this.fast.rect(x, top, w, height, COLOR.labelFill);
        let ly = top + CELL_PAD_Y + (lh - opts.size) / 2 - 1;
        for (const l of lines) {
          this.line(l, x + CELL_PAD_X, ly, opts.size, {
            font,
            color: isLabel ? COLOR.muted : COLOR.text,
            width: w - 2 * CELL_PAD_X,
            align: opts.align?.[i] ?? 'left',
          });
          ly += lh;
        }
        x += w;
      });
      this.fast.line(MARGIN_X, top + height, MARGIN_X + CONTENT_WIDTH, top + height, 0.5, COLOR.rule);
      this.y = top + height;
    };
    if (opts.header) {
      // A header row never ends a page: it goes with the first body row.
      const first = rows[0] ? this.rowHeight(rows[0], widths, 'R', opts.size) : 0;
      this.ensureSpace(this.rowHeight(opts.header, widths, 'B', opts.size) + first);
      drawRow(opts.header, 'header', -1);
    } else {
      this.ensureSpace(rows[0] ? this.rowHeight(rows[0], widths, 'R', opts.size) : lh + 2 * CELL_PAD_Y);
      this.fast.line(MARGIN_X, this.y, MARGIN_X + CONTENT_WIDTH, this.y, 0.5, COLOR.rule);
    }
    rows.forEach((row, i) => drawRow(row, 'body', i));
  }

  private chart(block: ChartBlock): void {
    const layout = layoutChart(block.chart, (text, size) => textWidth(this.fonts.regular, text, size));
    this.ensureSpace(layout.height + 22);
    const left = MARGIN_X + (CONTENT_WIDTH - layout.width) / 2;
    drawShapes(this.doc, this.fast, this.fonts, layout.shapes, left, this.y);
    this.y += layout.height + 2;
    this.line(block.caption, MARGIN_X, this.y, 8.5, { color: COLOR.muted, width: CONTENT_WIDTH, align: 'center' });
    this.y += 20;
  }

  private noticeBox(text: string, level: 'warning' | 'info', x: number, y: number, width: number, size: number): number {
    const lines = wrapLines(this.fonts.bold, text, size, width - 20);
    const lh = this.lineHeight(size);
    const height = lines.length * lh + 12;
    const color = level === 'warning' ? COLOR.warning : COLOR.info;
    this.doc.rect(x, y, width, height).lineWidth(1).fillAndStroke(level === 'warning' ? COLOR.warningFill : COLOR.infoFill, color);
    lines.forEach((l, i) => this.line(l, x, y + 6 + i * lh + (lh - size) / 2 - 1, size, { font: 'B', color, width, align: 'center' }));
    return height;
  }

  private notice(block: NoticeBlock): void {
    const lines = wrapLines(this.fonts.bold, block.text, BODY_SIZE, CONTENT_WIDTH - 20);
    this.ensureSpace(lines.length * this.lineHeight(BODY_SIZE) + 14);
    this.y += this.noticeBox(block.text, block.level, MARGIN_X, this.y, CONTENT_WIDTH, BODY_SIZE) + 10;
  }

  private flags(block: FlagsBlock): void {
    const lh = this.lineHeight(BODY_SIZE);
    // One tag column for all flags, so the details line up.
    const tagWidth = Math.max(70, ...block.flags.map((f) => textWidth(this.fonts.bold, f.label, 8.5) + 12));
    for (const flag of block.flags) {
      const lines = wrapLines(this.fonts.regular, flag.detail, BODY_SIZE, CONTENT_WIDTH - tagWidth - 10);
      this.ensureSpace(lines.length * lh + 6);
      const color = SEVERITY_COLOR[flag.severity];
      this.doc.roundedRect(MARGIN_X, this.y + 2, tagWidth, lh - 2, 3).fill(color);
      this.line(flag.label, MARGIN_X, this.y + 2 + (lh - 2 - 8.5) / 2 - 1, 8.5, { font: 'B', color: '#ffffff', width: tagWidth, align: 'center' });
      lines.forEach((l, i) => this.line(l, MARGIN_X + tagWidth + 10, this.y + i * lh + (lh - BODY_SIZE) / 2, BODY_SIZE));
      this.y += lines.length * lh + 6;
    }
    this.y += 6;
  }

  // ---- after layout: table of contents, header, footer, watermark -------------------------

  private tableOfContents(): void {
    const { doc } = this;
    const perPage = tocEntriesPerPage();
    this.toc.forEach((entry, i) => {
      const page = 1 + Math.floor(i / perPage);
      doc.switchToPage(page);
      const slot = i % perPage;
      if (slot === 0) this.line(page === 1 ? '目  录' : '目  录（续）', 0, CONTENT_TOP, 18, { font: 'B', width: PAGE_WIDTH, align: 'center', color: COLOR.accent });
      const y = CONTENT_TOP + 44 + slot * TOC_LINE_HEIGHT;
      const indent = entry.level === 1 ? 0 : 18;
      const size = entry.level === 1 ? 10.5 : 9.5;
      const font: FontKey = entry.level === 1 ? 'B' : 'R';
      const pageText = String(entry.page + 1);
      this.line(entry.title, MARGIN_X + indent, y, size, { font });
      this.line(pageText, MARGIN_X, y, size, { font, width: CONTENT_WIDTH, align: 'right' });
      const titleEnd = MARGIN_X + indent + textWidth(this.font(font), entry.title, size) + 6;
      const numberStart = MARGIN_X + CONTENT_WIDTH - textWidth(this.font(font), pageText, size) - 6;
      doc.moveTo(titleEnd, y + size + 1).lineTo(numberStart, y + size + 1).lineWidth(0.6).dash(1, { space: 2 }).stroke(COLOR.muted).undash();
      doc.goTo(MARGIN_X, y - 2, CONTENT_WIDTH, TOC_LINE_HEIGHT, entry.destination);
    });
  }

  private runningElements(): void {
    const { doc, model } = this;
    const total = doc.bufferedPageRange().count;
    // The company name takes what the report title and number leave, cut with an ellipsis: a
    // long name never runs into the report number.
    const headerLeft = truncateToWidth(this.fonts.regular, model.meta.headerText, HEADER_SIZE, CONTENT_WIDTH * 0.6);
    const room = CONTENT_WIDTH - textWidth(this.fonts.regular, headerLeft, HEADER_SIZE) - 16;
    const headerRight = truncateToWidth(this.fonts.regular, model.meta.companyName, HEADER_SIZE, room);
    for (let i = 0; i < total; i++) {
      doc.switchToPage(i);
      this.watermark();
      if (i > 0) {
        this.line(headerLeft, MARGIN_X, 30, HEADER_SIZE, { color: COLOR.muted });
        this.line(headerRight, MARGIN_X, 30, HEADER_SIZE, { color: COLOR.muted, width: CONTENT_WIDTH, align: 'right' });
        this.fast.line(MARGIN_X, 44, PAGE_WIDTH - MARGIN_X, 44, 0.5, COLOR.rule);
      }
      const footerY = PAGE_HEIGHT - 38;
      this.fast.line(MARGIN_X, footerY - 6, PAGE_WIDTH - MARGIN_X, footerY - 6, 0.5, COLOR.rule);
      this.line(`报告编号 ${model.meta.reportNo}`, MARGIN_X, footerY, 8, { color: COLOR.muted });
      this.line(`第 ${i + 1} 页 / 共 ${total} 页`, MARGIN_X, footerY, 8, { color: COLOR.muted, width: CONTENT_WIDTH, align: 'right' });
      if (model.meta.synthetic) {
        this.line(model.meta.syntheticNotice, MARGIN_X, footerY - 20, 8, { font: 'B', color: COLOR.warning, width: CONTENT_WIDTH, align: 'center' });
      }
    }
  }

  private watermark(): void {
    const { doc } = this;
    const text = this.model.meta.customerName;
    if (!text) return;
    const size = 30;
    const width = textWidth(this.fonts.regular, text, size);
    doc.save();
    doc.fillOpacity(0.06);
    for (const [cx, cy] of [[PAGE_WIDTH / 2, PAGE_HEIGHT * 0.3], [PAGE_WIDTH / 2, PAGE_HEIGHT * 0.7]] as const) {
      doc.save();
      doc.rotate(-35, { origin: [cx, cy] });
      this.fast.text('R', text, cx - width / 2, cy - size / 2, size, '#000000');
      doc.restore();
    }
    doc.restore();
  }
}

const TOC_LINE_HEIGHT = 19;

function tocEntriesPerPage(): number {
  return Math.floor((CONTENT_BOTTOM - CONTENT_TOP - 50) / TOC_LINE_HEIGHT);
}

/** Draws chart shapes (laid out in a box with y down) with the box's top-left at (left, top). */
function drawShapes(doc: PDFKit.PDFDocument, fast: FastPdfText, fonts: ReportFonts, shapes: ReturnType<typeof layoutChart>['shapes'], left: number, top: number): void {
  doc.save();
  doc.translate(left, top);
  for (const s of shapes) {
    if (s.kind === 'path') {
      doc.path(s.d);
      if (s.fill && s.stroke) doc.lineWidth(s.strokeWidth ?? 1).fillAndStroke(s.fill, s.stroke);
      else if (s.fill) doc.fill(s.fill);
      else if (s.stroke) doc.lineWidth(s.strokeWidth ?? 1).stroke(s.stroke);
      continue;
    }
    const font = s.bold ? fonts.bold : fonts.regular;
    const width = textWidth(font, s.text, s.size);
    const x = s.anchor === 'middle' ? s.x - width / 2 : s.anchor === 'end' ? s.x - width : s.x;
    // pdfkit positions text by the top of the line box; the shape gives the baseline.
    const ascent = (font.metrics.ascent / font.metrics.unitsPerEm) * s.size;
    fast.text(s.bold ? 'B' : 'R', s.text, x, s.y - ascent, s.size, s.color);
  }
  doc.restore();
}
