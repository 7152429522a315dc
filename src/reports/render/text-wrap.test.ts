import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadReportFonts } from './fonts/report-fonts.js';
import { textWidth, wrapLines } from './text-wrap.js';

describe('wrapLines', () => {
  const { regular } = loadReportFonts();

  it('breaks between CJK characters and keeps every line within the width', () => {
    const text = '从事智能科技、计算机科技领域内的技术开发、技术咨询、技术服务、技术转让';
    const lines = wrapLines(regular, text, 10, 100);
    assert.ok(lines.length > 2);
    assert.equal(lines.join(''), text);
    for (const l of lines.slice(0, -1)) assert.ok(textWidth(regular, l.replace(/[，。、]$/, ''), 10) <= 100, l);
  });

  it('keeps Latin words and numbers whole and drops the space at a break', () => {
    const lines = wrapLines(regular, 'ISO 27001 information security certificate 91310115MA1H7J3K7G', 10, 120);
    for (const l of lines) assert.ok(!l.startsWith(' ') && !l.endsWith(' '));
    assert.ok(lines.includes('ISO 27001') || lines.some((l) => l.includes('27001')));
    assert.ok(lines.some((l) => l.includes('91310115MA1H7J3K7G')));
  });

  it('splits a word longer than the line by characters', () => {
    const lines = wrapLines(regular, 'A'.repeat(60), 10, 50);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(''), 'A'.repeat(60));
  });

  it('never starts a line with closing punctuation', () => {
    const text = '一二三四五六七八九十，一二三四五六七八九十。';
    for (const width of [40, 50, 60, 100]) {
      for (const l of wrapLines(regular, text, 10, width)) assert.ok(!/^[，。]/.test(l), `${width}: ${l}`);
    }
  });

  it('keeps explicit line breaks and empty text', () => {
    assert.deepEqual(wrapLines(regular, '甲\n乙', 10, 100), ['甲', '乙']);
    assert.deepEqual(wrapLines(regular, '', 10, 100), ['']);
  });
});
