import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateAddress } from './ssrf.js';

test('callback destinations: private, loopback, link-local and documentation ranges are refused; public addresses pass', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '192.0.2.7', '198.51.100.4', '203.0.113.9', '::1', 'fe80::1', 'fd00::1', '2001:db8::1', '::ffff:127.0.0.1', 'not-an-ip']) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '1.1.1.1', '203.0.114.1', '198.51.101.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isPrivateAddress(a), false, a);
  }
});
