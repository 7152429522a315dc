/**
 * buildReportModel: (snapshot, order facts) → the report model both renderers print. Pure: no
 * clock (the generation instant comes with the order), no I/O, no randomness.
 */
import { createHash } from 'node:crypto';
import { entityKind } from '../../companies/entity-kind.js';
import { scoreCompany } from '../score/scorecard.js';
import type { ReportSnapshot } from '../snapshot.js';
import { beijingDateCompact, formatInstantBeijing, text } from './format.js';
import { businessRiskSections } from './sections/business-risk.js';
import {
  annualReportsSection, basicInfoSection, branchesSection, changesSection, investmentsSection, personnelSection, shareholdersSection,
} from './sections/company.js';
import type { BuildContext } from './sections/context.js';
import { judicialSections } from './sections/judicial.js';
import { operationsSections } from './sections/operations.js';
import { buildSummary, scoreExplanationSection, sourcesSection, summarySection } from './sections/scoring.js';
import type { ReportModel } from './types.js';

export const REPORT_TITLE = '企业信用报告';
export const REPORT_AUTHOR = 'zhengxin 企业信用报告服务';
export const DEFAULT_MAX_ROWS_PER_TABLE = 20;
export const SYNTHETIC_NOTICE = '本报告使用合成数据生成，仅供演示与测试，不对应任何真实企业，不得作为授信依据。';

export interface OrderFacts {
  orderNo: string;
  /** When absent, derived with reportNumber(orderNo, generatedAt). */
  reportNo?: string;
  customerName: string;
  /** ISO 8601 instant of generation. */
  generatedAt: string;
}

export interface BuildOptions {
  /** Most rows per table (default 20); longer lists say 共 N 条，显示最近 M 条. */
  maxRowsPerTable?: number;
}

/**
 * A readable report number: `ZX` + the Beijing date of generation + `-` + the first 8 hex digits
 * (upper case) of the SHA-256 of the order number, e.g. `ZX20261130-96A22909`. Deterministic, so a
 * re-rendered order keeps its number.
 */
export function reportNumber(orderNo: string, generatedAt: string): string {
  const digest = createHash('sha256').update(orderNo, 'utf8').digest('hex').slice(0, 8).toUpperCase();
  return `ZX${beijingDateCompact(generatedAt)}-${digest}`;
}

export function buildReportModel(snapshot: ReportSnapshot, order: OrderFacts, options: BuildOptions = {}): ReportModel {
  const cap = options.maxRowsPerTable ?? DEFAULT_MAX_ROWS_PER_TABLE;
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`buildReportModel: maxRowsPerTable must be a positive integer, got ${String(options.maxRowsPerTable)}`);
  const { doc, dataDate } = snapshot;
  const synthetic = snapshot.synthetic || doc.source === 'synthetic';
  const reportNo = order.reportNo ?? reportNumber(order.orderNo, order.generatedAt);
  const generatedAtText = formatInstantBeijing(order.generatedAt);
  const score = scoreCompany(doc, dataDate);
  const ctx: BuildContext = {
    doc,
    dataDate,
    cap,
    score,
    individualBusiness: entityKind(doc.uscc, doc.companyType).kind === 'INDIVIDUAL_BUSINESS',
    synthetic,
    syntheticNotice: synthetic ? SYNTHETIC_NOTICE : '',
    generatedAtText,
    reportNo,
  };
  const identifier = doc.uscc ?? doc.regNo ?? '—';
  const summary = buildSummary(ctx);
  const cover: ReportModel['cover'] = {
    title: REPORT_TITLE,
    companyName: doc.name,
    fields: [
      { label: doc.uscc || !doc.regNo ? '统一社会信用代码' : '注册号', value: text(doc.uscc ?? doc.regNo) },
      { label: '报告编号', value: reportNo },
      { label: '订单编号', value: text(order.orderNo) },
      { label: '委托客户', value: text(order.customerName) },
      { label: '生成时间', value: generatedAtText },
      { label: '数据截至', value: dataDate },
    ],
  };
  if (synthetic) cover.notice = SYNTHETIC_NOTICE;
  return {
    meta: {
      title: REPORT_TITLE,
      subject: `${doc.name} ${REPORT_TITLE}`,
      author: REPORT_AUTHOR,
      companyName: doc.name,
      uscc: identifier,
      reportNo,
      orderNo: order.orderNo,
      customerName: order.customerName,
      generatedAt: order.generatedAt,
      generatedAtText,
      dataDate,
      synthetic,
      syntheticNotice: ctx.syntheticNotice,
      scorecardVersion: score.version,
      headerText: `${REPORT_TITLE} · 报告编号 ${reportNo}`,
    },
    cover,
    summary,
    sections: [
      summarySection(ctx, summary),
      basicInfoSection(ctx),
      shareholdersSection(ctx),
      personnelSection(ctx),
      investmentsSection(ctx),
      branchesSection(ctx),
      changesSection(ctx),
      annualReportsSection(ctx),
      ...judicialSections(ctx),
      ...businessRiskSections(ctx),
      ...operationsSections(ctx),
      scoreExplanationSection(ctx),
      sourcesSection(ctx),
    ],
  };
}
