import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FALLBACK_FONTS, fallbackChain, fallbackFontPath, hanaMinFileFor, hanaMinFiles, readHanaMin } from './fallback-fonts.js';
import { loadReportFonts } from './report-fonts.js';
import { parseTrueType } from './truetype.js';

/** Extension B (last), C (first) and E (first) ideographs. */
const RARE = [0x2a6d6, 0x2a700, 0x2b820];

describe('fallback font chain', () => {
  it('reads the HanaMin block table from the package and finds the file for a code point', () => {
    assert.ok(hanaMinFiles().length > 100);
    assert.match(hanaMinFiles()[hanaMinFileFor(0x22800)]!.file, /^HanaMinB\.CJK-Unified-Ideographs-Extension-B-\d+\.woff2$/);
    assert.match(hanaMinFiles()[hanaMinFileFor(0x2a700)]!.file, /Extension-C/);
    assert.equal(hanaMinFileFor(0x10ffff), -1);
  });

  it('no Noto font has the rare characters the render test uses (so HanaMin is what draws them)', () => {
    const { regular } = loadReportFonts();
    for (let i = 0; i < FALLBACK_FONTS.length; i++) {
      const bytes = readFileSync(fallbackFontPath(i, 'regular'));
      const noto = parseTrueType(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      for (const cp of RARE) assert.equal(noto.glyphForCodePoint(cp), 0, `${noto.postscriptName} U+${cp.toString(16)}`);
    }
    for (const cp of RARE) assert.equal(regular.glyphForCodePoint(cp), 0);
  });

  it('takes Noto first and HanaMin only for what the Noto fonts lack, decoding only the file needed', () => {
    const loaded: number[] = [];
    const chain = fallbackChain('regular', undefined, (i) => {
      loaded.push(i);
      return readHanaMin(i);
    });
    assert.equal(chain(0x20bb7)?.font.postscriptName, 'NotoSansJP-Regular'); // 𠮷
    assert.equal(chain(0x1f600)?.font.postscriptName, 'NotoEmoji-Regular');
    assert.deepEqual(loaded, []);
    for (const cp of RARE) {
      const hit = chain(cp);
      assert.match(hit?.font.postscriptName ?? '', /^HanaMinB-CJK-Unified-Ideographs-Extension-[BCE]-\d+$/, cp.toString(16));
      assert.ok(hit && hit.glyph !== 0);
      assert.ok(hit.font.glyphRange(hit.glyph).length > 20, 'a real outline, decoded from WOFF2');
      assert.equal(hit.font.advanceWidth(hit.glyph), hit.font.metrics.unitsPerEm); // one em wide
    }
    assert.deepEqual(loaded, RARE.map(hanaMinFileFor));
  });
});
