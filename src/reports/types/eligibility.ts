/**
 * Which companies a report type can be made for, decided when the order is placed (218, 219) on
 * the company's stored document. Pure: the plug-ins' `refuse()` are these functions.
 *
 * - 空壳扫描 (type 4) assesses a company as a legal person that could be a shell: a 个体工商户 or a
 *   branch has no such standing of its own (no capital, shareholders or insured staff of its own
 *   to read), and a company that is 注销/吊销/撤销 is no longer operating to be assessed (218).
 * - 准入尽调 (type 3) onboards a counterparty: a company that is 注销/吊销/撤销 cannot be admitted,
 *   nor can one outside coverage, that is, one whose register or core judicial lists the source
 *   did not supply (scorecard v2's minimum coverage rule, the one that withholds the grade as
 *   数据不足): a checklist on unknown data would read as passed (219).
 */
import type { CompanyDocument } from '../../companies/document.js';
import { reportEntityKind } from '../score/entity.js';
import { missingForRating } from '../score/scorecard-v2.js';
import { normaliseStatus } from '../score/status.js';
import type { ReportInputs, TypeRefusal } from './report-type.js';

/** A refusal with the words an operator reads (the CLI prints them; the wire answers the status). */
export interface EligibilityRefusal extends TypeRefusal {
  readonly why: string;
}

type Doc = Pick<CompanyDocument, 'status' | 'uscc' | 'companyType'>;

/** 注销, 吊销, 撤销 (the registered text as normalised, DATA.md). */
function closedStatusText(doc: Doc): string | undefined {
  const status = normaliseStatus(doc.status ?? '');
  if (status === 'CANCELLED') return '注销';
  if (status === 'REVOKED') return '吊销';
  if (status === 'ANNULLED') return '撤销';
  return undefined;
}

export function shellScanEligibility(doc: Doc): EligibilityRefusal | null {
  const kind = reportEntityKind(doc);
  if (kind === 'individual') return { status: '218', reason: 'shell_scan_individual_business', why: '个体工商户不适用空壳扫描' };
  if (kind === 'branch') return { status: '218', reason: 'shell_scan_branch', why: '分支机构不适用空壳扫描（请对总公司扫描）' };
  const closed = closedStatusText(doc);
  if (closed) return { status: '218', reason: 'shell_scan_company_closed', why: `企业已${closed}，不适用空壳扫描` };
  return null;
}

export function dueDiligenceEligibility(doc: CompanyDocument): EligibilityRefusal | null {
  const closed = closedStatusText(doc);
  if (closed) return { status: '219', reason: 'due_diligence_company_closed', why: `企业已${closed}，不能准入` };
  const missing = missingForRating(doc);
  if (missing.length > 0) return { status: '219', reason: 'due_diligence_insufficient_data', why: `数据不足：数据源未提供${missing.join('、')}` };
  return null;
}

/** As a plug-in's `refuse()` (type 4). */
export const refuseShellScan = ({ snapshot }: Pick<ReportInputs, 'snapshot'>): EligibilityRefusal | null => shellScanEligibility(snapshot.doc);
/** As a plug-in's `refuse()` (type 3). */
export const refuseDueDiligence = ({ snapshot }: Pick<ReportInputs, 'snapshot'>): EligibilityRefusal | null => dueDiligenceEligibility(snapshot.doc);
