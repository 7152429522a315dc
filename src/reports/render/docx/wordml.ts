/**
 * WordprocessingML body markup as strings: paragraphs, runs, tables, inline images. Only the
 * elements the report uses, with child elements in schema order (Word rejects misordered ones).
 */

/** Characters XML 1.0 forbids (C0 controls except tab/newline/CR, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values and drops characters XML cannot hold. */
export function xmlText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export interface RunStyle {
  bold?: boolean;
  /** Points. */
  size?: number;
  /** Hex RGB without `#`. */
  color?: string;
  /** Background shading, hex RGB. */
  fill?: string;
}

/** The fonts every run names explicitly: Latin and East Asian. */
export interface RunFonts {
  latin: string;
  eastAsia: string;
}

export function runFontsXml(fonts: RunFonts): string {
  const latin = xmlText(fonts.latin);
  return `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${xmlText(fonts.eastAsia)}" w:cs="${latin}"/>`;
}

export function runXml(text: string, fontsXml: string, style: RunStyle = {}): string {
  let props = fontsXml;
  if (style.bold) props += '<w:b/><w:bCs/>';
  if (style.color) props += `<w:color w:val="${style.color}"/>`;
  if (style.size) {
    const half = Math.round(style.size * 2);
    props += `<w:sz w:val="${half}"/><w:szCs w:val="${half}"/>`;
  }
  if (style.fill) props += `<w:shd w:val="clear" w:color="auto" w:fill="${style.fill}"/>`;
  // Tabs and line breaks become their own elements.
  const parts = text.split(/(\t|\n)/);
  let content = '';
  for (const p of parts) {
    if (p === '\t') content += '<w:tab/>';
    else if (p === '\n') content += '<w:br/>';
    else if (p !== '') content += `<w:t xml:space="preserve">${xmlText(p)}</w:t>`;
  }
  return `<w:r><w:rPr>${props}</w:rPr>${content}</w:r>`;
}

export type Align = 'left' | 'center' | 'right';

export interface ParagraphStyle {
  /** Style id, e.g. `Heading1`. */
  styleId?: string;
  /** A bookmark around the paragraph's content (the TOC links and page references point at it). */
  bookmark?: { id: number; name: string };
  keepNext?: boolean;
  /** Border colour (hex) for a boxed paragraph. */
  border?: string;
  /** Twips. */
  spacingBefore?: number;
  spacingAfter?: number;
  /** Twips; hanging indent for list items. */
  indentLeft?: number;
  hanging?: number;
  align?: Align;
}

export function paragraphXml(runs: string, style: ParagraphStyle = {}): string {
  let props = '';
  if (style.styleId) props += `<w:pStyle w:val="${style.styleId}"/>`;
  if (style.keepNext) props += '<w:keepNext/>';
  if (style.border) {
    const b = (side: string) => `<w:${side} w:val="single" w:sz="8" w:space="4" w:color="${style.border}"/>`;
    props += `<w:pBdr>${b('top')}${b('left')}${b('bottom')}${b('right')}</w:pBdr>`;
  }
  if (style.spacingBefore !== undefined || style.spacingAfter !== undefined) {
    props += `<w:spacing${style.spacingBefore !== undefined ? ` w:before="${style.spacingBefore}"` : ''}${style.spacingAfter !== undefined ? ` w:after="${style.spacingAfter}"` : ''}/>`;
  }
  if (style.indentLeft !== undefined) props += `<w:ind w:left="${style.indentLeft}"${style.hanging ? ` w:hanging="${style.hanging}"` : ''}/>`;
  if (style.align && style.align !== 'left') props += `<w:jc w:val="${style.align}"/>`;
  const content = style.bookmark
    ? `<w:bookmarkStart w:id="${style.bookmark.id}" w:name="${style.bookmark.name}"/>${runs}<w:bookmarkEnd w:id="${style.bookmark.id}"/>`
    : runs;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
}

export interface TocEntry {
  /** Run markup of the entry's title. */
  runs: string;
  level: 1 | 2;
  /** Bookmark name of the heading. */
  bookmark: string;
}

