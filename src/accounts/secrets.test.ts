import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cachingSecretBox, generateAccountKey, generateSecretKey, loadOrCreateMasterKey, parseMasterKey, secretBox, type SecretBox } from './secrets.js';

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

  it('caches opened SecretKeys by account and sealed text, so a rotation is seen at once', () => {
    const inner = secretBox(crypto.randomBytes(32));
    let opens = 0;
    const counting: SecretBox = { seal: inner.seal, open: (k, s) => { opens++; return inner.open(k, s); } };
    const box = cachingSecretBox(counting, { maxEntries: 2 });
    const key = 'a'.repeat(32);
    const first = box.seal(key, 'FirstSecret');
    assert.equal(box.open(key, first), 'FirstSecret');
    assert.equal(box.open(key, first), 'FirstSecret');
    assert.equal(opens, 1);
    const rotated = box.seal(key, 'SecondSecret');
    assert.equal(box.open(key, rotated), 'SecondSecret');
    assert.equal(opens, 2);
    // The old sealed text is opened again (not answered from the cache as the new secret).
    assert.equal(box.open(key, first), 'FirstSecret');
    assert.equal(opens, 3);
    // Another account's ciphertext still fails to open (the account key is the AES-GCM AAD).
    assert.throws(() => box.open('b'.repeat(32), rotated));
    // Bounded: a third account empties the full cache.
    box.open('c'.repeat(32), box.seal('c'.repeat(32), 'Third'));
    box.open('d'.repeat(32), box.seal('d'.repeat(32), 'Fourth'));
    const before = opens;
    box.open(key, first);
    assert.equal(opens, before + 1);
  });
});
