import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { loadOrCreateMasterKey, parseMasterKey, type SecretBox } from './secrets.js';

/** The master key is missing or does not open the SecretKeys already stored: nothing may start. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * The master key a process uses. With a shared database (`DATABASE_URL`) it must come from
 * `ZHENGXIN_MASTER_KEY`: a key generated into one process's data directory would seal SecretKeys
 * no other process can open (and open none of theirs), so it is refused here instead of surfacing
 * later as 500 on every call. Embedded (SQLite, one machine) keeps the generated `master.key` file.
 */
export function resolveMasterKey(input: { configured: string | undefined; databaseUrl: string | undefined; dataDir: string }):
  { key: Buffer; file?: string; generated: boolean } {
  if (input.databaseUrl) {
    if (!input.configured) {
      throw new MasterKeyError('ZHENGXIN_MASTER_KEY is not set. With DATABASE_URL (a shared PostgreSQL database) every process and every CLI call needs the same master key (64 hex characters or base64 of 32 bytes; `openssl rand -hex 32` makes one): a generated key could not open the SecretKeys the other processes stored. See docs/deploy.md.');
    }
    try {
      return { key: parseMasterKey(input.configured), generated: false };
    } catch (err) {
      throw new MasterKeyError(err instanceof Error ? err.message : String(err));
    }
  }
  return loadOrCreateMasterKey(input.configured, input.dataDir);
}

/**
 * Proves the key opens a SecretKey already in the database (the most recently changed account's),
 * or throws naming that account. Nothing to prove on a database without accounts.
 */
export async function verifyMasterKeyOpensStoredSecrets(db: Kysely<Schema>, box: SecretBox): Promise<'no accounts yet' | 'ok'> {
  const row = await db.selectFrom('accounts').select(['key', 'secret_enc']).orderBy('updated_at', 'desc').orderBy('key').limit(1).executeTakeFirst();
  if (!row) return 'no accounts yet';
  try {
    box.open(row.key, row.secret_enc);
  } catch {
    throw new MasterKeyError(`ZHENGXIN_MASTER_KEY does not open the stored SecretKey of account ${row.key}: this is not the key the accounts were created with (after a rotation, every process needs the new key)`);
  }
  return 'ok';
}
