import type { Kysely } from 'kysely';
import { findPaths } from '../companies/relations/paths.js';
import { relationFactsOf } from '../companies/relations/relation-facts.js';
import { relationGraphBuilt } from '../companies/relations/rebuild.js';
import type { Schema } from '../db/schema.js';
import { refuse } from './call-pipeline.js';
import type { RelationGraph } from './relation-shapes.js';

/**
 * The relation interfaces' port over the graph of the data core. `ready` is the graph's "built"
 * marker. A path search that had to stop at a hub (a frontier too large to expand) and found
 * nothing answers 203 `path_search_capped`: it does not know there is no path.
 */
export function relationGraphOf(db: Kysely<Schema>): RelationGraph {
  return {
    ready: () => relationGraphBuilt(db),
    facts: (keyNo, depth) => relationFactsOf(db, keyNo, { depth }),
    async paths(from, to, { maxDepth, limit }) {
      const found = await findPaths(db, from, to, { maxDepth, limit });
      if (!found.ok) {
        if (found.reason === 'same_company') return refuse('202', 'same_company');
        return refuse('201', found.reason === 'from_not_found' ? 'company_unknown' : 'target_company_unknown');
      }
      if (found.paths.length === 0 && found.capped) return refuse('203', 'path_search_capped');
      return found.paths.map((p) => ({
        nodes: p.nodes,
        // Positions are the executive's label; the other kinds are named by the wire's own labels.
        edges: p.edges.map((e) => ({ from: e.from, to: e.to, type: e.type, label: e.type === 'executive' ? e.label : null, ratio: e.ratio })),
      }));
    },
  };
}
