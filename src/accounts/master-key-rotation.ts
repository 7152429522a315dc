import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { SecretBox } from './secrets.js';

/**
 * Re-seals every account's SecretKey from the old master key to the new one, all or nothing.
 * Every SecretKey is opened with the old key before anything is written, so a wrong old key (or a
 * second run after a successful one) changes nothing and names the first account that did not open.
 * Runs in one transaction: readers see either all old or all new ciphertexts.
 */
export async function resealSecretKeys(db: Kysely<Schema>, oldBox: SecretBox, newBox: SecretBox, nowIso: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('accounts').select(['key', 'secret_enc']).orderBy('key').execute();
    const resealed = rows.map((row) => {
      let secretKey: string;
      try {
        secretKey = oldBox.open(row.key, row.secret_enc);
      } catch {
        throw new Error(`the SecretKey of account ${row.key} does not open with the old master key (ZHENGXIN_OLD_MASTER_KEY); nothing was changed`);
      }
      return { key: row.key, sealed: newBox.seal(row.key, secretKey) };
    });
    for (const { key, sealed } of resealed) {
      await trx.updateTable('accounts').set({ secret_enc: sealed, updated_at: nowIso }).where('key', '=', key).execute();
    }
    return resealed.length;
  });
}
