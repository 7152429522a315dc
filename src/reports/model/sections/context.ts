import type { CompanyDocument, CaseRole } from '../../../companies/document.js';
import type { ScoreResult } from '../../score/types.js';

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
