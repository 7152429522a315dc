import type { Kysely } from 'kysely';
import { relationFactsOf } from '../companies/relations/relation-facts.js';
import { relationGraphBuilt } from '../companies/relations/rebuild.js';
import type { Schema } from '../db/schema.js';
import type { RelationFactsSource } from './ports.js';

/**
 * The report producer's view of the relation graph. Until the graph has been built over the
 * whole store (its marker, src/companies/relations/rebuild.ts) there are no facts: a half-built
 * graph would show a controller-less company, and the report says "unavailable" instead.
 */
export function relationFactsSource(db: Kysely<Schema>): RelationFactsSource {
  return {
    async factsOf(keyNo) {
      if (!(await relationGraphBuilt(db))) return undefined;
      return relationFactsOf(db, keyNo);
    },
  };
}
