import type { Kysely } from 'kysely';

/**
 * The web console (docs/console.md):
 * - `console_sessions`: signed-in browsers, by the SHA-256 of the cookie's random value (a copy of
 *   the table opens no session); the role, the customer's account key, the CSRF token, expiry.
 *   In the database so that every API process of a scale-out deployment sees the same sessions.
 * - `console_challenges`: one-time nonces of the customer's signed sign-in, deleted when used.
 * - `console_signin_failures`: failed sign-ins by client address, for the rate limit (shared too).
 * - `audit_log.actor`: who did a console action (`operator:NAME` or `customer:KEY`); null for API calls.
 * - order indexes for the console's keyset-paged order list (newest first, ties by order number)
 *   with or without a state, company or date filter; `audit_log (at)` for the overview's per-day counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('console_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_sessions_expires').on('console_sessions').column('expires_at').execute();
  await db.schema
    .createTable('console_challenges')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('console_signin_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_signin_failures_ip_at').on('console_signin_failures').columns(['ip', 'at']).execute();
  await db.schema.alterTable('audit_log').addColumn('actor', 'text').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('orders_created_order').on('orders').columns(['created_at', 'order_no']).execute();
  await db.schema.createIndex('orders_company_created').on('orders').columns(['company_name', 'created_at', 'order_no']).execute();
  await db.schema.createIndex('orders_credit_code_created').on('orders').columns(['credit_code', 'created_at', 'order_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
