/**
 * buildReportModel: (snapshot, order facts) → the report model both renderers print. Pure: no
 * clock (the generation instant comes with the order), no I/O, no randomness.
 */
import { createHash } from 'node:crypto';
import { entityKind } from '../../companies/entity-kind.js';
import { reportEntityKind } from '../score/entity.js';
import { scoreCompany } from '../score/scorecard.js';
import { scoreCompanyV2 } from '../score/scorecard-v2.js';
import type { ScorecardVersion } from '../score/types.js';
import type { ReportSnapshot } from '../snapshot.js';
import { beijingDateCompact, beijingDateOfInstant, daysBetween, formatInstantBeijing, text } from './format.js';
import { businessRiskSections } from './sections/business-risk.js';
import {
  annualReportsSection, basicInfoSection, branchesSection, changesSection, investmentsSection, personnelSection, shareholdersSection,
} from './sections/company.js';
import { staleNotice, statusWithDate, type BuildContext } from './sections/context.js';
import { judicialSections } from './sections/judicial.js';
import { controllerSection, penetrationSection, relatedRiskSection, type RelationsContext } from './sections/relations.js';
import { operationsSections } from './sections/operations.js';
import { buildSummary, scoreExplanationSection, sourcesSection, summarySection } from './sections/scoring.js';
import type { HeadOfficeSummary, ReportModel } from './types.js';
import type { RelationFacts } from '../../companies/relations/facts.js';

export const REPORT_TITLE = '企业信用报告';
export const REPORT_AUTHOR = 'zhengxin 企业信用报告服务';
export const DEFAULT_MAX_ROWS_PER_TABLE = 20;
/** Data older than this many days (data date to the Beijing date of generation) gets a warning. */
export const DEFAULT_STALE_AFTER_DAYS = 30;
export const SYNTHETIC_NOTICE = '本报告使用合成数据生成，仅供演示与测试，不对应任何真实企业，不得作为授信依据。';

export interface OrderFacts {
  orderNo: string;
  /** When absent, derived with reportNumber(orderNo, generatedAt). */
  reportNo?: string;
  customerName: string;
  /** ISO 8601 instant of generation. */
  generatedAt: string;
  /** For a branch: its head office as the store knows it (the producer looks it up). */
  headOffice?: HeadOfficeSummary;
  /**
   * The relation graph's findings for the company (the producer looks them up). Absent: the
   * relation sections say the analysis is unavailable, never that there is no controller.
   */
  relations?: RelationFacts;
}

export interface BuildOptions {
  /**
   * Most rows per table (default 20) of closed or historical records; open/current ones are always
   * all listed. Longer lists say how many rows are not shown.
   */
  maxRowsPerTable?: number;
  /** The scorecard (default `v2`); `v1` reproduces a report made before v2. */
  scorecardVersion?: ScorecardVersion;
  /**
   * Days of data age (data date to the Beijing date of generation) past which the cover and the
   * summary warn that the data may be out of date (default 30; docs/report-model.md).
   */
  staleAfterDays?: number;
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
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  if (!Number.isInteger(staleAfterDays) || staleAfterDays < 0) throw new Error(`buildReportModel: staleAfterDays must be a whole number of days, got ${String(options.staleAfterDays)}`);
  const { doc, dataDate } = snapshot;
  const synthetic = snapshot.synthetic || doc.source === 'synthetic';
  const reportNo = order.reportNo ?? reportNumber(order.orderNo, order.generatedAt);
  const generatedAtText = formatInstantBeijing(order.generatedAt);
  const score = options.scorecardVersion === 'v1' ? scoreCompany(doc, dataDate) : scoreCompanyV2(doc, dataDate);
  // Both dates are Beijing calendar dates: the data date (snapshot.ts) and the day of generation.
  const dataAgeDays = Math.max(0, daysBetween(dataDate, beijingDateOfInstant(order.generatedAt)));
  const ctx: BuildContext = {
    doc,
    dataDate,
    cap,
    score,
    individualBusiness: entityKind(doc.uscc, doc.companyType).kind === 'INDIVIDUAL_BUSINESS',
    kind: reportEntityKind(doc),
    dataAgeDays,
    staleAfterDays,
    synthetic,
    syntheticNotice: synthetic ? SYNTHETIC_NOTICE : '',
    generatedAtText,
    reportNo,
  };
  if (order.headOffice) ctx.headOffice = order.headOffice;
  const relationsCtx: RelationsContext = { relations: order.relations, noEquity: ctx.individualBusiness || ctx.kind === 'branch', cap };
  const dataStale = dataAgeDays > staleAfterDays;
  const dataAsOfValue = `${dataDate}（距报告生成 ${dataAgeDays} 天）`;
  const identifier = doc.uscc ?? doc.regNo ?? '—';
  const summary = buildSummary(ctx);
  const cover: ReportModel['cover'] = {
    title: REPORT_TITLE,
    companyName: doc.name,
    fields: [
      { label: doc.uscc || !doc.regNo ? '统一社会信用代码' : '注册号', value: text(doc.uscc ?? doc.regNo) },
      { label: '登记状态', value: statusWithDate(doc.status, doc.statusDate) },
      { label: '报告编号', value: reportNo },
      { label: '订单编号', value: text(order.orderNo) },
      { label: '委托客户', value: text(order.customerName) },
      { label: '生成时间', value: generatedAtText },
      { label: '数据截至', value: dataAsOfValue },
    ],
  };
  if (synthetic) cover.notice = SYNTHETIC_NOTICE;
  if (dataStale) {
    cover.staleNotice = staleNotice(ctx);
    // Also a cover line, right under 数据截至, so every renderer prints the warning on the cover.
    cover.fields.push({ label: '数据时效提示', value: `数据已超过 ${staleAfterDays} 天，其后的变化未反映在本报告中` });
  }
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
      dataAgeDays,
      dataStale,
      headerText: `${REPORT_TITLE} · 报告编号 ${reportNo}`,
    },
    cover,
    summary,
    sections: [
      summarySection(ctx, summary),
      basicInfoSection(ctx),
      shareholdersSection(ctx),
      penetrationSection(relationsCtx),
      controllerSection(relationsCtx),
      personnelSection(ctx),
      investmentsSection(ctx),
      branchesSection(ctx),
      relatedRiskSection(relationsCtx),
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
