import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRET_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const MASTER_KEY_FILE_NAME = 'master.key';

/** An account key: 32 lowercase hex characters from the CSPRNG. */
export function generateAccountKey(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** A SecretKey: 32 characters from [0-9A-Za-z], each drawn uniformly by crypto.randomInt. */
export function generateSecretKey(): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += SECRET_ALPHABET[crypto.randomInt(SECRET_ALPHABET.length)];
  return out;
}

export const ACCOUNT_KEY_PATTERN = /^[0-9a-f]{32}$/;

/**
 * SecretKeys at rest: AES-256-GCM with a random 96-bit IV, the account key as associated data (a
 * ciphertext copied onto another account does not decrypt), stored as `v1:` + base64(iv|tag|ct).
 */
export interface SecretBox {
  seal(accountKey: string, secretKey: string): string;
  open(accountKey: string, sealed: string): string;
}

export function secretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error(`master key must be 32 bytes, got ${masterKey.length}`);
  return {
    seal(accountKey, secretKey) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(Buffer.from(accountKey, 'utf8'));
      const ct = Buffer.concat([cipher.update(secretKey, 'utf8'), cipher.final()]);
      return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    },
    open(accountKey, sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown SecretKey ciphertext version');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(accountKey, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * A SecretBox that remembers opened SecretKeys, so that an API call does not pay an AES-GCM
 * decryption (~20 µs) each time. Entries are keyed by account key and checked against the sealed
 * text they came from: a rotated SecretKey has new sealed bytes and is opened afresh, and the old
 * one is never answered again. The clear SecretKeys stay in this process's memory only (as they
 * would during every call anyway) and are never logged. Bounded: when full, the cache is emptied.
 */
export function cachingSecretBox(box: SecretBox, options: { maxEntries?: number } = {}): SecretBox {
  const maxEntries = options.maxEntries ?? 10_000;
  const opened = new Map<string, { sealed: string; secretKey: string }>();
  return {
    seal: (accountKey, secretKey) => box.seal(accountKey, secretKey),
    open(accountKey, sealed) {
      const hit = opened.get(accountKey);
      if (hit && hit.sealed === sealed) return hit.secretKey;
      const secretKey = box.open(accountKey, sealed);
      if (!hit && opened.size >= maxEntries) opened.clear();
      opened.set(accountKey, { sealed, secretKey });
      return secretKey;
    },
  };
}

/** Parses `ZHENGXIN_MASTER_KEY`: 32 bytes as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length !== 32) throw new Error('ZHENGXIN_MASTER_KEY must be 32 bytes, as 64 hex characters or base64');
  return bytes;
}

/**
 * The master key from configuration, or (embedded default) from `<dataDir>/master.key`, generated
 * with mode 0600 on first use. `generated` tells the caller to say so once.
 */
export function loadOrCreateMasterKey(configured: string | undefined, dataDir: string): { key: Buffer; file?: string; generated: boolean } {
  if (configured) return { key: parseMasterKey(configured), generated: false };
  const file = path.join(dataDir, MASTER_KEY_FILE_NAME);
  if (fs.existsSync(file)) return { key: parseMasterKey(fs.readFileSync(file, 'utf8')), file, generated: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process won the race: use its key.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: parseMasterKey(fs.readFileSync(file, 'utf8')), file, generated: false };
    throw err;
  }
  return { key, file, generated: true };
}
