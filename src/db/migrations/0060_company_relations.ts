import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The relation graph's edges (src/companies/relations, docs/relations.md): one row per edge a
 * company document states, tagged with the KeyNo of that document (`src`), so that re-importing a
 * company replaces exactly the edges its document contributed. The ends are references, not
 * foreign keys: `k:KEYNO` (the document's own company), `u:USCC` or `n:NORMALISED NAME` (a company
 * the document names, resolved to a stored company when read, so import order does not matter),
 * `p:NAME` (a person mention; who the person is, is decided when read). `kind` 1 持股, 2 任职,
 * 3 法定代表人, 4 对外投资, 5 分支机构.
 *
 * Three indexes: by `src` (replacing a document's edges), by `a_ref` (what a party holds, runs or
 * heads) and by `b_ref` (who holds, runs or heads a company). No foreign key, like company_search:
 * the writers keep the rows with their company in the same transaction.
 *
 * `system_settings` gets `relations.graph = built` here when the store holds no company yet: there
 * is nothing to build. A store that already holds companies gets its edges once from
 * `ensureRelationGraph` (src/companies/relations), which derives them with domain code this layer
 * does not know, and sets the marker then.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const text = sqlite ? 'text' : sql`text collate "C"`;
  await db.schema
    .createTable('company_relations')
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('kind', 'integer', (c) => c.notNull())
    .addColumn('a_ref', text, (c) => c.notNull())
    .addColumn('a_name', 'text', (c) => c.notNull())
    .addColumn('a_type', 'text', (c) => c.notNull())
    .addColumn('b_ref', text, (c) => c.notNull())
    .addColumn('b_name', 'text', (c) => c.notNull())
    .addColumn('ratio', 'double precision')
    .addColumn('amount', 'text')
    .addColumn('label', 'text')
    .addColumn('declared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('company_relations_src').on('company_relations').column('src').execute();
  await db.schema.createIndex('company_relations_a').on('company_relations').columns(['a_ref', 'kind']).execute();
  await db.schema.createIndex('company_relations_b').on('company_relations').columns(['b_ref', 'kind']).execute();
  const any = await db.selectFrom('companies').select('key_no').limit(1).executeTakeFirst();
  if (!any) await db.insertInto('system_settings').values({ name: 'relations.graph', value: 'built' }).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
