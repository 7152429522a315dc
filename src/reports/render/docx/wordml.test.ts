import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { runXml, tableXml, paragraphXml, tocFieldXml, xmlText } from './wordml.js';
import { writeZip, zipEntry } from './zip.js';

describe('WordprocessingML strings', () => {
  it('escapes markup characters and drops what XML 1.0 cannot hold', () => {
    assert.equal(xmlText('A&B <C> "D"'), 'A&amp;B &lt;C&gt; &quot;D&quot;');
    assert.equal(xmlText('a\u0001b\u001Fc\uFFFEd'), 'abcd');
    assert.equal(xmlText('x\uD800y'), 'xy'); // lone surrogate
    assert.equal(xmlText('😀𠀋'), '😀𠀋'); // pairs stay
  });

  it('puts tabs and line breaks in their own elements and keeps run properties in schema order', () => {
    const r = runXml('甲\t乙\n丙', '<w:rFonts/>', { bold: true, color: 'FF0000', size: 9, fill: 'EEEEEE' });
    assert.equal(r, '<w:r><w:rPr><w:rFonts/><w:b/><w:bCs/><w:color w:val="FF0000"/><w:sz w:val="18"/><w:szCs w:val="18"/><w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/></w:rPr><w:t xml:space="preserve">甲</w:t><w:tab/><w:t xml:space="preserve">乙</w:t><w:br/><w:t xml:space="preserve">丙</w:t></w:r>');
  });

  it('marks header rows to repeat and rows not to split', () => {
    const t = tableXml([100, 200], [{ header: true, cells: [{ content: paragraphXml(''), widthTwips: 100 }, { content: paragraphXml(''), widthTwips: 200 }] }], 'CCCCCC');
    assert.match(t, /<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    assert.match(t, /<w:tblW w:w="300" w:type="dxa"\/>/);
  });
});

describe('table of contents field', () => {
  it('is one dirty TOC field over levels 1-2 whose cached entries link to the heading bookmarks', () => {
    const xml = tocFieldXml([{ runs: '<w:r><w:t>摘要</w:t></w:r>', level: 1, bookmark: '_TocZx1' }, { runs: '<w:r><w:t>裁判文书</w:t></w:r>', level: 2, bookmark: '_TocZx2' }]);
    assert.equal((xml.match(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/>/g) ?? []).length, 1);
    assert.match(xml, /<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u <\/w:instrText>/);
    assert.match(xml, /<w:pStyle w:val="TOC1"\/>[\s\S]*<w:hyperlink w:anchor="_TocZx1" w:history="1"><w:r><w:t>摘要<\/w:t><\/w:r><\/w:hyperlink>/);
    assert.match(xml, /<w:pStyle w:val="TOC2"\/>[\s\S]*<w:hyperlink w:anchor="_TocZx2"/);
    // Every field that begins also ends.
    assert.equal((xml.match(/fldCharType="begin"/g) ?? []).length, (xml.match(/fldCharType="end"/g) ?? []).length);
  });

  it('puts a bookmark around a heading paragraph', () => {
    assert.equal(paragraphXml('<w:r/>', { styleId: 'Heading1', bookmark: { id: 3, name: '_TocZx3' } }), '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="3" w:name="_TocZx3"/><w:r/><w:bookmarkEnd w:id="3"/></w:p>');
  });
});

describe('zip writer', () => {
  it('writes an archive other readers unpack to the same bytes', () => {
    const big = '信用报告'.repeat(500);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const zip = writeZip([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', big), zipEntry('media/a.png', png, true)]);
    const files = unzipSync(zip);
    assert.deepEqual(Object.keys(files), ['[Content_Types].xml', 'word/document.xml', 'media/a.png']);
    assert.equal(strFromU8(files['word/document.xml']!), big);
    assert.deepEqual(files['media/a.png'], png);
    assert.ok(zip.length < Buffer.byteLength(big), 'large parts are deflated');
  });
});
