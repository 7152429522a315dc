import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadReportFonts } from './report-fonts.js';
import { subsetTrueType } from './subset.js';
import { parseTrueType } from './truetype.js';
import { glyphPath, measureText, textToSvg } from './outline.js';

describe('TrueType subsetting', () => {
  const { regular } = loadReportFonts();
  const chars = [...'企业信用报告 AaZz0-9&'];

  it('keeps each chosen glyph with its advance width and outline bytes, and maps characters', () => {
    const glyphs = [0, ...new Set(chars.map((c) => regular.glyphForCodePoint(c.codePointAt(0)!)))];
    const cmap = new Map(chars.map((c) => [c.codePointAt(0)!, glyphs.indexOf(regular.glyphForCodePoint(c.codePointAt(0)!))]));
    const subset = parseTrueType(subsetTrueType(regular, glyphs, { cmap }));
    assert.ok(subset.numGlyphs >= glyphs.length);
    assert.equal(subset.postscriptName, regular.postscriptName);
    glyphs.forEach((g, i) => {
      assert.equal(subset.advanceWidth(i), regular.advanceWidth(g));
      const a = regular.glyphRange(g);
      const b = subset.glyphRange(i);
      assert.equal(b.length >= a.length, true);
      if (regular.data[a.offset] !== 0xff) {
        // Simple glyphs are copied byte for byte.
        assert.deepEqual(subset.data.subarray(b.offset, b.offset + a.length), regular.data.subarray(a.offset, a.offset + a.length));
      }
    });
    for (const c of chars) assert.equal(subset.glyphForCodePoint(c.codePointAt(0)!), cmap.get(c.codePointAt(0)!));
    assert.ok(subset.data.length < 20_000, `subset of ${glyphs.length} glyphs is ${subset.data.length} bytes`);
  });

  it('reports characters the font lacks as glyph 0', () => {
    assert.equal(regular.glyphForCodePoint(0x2000b), 0); // 𠀋, CJK Extension B
    assert.equal(regular.glyphForCodePoint(0x1f600), 0); // 😀
    assert.notEqual(regular.glyphForCodePoint('信'.codePointAt(0)!), 0);
  });

  it('refuses a CFF (OTTO) font with a clear message', () => {
    const otto = new Uint8Array(64);
    otto.set([0x4f, 0x54, 0x54, 0x4f]);
    assert.throws(() => parseTrueType(otto), /CFF outlines are not supported/);
  });

  it('turns text into outline path data and measures it', () => {
    const d = glyphPath(regular, regular.glyphForCodePoint('信'.codePointAt(0)!));
    assert.match(d, /^M-?\d+ -?\d+/);
    assert.ok(d.split('Z').length > 4);
    const svg = textToSvg(regular, '信用', 10, 20, 12, 'start', '#333333');
    assert.equal(svg.match(/<path /g)?.length, 2);
    assert.match(svg, /matrix\(0\.012 0 0 -0\.012 10 20\)/);
    assert.equal(measureText(regular, '信用', 12), 24); // CJK ideographs are one em wide
    assert.equal(textToSvg(regular, ' 𠀋', 0, 0, 12, 'start', '#000'), ''); // space and a missing glyph draw nothing
  });
});
