import { sql, type Kysely } from 'kysely';

/**
 * `companies.version`: the company's version number, 1 when first stored and one more with every
 * accepted change (push, import, `data watch`), written in the change's transaction. Companies
 * stored before this migration start at 1. A constant default adds the column without rewriting
 * the table on either backend (PostgreSQL 11+ keeps it in the catalogue), so it is instant at 1M.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table companies add column version integer not null default 1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
