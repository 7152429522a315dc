/** 经营风险 and its eight subsections. */
import type { Listing } from '../../../companies/document.js';
import { DASH, formatDateText, formatMoney, text } from '../format.js';
import { tableOrEmpty, type ColumnSpec } from '../tables.js';
import { EMPTY_TEXT, type Block, type KeyValueItem, type Section } from '../types.js';
import { type BuildContext } from './context.js';

function listingColumns(dataDate: string): Array<ColumnSpec<Listing>> {
  return [
    { title: '列入日期', width: 1.3, cell: (l) => formatDateText(l.listedOn) },
    { title: '列入原因', width: 3, cell: (l) => text(l.reason) },
    { title: '决定机关', width: 2, cell: (l) => text(l.authority) },
    { title: '移出日期', width: 1.3, cell: (l) => (l.removedOn && l.removedOn.slice(0, 10) <= dataDate ? formatDateText(l.removedOn) : DASH) },
    { title: '移出原因', width: 2.2, cell: (l) => (l.removedOn && l.removedOn.slice(0, 10) <= dataDate ? text(l.removalReason) : DASH) },
  ];
}

/** Registrations (pledges, mortgages) carry their own status text; shown as registered. */
export function businessRiskSections(ctx: BuildContext): Section[] {
  const { doc, cap, dataDate } = ctx;
  const count = (list: readonly unknown[] | undefined) => `${list?.length ?? 0} 条`;
  const overview: KeyValueItem[] = [
    { label: '经营异常', value: count(doc.abnormalOperations) },
    { label: '严重违法', value: count(doc.seriousViolations) },
    { label: '行政处罚', value: count(doc.penalties) },
    { label: '股权出质', value: count(doc.equityPledges) },
    { label: '动产抵押', value: count(doc.chattelMortgages) },
    { label: '欠税公告', value: count(doc.taxArrears) },
    { label: '税收违法', value: count(doc.taxViolations) },
    { label: '清算信息', value: doc.liquidation && (doc.liquidation.leader || doc.liquidation.date || (doc.liquidation.members ?? []).length > 0) ? '有' : '无' },
  ];
  const liquidation: Block[] = doc.liquidation && (doc.liquidation.leader || doc.liquidation.date || (doc.liquidation.members ?? []).length > 0)
    ? [{
      kind: 'keyValue', columns: 1, items: [
        { label: '清算组负责人', value: text(doc.liquidation.leader) },
        { label: '清算组成员', value: doc.liquidation.members && doc.liquidation.members.length > 0 ? doc.liquidation.members.join('、') : DASH },
        { label: '清算日期', value: formatDateText(doc.liquidation.date) },
      ],
    }]
    : [{ kind: 'empty', text: EMPTY_TEXT }];
  return [
    { id: 'business-risk', title: '经营风险', level: 1, blocks: [{ kind: 'keyValue', items: overview, columns: 2 }] },
    { id: 'business-risk.abnormal-operations', title: '经营异常', level: 2, blocks: tableOrEmpty(doc.abnormalOperations, listingColumns(dataDate), { cap, dateOf: (l) => l.listedOn }) },
    { id: 'business-risk.serious-violations', title: '严重违法', level: 2, blocks: tableOrEmpty(doc.seriousViolations, listingColumns(dataDate), { cap, dateOf: (l) => l.listedOn }) },
    {
      id: 'business-risk.penalties', title: '行政处罚', level: 2,
      blocks: tableOrEmpty(doc.penalties, [
        { title: '决定日期', width: 1.3, cell: (p) => formatDateText(p.decidedOn) },
        { title: '决定书文号', width: 2.2, cell: (p) => text(p.decisionNo) },
        { title: '违法行为', width: 2.4, cell: (p) => text(p.violation) },
        { title: '处罚内容', width: 2.4, cell: (p) => text(p.content) },
        { title: '罚款金额', width: 1.4, align: 'right', cell: (p) => formatMoney(p.fine) },
        { title: '决定机关', width: 1.8, cell: (p) => text(p.authority) },
      ], { cap, dateOf: (p) => p.decidedOn }),
    },
    {
      id: 'business-risk.equity-pledges', title: '股权出质', level: 2,
      blocks: tableOrEmpty(doc.equityPledges, [
        { title: '登记日期', width: 1.3, cell: (p) => formatDateText(p.registeredOn) },
        { title: '登记编号', width: 2, cell: (p) => text(p.regNo) },
        { title: '出质人', width: 2, cell: (p) => text(p.pledgor) },
        { title: '质权人', width: 2, cell: (p) => text(p.pledgee) },
        { title: '出质股权数额', width: 1.5, align: 'right', cell: (p) => formatMoney(p.amount) },
        { title: '状态', width: 1, cell: (p) => text(p.status) },
      ], { cap, dateOf: (p) => p.registeredOn }),
    },
    {
      id: 'business-risk.chattel-mortgages', title: '动产抵押', level: 2,
      blocks: tableOrEmpty(doc.chattelMortgages, [
        { title: '登记日期', width: 1.3, cell: (m) => formatDateText(m.registeredOn) },
        { title: '登记编号', width: 2.2, cell: (m) => text(m.regNo) },
        { title: '登记机关', width: 2.4, cell: (m) => text(m.authority) },
        { title: '被担保债权数额', width: 1.6, align: 'right', cell: (m) => formatMoney(m.amount) },
        { title: '状态', width: 1, cell: (m) => text(m.status) },
      ], { cap, dateOf: (m) => m.registeredOn }),
    },
    {
      id: 'business-risk.tax-arrears', title: '欠税公告', level: 2,
      blocks: tableOrEmpty(doc.taxArrears, [
        { title: '发布日期', width: 1.3, cell: (t) => formatDateText(t.publishedOn) },
        { title: '欠税税种', width: 1.6, cell: (t) => text(t.taxType) },
        { title: '欠税余额', width: 1.5, align: 'right', cell: (t) => formatMoney(t.balance) },
        { title: '税务机关', width: 2.4, cell: (t) => text(t.authority) },
        { title: '状态', width: 1.6, cell: (t) => (t.settledOn && t.settledOn.slice(0, 10) <= dataDate ? `已缴清（${formatDateText(t.settledOn)}）` : '未缴清') },
      ], { cap, dateOf: (t) => t.publishedOn }),
    },
    {
      id: 'business-risk.tax-violations', title: '税收违法', level: 2,
      blocks: tableOrEmpty(doc.taxViolations, [
        { title: '发布日期', width: 1.3, cell: (t) => formatDateText(t.publishedOn) },
        { title: '案件性质', width: 1.8, cell: (t) => text(t.nature) },
        { title: '主要违法事实', width: 3.5, cell: (t) => text(t.facts) },
        { title: '处罚情况', width: 2.5, cell: (t) => text(t.penalty) },
      ], { cap, dateOf: (t) => t.publishedOn }),
    },
    { id: 'business-risk.liquidation', title: '清算信息', level: 2, blocks: liquidation },
  ];
}
