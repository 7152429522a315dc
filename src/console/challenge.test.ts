import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { it } from 'node:test';
import { challengeSignature, secretEquals, signatureMatches } from './challenge.js';

it('signs the nonce for one account with the SecretKey (what the browser computes with WebCrypto)', () => {
  const expected = crypto.createHmac('sha256', 'S3cret').update('zhengxin-console-signin\nk1\nn1').digest('hex');
  assert.equal(challengeSignature('S3cret', 'k1', 'n1'), expected);
  assert.notEqual(challengeSignature('S3cret', 'k2', 'n1'), expected);
  assert.notEqual(challengeSignature('other', 'k1', 'n1'), expected);
});

it('compares signatures and secrets without short-cuts, and never accepts an empty expectation', () => {
  const sig = challengeSignature('s', 'k', 'n');
  assert.ok(signatureMatches(sig.toUpperCase(), sig));
  assert.ok(!signatureMatches(sig.slice(1), sig));
  assert.ok(secretEquals('tok', 'tok'));
  assert.ok(!secretEquals('tok', 'tok2'));
  assert.ok(!secretEquals('', ''));
});
