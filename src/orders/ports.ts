import type { RelationFacts } from '../companies/relations/facts.js';
import type { Order } from './orders.js';
import type { SharedRegistrationCounts } from '../companies/store-counts.js';
import type { ReportInputs, ReportTypeCode, TypeRefusal } from '../reports/types/report-type.js';

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
  /**
   * Whether a report of `reportType` may be ordered for the resolved company (218/219: the type's
   * own rule on the stored document); null = it may. Absent: every type may be ordered.
   */
  refusalFor?(company: OrderedCompany, reportType: ReportTypeCode, nowMs: number): Promise<TypeRefusal | null>;
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

/**
 * Where the producer gets a report type's optional inputs (ReportTypePlugin.reads); each is asked
 * only for a type that reads it. A port left out means the store cannot give that input, and the
 * type says so in its report (never "none").
 */
export interface ReportInputPorts {
  /** Store-wide counts of companies sharing the company's address, phone, e-mail and legal representative. */
  sharedCountsOf?(keyNo: string): Promise<SharedRegistrationCounts | undefined>;
  /** The operator's credit policy, validated when the service started (ZHENGXIN_DECISION_POLICY). */
  readonly decisionPolicy?: NonNullable<ReportInputs['decisionPolicy']>;
}
