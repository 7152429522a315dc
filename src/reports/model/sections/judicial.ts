/** 司法风险 and its seven subsections. */
import { formatDateText, formatMoney, text } from '../format.js';
import { tableOrEmpty } from '../tables.js';
import type { KeyValueItem, Section } from '../types.js';
import { listingStateText, roleText, type BuildContext } from './context.js';

function countText(list: readonly unknown[] | undefined): string {
  return `${list?.length ?? 0} 条`;
}

export function judicialSections(ctx: BuildContext): Section[] {
  const { doc, cap, dataDate } = ctx;
  const overview: KeyValueItem[] = [
    { label: '裁判文书', value: countText(doc.judgments) },
    { label: '被执行人', value: countText(doc.enforcements) },
    { label: '失信被执行人', value: countText(doc.dishonest) },
    { label: '限制高消费', value: countText(doc.consumptionRestrictions) },
    { label: '终本案件', value: countText(doc.terminatedCases) },
    { label: '开庭公告', value: countText(doc.hearings) },
    { label: '立案信息', value: countText(doc.caseFilings) },
  ];
  return [
    { id: 'judicial', title: '司法风险', level: 1, blocks: [{ kind: 'keyValue', items: overview, columns: 2 }] },
    {
      id: 'judicial.judgments', title: '裁判文书', level: 2,
      blocks: tableOrEmpty(doc.judgments, [
        { title: '日期', width: 1.3, cell: (j) => formatDateText(j.date) },
        { title: '案号', width: 2.2, cell: (j) => text(j.caseNo) },
        { title: '案由/标题', width: 3, cell: (j) => text(j.cause ?? j.title) },
        { title: '身份', width: 0.9, cell: (j) => roleText(j.role) },
        { title: '涉案金额', width: 1.5, align: 'right', cell: (j) => formatMoney(j.amount) },
        { title: '法院', width: 2, cell: (j) => text(j.court) },
      ], { cap, dateOf: (j) => j.date }),
    },
    {
      id: 'judicial.enforcements', title: '被执行人', level: 2,
      blocks: tableOrEmpty(doc.enforcements, [
        { title: '立案日期', width: 1.3, cell: (e) => formatDateText(e.filedOn) },
        { title: '案号', width: 2.4, cell: (e) => text(e.caseNo) },
        { title: '执行标的', width: 1.6, align: 'right', cell: (e) => formatMoney(e.amount) },
        { title: '执行法院', width: 2.2, cell: (e) => text(e.court) },
        { title: '状态', width: 1.6, cell: (e) => (e.closedOn && e.closedOn.slice(0, 10) <= dataDate ? `已结（${formatDateText(e.closedOn)}）` : '未结') },
      ], { cap, dateOf: (e) => e.filedOn }),
    },
    {
      id: 'judicial.dishonest', title: '失信被执行人', level: 2,
      blocks: tableOrEmpty(doc.dishonest, [
        { title: '立案日期', width: 1.3, cell: (d) => formatDateText(d.filedOn) },
        { title: '案号', width: 2.2, cell: (d) => text(d.caseNo) },
        { title: '执行法院', width: 1.8, cell: (d) => text(d.court) },
        { title: '履行情况', width: 1.4, cell: (d) => text(d.performance) },
        { title: '失信行为', width: 2.4, cell: (d) => text(d.conduct) },
        { title: '发布日期', width: 1.3, cell: (d) => formatDateText(d.publishedOn) },
        { title: '状态', width: 1.2, cell: (d) => listingStateText(d.removedOn, dataDate) },
      ], { cap, dateOf: (d) => d.filedOn }),
    },
    {
      id: 'judicial.consumption-restrictions', title: '限制高消费', level: 2,
      blocks: tableOrEmpty(doc.consumptionRestrictions, [
        { title: '立案日期', width: 1.3, cell: (r) => formatDateText(r.filedOn) },
        { title: '案号', width: 2.2, cell: (r) => text(r.caseNo) },
        { title: '限消对象', width: 1.4, cell: (r) => text(r.person) },
        { title: '申请人', width: 2, cell: (r) => text(r.applicant) },
        { title: '执行法院', width: 1.8, cell: (r) => text(r.court) },
        { title: '状态', width: 1.2, cell: (r) => listingStateText(r.removedOn, dataDate) },
      ], { cap, dateOf: (r) => r.filedOn }),
    },
    {
      id: 'judicial.terminated-cases', title: '终本案件', level: 2,
      blocks: tableOrEmpty(doc.terminatedCases, [
        { title: '立案日期', width: 1.3, cell: (t) => formatDateText(t.filedOn) },
        { title: '终本日期', width: 1.3, cell: (t) => formatDateText(t.terminatedOn) },
        { title: '案号', width: 2.2, cell: (t) => text(t.caseNo) },
        { title: '执行法院', width: 1.8, cell: (t) => text(t.court) },
        { title: '执行标的', width: 1.5, align: 'right', cell: (t) => formatMoney(t.amount) },
        { title: '未履行金额', width: 1.5, align: 'right', cell: (t) => formatMoney(t.unpaid) },
      ], { cap, dateOf: (t) => t.terminatedOn ?? t.filedOn }),
    },
    {
      id: 'judicial.hearings', title: '开庭公告', level: 2,
      blocks: tableOrEmpty(doc.hearings, [
        { title: '开庭日期', width: 1.3, cell: (h) => formatDateText(h.date) },
        { title: '案号', width: 2.2, cell: (h) => text(h.caseNo) },
        { title: '案由', width: 1.8, cell: (h) => text(h.cause) },
        { title: '身份', width: 0.9, cell: (h) => roleText(h.role) },
        { title: '原告', width: 1.8, cell: (h) => (h.plaintiffs && h.plaintiffs.length > 0 ? h.plaintiffs.join('、') : '—') },
        { title: '被告', width: 1.8, cell: (h) => (h.defendants && h.defendants.length > 0 ? h.defendants.join('、') : '—') },
        { title: '法院', width: 1.6, cell: (h) => text(h.court) },
      ], { cap, dateOf: (h) => h.date }),
    },
    {
      id: 'judicial.case-filings', title: '立案信息', level: 2,
      blocks: tableOrEmpty(doc.caseFilings, [
        { title: '立案日期', width: 1.3, cell: (f) => formatDateText(f.filedOn) },
        { title: '案号', width: 2.2, cell: (f) => text(f.caseNo) },
        { title: '案由', width: 2.2, cell: (f) => text(f.cause) },
        { title: '身份', width: 0.9, cell: (f) => roleText(f.role) },
        { title: '法院', width: 2, cell: (f) => text(f.court) },
      ], { cap, dateOf: (f) => f.filedOn }),
    },
  ];
}
