/**
 * Builds the relation graph of a store whose companies were imported before the graph existed
 * (migration 0060) or without it (a benchmark's baseline import): every stored document's edges,
 * derived as the importer derives them. Like `ensureSearchIndex`, `ensureRelationGraph` runs at the
 * start of an import and of `serve`, and costs one probe when there is nothing to do; the marker
 * row `system_settings.relations.graph = built` says the graph is complete.
 */
import type { Kysely } from 'kysely';
import { sqliteHandleOf } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import type { CompanyDocument } from '../document.js';
import { DELETE_RELATIONS_OF, INSERT_RELATION, insertRelationEdges, relationRows, writeRelationRows } from './edge-store.js';
import { relationEdgesOf } from './edges.js';
import { restoreEdgeIndexes } from './edge-indexes.js';
import { IDENTITY_MARKER } from './identity-store.js';

export const GRAPH_MARKER = 'relations.graph';

export async function relationGraphBuilt(db: Kysely<Schema>): Promise<boolean> {
  const row = await db.selectFrom('system_settings').select('value').where('name', '=', GRAPH_MARKER).executeTakeFirst();
  return row?.value === 'built';
}

/** Says the graph is incomplete (an import that skipped it): the next `ensureRelationGraph` rebuilds it. */
export async function markRelationGraphIncomplete(db: Kysely<Schema>): Promise<void> {
  await db.deleteFrom('system_settings').where('name', '=', GRAPH_MARKER).execute();
}

/**
 * Builds the graph when the marker is missing; returns the number of companies read (0: nothing to
 * do). First builds the edge indexes if a load left them out and did not finish (edge-indexes.ts).
 */
export async function ensureRelationGraph(db: Kysely<Schema>, onProgress?: (companies: number) => void): Promise<number> {
  await restoreEdgeIndexes(db);
  if (await relationGraphBuilt(db)) return 0;
  return rebuildRelationGraph(db, onProgress);
}

/**
 * Every company's edges written afresh from its stored document, in batches of `batch` companies
 * (one transaction each, so a reader never sees a company with half its edges), then the marker.
 */
export async function rebuildRelationGraph(db: Kysely<Schema>, onProgress?: (companies: number) => void, batch = 2000): Promise<number> {
  let done = 0;
  let after = '';
  const sqlite = sqliteHandleOf(db);
  for (;;) {
    const rows = await db.selectFrom('companies').select(['key_no', 'doc']).where('key_no', '>', after).orderBy('key_no').limit(batch).execute();
    if (rows.length === 0) break;
    if (sqlite) {
      await db.connection().execute(async () => {
        const del = sqlite.prepare<[string]>(DELETE_RELATIONS_OF);
        const insert = sqlite.prepare(INSERT_RELATION);
        sqlite.transaction(() => {
          for (const r of rows) {
            del.run(r.key_no);
            insertRelationEdges(insert, relationEdgesOf(JSON.parse(r.doc) as CompanyDocument), r.key_no);
          }
        })();
      });
    } else {
      await db.transaction().execute(async (trx) => {
        const keys = rows.map((r) => r.key_no);
        await writeRelationRows(trx, keys, rows.flatMap((r) => relationRows(relationEdgesOf(JSON.parse(r.doc) as CompanyDocument), r.key_no)));
      });
    }
    done += rows.length;
    after = rows[rows.length - 1]!.key_no;
    onProgress?.(done);
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('system_settings').where('name', '=', GRAPH_MARKER).execute();
    await trx.insertInto('system_settings').values({ name: GRAPH_MARKER, value: 'built' }).execute();
    // Edges written without marking names dirty: the kept person identity is rebuilt next.
    await trx.deleteFrom('system_settings').where('name', '=', IDENTITY_MARKER).execute();
  });
  return done;
}
