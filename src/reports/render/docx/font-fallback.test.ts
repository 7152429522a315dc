import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fallbackFontsXml, fontDeclarationsXml, splitByFont } from './font-fallback.js';

// A stand-in main font: BMP CJK and ASCII, nothing outside the BMP.
const hasGlyph = (cp: number) => cp < 0x10000 && cp !== 0x2603;

describe('docx font fallback runs', () => {
  it('keeps text the main font has in one segment', () => {
    assert.deepEqual(splitByFont('浙江某某科技有限公司 ABC 123', hasGlyph), [{ text: '浙江某某科技有限公司 ABC 123' }]);
  });

  it('puts Extension B ideographs and emoji in segments of their own kind', () => {
    assert.deepEqual(splitByFont('王𠀋𠀌明😀☃公司', hasGlyph), [
      { text: '王' },
      { text: '𠀋𠀌', fallback: 'cjk' },
      { text: '明' },
      { text: '😀☃', fallback: 'emoji' },
      { text: '公司' },
    ]);
  });

  it('keeps skin-tone modifiers, variation selectors and joiners with their emoji', () => {
    const family = '👨\u200D👩\u200D👧';
    assert.deepEqual(splitByFont(`甲${family}👍🏽乙`, hasGlyph), [{ text: '甲' }, { text: `${family}👍🏽`, fallback: 'emoji' }, { text: '乙' }]);
  });

  it('names one font for every script slot, hinted East Asian for CJK, and declares it with an alternative', () => {
    assert.match(fallbackFontsXml('cjk'), /^<w:rFonts w:ascii="SimSun-ExtB" w:hAnsi="SimSun-ExtB" w:eastAsia="SimSun-ExtB" w:cs="SimSun-ExtB" w:hint="eastAsia"\/>$/);
    assert.doesNotMatch(fallbackFontsXml('emoji'), /w:hint/);
    const table = fontDeclarationsXml('Microsoft YaHei', '微软雅黑');
    for (const name of ['Microsoft YaHei', 'SimSun-ExtB', 'Segoe UI Emoji']) assert.ok(table.includes(`<w:font w:name="${name}"><w:altName`), name);
  });
});
