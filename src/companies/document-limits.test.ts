import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentLimitViolation, MAX_DOCUMENT_DEPTH } from './document-limits.js';

describe('documentLimitViolation', () => {
  it('passes ordinary documents, including nesting up to the limit and the largest safe integers', () => {
    let nested: unknown = 1;
    for (let i = 0; i < MAX_DOCUMENT_DEPTH; i++) nested = [nested];
    assert.equal(documentLimitViolation({ a: nested }), `/a${'/0'.repeat(MAX_DOCUMENT_DEPTH - 1)} nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    nested = 1;
    for (let i = 0; i < MAX_DOCUMENT_DEPTH - 1; i++) nested = [nested];
    assert.equal(documentLimitViolation({ a: nested }), undefined);
    assert.equal(documentLimitViolation({ n: Number.MAX_SAFE_INTEGER, m: -Number.MAX_SAFE_INTEGER, x: 1e15, y: 123456.789, s: '1e400' }), undefined);
  });

  it('names the first number out of range by its JSON Pointer', () => {
    assert.equal(documentLimitViolation(JSON.parse('{"a":[1,{"b":1e400}]}')), '/a/1/b is a number out of range (Infinity once parsed)');
    assert.equal(documentLimitViolation(JSON.parse('{"a":-1e400}')), '/a is a number out of range (-Infinity once parsed)');
    assert.match(documentLimitViolation(JSON.parse('{"x":{"y":9223372036854775808}}'))!, /^\/x\/y is a whole number beyond ±2\^53 \(9\.223372036854776e\+18\)/);
  });

  it('walks 100,000 levels without overflowing its own stack', () => {
    const deep = JSON.parse(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    assert.match(documentLimitViolation(deep)!, /nests deeper than 32 levels$/);
  });
});
