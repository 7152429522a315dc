import type { Kysely } from 'kysely';

/**
 * Person identity kept with the graph (docs/relations.md "Who is one person"): `person_groups`
 * holds, for every person mention (`ref` = `p:NAME`, at company `key_no`) that belongs to a group
 * of two or more companies, the first KeyNo of its group (`group_key`); a mention without a row is
 * a group of its own. `person_identity_dirty` lists the names whose groups a write may have changed
 * and that are not regrouped yet, with a version bumped by every such write (a regroup clears a
 * mark only if no write bumped it meanwhile). Readers trust `person_groups` only for names without
 * a mark, and only while `system_settings.relations.identity` says `built`; otherwise they derive
 * the groups from the edges as before. This layer knows the tables only; the rule is the domain's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_groups')
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('key_no', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_groups_pk', ['ref', 'key_no'])
    .execute();
  // A group's members by its key: "every company of this person".
  await db.schema.createIndex('person_groups_group').on('person_groups').columns(['ref', 'group_key', 'key_no']).execute();
  await db.schema
    .createTable('person_identity_dirty')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
