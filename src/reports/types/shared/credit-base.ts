/**
 * What every verdict-first report type starts from: the credit report's model (its evidence) and
 * the relation facts, one source of them for both the evidence sections and the verdict.
 */
import type { RelationFacts } from '../../../companies/relations/facts.js';
import { buildReportModel } from '../../model/build.js';
import type { ReportModel } from '../../model/types.js';
import type { ReportInputs } from '../report-type.js';

/**
 * The credit model of `inputs`, built with the relation facts the producer handed in (else the
 * order's own), and those facts.
 */
export function creditBase(inputs: ReportInputs): { credit: ReportModel; relations: RelationFacts | undefined } {
  const relations = inputs.relations ?? inputs.order.relations;
  const order = relations && !inputs.order.relations ? { ...inputs.order, relations } : inputs.order;
  return { credit: buildReportModel(inputs.snapshot, order, inputs.options), relations };
}
