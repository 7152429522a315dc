/**
 * The 企业信用决策报告 plug-in (report type 2): the credit report's model and score, a verdict under
 * the operator's policy (inputs.decisionPolicy, else the shipped default), and the decision pages
 * in front. Pure: the producer hands in the snapshot, the relation facts and the loaded policy.
 */
import { scoreCompany } from '../../score/scorecard.js';
import { scoreCompanyV2 } from '../../score/scorecard-v2.js';
import type { ReportInputs, ReportTypePlugin } from '../report-type.js';
import { creditBase } from '../shared/credit-base.js';
import { decisionReportModel, DECISION_REPORT_TITLE } from './model.js';
import { DEFAULT_DECISION_POLICY } from './policy.js';
import { decide } from './verdict.js';
import type { DecisionVerdict } from './verdict-types.js';

export { loadDecisionPolicy, parseDecisionPolicy } from './policy-file.js';
export { DEFAULT_DECISION_POLICY, DecisionPolicyError, validateDecisionPolicy, type DecisionPolicy } from './policy.js';
export type { DecisionVerdict } from './verdict-types.js';

export function buildDecisionReport(inputs: ReportInputs): { model: ReturnType<typeof decisionReportModel>; verdict: DecisionVerdict } {
  const { snapshot, options } = inputs;
  const { credit, relations } = creditBase(inputs);
  // The same scorecard the credit model printed (a pure function: recomputing it is cheaper than threading it out).
  const score = options?.scorecardVersion === 'v1' ? scoreCompany(snapshot.doc, snapshot.dataDate) : scoreCompanyV2(snapshot.doc, snapshot.dataDate);
  const verdict = decide(snapshot.doc, score, relations, inputs.decisionPolicy ?? DEFAULT_DECISION_POLICY);
  return { model: decisionReportModel(credit, verdict), verdict };
}

export const decisionReportType: ReportTypePlugin<DecisionVerdict> = {
  code: 2,
  slug: 'decision',
  title: DECISION_REPORT_TITLE,
  verdictKey: 'decision',
  reads: ['relations', 'decisionPolicy'],
  build: buildDecisionReport,
};
