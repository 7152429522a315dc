import { AlignmentType, Document, Footer, Header, HeadingLevel, LeaderType, LineRuleType, Packer, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { fontDeclarationsXml } from './font-fallback.js';
import { zipEntry, type ZipEntry } from './zip.js';

/**
 * The parts of the Word package that do not depend on the report (styles with real Heading 1/2,
 * settings, numbering, theme, font table, content types) and the header/footer with
 * placeholders, built once per thread with the `docx` package.
 *
 * Why not build the whole document with `docx`: for the standard report it spent ~150 ms of CPU
 * (object-tree serialisation and a JavaScript deflate), against a 60 ms budget. So `docx` keeps
 * the package structure and the styles, and the per-report body is written as WordprocessingML
 * strings (wordml.ts) and zipped with native zlib (zip.ts). Measurements in docs/rendering.md.
 */

export const PLACEHOLDER = {
  header: '@@ZX_HEADER@@',
  watermark: '@@ZX_WATERMARK@@',
  notice: '@@ZX_NOTICE@@',
  reportNo: '@@ZX_REPORT_NO@@',
  body: '@@ZX_BODY@@',
} as const;

export const LATIN_FONT = 'Microsoft YaHei';
export const EAST_ASIA_FONT = '微软雅黑';
const FONT = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIA_FONT, cs: LATIN_FONT };
export const ACCENT = '1F4E79';
export const MUTED = '6B6B6B';
export const WARNING = 'C62828';
/** The right tab of TOC entries: the text width (A4 minus 2 × 2 cm margins), in twips. */
export const TOC_TAB_TWIPS = 11906 - 2 * 1134;

export interface DocxTemplate {
  /** document.xml before and after the body. */
  documentHead: string;
  documentTail: string;
  /** Header and footer XML with placeholders. */
  header: string;
  footer: string;
  /** Relationship part of document.xml, without the closing tag. */
  relsHead: string;
  headerPath: string;
  footerPath: string;
  /** Every other part, compressed once. */
  staticEntries: ZipEntry[];
}

let cached: Promise<DocxTemplate> | undefined;

export function docxTemplate(): Promise<DocxTemplate> {
  cached ??= buildTemplate();
  return cached;
}

const small = (text: string, opts: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: FONT, size: 16, color: opts.color ?? MUTED, bold: opts.bold ?? false });

async function buildTemplate(): Promise<DocxTemplate> {
  const doc = new Document({
    creator: 'zhengxin',
    styles: {
      default: {
        // lineRule "auto" makes 300 mean 1.25 lines; without it LibreOffice takes the line height as
        // exact and clips every taller line (chart images become a strip, boxes overlap).
        document: { run: { font: FONT, size: 20, color: '222222' }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, after: 80 } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: ACCENT }, paragraph: { spacing: { before: 360, after: 160 }, outlineLevel: 0, keepNext: true } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '222222' }, paragraph: { spacing: { before: 200, after: 100 }, outlineLevel: 1, keepNext: true } },
      },
      // Word's built-in TOC entry styles ("toc 1", "toc 2"), used by the TOC field's entries.
      paragraphStyles: [1, 2].map((level) => ({
        id: `TOC${level}`,
        name: `toc ${level}`,
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: level === 1 ? 21 : 20, bold: level === 1 },
        paragraph: {
          spacing: { before: level === 1 ? 60 : 0, after: 40 },
          indent: { left: (level - 1) * 420 },
          tabStops: [{ type: TabStopType.RIGHT, position: TOC_TAB_TWIPS, leader: LeaderType.DOT }],
        },
      })),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                spacing: { after: 0 },
                children: [small(PLACEHOLDER.header), new TextWatermark({ text: PLACEHOLDER.watermark, font: EAST_ASIA_FONT, color: 'BFBFBF', opacity: 0.25 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [small(PLACEHOLDER.notice, { bold: true, color: WARNING })] }),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { after: 0 },
                children: [
                  small(`报告编号 ${PLACEHOLDER.reportNo}    `),
                  new TextRun({ font: FONT, size: 16, color: MUTED, children: ['第 ', PageNumber.CURRENT, ' 页 / 共 ', PageNumber.TOTAL_PAGES, ' 页'] }),
                ],
              }),
            ],
          }),
        },
        // Heading paragraphs make docx emit both heading styles into styles.xml.
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(PLACEHOLDER.body)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('h2')] }),
        ],
      },
    ],
  });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const text = (path: string) => {
    const bytes = files[path];
    if (!bytes) throw new Error(`docx template has no part ${path}`);
    return strFromU8(bytes);
  };
  // The font table declares the main and the fallback fonts (docx writes it empty).
  const fontTable = text('word/fontTable.xml');
  const fontsOpen = /<w:fonts\b[^>]*?(\/?)>/.exec(fontTable);
  if (!fontsOpen) throw new Error('docx template: unexpected fontTable.xml layout');
  const declarations = fontDeclarationsXml(LATIN_FONT, EAST_ASIA_FONT);
  files['word/fontTable.xml'] = strToU8(
    fontsOpen[1]
      ? fontTable.replace(fontsOpen[0], `${fontsOpen[0].slice(0, -2)}>${declarations}</w:fonts>`)
      : fontTable.replace('</w:fonts>', `${declarations}</w:fonts>`),
  );
  const document = text('word/document.xml');
  const bodyStart = document.indexOf('<w:body>') + '<w:body>'.length;
  const sectPr = document.indexOf('<w:sectPr');
  if (bodyStart < 8 || sectPr < 0) throw new Error('docx template: unexpected document.xml layout');
  const rels = text('word/_rels/document.xml.rels');
  const relTarget = (type: string) => {
    const m = new RegExp(`Type="[^"]*/${type}" Target="([^"]+)"`).exec(rels);
    if (!m) throw new Error(`docx template: no ${type} relationship`);
    return `word/${m[1]}`;
  };
  const headerPath = relTarget('header');
  const footerPath = relTarget('footer');
  const dynamic = new Set(['word/document.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml', headerPath, footerPath]);
  // [Content_Types].xml first, as Office writes it.
  const order = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  return {
    documentHead: document.slice(0, bodyStart),
    documentTail: document.slice(sectPr),
    header: text(headerPath),
    footer: text(footerPath),
    relsHead: rels.slice(0, rels.lastIndexOf('</Relationships>')),
    headerPath,
    footerPath,
    staticEntries: order.filter((p) => !dynamic.has(p)).map((p) => zipEntry(p, files[p]!)),
  };
}
