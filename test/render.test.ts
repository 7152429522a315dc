import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { heavyLitigationCompany, standardCompany } from '../src/companies/synthetic/index.js';
import type { ReportModel, TableBlock } from '../src/reports/model/types.js';
import { renderDocx } from '../src/reports/render/docx/render-docx.js';
import { renderPdf } from '../src/reports/render/pdf/render-pdf.js';
import { everyCategorySample, heavyLitigationSample } from './support/sample-companies.js';
import { GENERATED_AT, assertWellFormedXml, docxParts, modelOf, pdfInfo, pdfOutline, pdfPages, squash, wordText } from './render-support.js';

const HOSTILE_NAME = '甲&乙<丙>"丁"\'戊 😀 𠀋 科技有限公司';

function everyPageText(pages: string[]): string {
  return squash(pages.join('\n'));
}


describe('report renderers on the standard company', () => {
  let model: ReportModel;
  let pdf: Uint8Array;
  let docx: Uint8Array;
  let pages: string[];
  let parts: Record<string, string>;
  let unzipped: Record<string, Uint8Array>;

  before(async () => {
    model = modelOf(standardCompany());
    [pdf, docx] = await Promise.all([renderPdf(model), renderDocx(model)]);
    pages = pdfPages(pdf);
    parts = docxParts(docx);
    unzipped = unzipSync(docx);
  });

  it('PDF text holds every section title, the name, the USCC, the score and grade', () => {
    const text = everyPageText(pages);
    for (const section of model.sections) assert.ok(text.includes(squash(section.title)), `PDF lacks section title ${section.title}`);
    for (const needle of [model.meta.companyName, model.meta.uscc, model.summary.scoreText, model.summary.grade, model.cover.title]) {
      assert.ok(text.includes(squash(needle)), `PDF lacks ${needle}`);
    }
  });

  it('PDF pages carry header, 第 X 页 / 共 Y 页, the report number and the synthetic notice', () => {
    assert.ok(model.meta.synthetic);
    const info = pdfInfo(pdf);
    const total = Number(info.Pages);
    assert.equal(pages.length, total);
    pages.forEach((page, i) => {
      const t = squash(page);
      assert.ok(t.includes(squash(`第 ${i + 1} 页 / 共 ${total} 页`)), `page ${i + 1} lacks its page number`);
      assert.ok(t.includes(model.meta.reportNo), `page ${i + 1} lacks the report number`);
      assert.ok(t.includes(squash(model.meta.syntheticNotice)), `page ${i + 1} lacks the synthetic notice`);
      assert.ok(t.includes(squash(model.meta.customerName)), `page ${i + 1} lacks the watermark`);
    });
  });

  it('PDF has a table of contents with page numbers, an outline, and the order metadata', () => {
    // The table of contents may take two pages (46 sections since schema v2).
    const toc = squash(pages.slice(1, 3).join('\n'));
    assert.ok(toc.includes('目录'));
    for (const section of model.sections) assert.ok(toc.includes(squash(section.title)), `TOC lacks ${section.title}`);
    const outline = pdfOutline(pdf);
    for (const section of model.sections) {
      const item = outline.find((o) => o.title === section.title);
      assert.ok(item, `outline lacks ${section.title}`);
      // The TOC prints the same page number as the bookmark points to.
      assert.ok(toc.includes(squash(section.title) + String(item.page)), `TOC page of ${section.title} is not ${item.page}`);
      assert.ok(squash(pages[item.page - 1]!).includes(squash(section.title)), `${section.title} is not on page ${item.page}`);
    }
    const info = pdfInfo(pdf);
    assert.equal(info.Title, model.meta.title);
    assert.equal(info.Subject, model.meta.subject);
    assert.equal(info.Author, model.meta.author);
    assert.equal(new Date(info.CreationDate!).toISOString(), GENERATED_AT);
    assert.match(info['Page size'] ?? '', /A4/);
  });

  it('PDF embeds one subset TrueType CJK font per weight, with a Unicode map', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    const fonts = new Set(raw.match(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-\w+/g));
    assert.deepEqual([...fonts].map((f) => f.replace(/.*\+/, '')).sort(), ['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    assert.match(raw, /\/FontFile2/);
    assert.match(raw, /\/ToUnicode/);
  });

  it('docx holds every section as a real heading, the name, USCC, score and grade', () => {
    const document = parts['word/document.xml']!;
    const text = squash(wordText(document));
    for (const section of model.sections) {
      const style = section.level === 1 ? 'Heading1' : 'Heading2';
      assert.ok(document.includes(`<w:pStyle w:val="${style}"/>`), `no ${style} paragraphs`);
      assert.ok(text.includes(squash(section.title)), `docx lacks ${section.title}`);
    }
    for (const needle of [model.meta.companyName, model.meta.uscc, model.summary.scoreText, model.summary.grade]) {
      assert.ok(text.includes(squash(needle)), `docx lacks ${needle}`);
    }
    const styles = parts['word/styles.xml']!;
    assert.match(styles, /w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    assert.match(styles, /w:styleId="Heading2"[\s\S]*?<w:outlineLvl w:val="1"\/>/);
  });

  it('docx sets the East Asian font on every run, repeats table headers, numbers pages', () => {
    const document = parts['word/document.xml']!;
    const runs = document.match(/<w:r>[\s\S]*?<\/w:r>/g) ?? [];
    assert.ok(runs.length > 100);
    const plain = runs.filter((r) => /<w:t[ >]/.test(r));
    for (const r of plain) assert.match(r, /w:eastAsia="微软雅黑"/);
    assert.match(document, /<w:tblHeader\/>/);
    const footer = Object.entries(parts).find(([p]) => p.startsWith('word/footer'))![1];
    assert.match(footer, /PAGE/);
    assert.match(footer, /NUMPAGES/);
    assert.ok(wordText(footer).includes(model.meta.syntheticNotice));
    assert.ok(wordText(footer).includes(model.meta.reportNo));
    const header = Object.entries(parts).find(([p]) => p.startsWith('word/header'))![1];
    assert.ok(wordText(header).includes(model.meta.headerText));
    assert.ok(header.includes(`string="${model.meta.customerName}"`), 'watermark carries the customer name');
    assert.match(parts['docProps/core.xml']!, new RegExp(`<dcterms:created[^>]*>${GENERATED_AT.replace('.000Z', 'Z')}<`));
  });

  it('docx charts are SVG images with a PNG fallback, related from the document', () => {
    const charts = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart');
    const document = parts['word/document.xml']!;
    const blips = document.match(/<a:blip r:embed="[^"]+">/g) ?? [];
    const svgBlips = document.match(/<asvg:svgBlip [^>]*r:embed="[^"]+"\/>/g) ?? [];
    assert.equal(blips.length, charts.length);
    assert.equal(svgBlips.length, charts.length);
    const rels = parts['word/_rels/document.xml.rels']!;
    for (const e of document.match(/r:embed="([^"]+)"/g) ?? []) {
      const target = new RegExp(`Id="${e.slice(9, -1)}"[^>]*Target="(media/[^"]+)"`).exec(rels);
      assert.ok(target, `relationship ${e} exists`);
      assert.ok(unzipped[`word/${target[1]}`], `part word/${target[1]} exists`);
    }
    const svgs = Object.keys(parts).filter((p) => p.endsWith('.svg'));
    assert.equal(svgs.length, charts.length);
    for (const p of svgs) assertWellFormedXml(parts[p]!, p);
  });

  it('docx: every spacing with w:line says how to read it (w:lineRule)', () => {
    let lines = 0;
    for (const [name, xml] of Object.entries(parts)) {
      for (const spacing of xml.match(/<w:spacing\b[^>]*>/g) ?? []) {
        if (!/ w:line="/.test(spacing)) continue;
        lines++;
        assert.match(spacing, / w:lineRule="(auto|exact|atLeast)"/, `${name}: ${spacing}`);
      }
    }
    assert.ok(lines > 0, 'the default paragraph style sets a line spacing');
    assert.match(parts['word/styles.xml']!, /<w:pPrDefault><w:pPr><w:spacing [^>]*w:line="300" w:lineRule="auto"/);
  });

  it('docx has a TOC field over the headings, each entry linked to its heading bookmark', () => {
    const document = parts['word/document.xml']!;
    assert.match(document, /<w:fldChar w:fldCharType="begin" w:dirty="true"\/><\/w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </);
    const bookmarks = [...document.matchAll(/<w:pStyle w:val="Heading[12]"\/>.*?<w:bookmarkStart w:id="\d+" w:name="(_TocZx\d+)"\/>/g)].map((m) => m[1]);
    assert.equal(bookmarks.length, model.sections.length);
    for (const b of bookmarks) assert.ok(document.includes(`<w:hyperlink w:anchor="${b}"`), `TOC links to ${b}`);
    const styles = parts['word/styles.xml']!;
    assert.match(styles, /w:styleId="TOC1"/);
    assert.match(styles, /w:styleId="TOC2"/);
  });

  it('every docx XML part is well-formed', () => {
    for (const [name, xml] of Object.entries(parts)) assertWellFormedXml(xml, name);
  });
});

describe('report renderers with hostile strings', () => {
  it('a name with & < > quotes, an emoji and a CJK Extension B character survives both formats', async () => {
    const doc = standardCompany();
    doc.name = HOSTILE_NAME;
    const customer = '客户 <&> "银行" 😀';
    const model = modelOf(doc, customer);
    const [pdf, docx] = await Promise.all([renderPdf(model), renderDocx(model)]);

    // Noto Sans SC has neither the emoji nor 𠀋: they come from the fallback fonts, and the PDF's
    // ToUnicode maps keep the characters, so the extracted text is the original name.
    const text = squash(pdfPages(pdf).join('\n'));
    assert.ok(text.includes(squash(HOSTILE_NAME)), 'PDF text round-trips the name');
    // 𠀋 and 😀 are drawn from the fallback fonts (subsets embedded), not as boxes.
    const raw = Buffer.from(pdf).toString('latin1');
    const fonts = new Set([...raw.matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]));
    for (const f of ['NotoSansJP-Bold', 'NotoEmoji-Bold', 'NotoSansJP-Regular', 'NotoEmoji-Regular']) assert.ok(fonts.has(f), `PDF embeds ${f}: ${[...fonts].join(', ')}`);
    assert.ok(text.includes(squash(customer)), 'PDF text round-trips the customer');

    const parts = docxParts(docx);
    for (const [name, xml] of Object.entries(parts)) assertWellFormedXml(xml, name);
    assert.ok(wordText(parts['word/document.xml']!).includes(HOSTILE_NAME));
    // In Word the two characters get runs naming fonts that have them, declared in the font table.
    assert.match(parts['word/document.xml']!, /<w:rFonts w:ascii="SimSun-ExtB"[^>]*w:hint="eastAsia"\/>[^]*?<w:t xml:space="preserve">𠀋<\/w:t>/);
    assert.match(parts['word/document.xml']!, /<w:rFonts w:ascii="Segoe UI Emoji"[^>]*\/>[^]*?<w:t xml:space="preserve">😀<\/w:t>/);
    assert.match(parts['word/fontTable.xml']!, /<w:font w:name="SimSun-ExtB">/);
    assert.match(parts['docProps/core.xml']!, /甲&amp;乙&lt;丙&gt;/);
  });

  it('CJK Extension B/C/E characters no Noto font has are drawn from a HanaMin subset and extract as themselves', async () => {
    // U+2A6D6 (Ext B) is in none of Noto Sans SC/HK/JP (checked with our cmap reader in
    // fallback-fonts.test.ts); U+2A700 is Extension C's first, U+2B820 Extension E's first.
    const rare = '\u{2A6D6}\u{2A700}\u{2B820}';
    const doc = standardCompany();
    doc.name = `${rare}😀𠀋实业有限公司`;
    const pdf = await renderPdf(modelOf(doc));
    const text = squash(pdfPages(pdf).join('\n'));
    assert.ok(text.includes(squash(doc.name)), `PDF text round-trips ${doc.name}`);
    const raw = Buffer.from(pdf).toString('latin1');
    const fonts = new Set([...raw.matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]));
    for (const f of ['HanaMinB-CJK-Unified-Ideographs-Extension-B-42', 'HanaMinB-CJK-Unified-Ideographs-Extension-C-1', 'HanaMinB-CJK-Unified-Ideographs-Extension-E-1', 'NotoEmoji-Regular', 'NotoSansJP-Regular']) {
      assert.ok(fonts.has(f), `PDF embeds ${f}: ${[...fonts].join(', ')}`);
    }
  });

  it('the standard report embeds no HanaMin font and stays small', async () => {
    const pdf = await renderPdf(modelOf(standardCompany()));
    assert.doesNotMatch(Buffer.from(pdf).toString('latin1'), /HanaMin/);
    assert.ok(pdf.byteLength <= 400 * 1024, `standard PDF is ${pdf.byteLength} bytes`);
  });

  it('a long company name is cut with an ellipsis in the running header, clear of the report number', async () => {
    const doc = standardCompany();
    doc.name = '中国某某某某国际贸易与实业投资集团控股股份有限公司浙江省杭州市西湖区第一分公司';
    const model = modelOf(doc);
    const pages = pdfPages(await renderPdf(model));
    const header = pages[2]!.split('\n').find((l) => l.startsWith(model.meta.headerText));
    assert.ok(header, 'page 3 has the running header');
    assert.match(header, /中国某某.*…$/);
    assert.ok(!header.includes(doc.name), 'the full name does not fit and is not printed whole');
  });

  it('control characters that XML cannot hold are dropped from the docx, not written', async () => {
    const doc = standardCompany();
    doc.name = '控制\u0001字符\u001F有限公司';
    const parts = docxParts(await renderDocx(modelOf(doc)));
    assertWellFormedXml(parts['word/document.xml']!, 'document.xml');
    assert.ok(wordText(parts['word/document.xml']!).includes('控制字符有限公司'));
  });
});

