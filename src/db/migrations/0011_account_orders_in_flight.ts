import { sql, type Kysely } from 'kysely';

/**
 * `accounts.orders_in_flight`: how many of the key's orders are in `P`, kept by the order
 * transactions (+1 with the charge, −1 when the order becomes S or F). The 122 concurrency check
 * then reads one column instead of counting a backlog that can hold thousands of orders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('orders_in_flight', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE accounts SET orders_in_flight = (SELECT count(*) FROM orders WHERE orders.account_key = accounts.key AND orders.state = 'P')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
