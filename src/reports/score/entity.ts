/**
 * The kind of entity a report describes, as far as the report's wording and the scorecard's
 * applicability care: who represents it (法定代表人, 负责人, 经营者, 执行事务合伙人, 投资人) and which
 * facts cannot exist for it (a branch has no capital, shareholders or insured staff of its own; a
 * 个体工商户 has no paid-in capital or equity).
 */
import type { CompanyDocument } from '../../companies/document.js';
import { entityKind } from '../../companies/entity-kind.js';

export type ReportEntityKind = 'company' | 'branch' | 'individual' | 'partnership' | 'sole-proprietorship' | 'cooperative';

const BRANCH_TYPE = /分公司|分支机构|非法人/u;

export function reportEntityKind(doc: Pick<CompanyDocument, 'uscc' | 'companyType'>): ReportEntityKind {
  const type = (doc.companyType ?? '').normalize('NFKC');
  // A branch first: 合伙企业分支机构 and 个人独资企业分支机构 are branches.
  if (BRANCH_TYPE.test(type)) return 'branch';
  const kind = entityKind(doc.uscc, doc.companyType).kind;
  if (kind === 'INDIVIDUAL_BUSINESS') return 'individual';
  if (kind === 'COOPERATIVE') return 'cooperative';
  if (/合伙/u.test(type)) return 'partnership';
  if (/个人独资/u.test(type)) return 'sole-proprietorship';
  return 'company';
}

/** The label of `legalRep` for each kind. */
export const REPRESENTATIVE_LABEL: Readonly<Record<ReportEntityKind, string>> = {
  company: '法定代表人',
  cooperative: '法定代表人',
  branch: '负责人',
  individual: '经营者',
  partnership: '执行事务合伙人',
  'sole-proprietorship': '投资人',
};

/** Short Chinese name of the kind, for 不适用 explanations. */
export const KIND_NAME: Readonly<Record<ReportEntityKind, string>> = {
  company: '公司',
  cooperative: '农民专业合作社',
  branch: '分支机构',
  individual: '个体工商户',
  partnership: '合伙企业',
  'sole-proprietorship': '个人独资企业',
};
