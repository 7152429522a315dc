import assert from 'node:assert/strict';
import { it } from 'node:test';
import { cookieValue, sessionCookie } from './cookies.js';

it('reads one cookie out of a Cookie header', () => {
  assert.equal(cookieValue('a=1; zx_console=abc; b=2', 'zx_console'), 'abc');
  assert.equal(cookieValue('zx_consolex=1', 'zx_console'), undefined);
  assert.equal(cookieValue(undefined, 'zx_console'), undefined);
  assert.equal(cookieValue('garbage', 'zx_console'), undefined);
});

it('sets an HttpOnly, SameSite=Strict session cookie, Secure only over HTTPS', () => {
  const plain = sessionCookie('v', { maxAgeSeconds: 60, secure: false });
  assert.equal(plain, 'zx_console=v; Path=/console; Max-Age=60; HttpOnly; SameSite=Strict');
  assert.match(sessionCookie('v', { maxAgeSeconds: 60, secure: true }), /; Secure$/);
  assert.match(sessionCookie('', { maxAgeSeconds: -5, secure: false }), /Max-Age=0/);
});
