import type { Kysely } from 'kysely';

/**
 * Accounts (the vendor's 我的公司), their failure events for the 106/108 lockouts, operator-wide
 * settings (interface switches, maintenance mode, system daily limit) and the audit log. All of it
 * lives here rather than in process memory because several API processes may share one database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text')
    .addColumn('billing', 'text', (c) => c.notNull())
    .addColumn('balance', 'integer', (c) => c.notNull())
    .addColumn('credit_limit', 'integer', (c) => c.notNull())
    .addColumn('price_pdf', 'integer', (c) => c.notNull())
    .addColumn('price_word', 'integer', (c) => c.notNull())
    .addColumn('formats', 'text', (c) => c.notNull())
    .addColumn('interfaces', 'text', (c) => c.notNull())
    .addColumn('allowed_ips', 'text', (c) => c.notNull())
    .addColumn('daily_quota', 'integer')
    .addColumn('concurrency_limit', 'integer', (c) => c.notNull())
    .addColumn('auth_locked_until', 'text')
    .addColumn('param_locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull().references('accounts.key').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_failures_key_kind_at').on('account_failures').columns(['account_key', 'kind', 'at']).execute();

  await db.schema
    .createTable('system_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text')
    .addColumn('interface', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('order_no', 'text')
    .execute();
  await db.schema.createIndex('audit_log_key_at').on('audit_log').columns(['account_key', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
