import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Utf8JsonWriter } from './utf8-json-writer.js';

function written(write: (w: Utf8JsonWriter) => void, capacityBytes = 4): string {
  const w = new Utf8JsonWriter(capacityBytes);
  write(w);
  return w.buffer.subarray(0, w.length).toString('latin1');
}

/** JSON.stringify's text as UTF-8 bytes, in the same byte-per-char form as `written`. */
function expected(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('latin1');
}

test('strings come out as JSON.stringify writes them, in UTF-8, escapes and surrogates included', () => {
  const samples = [
    '', 'plain ascii', '杭州华信商贸有限公司', 'café ø', '（2024）浙0106民初123号', 'quote " and backslash \\',
    'new\nline\ttab\u0000nul\u001f', '\u007f del', 'pair 😀 ok', 'lone \ud800 high', 'lone \udc00 low', 'end high \ud83d',
    '\u2028\u2029 separators', 'x'.repeat(1000) + '中',
  ];
  for (const s of samples) assert.equal(written((w) => w.string(s)), expected(s), JSON.stringify(s));
});

test('numbers come out as JSON.stringify writes them', () => {
  const samples = [0, -0, 7, 10, 99, 100, 2030000, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1.5e300, -1, -2030000, 0.6347, 1e-7, 123.45, NaN, Infinity, -Infinity];
  for (const n of samples) assert.equal(written((w) => w.number(n)), expected(n), String(n));
  // Every ratio of whole basis points (the fast path), and near misses that are no such ratio.
  for (let k = 1; k < 10_000; k++) {
    const ratio = k / 10_000;
    assert.equal(written((w) => w.number(ratio)), expected(ratio), String(ratio));
    const near = ratio + Number.EPSILON * ratio * 4;
    assert.equal(written((w) => w.number(near)), expected(near), String(near));
  }
  for (const n of [0.1 + 0.2, 1 / 3, 0.00001, 0.99999, 1.0001, -0.5]) assert.equal(written((w) => w.number(n)), expected(n), String(n));
});

test('keys, arrays and booleans compose into the text JSON.stringify gives, growing the buffer as needed', () => {
  const value = { a: [true, false], 名称: ['甲', '乙'], n: 12 };
  const text = written((w) => {
    w.byte(0x7b);
    w.key('a');
    w.byte(0x5b);
    w.boolean(true);
    w.byte(0x2c);
    w.boolean(false);
    w.byte(0x5d);
    w.key('名称');
    w.strings(['甲', '乙']);
    w.key('n');
    w.number(12);
    w.byte(0x7d);
  }, 1);
  assert.equal(text, expected(value));
});

test('take hands over the bytes written and starts a fresh buffer', () => {
  const w = new Utf8JsonWriter(8);
  w.string('abc');
  const first = w.take();
  w.string('中');
  assert.equal(first.toString('utf8'), '"abc"');
  assert.equal(w.buffer.subarray(0, w.length).toString('utf8'), '"中"');
});
