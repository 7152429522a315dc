import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadReportFonts } from './fonts/report-fonts.js';
import { keepUnitsTogether, longestTokenWidth, textWidth, tokenize, truncateToWidth, wrapLines } from './text-wrap.js';

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

  it('never separates a number from its unit, at any width', () => {
    const text = '执行标的 90,000.00 万元，另有 1,250.00 万美元、3 个月与 12 件';
    // From the width of the widest number-with-unit on (narrower, a token must be cut somewhere).
    for (let width = Math.ceil(longestTokenWidth(regular, text, 8.5)); width <= 200; width += 3) {
      const lines = wrapLines(regular, text, 8.5, width);
      assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
      for (const l of lines) {
        assert.ok(!/^(万?元|美元|个月|件)/.test(l), `${width}: a line starts with a unit: ${lines.join(' / ')}`);
        assert.ok(!/[\d.]$/.test(l) || l === lines.at(-1), `${width}: a number ends a line before its unit: ${lines.join(' / ')}`);
      }
    }
    assert.ok(tokenize(text).includes('90,000.00 万元'));
    assert.ok(tokenize(text).includes('1,250.00 万美元'));
  });

  it('breaks a number with its unit at the space when the pair is wider than the line', () => {
    const width = textWidth(regular, '90,000.00', 8.5) + 1;
    assert.deepEqual(wrapLines(regular, '90,000.00 万元', 8.5, width), ['90,000.00', '万元']);
  });

  it('joins a number and its unit with a no-break space for Word', () => {
    assert.equal(keepUnitsTogether('标的 90,000.00 万元，期限 3 个月，共 2 家'), '标的 90,000.00\u00A0万元，期限 3\u00A0个月，共 2\u00A0家');
    assert.equal(keepUnitsTogether('2024 浙江'), '2024 浙江');
  });

  it('keeps a case number whole', () => {
    assert.deepEqual(tokenize('（2024）浙0102民初1234号 判决'), ['（2024）浙0102民初1234号', ' ', '判', '决']);
    assert.deepEqual(tokenize('(2023)京73知民初12号之一'), ['(2023)京73知民初12号之一']);
    const caseNo = '（2024）浙0102民初1234号';
    assert.equal(longestTokenWidth(regular, `${caseNo} 西湖区人民法院`, 8.5), textWidth(regular, caseNo, 8.5));
    const lines = wrapLines(regular, `立案 ${caseNo}`, 8.5, textWidth(regular, caseNo, 8.5) + 1);
    assert.ok(lines.includes(caseNo), lines.join(' / '));
  });
});

describe('truncateToWidth', () => {
  const { regular } = loadReportFonts();

  it('returns text that fits unchanged', () => {
    assert.equal(truncateToWidth(regular, '浙江某某科技有限公司', 8, 200), '浙江某某科技有限公司');
  });

  it('cuts a long name to the width and ends it with an ellipsis', () => {
    const name = '中国某某某某某某某某某某某某某某某某某某某某某某集团控股股份有限公司北京第一分公司';
    for (const width of [40, 100, 180]) {
      const t = truncateToWidth(regular, name, 8, width);
      assert.ok(t.endsWith('…'), t);
      assert.ok(textWidth(regular, t, 8) <= width, `${t} is wider than ${width}`);
      assert.ok(name.startsWith(t.slice(0, -1)));
    }
    assert.equal(truncateToWidth(regular, name, 8, 2), '');
  });
});
