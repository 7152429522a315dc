/**
 * 司法风险 and its subsections. Open and current records (未结 enforcements, 当前 失信/限高/限制出境/
 * 股权冻结, pending cases) are always listed in full and first; only closed or historical rows are
 * capped. A list the source did not supply reads 数据源未提供 everywhere, counts included.
 */
import type { CompanyDocument, EquityFreeze } from '../../../companies/document.js';
import { DASH, formatDateText, formatMoney, text } from '../format.js';
import { countText, tableOrEmpty } from '../tables.js';
import type { Block, KeyValueItem, Section } from '../types.js';
import { judgmentStatistics } from './case-statistics.js';
import { listingStateText, roleText, type BuildContext } from './context.js';

const CURRENT_WORDS = ['当前有效', '已移出'] as const;
const OPEN_WORDS = ['未结', '已结'] as const;

/** `N 条（当前 M 条）` for lists with a current/open state; 数据源未提供 when not supplied. */
function countWithOpen<T>(items: readonly T[] | undefined, isOpen: (item: T) => boolean, openWord: string): string {
  if (items === undefined) return countText(items);
  const open = items.filter(isOpen).length;
  return open > 0 ? `${items.length} 条（${openWord} ${open} 条）` : `${items.length} 条`;
}

function removedBy(removedOn: string | undefined, dataDate: string): boolean {
  return removedOn !== undefined && removedOn.slice(0, 10) <= dataDate;
}

const FREEZE_STATE: Readonly<Record<EquityFreeze['state'], string>> = { frozen: '冻结', renewed: '续行冻结', released: '已解除', expired: '已失效' };

/** A freeze binds on the data date: frozen or renewed, not released, and its period not over. */
export function isCurrentFreeze(f: EquityFreeze, dataDate: string): boolean {
  return (f.state === 'frozen' || f.state === 'renewed') && (!f.frozenTo || f.frozenTo.slice(0, 10) >= dataDate) && !removedBy(f.releasedOn, dataDate);
}

type Hearing = NonNullable<CompanyDocument['hearings']>[number];