const fieldChar = (type: 'begin' | 'separate' | 'end', dirty = false) => `<w:r><w:fldChar w:fldCharType="${type}"${dirty ? ' w:dirty="true"' : ''}/></w:r>`;
const instruction = (text: string) => `<w:r><w:instrText xml:space="preserve"> ${text} </w:instrText></w:r>`;

/**
 * A table-of-contents field over Heading 1–2 (`TOC \o "1-2" \h \z \u`), marked dirty so that Word
 * offers to update it when the file is opened and then writes the entries with page numbers. Its
 * cached result lists every heading as a link to its bookmark, without page numbers: those depend
 * on the reader's pagination, and LibreOffice (7.4, checked) imports the field as its own index
 * but does not update it when loading or converting (dirty flag, `w:updateFields` and a
 * `docPartGallery` wrapper made no difference) and shows a cached PAGEREF's text as it is. So a
 * reader who does not update sees a clean list of linked headings, not guessed or empty numbers.
 */
export function tocFieldXml(entries: readonly TocEntry[]): string {
  if (entries.length === 0) {
    return `<w:p>${fieldChar('begin', true)}${instruction('TOC \\o "1-2" \\h \\z \\u')}${fieldChar('separate')}${fieldChar('end')}</w:p>`;
  }
  return entries
    .map((e, i) => {
      let xml = `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/></w:pPr>`;
      if (i === 0) xml += fieldChar('begin', true) + instruction('TOC \\o "1-2" \\h \\z \\u') + fieldChar('separate');
      xml += `<w:hyperlink w:anchor="${e.bookmark}" w:history="1">${e.runs}</w:hyperlink>`;
      if (i === entries.length - 1) xml += fieldChar('end');
      return xml + '</w:p>';
    })
    .join('');
}

export const PAGE_BREAK_XML = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

export interface CellXml {
  /** Paragraph markup of the cell. */
  content: string;
  widthTwips: number;
  fill?: string;
}

export function tableXml(columnWidthsTwips: readonly number[], rows: ReadonlyArray<{ cells: CellXml[]; header?: boolean }>, borderColor: string): string {
  const total = columnWidthsTwips.reduce((a, b) => a + b, 0);
  const side = (name: string) => `<w:${name} w:val="single" w:sz="4" w:space="0" w:color="${borderColor}"/>`;
  let xml =
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>` +
    `<w:tblBorders>${side('top')}${side('left')}${side('bottom')}${side('right')}${side('insideH')}${side('insideV')}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>' +
    '</w:tblPr><w:tblGrid>';
  for (const w of columnWidthsTwips) xml += `<w:gridCol w:w="${w}"/>`;
  xml += '</w:tblGrid>';
  for (const row of rows) {
    // cantSplit keeps a row on one page; tblHeader repeats header rows after a page break.
    xml += `<w:tr><w:trPr><w:cantSplit/>${row.header ? '<w:tblHeader/>' : ''}</w:trPr>`;
    for (const c of row.cells) {
      xml += `<w:tc><w:tcPr><w:tcW w:w="${c.widthTwips}" w:type="dxa"/>${c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : ''}</w:tcPr>${c.content}</w:tc>`;
    }
    xml += '</w:tr>';
  }
  return xml + '</w:tbl>';
}

const EMU_PER_POINT = 12700;

/** Office 2016's extension that attaches an SVG to a picture whose blip is the fallback raster. */
const SVG_BLIP_EXT = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}';

/**
 * An inline picture run for an image part related to the document as `relId`; with `svgRelId`,
 * Word 2016+ shows that SVG and older readers the raster.
 */
export function imageRunXml(relId: string, drawingId: number, widthPt: number, heightPt: number, name: string, description: string, svgRelId?: string): string {
  const cx = Math.round(widthPt * EMU_PER_POINT);
  const cy = Math.round(heightPt * EMU_PER_POINT);
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  const pic = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${drawingId}" name="${xmlText(name)}" descr="${xmlText(description)}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${a}"><a:graphicData uri="${pic}"><pic:pic xmlns:pic="${pic}">` +
    `<pic:nvPicPr><pic:cNvPr id="${drawingId}" name="${xmlText(name)}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relId}">` +
    (svgRelId ? `<a:extLst><a:ext uri="${SVG_BLIP_EXT}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="${svgRelId}"/></a:ext></a:extLst>` : '') +
    '</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>' +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
  );
}
