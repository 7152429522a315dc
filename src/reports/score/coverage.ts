/**
 * Data coverage: which categories of data the document carries. A category is present when the
 * source supplied it, even as an empty list (an empty list is the source saying "none"); absent
 * means we do not know, and the reader should weigh the score accordingly.
 */
import type { CompanyDocument } from '../../companies/document.js';
import type { Coverage } from './types.js';

const CATEGORIES: ReadonlyArray<[id: string, name: string, present: (d: CompanyDocument) => boolean]> = [
  ['capital', '注册资本', (d) => d.registeredCapital !== undefined],
  ['paid-in', '实缴资本', (d) => d.paidInCapital !== undefined || (d.shareholders ?? []).some((s) => s.paid !== undefined)],
  ['insured', '参保人数', (d) => d.insuredCount !== undefined || (d.annualReports ?? []).some((r) => r.insuredCount !== undefined)],
  ['shareholders', '股东信息', (d) => d.shareholders !== undefined],
  ['personnel', '主要人员', (d) => d.personnel !== undefined],
  ['changes', '变更记录', (d) => d.changes !== undefined],
  ['annual-reports', '年报', (d) => d.annualReports !== undefined],
  ['judgments', '裁判文书', (d) => d.judgments !== undefined],
  ['enforcements', '被执行人', (d) => d.enforcements !== undefined],
  ['dishonest', '失信被执行人', (d) => d.dishonest !== undefined],
  ['consumption-restrictions', '限制高消费', (d) => d.consumptionRestrictions !== undefined],
  ['terminated-cases', '终本案件', (d) => d.terminatedCases !== undefined],
  ['hearings', '开庭公告', (d) => d.hearings !== undefined],
  ['case-filings', '立案信息', (d) => d.caseFilings !== undefined],
  ['abnormal-operations', '经营异常', (d) => d.abnormalOperations !== undefined],
  ['serious-violations', '严重违法', (d) => d.seriousViolations !== undefined],
  ['penalties', '行政处罚', (d) => d.penalties !== undefined],
  ['equity-pledges', '股权出质', (d) => d.equityPledges !== undefined],
  ['chattel-mortgages', '动产抵押', (d) => d.chattelMortgages !== undefined],
  ['tax-arrears', '欠税公告', (d) => d.taxArrears !== undefined],
  ['tax-violations', '税收违法', (d) => d.taxViolations !== undefined],
  ['tax-credit', '纳税信用', (d) => d.taxCredit !== undefined],
  ['certificates', '资质证书', (d) => d.certificates !== undefined],
  ['ip', '知识产权', (d) => d.patents !== undefined || d.trademarks !== undefined || d.softwareCopyrights !== undefined],
  ['tenders', '招投标', (d) => d.tenders !== undefined],
];

export function dataCoverage(doc: CompanyDocument): Coverage {
  const categories = CATEGORIES.map(([id, name, present]) => ({ id, name, present: present(doc) }));
  const present = categories.filter((c) => c.present).length;
  return { categories, present, total: categories.length, share: present / categories.length };
}
