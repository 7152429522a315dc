/** 经营风险 and its subsections. Counts and tables of unsupplied lists read 数据源未提供. */
import type { Listing } from '../../../companies/document.js';
import { DASH, formatDateText, formatMoney, groupThousands, text } from '../format.js';
import { countText, tableOrEmpty, type ColumnSpec } from '../tables.js';
import { EMPTY_TEXT, NOT_APPLICABLE_TEXT, NOT_SUPPLIED_TEXT, type Block, type KeyValueItem, type Section } from '../types.js';
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

const IP_KIND: Readonly<Record<string, string>> = { patent: '专利', trademark: '商标', copyright: '著作权' };

/** Registrations (pledges, mortgages) carry their own status text; shown as registered. */
export function businessRiskSections(ctx: BuildContext): Section[] {
  const { doc, cap, dataDate } = ctx;
  const count = countText;
  const current = (l: { removedOn?: string }) => !(l.removedOn && l.removedOn.slice(0, 10) <= dataDate);
  const hasLiquidation = !!doc.liquidation && !!(doc.liquidation.leader || doc.liquidation.date || (doc.liquidation.members ?? []).length > 0);
  const noEquity = ctx.kind === 'branch' || ctx.individualBusiness;
  const overview: KeyValueItem[] = [
    { label: '经营异常', value: count(doc.abnormalOperations) },
    { label: '严重违法', value: count(doc.seriousViolations) },
    { label: '行政处罚', value: count(doc.penalties) },
    { label: '股权出质', value: noEquity ? NOT_APPLICABLE_TEXT : count(doc.equityPledges) },
    { label: '动产抵押', value: count(doc.chattelMortgages) },
    { label: '土地抵押', value: count(doc.landMortgages) },
    { label: '对外担保', value: count(doc.guarantees) },
    { label: '知识产权出质', value: count(doc.ipPledges) },
    { label: '欠税公告', value: count(doc.taxArrears) },
    { label: '税收违法', value: count(doc.taxViolations) },
    { label: '简易注销', value: count(doc.simpleCancellations) },
    { label: '注销备案', value: count(doc.cancellationFilings) },
    { label: '清算信息', value: doc.liquidation === undefined ? NOT_SUPPLIED_TEXT : hasLiquidation ? '有' : '无' },
  ];
  const liquidation: Block[] = hasLiquidation && doc.liquidation
    ? [{
      kind: 'keyValue', columns: 1, items: [
        { label: '清算组负责人', value: text(doc.liquidation.leader) },
        { label: '清算组成员', value: doc.liquidation.members && doc.liquidation.members.length > 0 ? doc.liquidation.members.join('、') : DASH },
        { label: '清算日期', value: formatDateText(doc.liquidation.date) },
      ],
    }]
    : [{ kind: 'empty', text: doc.liquidation === undefined ? NOT_SUPPLIED_TEXT : EMPTY_TEXT }];
  return [
    { id: 'business-risk', title: '经营风险', level: 1, blocks: [{ kind: 'keyValue', items: overview, columns: 2 }] },
    { id: 'business-risk.abnormal-operations', title: '经营异常', level: 2, blocks: tableOrEmpty(doc.abnormalOperations, listingColumns(dataDate), { cap, dateOf: (l) => l.listedOn, isOpen: current, openWords: ['当前列入', '已移出'] }) },
    { id: 'business-risk.serious-violations', title: '严重违法', level: 2, blocks: tableOrEmpty(doc.seriousViolations, listingColumns(dataDate), { cap, dateOf: (l) => l.listedOn, isOpen: current, openWords: ['当前列入', '已移出'] }) },
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
      blocks: noEquity ? [{ kind: 'empty', text: NOT_APPLICABLE_TEXT }] : tableOrEmpty(doc.equityPledges, [
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
        { title: '登记日期', width: 1.2, cell: (m) => formatDateText(m.registeredOn) },
        { title: '登记编号', width: 1.8, cell: (m) => text(m.regNo) },
        { title: '抵押权人', width: 2.2, cell: (m) => text(m.mortgagee) },
        { title: '抵押物', width: 2.2, cell: (m) => text(m.collateral) },
        { title: '被担保债权数额', width: 1.5, align: 'right', cell: (m) => formatMoney(m.amount) },
        { title: '债务履行期限', width: 1.8, cell: (m) => (m.debtFrom || m.debtTo ? `${formatDateText(m.debtFrom)} 至 ${formatDateText(m.debtTo)}` : DASH) },
        { title: '登记机关', width: 1.8, cell: (m) => text(m.authority) },
        { title: '状态', width: 0.9, cell: (m) => text(m.status) },
      ], { cap, dateOf: (m) => m.registeredOn }),
    },
    {
      id: 'business-risk.land-mortgages', title: '土地抵押', level: 2,
      blocks: tableOrEmpty(doc.landMortgages, [
        { title: '登记日期', width: 1.2, cell: (m) => formatDateText(m.registeredOn) },
        { title: '土地坐落', width: 2.6, cell: (m) => text(m.location) },
        { title: '用途', width: 1, cell: (m) => text(m.landUse) },
        { title: '面积（平方米）', width: 1.2, align: 'right', cell: (m) => (m.areaSqm === undefined ? DASH : groupThousands(String(Math.round(m.areaSqm)))) },
        { title: '抵押人', width: 1.8, cell: (m) => text(m.mortgagor) },
        { title: '抵押权人', width: 2, cell: (m) => text(m.mortgagee) },
        { title: '抵押金额', width: 1.4, align: 'right', cell: (m) => formatMoney(m.amount) },
        { title: '抵押期限', width: 1.8, cell: (m) => (m.from || m.to ? `${formatDateText(m.from)} 至 ${formatDateText(m.to)}` : DASH) },
      ], { cap, dateOf: (m) => m.registeredOn }),
    },
    {
      id: 'business-risk.guarantees', title: '对外担保', level: 2,
      blocks: tableOrEmpty(doc.guarantees, [
        { title: '年报年度', width: 0.9, cell: (g) => String(g.year) },
        { title: '债权人', width: 2.2, cell: (g) => text(g.creditor) },
        { title: '债务人', width: 2.2, cell: (g) => text(g.debtor) },
        { title: '主债权种类', width: 1, cell: (g) => text(g.debtKind) },
        { title: '主债权数额', width: 1.4, align: 'right', cell: (g) => formatMoney(g.amount) },
        { title: '履行期限', width: 1.8, cell: (g) => (g.debtFrom || g.debtTo ? `${formatDateText(g.debtFrom)} 至 ${formatDateText(g.debtTo)}` : DASH) },
        { title: '保证方式', width: 1, cell: (g) => text(g.method) },
        { title: '保证期间', width: 1, cell: (g) => text(g.guaranteePeriod) },
      ], { cap, dateOf: (g) => String(g.year).padStart(4, '0') }),
    },
    {
      id: 'business-risk.ip-pledges', title: '知识产权出质', level: 2,
      blocks: tableOrEmpty(doc.ipPledges, [
        { title: '登记日期', width: 1.2, cell: (p) => formatDateText(p.registeredOn) },
        { title: '登记号', width: 1.8, cell: (p) => text(p.regNo) },
        { title: '种类', width: 0.9, cell: (p) => (p.kind ? IP_KIND[p.kind] ?? DASH : DASH) },
        { title: '名称', width: 2.2, cell: (p) => text(p.name) },
        { title: '出质人', width: 1.8, cell: (p) => text(p.pledgor) },
        { title: '质权人', width: 2, cell: (p) => text(p.pledgee) },
        { title: '质权登记期限', width: 1.8, cell: (p) => (p.periodFrom || p.periodTo ? `${formatDateText(p.periodFrom)} 至 ${formatDateText(p.periodTo)}` : DASH) },
        { title: '状态', width: 0.9, cell: (p) => text(p.status) },
      ], { cap, dateOf: (p) => p.registeredOn }),
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
    {
      id: 'business-risk.simple-cancellations', title: '简易注销', level: 2,
      blocks: tableOrEmpty(doc.simpleCancellations, [
        { title: '公告期', width: 2.2, cell: (c) => `${formatDateText(c.announcedFrom)} 至 ${formatDateText(c.announcedTo)}` },
        { title: '登记机关', width: 2.4, cell: (c) => text(c.authority) },
        { title: '异议信息', width: 2, cell: (c) => text(c.objection) },
        { title: '简易注销结果', width: 2, cell: (c) => text(c.result) },
      ], { cap, dateOf: (c) => c.announcedFrom }),
    },
    {
      id: 'business-risk.cancellation-filings', title: '注销备案', level: 2,
      blocks: tableOrEmpty(doc.cancellationFilings, [
        { title: '备案日期', width: 1.2, cell: (c) => formatDateText(c.filedOn) },
        { title: '清算组成员', width: 3, cell: (c) => (c.liquidationGroup && c.liquidationGroup.length > 0 ? c.liquidationGroup.join('、') : DASH) },
        { title: '债权人公告期', width: 2.2, cell: (c) => (c.creditorNoticeFrom || c.creditorNoticeTo ? `${formatDateText(c.creditorNoticeFrom)} 至 ${formatDateText(c.creditorNoticeTo)}` : DASH) },
        { title: '登记机关', width: 2.2, cell: (c) => text(c.authority) },
      ], { cap, dateOf: (c) => c.filedOn }),
    },
    { id: 'business-risk.liquidation', title: '清算信息', level: 2, blocks: liquidation },
  ];
}
