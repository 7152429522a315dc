import type { Kysely } from 'kysely';

/**
 * Drops the kind-4 rows of `company_contacts` (legal representative as name@prefecture, migration
 * 0070's fourth kind). The shell scan counts the legal representative's companies over the relation
 * graph under its identity rule (docs/report-types.md "Store-wide counts"), so nothing reads them,
 * and the writers no longer produce them (src/companies/registration-keys.ts). One range delete
 * over the table's index, which leads with `kind`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('company_contacts').where('kind', '=', 4).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
