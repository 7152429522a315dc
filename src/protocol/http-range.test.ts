import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, decideRange } from './http-range.js';

describe('byte ranges', () => {
  it('parses the three single-range forms', () => {
    assert.deepEqual(decideRange('bytes=0-9', 100), { kind: 'partial', range: { start: 0, end: 9 } });
    assert.deepEqual(decideRange('bytes=90-', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(decideRange('bytes=-10', 100), { kind: 'partial', range: { start: 90, end: 99 } });
    assert.deepEqual(decideRange('bytes=95-200', 100), { kind: 'partial', range: { start: 95, end: 99 } });
    assert.deepEqual(decideRange('bytes=-500', 100), { kind: 'partial', range: { start: 0, end: 99 } });
  });
  it('answers unsatisfiable ranges and ignores what it does not support', () => {
    assert.deepEqual(decideRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(decideRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(decideRange('bytes=5-2', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(decideRange('bytes=0-1,5-6', 100), { kind: 'full' });
    assert.deepEqual(decideRange('items=0-1', 100), { kind: 'full' });
    assert.deepEqual(decideRange(undefined, 100), { kind: 'full' });
  });
});

describe('Content-Disposition', () => {
  it('has an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    assert.equal(
      contentDisposition('上海(测试)有限公司.pdf', 'report-1.pdf'),
      `attachment; filename="report-1.pdf"; filename*=UTF-8''%E4%B8%8A%E6%B5%B7%28%E6%B5%8B%E8%AF%95%29%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8.pdf`,
    );
    assert.match(contentDisposition('x', 'a"b\\c.pdf'), /filename="a_b_c\.pdf"/);
  });
});
