import type { CompanyDocument } from '../companies/document.js';
import type { RelationFacts } from '../companies/relations/facts.js';
import type { SharedRegistrationCounts } from '../companies/store-counts.js';
import type { StoredCompany } from '../companies/store.js';
import type { OrderFacts } from './model/build.js';
import { headOfficeSummary } from './model/head-office.js';
import type { ReportModel } from './model/types.js';
import { takeSnapshot } from './snapshot.js';
import { requireReportType, type ReportInputs, type ReportTypeCode, type ReportTypePlugin } from './types/index.js';

/**
 * Everything one report is made from, as plain data: the company's stored document as its text and
 * the order's facts. A server hands this to a render thread, which parses, snapshots, builds the
 * model and renders there. Building the model on the serving thread instead cost it ~7 ms per
 * report (the parse, the snapshot's deep copy, the model, then a structured clone of the model
 * to the thread): a fifth of a core while reports rendered, taken from API requests.
 */
export interface ReportSource {
  readonly company: {
    readonly keyNo: string;
    /** The document as the store holds it (JSON text). */
    readonly docText: string;
    readonly dataAsOf: string | null;
    readonly updatedAt: string;
    readonly synthetic: boolean;
  };
  readonly orderNo: string;
  readonly customerName: string;
  /** ISO instant: the report's generation time, which is also the snapshot's. */
  readonly generatedAt: string;
  readonly format: 'pdf' | 'docx' | 'json';
  /** The wire's `reportType`; absent = 1, the credit report. */
  readonly reportType?: ReportTypeCode;
  /** Store-wide counts, when the type reads them (ReportTypePlugin.reads) and the store has them. */
  readonly sharedCounts?: SharedRegistrationCounts;
  /** The operator's validated credit policy, when the type reads it. */
  readonly decisionPolicy?: ReportInputs['decisionPolicy'];
  /** Data older than this many days is warned about (ZHENGXIN_REPORT_STALE_DAYS; default 30). */
  readonly staleAfterDays?: number;
  /** A branch's head office as stored, when the store has it: summarised on the render thread. */
  readonly headOffice?: ReportSource['company'];
  /**
   * The relation graph's findings (controller, owners, penetration, related companies), when the
   * producer could get them; absent, the report says the relation analysis is unavailable.
   */
  readonly relations?: RelationFacts;
}

/** What a source carries of a stored company (never the company object itself: cloning it would parse its document). */
export function sourceCompanyOf(stored: Pick<StoredCompany, 'keyNo' | 'docText' | 'dataAsOf' | 'updatedAt' | 'synthetic'>): ReportSource['company'] {
  return { keyNo: stored.keyNo, docText: stored.docText, dataAsOf: stored.dataAsOf, updatedAt: stored.updatedAt, synthetic: stored.synthetic };
}

/** A report as its type built it: what every format is rendered from. */
export interface BuiltReport {
  readonly type: ReportTypePlugin;
  readonly model: ReportModel;
  /** The type's structured verdict (null for type 1, and when the type could not reach one). */
  readonly verdict: unknown;
  readonly company: { readonly name: string; readonly uscc: string | null; readonly keyNo: string };
}

/** The report model of a source: the same snapshot → model steps as for a stored company in memory. */
export function modelOfSource(source: ReportSource): ReportModel {
  return reportOfSource(source).model;
}

/** Builds the source's report with its type's plug-in (src/reports/types). */
export function reportOfSource(source: ReportSource): BuiltReport {
  const { company } = source;
  const doc: CompanyDocument = { ...(JSON.parse(company.docText) as CompanyDocument), keyNo: company.keyNo };
  const generatedAt = new Date(source.generatedAt);
  if (!Number.isFinite(generatedAt.getTime())) throw new Error(`report source of order ${source.orderNo}: generatedAt "${source.generatedAt}" is not an instant`);
  const snapshot = takeSnapshot({ doc, dataAsOf: company.dataAsOf, updatedAt: company.updatedAt, synthetic: company.synthetic }, () => generatedAt);
  const order: OrderFacts = { orderNo: source.orderNo, customerName: source.customerName, generatedAt: generatedAt.toISOString() };
  if (source.relations) order.relations = source.relations;
  if (source.headOffice) {
    const head = source.headOffice;
    const headDoc: CompanyDocument = { ...(JSON.parse(head.docText) as CompanyDocument), keyNo: head.keyNo };
    order.headOffice = headOfficeSummary(takeSnapshot({ doc: headDoc, dataAsOf: head.dataAsOf, updatedAt: head.updatedAt, synthetic: head.synthetic }, () => generatedAt));
  }
  const type = requireReportType(source.reportType ?? 1);
  const inputs: ReportInputs = {
    snapshot,
    order,
    ...(source.staleAfterDays === undefined ? {} : { options: { staleAfterDays: source.staleAfterDays } }),
    ...(source.relations ? { relations: source.relations } : {}),
    ...(source.sharedCounts ? { sharedCounts: source.sharedCounts } : {}),
    ...(source.decisionPolicy ? { decisionPolicy: source.decisionPolicy } : {}),
  };
  const { model, verdict } = type.build(inputs);
  return { type, model, verdict, company: { name: snapshot.doc.name, uscc: snapshot.doc.uscc ?? null, keyNo: company.keyNo } };
}
