import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Order } from './orders.js';
import { reportFileNames } from './retrieve-route.js';

const order = (over: Partial<Order>): Order => ({
  orderNo: 'a'.repeat(32), accountKey: 'b'.repeat(32), keyNo: 'c'.repeat(32), companyName: '上海测试科技有限公司', creditCode: null,
  format: 'pdf', state: 'S', price: 1, createdAt: '2026-11-30T15:59:00.000Z', finishedAt: null, expiresAt: null,
  retrieveCode: null, blobKey: null, fileSize: null, failReason: null, reportType: 1, ...over,
});

test('the file name carries the Beijing date the report prints, not the UTC date', () => {
  // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Beijing.
  assert.equal(reportFileNames(order({ finishedAt: '2026-11-30T17:30:00.000Z' })).utf8, '上海测试科技有限公司_企业信用报告_2026-12-01.pdf');
  assert.equal(reportFileNames(order({ finishedAt: '2026-11-30T15:59:59.000Z', format: 'word' })).utf8, '上海测试科技有限公司_企业信用报告_2026-11-30.docx');
  // Not finished: the order's creation instant (15:59 UTC, 23:59 Beijing).
  assert.equal(reportFileNames(order({})).utf8, '上海测试科技有限公司_企业信用报告_2026-11-30.pdf');
  assert.equal(reportFileNames(order({})).ascii, `credit-report-${'a'.repeat(32)}.pdf`);
});

test('path separators and control characters in the company name become underscores', () => {
  assert.equal(reportFileNames(order({ companyName: 'A/B\\C:D\u0001', finishedAt: '2026-01-01T00:00:00Z' })).utf8, 'A_B_C_D__企业信用报告_2026-01-01.pdf');
});

test('the file name names the report type, and JSON is .json', () => {
  const names = reportFileNames(order({ finishedAt: '2026-11-30T15:59:59.000Z', format: 'json', reportType: 4 }));
  assert.equal(names.utf8, '上海测试科技有限公司_空壳扫描报告_2026-11-30.json');
  assert.equal(names.ascii, `shell-scan-report-${'a'.repeat(32)}.json`);
});
