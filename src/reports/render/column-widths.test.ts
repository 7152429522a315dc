import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitColumns, measureColumns } from './column-widths.js';
import { loadReportFonts } from './fonts/report-fonts.js';
import { textWidth, wrapLines } from './text-wrap.js';

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

describe('column widths from content', () => {
  const { regular, bold } = loadReportFonts();
  const fonts = { header: bold, body: regular };

  it('spreads spare width in proportion when every cell fits on one line', () => {
    const w = fitColumns([{ min: 10, max: 50 }, { min: 10, max: 150 }], 400);
    assert.deepEqual(w.map(Math.round), [100, 300]);
  });

  it('keeps case numbers, courts and amounts on one line and wraps the free-text column', () => {
    const header = ['日期', '案号', '案由/标题', '身份', '涉案金额', '法院'];
    const rows = [
      ['2024-05-01', '（2024）浙0102民初1234号', '买卖合同纠纷一审民事判决书，原告与被告就货款支付、违约责任及利息计算等事项发生争议', '被告', '90,000.00 万元', '杭州市西湖区人民法院'],
      ['2023-11-20', '（2023）浙01民终5678号', '金融借款合同纠纷', '原告', '12.50 万元', '浙江省杭州市中级人民法院'],
    ];
    const total = 495;
    const widths = fitColumns(measureColumns(fonts, header, rows, 8.5, 8, total), total);
    assert.ok(Math.abs(sum(widths) - total) < 0.01);
    for (const row of rows) {
      for (const i of [0, 1, 4, 5]) {
        assert.equal(wrapLines(regular, row[i]!, 8.5, widths[i]! - 8).length, 1, `${header[i]} ${row[i]} wraps at ${widths[i]}`);
      }
    }
    assert.ok(wrapLines(regular, rows[0]![2]!, 8.5, widths[2]! - 8).length > 1, 'the free text wraps instead');
    assert.ok(widths[2]! >= total * 0.18 - 0.01, 'the free-text column keeps a readable width');
  });

  it('in a seven-column table, short columns stay on one line and party names wrap at most once', () => {
    const header = ['开庭日期', '案号', '案由', '身份', '原告', '被告', '法院'];
    const rows = [['2024-01-13', '（2024）浙0726民初24943号', '借款合同纠纷', '被告', '金华朗利实业有限公司', '浙江瑜识文化发展有限责任公司', '金华市浦江县人民法院']];
    const total = 495;
    const widths = fitColumns(measureColumns(fonts, header, rows, 8.5, 8.5, total), total);
    for (const i of [0, 1, 3]) assert.equal(wrapLines(regular, rows[0]![i]!, 8.5, widths[i]! - 8.5).length, 1, `${header[i]} wraps`);
    for (const i of [4, 5, 6]) assert.ok(wrapLines(regular, rows[0]![i]!, 8.5, widths[i]! - 8.5).length <= 2, `${header[i]} wraps more than once`);
  });

  it('never gives a column less than its widest unbreakable piece when the table can hold them all', () => {
    const measures = measureColumns(fonts, ['案号', '说明'], [['（2024）浙0102民初1234号', '长文本'.repeat(40)]], 8.5, 8, 300);
    const widths = fitColumns(measures, 300);
    assert.ok(widths[0]! >= textWidth(regular, '（2024）浙0102民初1234号', 8.5) + 8 - 0.01);
  });

  it('shares the width by unbreakable pieces when even those do not fit', () => {
    const widths = fitColumns([{ min: 300, max: 300 }, { min: 100, max: 900 }], 200);
    assert.ok(Math.abs(sum(widths) - 200) < 0.01);
    assert.ok(widths[0]! > widths[1]!);
  });
});
