import type { Kysely } from 'kysely';

/**
 * The relation graph's `a_ref` index gains `src` (docs/relations.md "Who is one person"): the
 * companies where a name is mentioned (`a_ref = 'p:NAME'`) are then read from the index alone,
 * without a table row per mention. Person identity reads such lists for the name and for the names
 * around it; for a common name at 1,000,000 companies that is a few hundred mentions, each a
 * random table page without this. Same leading columns as 0060's `company_relations_a`, which it
 * replaces (every query that used that one can use this one).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('company_relations_a_src').on('company_relations').columns(['a_ref', 'kind', 'src']).execute();
  await db.schema.dropIndex('company_relations_a').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
