import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../src/db/schema.js';
import { importCompanies, type ImportProgress } from '../src/companies/import.js';
import { deferEdgeIndexes, EDGE_INDEXES, EDGE_INDEXES_MARKER } from '../src/companies/relations/edge-indexes.js';
import { identityBuilt } from '../src/companies/relations/identity-store.js';
import { ensureRelationGraph } from '../src/companies/relations/rebuild.js';
import { generateCompanies } from '../src/companies/synthetic/index.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const docs = [...generateCompanies({ count: 700, seed: 'edge-indexes' })];
const lines = (from: number, to: number): string[] => docs.slice(from, to).map((d) => `${JSON.stringify(d)}\n`);

async function edgeIndexDefs(db: Kysely<Schema>): Promise<string[]> {
  const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'company_relations' and schemaname = current_schema()`.execute(db);
  return rows.map((r) => r.indexdef).sort();
}

async function marker(db: Kysely<Schema>): Promise<string | undefined> {
  return (await db.selectFrom('system_settings').select('value').where('name', '=', EDGE_INDEXES_MARKER).executeTakeFirst())?.value;
}

async function edgeRows(db: Kysely<Schema>): Promise<string[]> {
  const rows = await db.selectFrom('company_relations').selectAll().execute();
  return rows.map((r) => JSON.stringify([r.src, r.kind, r.a_ref, r.a_name, r.a_type, r.b_ref, r.b_name, r.ratio, r.amount, r.label, r.declared])).sort();
}

async function keptRows(db: Kysely<Schema>): Promise<string[]> {
  return (await db.selectFrom('person_groups').select(['ref', 'key_no', 'group_key']).execute()).map((r) => `${r.ref} ${r.key_no} ${r.group_key}`).sort();
}

// PostgreSQL only: SQLite's load into an empty store drops and rebuilds its indexes inside its one
// transaction (import-bulk-load.test.ts).
for (const backend of BACKENDS.filter((b) => b.name === 'postgres')) {
  describe(`edge indexes left out of a large load into an empty store on ${backend.name}`, () => {
    let deferred: TestDatabase;
    let ordinary: TestDatabase;
    before(async () => { [deferred, ordinary] = [await backend.open(), await backend.open()]; });
    after(async () => { await deferred.cleanup(); await ordinary.cleanup(); });

    it('EDGE_INDEXES are the indexes the migrations give the edge table, and deferring then restoring gives them back exactly', async () => {
      const migrated = await edgeIndexDefs(ordinary.db);
      assert.deepEqual(migrated.map((d) => /INDEX (\S+) ON/.exec(d)![1]).sort(), EDGE_INDEXES.map((i) => i.name).sort());
      assert.equal(await deferEdgeIndexes(ordinary.db), true);
      assert.deepEqual(await edgeIndexDefs(ordinary.db), []);
      assert.equal(await marker(ordinary.db), 'deferred');
      // What the next import or `serve` does first (a load that died after dropping them).
      await ensureRelationGraph(ordinary.db);
      assert.deepEqual(await edgeIndexDefs(ordinary.db), migrated);
      assert.equal(await marker(ordinary.db), undefined);
    });

    it('the load runs without them from the whole-store point and builds them at its end; edges and person groups are those of the ordinary path', async () => {
      const withIndexes = await edgeIndexDefs(deferred.db);
      const seen: { during?: string[]; marker?: string | undefined } = {};
      async function* watched(): AsyncGenerator<string> {
        yield* lines(0, 500);
        // Several batches are committed by now: the load is under way without the indexes.
        seen.during = await edgeIndexDefs(deferred.db);
        seen.marker = await marker(deferred.db);
        yield* lines(500, 600);
      }
      const events: ImportProgress[] = [];
      const summary = await importCompanies(deferred.db, watched(), { batchSize: 100, wholeStoreMarkAbove: 50, onProgress: (e) => events.push(e) });
      assert.equal(summary.imported, 600);
      assert.deepEqual(seen.during, []);
      assert.equal(seen.marker, 'deferred');
      assert.ok(events.some((e) => e.kind === 'bulk' && e.phase === 'indexes' && e.count === EDGE_INDEXES.length), 'the index build is reported');
      assert.deepEqual(await edgeIndexDefs(deferred.db), withIndexes);
      assert.equal(await marker(deferred.db), undefined);
      assert.equal(await identityBuilt(deferred.db), true);

      // The same documents the ordinary way (an empty store too, indexes kept, names marked one by one).
      const plain = await importCompanies(ordinary.db, lines(0, 600), { batchSize: 100, wholeStoreMarkAbove: 1_000_000 });
      assert.equal(plain.imported, 600);
      assert.equal(await marker(ordinary.db), undefined);
      assert.deepEqual(await edgeRows(deferred.db), await edgeRows(ordinary.db));
      assert.deepEqual(await keptRows(deferred.db), await keptRows(ordinary.db));
    });

    it('an import into a store that holds companies keeps the indexes; an aborted load builds them for what it committed', async () => {
      const before = await edgeIndexDefs(deferred.db);
      const events: ImportProgress[] = [];
      await importCompanies(deferred.db, lines(600, 650), { batchSize: 10, wholeStoreMarkAbove: 5, onProgress: (e) => events.push(e) });
      assert.ok(!events.some((e) => e.kind === 'bulk'), 'not an empty store: nothing deferred');
      assert.deepEqual(await edgeIndexDefs(deferred.db), before);

      const fresh = await backend.open();
      try {
        async function* failing(): AsyncGenerator<string> {
          yield* lines(0, 300);
          throw new Error('disk went away');
        }
        await assert.rejects(importCompanies(fresh.db, failing(), { batchSize: 100, wholeStoreMarkAbove: 50 }), /disk went away/);
        assert.equal(Number((await fresh.db.selectFrom('companies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 300);
        assert.deepEqual(await edgeIndexDefs(fresh.db), before);
        assert.equal(await marker(fresh.db), undefined);
      } finally {
        await fresh.cleanup();
      }
    });
  });
}
