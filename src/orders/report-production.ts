import type { Kysely } from 'kysely';
import { findCompanyByKeyNo, type StoredCompany } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import type { ReportRenderer } from '../reports/render-service.js';
import { sourceCompanyOf, type ReportSource } from '../reports/report-source.js';
import { CompanyGoneError } from './fail-reasons.js';
import type { Order } from './orders.js';
import type { CompanyDirectory, RelationFactsSource, ReportInputPorts, ReportProducer } from './ports.js';
import { requireReportType } from '../reports/types/index.js';

/** A name that may be a branch's: only these have their document read here, to find the head office. */
const BRANCH_NAME = /分公司|分支机构|分店|分厂|营业部|办事处/u;

/**
 * snapshot → model → render for one order. The snapshot is taken when the job runs (the report
 * shows the data as of its generation); the report number derives from the order number, so a
 * re-run produces the same number. This thread only reads the rows: the document travels as its
 * stored text, and the renderer (a render thread, in a server) parses it and builds the model.
 */
export function reportProducer(deps: {
  db: Kysely<Schema>;
  renderer: ReportRenderer;
  directory?: CompanyDirectory;
  staleAfterDays?: number;
  /** The relation graph; without it every report says the relation analysis is unavailable. */
  relations?: RelationFactsSource;
  /** The report types' other optional inputs (src/orders/report-inputs.ts). */
  inputs?: ReportInputPorts;
}): ReportProducer {
  const inputs = deps.inputs ?? {};

  /**
   * A branch's report names its head office, with its grade and key risks when the store has it:
   * the head office's stored text travels with the source and is scored on the render thread.
   * Found through the company directory by the USCC (else the name) the branch's document gives;
   * only companies whose name reads like a branch's have their document parsed here.
   */
  async function headOfficeOf(stored: StoredCompany): Promise<ReportSource['company'] | undefined> {
    if (!deps.directory || !BRANCH_NAME.test(stored.name)) return undefined;
    const parent = stored.doc.parent;
    const key = parent?.uscc?.trim() || parent?.name?.trim();
    if (!key) return undefined;
    const found = await deps.directory.resolve(key);
    if (!found.ok || found.company.keyNo === stored.keyNo) return undefined;
    const head = await findCompanyByKeyNo(deps.db, found.company.keyNo);
    return head ? sourceCompanyOf(head) : undefined;
  }

  return {
    async produce(order, generatedAtMs) {
      const stored = await findCompanyByKeyNo(deps.db, order.keyNo);
      if (!stored) throw new CompanyGoneError(`company ${order.keyNo} of order ${order.orderNo} is no longer in the store`);
      const account = await deps.db.selectFrom('accounts').select('name').where('key', '=', order.accountKey).executeTakeFirst();
      const headOffice = await headOfficeOf(stored);
      const relations = await deps.relations?.factsOf(stored.keyNo);
      const typeInputs = order.reportType === 1 ? {} : await reportTypeInputs(inputs, order.reportType, stored.keyNo);
      return deps.renderer.renderSource({
        ...typeInputs,
        ...(headOffice ? { headOffice } : {}),
        ...(relations ? { relations } : {}),
        ...(order.reportType === 1 ? {} : { reportType: order.reportType }),
        ...(deps.staleAfterDays === undefined ? {} : { staleAfterDays: deps.staleAfterDays }),
        company: sourceCompanyOf(stored),
        orderNo: order.orderNo,
        customerName: account?.name ?? '',
        generatedAt: new Date(generatedAtMs).toISOString(),
        format: order.format === 'word' ? 'docx' : order.format,
      });
    },
  };
}

/** The optional inputs a report type reads (ReportTypePlugin.reads), and only those: each costs store reads. */
export async function reportTypeInputs(inputs: ReportInputPorts, reportType: Order['reportType'], keyNo: string): Promise<Pick<ReportSource, 'sharedCounts' | 'decisionPolicy'>> {
  const reads = requireReportType(reportType).reads ?? [];
  const out: { sharedCounts?: ReportSource['sharedCounts']; decisionPolicy?: ReportSource['decisionPolicy'] } = {};
  if (reads.includes('sharedCounts') && inputs.sharedCountsOf) {
    const counts = await inputs.sharedCountsOf(keyNo);
    if (counts) out.sharedCounts = counts;
  }
  if (reads.includes('decisionPolicy') && inputs.decisionPolicy) out.decisionPolicy = inputs.decisionPolicy;
  return out;
}
