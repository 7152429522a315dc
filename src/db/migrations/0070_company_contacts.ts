import type { Kysely } from 'kysely';

/**
 * The store-wide registration keys of companies (src/companies/registration-keys.ts,
 * docs/report-types.md "Store-wide counts"): one row per (kind, normalised value, key_no), kind 1
 * registered address, 2 phone, 3 e-mail, 4 legal representative. "How many companies share this
 * address" is then one range count over the one index, which leads with (kind, value) and covers
 * key_no, so the count never reads the table. No index by key_no and no foreign key, like
 * `company_search`: the writers keep the rows with their company in the same transaction and derive
 * a replaced company's old keys from its stored document.
 *
 * Stores that hold companies already get their keys from `ensureRegistrationKeys` (src/companies),
 * not here: the keys are derived by domain code this layer does not know.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('company_contacts')
    .addColumn('kind', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('company_contacts_value').on('company_contacts').columns(['kind', 'value', 'key_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
