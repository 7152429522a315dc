import type { BuiltReport } from '../../report-source.js';
import type { ReportModel } from '../../model/types.js';
import { INSUFFICIENT_DATA, NOT_RATED } from '../../score/types.js';

/** Bumped when a field changes meaning or goes away (docs/report.schema.json); new fields do not bump it. */
export const REPORT_JSON_VERSION = 1;

/**
 * `reportFormat=3`: the report as data, for a bank's back end. The headline facts a machine
 * decides on, then the type's verdict under its key, then the whole model the PDF and Word
 * files print (so the JSON and the PDF cannot disagree: both come from this one model).
 */
export interface ReportJson {
  readonly schemaVersion: number;
  readonly reportType: number;
  readonly reportTitle: string;
  readonly reportNo: string;
  readonly orderNo: string;
  readonly generatedAt: string;
  readonly company: { readonly name: string; readonly uscc: string | null; readonly keyNo: string };
  /** 0–1000; null when not rated. */
  readonly score: number | null;
  /** `AAA` … `C`; null when not graded (未评级, or 数据不足，不予评级: see `gradeText`). */
  readonly grade: string | null;
  readonly gradeText: string;
  readonly scorecardVersion: string;
  /** `YYYY-MM-DD`: the data date every figure counts from. */
  readonly dataAsOf: string;
  readonly synthetic: boolean;
  readonly model: ReportModel;
  readonly [verdictKey: string]: unknown;
}

export function reportJson(built: BuiltReport): ReportJson {
  const { model, type } = built;
  const gradeText = model.summary.grade;
  const graded = gradeText !== NOT_RATED && gradeText !== INSUFFICIENT_DATA && model.summary.score !== null;
  return {
    schemaVersion: REPORT_JSON_VERSION,
    reportType: type.code,
    reportTitle: type.title,
    reportNo: model.meta.reportNo,
    orderNo: model.meta.orderNo,
    generatedAt: model.meta.generatedAt,
    company: built.company,
    score: model.summary.score,
    grade: graded ? gradeText : null,
    gradeText,
    scorecardVersion: model.meta.scorecardVersion,
    dataAsOf: model.meta.dataDate,
    synthetic: model.meta.synthetic,
    ...(type.verdictKey ? { [type.verdictKey]: built.verdict ?? null } : {}),
    model,
  };
}

/** The JSON file: UTF-8, one document, a final newline. */
export function renderReportJson(built: BuiltReport): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(reportJson(built))}\n`);
}
