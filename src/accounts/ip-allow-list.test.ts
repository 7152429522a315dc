import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipAllowed, parseCidr } from './ip-allow-list.js';

describe('IP allow-list', () => {
  it('allows everything when empty', () => assert.equal(ipAllowed('8.8.8.8', []), true));
  it('matches IPv4 ranges, bare addresses and IPv4-mapped IPv6', () => {
    assert.equal(ipAllowed('10.1.2.3', ['10.0.0.0/8']), true);
    assert.equal(ipAllowed('11.1.2.3', ['10.0.0.0/8']), false);
    assert.equal(ipAllowed('::ffff:10.1.2.3', ['10.0.0.0/8']), true);
    assert.equal(ipAllowed('127.0.0.1', ['127.0.0.1']), true);
    assert.equal(ipAllowed('127.0.0.2', ['127.0.0.1']), false);
  });
  it('matches IPv6 ranges', () => {
    assert.equal(ipAllowed('2001:db8::1', ['2001:db8::/32']), true);
    assert.equal(ipAllowed('2001:db9::1', ['2001:db8::/32']), false);
    assert.equal(ipAllowed('::1', ['::1/128']), true);
  });
  it('rejects malformed CIDRs with a message naming them', () => {
    assert.throws(() => parseCidr('10.0.0.0/33'), /10\.0\.0\.0\/33/);
    assert.throws(() => parseCidr('example.com'), /example\.com/);
    assert.throws(() => parseCidr('10.0.0.0/8/1'), /not an IP/);
  });
});
