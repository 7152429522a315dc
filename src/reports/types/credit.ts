import { buildReportModel, REPORT_TITLE } from '../model/build.js';
import type { ReportTypePlugin } from './report-type.js';

/**
 * Type 1, 企业信用报告: the credit report as it always was. No verdict (its grade and score are
 * in the model), no refusal at ordering time: the checks every report has (201, 208) apply.
 */
export const CREDIT_REPORT: ReportTypePlugin<null> = {
  code: 1,
  slug: 'credit',
  title: REPORT_TITLE,
  build: ({ snapshot, order, options }) => ({ model: buildReportModel(snapshot, order, options ?? {}), verdict: null }),
};