export function judicialSections(ctx: BuildContext): Section[] {
  const { doc, cap, dataDate } = ctx;
  const enforcementOpen = (e: NonNullable<CompanyDocument['enforcements']>[number]) => !removedBy(e.closedOn, dataDate);
  const listingCurrent = (l: { removedOn?: string }) => !removedBy(l.removedOn, dataDate);
  const hearingPending = (h: Hearing) => h.date.slice(0, 10) >= dataDate;
  const bankruptcyPending = (b: { closedOn?: string }) => !removedBy(b.closedOn, dataDate);
  const freezeCurrent = (f: EquityFreeze) => isCurrentFreeze(f, dataDate);
  const overview: KeyValueItem[] = [
    { label: '裁判文书', value: countText(doc.judgments) },
    { label: '被执行人', value: countWithOpen(doc.enforcements, enforcementOpen, '未结') },
    { label: '失信被执行人', value: countWithOpen(doc.dishonest, listingCurrent, '当前') },
    { label: '限制高消费', value: countWithOpen(doc.consumptionRestrictions, listingCurrent, '当前') },
    { label: '终本案件', value: countText(doc.terminatedCases) },
    { label: '开庭公告', value: countWithOpen(doc.hearings, hearingPending, '待开庭') },
    { label: '立案信息', value: countText(doc.caseFilings) },
    { label: '股权冻结', value: countWithOpen(doc.equityFreezes, freezeCurrent, '当前') },
    { label: '破产重整', value: countWithOpen(doc.bankruptcies, bankruptcyPending, '审理中') },
    { label: '司法拍卖', value: countText(doc.judicialAuctions) },
    { label: '限制出境', value: countWithOpen(doc.exitRestrictions, listingCurrent, '当前') },
    { label: '法院公告', value: countText(doc.courtAnnouncements) },
    { label: '送达公告', value: countText(doc.serviceAnnouncements) },
    { label: '公示催告', value: countText(doc.publicSummons) },
  ];
  const judgmentBlocks: Block[] = tableOrEmpty(doc.judgments, [
    { title: '日期', width: 1.2, cell: (j) => formatDateText(j.date) },
    { title: '案号', width: 2.2, cell: (j) => text(j.caseNo) },
    { title: '案由/标题', width: 2, cell: (j) => text(j.cause ?? j.title) },
    { title: '身份', width: 0.8, cell: (j) => roleText(j.role) },
    { title: '涉案金额', width: 1.4, align: 'right', cell: (j) => formatMoney(j.amount) },
    { title: '判决结果', width: 2.6, cell: (j) => text(j.result) },
    { title: '法院', width: 1.8, cell: (j) => text(j.court) },
  ], { cap, dateOf: (j) => j.date });
  // Large case sets: statistics (as plaintiff/defendant, by year, by cause, amounts) before the rows.
  if (doc.judgments && doc.judgments.length > cap) judgmentBlocks.unshift(...judgmentStatistics(doc.judgments));
  return [
    { id: 'judicial', title: '司法风险', level: 1, blocks: [{ kind: 'keyValue', items: overview, columns: 2 }] },
    { id: 'judicial.judgments', title: '裁判文书', level: 2, blocks: judgmentBlocks },
    {
      id: 'judicial.enforcements', title: '被执行人', level: 2,
      blocks: tableOrEmpty(doc.enforcements, [
        { title: '立案日期', width: 1.3, cell: (e) => formatDateText(e.filedOn) },
        { title: '案号', width: 2.4, cell: (e) => text(e.caseNo) },
        { title: '执行标的', width: 1.6, align: 'right', cell: (e) => formatMoney(e.amount) },
        { title: '执行法院', width: 2.2, cell: (e) => text(e.court) },
        { title: '状态', width: 1.6, cell: (e) => (enforcementOpen(e) ? '未结' : `已结（${formatDateText(e.closedOn)}）`) },
      ], { cap, dateOf: (e) => e.filedOn, isOpen: enforcementOpen, openWords: OPEN_WORDS }),
    },
    {
      id: 'judicial.dishonest', title: '失信被执行人', level: 2,
      blocks: tableOrEmpty(doc.dishonest, [
        { title: '立案日期', width: 1.2, cell: (d) => formatDateText(d.filedOn) },
        { title: '案号', width: 2, cell: (d) => text(d.caseNo) },
        { title: '执行法院', width: 1.6, cell: (d) => text(d.court) },
        { title: '生效法律文书确定的义务', width: 2.4, cell: (d) => text(d.obligation) },
        { title: '履行情况', width: 1.2, cell: (d) => text(d.performance) },
        { title: '失信行为', width: 2, cell: (d) => text(d.conduct) },
        { title: '发布日期', width: 1.2, cell: (d) => formatDateText(d.publishedOn) },
        { title: '状态', width: 1, cell: (d) => listingStateText(d.removedOn, dataDate) },
      ], { cap, dateOf: (d) => d.filedOn, isOpen: listingCurrent, openWords: CURRENT_WORDS }),
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
      ], { cap, dateOf: (r) => r.filedOn, isOpen: listingCurrent, openWords: CURRENT_WORDS }),
    },
    {
      id: 'judicial.exit-restrictions', title: '限制出境', level: 2,
      blocks: tableOrEmpty(doc.exitRestrictions, [
        { title: '立案日期', width: 1.3, cell: (r) => formatDateText(r.filedOn) },
        { title: '案号', width: 2.2, cell: (r) => text(r.caseNo) },
        { title: '被限制人', width: 1.4, cell: (r) => text(r.person) },
        { title: '被执行人', width: 2, cell: (r) => text(r.executedParty) },
        { title: '执行标的', width: 1.4, align: 'right', cell: (r) => formatMoney(r.amount) },
        { title: '执行法院', width: 1.8, cell: (r) => text(r.court) },
        { title: '状态', width: 1.2, cell: (r) => (removedBy(r.removedOn, dataDate) ? `已解除（${formatDateText(r.removedOn)}）` : '当前有效') },
      ], { cap, dateOf: (r) => r.filedOn, isOpen: listingCurrent, openWords: CURRENT_WORDS }),
    },
    {
      id: 'judicial.equity-freezes', title: '股权冻结', level: 2,
      blocks: tableOrEmpty(doc.equityFreezes, [
        { title: '公示日期', width: 1.2, cell: (f) => formatDateText(f.publishedOn) },
        { title: '执行通知书文号', width: 2.2, cell: (f) => text(f.noticeNo ?? f.caseNo) },
        { title: '被执行人', width: 1.6, cell: (f) => text(f.executedParty) },
        { title: '股权所在企业', width: 2, cell: (f) => text(f.target ?? doc.name) },
        { title: '冻结股权数额', width: 1.4, align: 'right', cell: (f) => formatMoney(f.equityAmount) },
        { title: '执行法院', width: 1.8, cell: (f) => text(f.court) },
        { title: '冻结期限', width: 2, cell: (f) => (f.frozenFrom || f.frozenTo ? `${formatDateText(f.frozenFrom)} 至 ${formatDateText(f.frozenTo)}` : DASH) },
        { title: '状态', width: 1.2, cell: (f) => (freezeCurrent(f) ? FREEZE_STATE[f.state] : f.releasedOn ? `已解除（${formatDateText(f.releasedOn)}）` : FREEZE_STATE[f.state] ?? DASH) },
      ], { cap, dateOf: (f) => f.publishedOn, isOpen: freezeCurrent, openWords: ['当前冻结', '已解除或失效'] }),
    },
    {
      id: 'judicial.bankruptcies', title: '破产重整', level: 2,
      blocks: tableOrEmpty(doc.bankruptcies, [
        { title: '公开日期', width: 1.2, cell: (b) => formatDateText(b.publishedOn) },
        { title: '案号', width: 2.2, cell: (b) => text(b.caseNo) },
        { title: '案件类型', width: 1.2, cell: (b) => text(b.kind) },
        { title: '申请人', width: 2, cell: (b) => text(b.applicant) },
        { title: '被申请人', width: 2, cell: (b) => text(b.respondent) },
        { title: '经办法院', width: 1.8, cell: (b) => text(b.court) },
        { title: '状态', width: 1.2, cell: (b) => (bankruptcyPending(b) ? '审理中' : `已结（${formatDateText(b.closedOn)}）`) },
      ], { cap, dateOf: (b) => b.publishedOn, isOpen: bankruptcyPending, openWords: ['审理中', '已结'] }),
    },
    {
      id: 'judicial.judicial-auctions', title: '司法拍卖', level: 2,
      blocks: tableOrEmpty(doc.judicialAuctions, [
        { title: '公告日期', width: 1.2, cell: (a) => formatDateText(a.publishedOn) },
        { title: '拍卖标的', width: 3, cell: (a) => text(a.title) },
        { title: '拍卖日期', width: 1.2, cell: (a) => formatDateText(a.auctionOn) },
        { title: '起拍价', width: 1.4, align: 'right', cell: (a) => formatMoney(a.startingPrice) },
        { title: '评估价', width: 1.4, align: 'right', cell: (a) => formatMoney(a.appraisedPrice) },
        { title: '委托法院', width: 1.8, cell: (a) => text(a.court) },
        { title: '状态', width: 1, cell: (a) => text(a.status) },
      ], { cap, dateOf: (a) => a.publishedOn }),
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
        { title: '原告', width: 1.8, cell: (h) => (h.plaintiffs && h.plaintiffs.length > 0 ? h.plaintiffs.join('、') : DASH) },
        { title: '被告', width: 1.8, cell: (h) => (h.defendants && h.defendants.length > 0 ? h.defendants.join('、') : DASH) },
        { title: '法院', width: 1.6, cell: (h) => text(h.court) },
      ], { cap, dateOf: (h) => h.date, isOpen: hearingPending, openWords: ['待开庭', '已开庭'] }),
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
    {
      id: 'judicial.court-announcements', title: '法院公告', level: 2,
      blocks: tableOrEmpty(doc.courtAnnouncements, [
        { title: '刊登日期', width: 1.2, cell: (a) => formatDateText(a.publishedOn) },
        { title: '案号', width: 2, cell: (a) => text(a.caseNo) },
        { title: '公告类型', width: 1.6, cell: (a) => text(a.type) },
        { title: '当事人', width: 2.2, cell: (a) => (a.parties && a.parties.length > 0 ? a.parties.join('、') : DASH) },
        { title: '公告法院', width: 1.8, cell: (a) => text(a.court) },
        { title: '内容', width: 3, cell: (a) => text(a.content) },
      ], { cap, dateOf: (a) => a.publishedOn }),
    },
    {
      id: 'judicial.service-announcements', title: '送达公告', level: 2,
      blocks: tableOrEmpty(doc.serviceAnnouncements, [
        { title: '发布日期', width: 1.2, cell: (a) => formatDateText(a.publishedOn) },
        { title: '案号', width: 2, cell: (a) => text(a.caseNo) },
        { title: '案由', width: 1.6, cell: (a) => text(a.cause) },
        { title: '当事人', width: 2.2, cell: (a) => (a.parties && a.parties.length > 0 ? a.parties.join('、') : DASH) },
        { title: '法院', width: 1.8, cell: (a) => text(a.court) },
        { title: '内容', width: 3, cell: (a) => text(a.content) },
      ], { cap, dateOf: (a) => a.publishedOn }),
    },
    {
      id: 'judicial.public-summons', title: '公示催告', level: 2,
      blocks: tableOrEmpty(doc.publicSummons, [
        { title: '公告日期', width: 1.2, cell: (p) => formatDateText(p.publishedOn) },
        { title: '票据号', width: 2, cell: (p) => text(p.billNo) },
        { title: '票据类型', width: 1.4, cell: (p) => text(p.billType) },
        { title: '票面金额', width: 1.4, align: 'right', cell: (p) => formatMoney(p.amount) },
        { title: '申请人', width: 2, cell: (p) => text(p.applicant) },
        { title: '持票人', width: 2, cell: (p) => text(p.holder) },
        { title: '法院', width: 1.8, cell: (p) => text(p.court) },
      ], { cap, dateOf: (p) => p.publishedOn }),
    },
  ];
}

