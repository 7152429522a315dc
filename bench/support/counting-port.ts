/**
 * A graph read port that counts what a derivation asks of the store: every call (a statement, or
 * one per 500 keys) and the sequential rounds (calls started while none is in flight: calls issued
 * side by side count once). Load-independent, unlike a latency: on PostgreSQL each round is a
 * network round trip, so rounds are what a call waits for.
 */
import type { GraphReadPort } from '../../src/companies/relations/graph-store.js';

export interface ReadCount {
  reads: number;
  rounds: number;
}

export function countingPort(inner: GraphReadPort): { port: GraphReadPort; count: ReadCount } {
  const count: ReadCount = { reads: 0, rounds: 0 };
  let inFlight = 0;
  const wrap = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    count.reads++;
    if (inFlight++ === 0) count.rounds++;
    try {
      return await fn(...args);
    } finally {
      inFlight--;
    }
  };
  const port: GraphReadPort = {
    ...(inner.ownershipWalk ? { ownershipWalk: wrap(inner.ownershipWalk) } : {}),
    companies: wrap(inner.companies),
    risk: wrap(inner.risk),
    resolve: wrap(inner.resolve),
    resolveCompanies: wrap(inner.resolveCompanies),
    edgesTo: wrap(inner.edgesTo),
    ...(inner.edgesWithCompanies ? { edgesWithCompanies: wrap(inner.edgesWithCompanies) } : {}),
    edgesFrom: wrap(inner.edgesFrom),
    edgesStatedBy: wrap(inner.edgesStatedBy),
    sourcesFrom: wrap(inner.sourcesFrom),
    sourcesFromAlso: wrap(inner.sourcesFromAlso),
    ...(inner.keptGroupsAt ? { keptGroupsAt: wrap(inner.keptGroupsAt) } : {}),
    ...(inner.keptGroupsOf ? { keptGroupsOf: wrap(inner.keptGroupsOf) } : {}),
  };
  return { port, count };
}
