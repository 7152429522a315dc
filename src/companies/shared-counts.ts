/**
 * Store-wide counts for the shell-company scan (`SharedRegistrationCounts`, store-counts.ts): how
 * many companies of the store share this company's registered address, phone, e-mail and legal
 * representative. One read of the company's document for its keys (registration-keys.ts), then one
 * range count per key over the covering index of `company_contacts` (migration 0070), so the cost
 * is a few index probes plus the length of the ranges counted, whatever the size of the store.
 */
import type { Kysely } from 'kysely';
import { compiledStatement } from '../db/compiled-query.js';
import type { Schema } from '../db/schema.js';
import type { CompanyDocument } from './document.js';
import { REGISTRATION_KEY_KINDS, registrationKeysOf, type RegistrationKeyKind } from './registration-keys.js';
import type { SharedRegistrationCounts } from './store-counts.js';

const selectDoc = compiledStatement((db: Kysely<Schema>, keyNo: string) => db.selectFrom('companies').select('doc').where('key_no', '=', keyNo));
const countSharing = compiledStatement((db: Kysely<Schema>, kind: number, value: string) =>
  db
    .selectFrom('company_contacts')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('kind', '=', kind)
    .where('value', '=', value),
);

/**
 * The counts for the company `keyNo`, each including the company itself; null where the company
 * has no such value (unknown, never 0). A company with several phones or e-mails gets the largest
 * count among them (the one that says most about sharing). Undefined when no such company is stored.
 */
export async function sharedCountsOf(db: Kysely<Schema>, keyNo: string): Promise<SharedRegistrationCounts | undefined> {
  const row = await selectDoc.first(db, keyNo);
  if (!row) return undefined;
  const keys = registrationKeysOf(JSON.parse(row.doc) as CompanyDocument);
  const largest = new Map<RegistrationKeyKind, number>();
  for (const k of keys) {
    const found = await countSharing.first(db, k.kind, k.value);
    const n = Number(found?.n ?? 0);
    largest.set(k.kind, Math.max(largest.get(k.kind) ?? 0, n));
  }
  const of = (kind: RegistrationKeyKind): number | null => largest.get(kind) ?? null;
  return {
    sameAddress: of(REGISTRATION_KEY_KINDS.address),
    samePhone: of(REGISTRATION_KEY_KINDS.phone),
    sameEmail: of(REGISTRATION_KEY_KINDS.email),
    legalRepCompanies: of(REGISTRATION_KEY_KINDS.legalRep),
  };
}

/**
 * Gives a store that already held companies when migration 0070 added `company_contacts` their
 * registration keys (the migration cannot: the keys are domain code). Cheap when there is nothing
 * to do: two one-row probes. Returns the number of companies indexed.
 */
export async function ensureRegistrationKeys(db: Kysely<Schema>, batch = 2000): Promise<number> {
  const anyKey = await db.selectFrom('company_contacts').select('key_no').limit(1).executeTakeFirst();
  if (anyKey) return 0;
  let indexed = 0;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('companies').select(['key_no', 'doc']).where('key_no', '>', after).orderBy('key_no').limit(batch).execute();
    if (rows.length === 0) return indexed;
    await db.transaction().execute(async (trx) => {
      const values = rows.flatMap((r) => registrationKeysOf(JSON.parse(r.doc) as CompanyDocument).map((k) => ({ kind: k.kind, value: k.value, key_no: r.key_no })));
      for (let i = 0; i < values.length; i += 1000) await trx.insertInto('company_contacts').values(values.slice(i, i + 1000)).execute();
    });
    indexed += rows.length;
    after = rows[rows.length - 1]!.key_no;
  }
}
