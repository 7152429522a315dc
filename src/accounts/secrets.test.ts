import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateAccountKey, generateSecretKey, loadOrCreateMasterKey, parseMasterKey, secretBox } from './secrets.js';

describe('account secrets', () => {
  it('generates keys and SecretKeys of the documented shape', () => {
    assert.match(generateAccountKey(), /^[0-9a-f]{32}$/);
    assert.match(generateSecretKey(), /^[0-9A-Za-z]{32}$/);
    assert.notEqual(generateSecretKey(), generateSecretKey());
  });

  it('round-trips a SecretKey and refuses it under another account or master key', () => {
    const box = secretBox(crypto.randomBytes(32));
    const sealed = box.seal('a'.repeat(32), 'Secret123');
    assert.ok(!sealed.includes('Secret123'));
    assert.equal(box.open('a'.repeat(32), sealed), 'Secret123');
    assert.throws(() => box.open('b'.repeat(32), sealed));
    assert.throws(() => secretBox(crypto.randomBytes(32)).open('a'.repeat(32), sealed));
  });

  it('parses hex and base64 master keys and rejects other lengths', () => {
    const k = crypto.randomBytes(32);
    assert.deepEqual(parseMasterKey(k.toString('hex')), k);
    assert.deepEqual(parseMasterKey(k.toString('base64')), k);
    assert.throws(() => parseMasterKey('abcd'), /32 bytes/);
  });

  it('generates the embedded master key once, mode 0600, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-mk-'));
    const first = loadOrCreateMasterKey(undefined, dir);
    assert.equal(first.generated, true);
    assert.equal(fs.statSync(first.file!).mode & 0o777, 0o600);
    const second = loadOrCreateMasterKey(undefined, dir);
    assert.equal(second.generated, false);
    assert.deepEqual(second.key, first.key);
    fs.rmSync(dir, { recursive: true });
  });
});
