import type { CompanyDocument, CaseRole } from '../../../companies/document.js';
import type { ReportEntityKind } from '../../score/entity.js';
import { STATUS_LABELS, normaliseStatus } from '../../score/status.js';
import { formatDateText, text } from '../format.js';
import type { ScoreResult } from '../../score/types.js';
import type { HeadOfficeSummary } from '../types.js';

/** What every section builder reads. Built once per report. */
export interface BuildContext {
  doc: CompanyDocument;
  /** `YYYY-MM-DD`: the snapshot's data date ("current" means current on this date). */
  dataDate: string;
  /** Most rows per table. */
  cap: number;
  score: ScoreResult;
  /** 个体工商户: sections that cannot apply say 不适用. */
  individualBusiness: boolean;
  /** The entity's kind: who represents it and which facts cannot exist for it. */
  kind: ReportEntityKind;
  /** A branch's head office as the store knows it (absent when not a branch or not found). */
  headOffice?: HeadOfficeSummary;
  /** Whole days from the data date to the Beijing date of generation (≥ 0). */
  dataAgeDays: number;
  /** The age past which the report warns that its data may be out of date. */
  staleAfterDays: number;
  synthetic: boolean;
  syntheticNotice: string;
  generatedAtText: string;
  reportNo: string;
}

const ROLE_TEXT: Readonly<Record<CaseRole, string>> = { plaintiff: '原告', defendant: '被告', third_party: '第三人', other: '其他' };

export function roleText(role: CaseRole | undefined): string {
  return role ? ROLE_TEXT[role] ?? '—' : '—';
}

/** Whether a listing or restriction is in force on the data date, as table text. */
export function listingStateText(removedOn: string | undefined, dataDate: string): string {
  if (removedOn && removedOn.slice(0, 10) <= dataDate) return '已移出';
  return '当前有效';
}

/** The date a status took effect is printed for these: the entity is gone or may not trade. */
const DATED_STATUSES = new Set(['CANCELLED', 'REVOKED', 'ANNULLED', 'ORDERED_CLOSED']);

/**
 * The registered status, with the date of 注销/吊销/撤销/责令关闭 when it is one of those:
 * `注销（2026-07-15）`, or `注销（注销日期：数据源未提供）` when the source has no date.
 */
export function statusWithDate(status: string | undefined, statusDate: string | undefined): string {
  const norm = normaliseStatus(status ?? '');
  if (!DATED_STATUSES.has(norm)) return text(status);
  const label = `${STATUS_LABELS[norm]}日期`;
  return `${text(status)}（${statusDate ? `${label} ${formatDateText(statusDate)}` : `${label}：数据源未提供`}）`;
}

/** The warning for data older than the limit, on the cover and in the summary. */
export function staleNotice(ctx: Pick<BuildContext, 'dataDate' | 'dataAgeDays' | 'staleAfterDays'>): string {
  return `数据截至 ${ctx.dataDate}，距报告生成已 ${ctx.dataAgeDays} 天（超过 ${ctx.staleAfterDays} 天）：其后发生的变化（新增诉讼、执行、失信等）未反映在本报告中，请谨慎使用。`;
}

