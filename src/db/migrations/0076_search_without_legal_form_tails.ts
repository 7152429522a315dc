import type { Kysely } from 'kysely';

/**
 * The search index stops indexing suffixes that start inside a legal-form ending
 * (src/companies/search-terms.ts `LEGAL_FORM_TAILS`): each such term was one row per company
 * (a million rows of `公司` at 1M companies) for queries search now refuses (215). Those rows are
 * exactly the "inside" terms (anchor 0) equal to one of these strings, listed here as they were
 * when this migration was written (a migration is frozen; this layer knows no domain code).
 */
const TAILS = ['股份有限公司', '份有限公司', '有限公司', '限公司', '公司', '有限责任公司', '限责任公司', '责任公司', '任公司'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('company_search').where('anchor', '=', 0).where('term', 'in', TAILS).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
