import type { RelationFacts } from '../companies/relations/facts.js';
import type { Order } from './orders.js';

/** What the order flow needs to know about a company (a subset of the store's StoredCompany). */
export interface OrderedCompany {
  readonly keyNo: string;
  readonly name: string;
  readonly uscc: string | null;
}

export type CompanyResolution =
  | { readonly ok: true; readonly company: OrderedCompany }
  | { readonly ok: false; readonly status: '201' | '202' | '208' | '213' | '215'; readonly reason: string };

/** Resolves a `keyNo` parameter to a company (adapter over the companies resolver and store). */
export interface CompanyDirectory {
  resolve(input: string): Promise<CompanyResolution>;
}

/** Produces the report file of an order: snapshot → model → render (adapter over src/reports). */
export interface ReportProducer {
  produce(order: Order, generatedAtMs: number): Promise<Uint8Array>;
}

/**
 * The relation graph's findings for a company (adapter over src/companies/relations): undefined
 * when the graph has nothing for it (not built, or the company not in it). Reports print "relation
 * analysis unavailable" then, never "no controller".
 */
export interface RelationFactsSource {
  factsOf(keyNo: string): Promise<RelationFacts | undefined>;
}
