/**
 * Report types are plug-ins over the one report model and the same renderers: each type turns the
 * same inputs into a ReportModel (what the PDF and Word renderers print) and a structured verdict
 * (what `reportFormat=3` JSON carries). Pure: no database, orders or wire; the producer gathers
 * the inputs and hands them over as plain data.
 *
 * Stability: shared by every type. Changes are additive only.
 */
import type { RelationFacts } from '../../companies/relations/facts.js';
import type { SharedRegistrationCounts } from '../../companies/store-counts.js';
import type { BuildOptions, OrderFacts } from '../model/build.js';
import type { ReportModel } from '../model/types.js';
import type { ReportSnapshot } from '../snapshot.js';
import type { DecisionPolicy } from './decision/policy.js';

/** The wire's `reportType`: 1 企业信用报告, 2 企业信用决策报告, 3 准入尽调报告, 4 空壳扫描报告. */
export type ReportTypeCode = 1 | 2 | 3 | 4;

/** Everything a report type may read. Optional parts are absent when the store cannot give them. */
export interface ReportInputs {
  readonly snapshot: ReportSnapshot;
  readonly order: OrderFacts;
  readonly options?: BuildOptions;
  /** The relation graph's findings for the company (controller, owners, related companies). */
  readonly relations?: RelationFacts;
  /** Store-wide counts for the shell scan (shared address, phone, e-mail; the legal representative's companies). */
  readonly sharedCounts?: SharedRegistrationCounts;
  /**
   * The operator's validated credit policy (decision report): `config.decisionPolicy`, loaded and
   * validated at start by loadDecisionPolicy (./decision/policy-file.ts). Absent = the shipped default.
   */
  readonly decisionPolicy?: DecisionPolicy;
}

/** A refusal at ordering time: 218 (shell scan cannot assess) or 219 (cannot be admitted). */
export interface TypeRefusal {
  readonly status: '218' | '219';
  /** Machine reason for the X-Reason header, e.g. `shell_scan_not_applicable`. */
  readonly reason: string;
}

export interface ReportTypePlugin<Verdict = unknown> {
  readonly code: ReportTypeCode;
  /** Used by the CLI and SDK: `credit`, `decision`, `due-diligence`, `shell-scan`. */
  readonly slug: string;
  /** Printed title and document metadata, e.g. `企业信用决策报告`. */
  readonly title: string;
  /** Key of the verdict in the JSON report: `decision`, `dueDiligence`, `shellScan` (none for type 1). */
  readonly verdictKey?: string;
  /**
   * The optional inputs this type reads: the producer fetches only these (each costs store reads),
   * so a type that names none is made from the snapshot and the order alone.
   */
  readonly reads?: ReadonlyArray<'relations' | 'sharedCounts' | 'decisionPolicy'>;
  /** Checked when the order is placed, on the company's stored document; null = may be ordered. */
  refuse?(inputs: Pick<ReportInputs, 'snapshot'>): TypeRefusal | null;
  build(inputs: ReportInputs): { readonly model: ReportModel; readonly verdict: Verdict | null };
}
