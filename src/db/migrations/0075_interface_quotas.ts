import type { Kysely } from 'kysely';

/**
 * Per-interface daily quotas (issue 14): `accounts.interface_quotas` holds JSON `{NAME: calls}`,
 * the most billed calls of interface NAME the key may make per China Standard Time day (116 past
 * it). The count reads the ledger's charges of that interface today, so an index leads with the
 * account and the interface: the account-wide daily quota's index (0020) would read every charge
 * of the day to count one interface's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('interface_quotas', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.createIndex('account_ledger_key_interface_at').on('account_ledger').columns(['account_key', 'interface', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
