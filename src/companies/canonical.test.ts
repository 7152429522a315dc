import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it, test } from 'node:test';
import { canonicalJson, sha256Hex } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined properties as JSON does', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  });
});

test('sha256Hex gives a text and its UTF-8 bytes the same digest (import workers hash bytes, other writers strings)', () => {
  const text = '{"name":"杭州（测试）有限公司","n":1}';
  assert.equal(sha256Hex(Buffer.from(text, 'utf8')), sha256Hex(text));
  assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
});
