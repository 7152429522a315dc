import { sql, type Kysely } from 'kysely';

/**
 * Prices per interface (the interface registry, src/protocol/interfaces.ts): `accounts.prices`
 * holds JSON `{PRICE_KEY: units}` where a price key is an interface's name, or `NAME:FORMAT` for
 * one priced per report format. The two report prices move into it (`CreateReport:pdf`,
 * `CreateReport:word`); `price_pdf`/`price_word` are kept in step for a rollback to older code
 * but no longer read. `account_ledger.interface` names what a charge paid for (null: an order's,
 * written by older code), and an index serves the daily call count of the quotas.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('prices', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await sql`UPDATE accounts SET prices = '{"CreateReport:pdf":' || CAST(price_pdf AS TEXT) || ',"CreateReport:word":' || CAST(price_word AS TEXT) || '}'`.execute(db);
  await db.schema.alterTable('account_ledger').addColumn('interface', 'text').execute();
  await db.schema.createIndex('account_ledger_key_at').on('account_ledger').columns(['account_key', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
