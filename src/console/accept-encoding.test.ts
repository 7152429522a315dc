import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCoding, type Coding } from './accept-encoding.js';

const both = new Set<Coding>(['br', 'gzip']);

describe('chooseCoding', () => {
  it('prefers Brotli, then gzip, then the plain file', () => {
    assert.equal(chooseCoding('gzip, deflate, br, zstd', both), 'br');
    assert.equal(chooseCoding('gzip, deflate', both), 'gzip');
    assert.equal(chooseCoding('deflate', both), 'identity');
    assert.equal(chooseCoding(undefined, both), 'identity');
    assert.equal(chooseCoding('', both), 'identity');
  });
  it('never sends a coding the client refused with q=0, and honours *', () => {
    assert.equal(chooseCoding('br;q=0, gzip', both), 'gzip');
    assert.equal(chooseCoding('BR ; q=0 , GZIP;q=0.5', both), 'gzip');
    assert.equal(chooseCoding('*', both), 'br');
    assert.equal(chooseCoding('*, br;q=0', both), 'gzip');
    assert.equal(chooseCoding('gzip;q=0, br;q=0', both), 'identity');
  });
  it('sends only copies that exist', () => {
    assert.equal(chooseCoding('br, gzip', new Set<Coding>(['gzip'])), 'gzip');
    assert.equal(chooseCoding('br, gzip', new Set<Coding>()), 'identity');
  });
});