describe('report renderers on a company with 500 judgments', () => {
  it('caps the judgments table and prints the true total in both formats', async () => {
    const model = modelOf(heavyLitigationCompany(500));
    // The last table of the section lists the records; statistics tables come before it.
    const judgments = model.sections.find((x) => x.id === 'judicial.judgments')!.blocks.filter((b): b is TableBlock => b.kind === 'table').at(-1)!;
    assert.equal(judgments.total, 500);
    assert.ok(judgments.shown < 500 && judgments.rows.length === judgments.shown);
    assert.ok(judgments.note?.includes('500'));
    const [pdf, docx] = await Promise.all([renderPdf(model), renderDocx(model)]);
    const text = squash(pdfPages(pdf).join('\n'));
    assert.ok(text.includes(squash(judgments.note!)), 'PDF shows 共 500 条，显示最近 M 条');
    // Only the shown rows are printed: the case number of the first hidden record is absent.
    for (const row of judgments.rows) assert.ok(text.includes(squash(row[1]!)), `PDF lacks shown row ${row[1]}`);
    assert.ok(Number(pdfInfo(pdf).Pages) < 30, 'capped tables keep the report short');
    const word = squash(wordText(docxParts(docx)['word/document.xml']!));
    assert.ok(word.includes(squash(judgments.note!)), 'docx shows the cap note');
  });
});

describe('PDF pagination keeps headings and header rows with what follows', () => {
  /** A page's body lines: pdftotext -raw gives them in drawing order, before the watermark (drawn after layout, one character a line). */
  function bodyLines(page: string, customer: string): string[] {
    const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
    const end = lines.findIndex((l, k) => l === customer[0] && lines[k + 1] === customer[1]);
    return end >= 0 ? lines.slice(0, end) : lines;
  }

  for (const [name, doc] of [['standard', standardCompany()], ['heavy litigation', heavyLitigationSample()], ['every category', everyCategorySample()], ['500 judgments', heavyLitigationCompany(500)]] as const) {
    it(`${name}: no page ends with a section title, a table caption or a table header row`, async () => {
      const model = modelOf(doc);
      const pages = pdfPages(await renderPdf(model));
      const titles = new Set(model.sections.map((s) => squash(s.title)));
      const tables = model.sections.flatMap((s) => s.blocks).filter((b): b is TableBlock => b.kind === 'table');
      for (const t of tables) if (t.title) titles.add(squash(t.title));
      const headerRows = new Set(tables.map((t) => squash(t.columns.map((c) => c.title).join(''))));
      pages.slice(1).forEach((page, i) => {
        const body = bodyLines(page, model.meta.customerName);
        const last = squash(body.at(-1) ?? '');
        assert.ok(!titles.has(last), `page ${i + 2} ends with the title ${last}`);
        assert.ok(!headerRows.has(last), `page ${i + 2} ends with a table header row ${last}`);
      });
    });
  }
});
