/** 经营与资质 and its subsections. Counts and tables of unsupplied lists read 数据源未提供. */
import type { CompanyDocument } from '../../../companies/document.js';
import { DASH, formatDateText, formatMoney, text } from '../format.js';
import { buildTable, countText, tableOrEmpty } from '../tables.js';
import { EMPTY_TEXT, NOT_SUPPLIED_TEXT, type Block, type KeyValueItem, type Section } from '../types.js';
import type { BuildContext } from './context.js';

const PATENT_KIND: Readonly<Record<string, string>> = { invention: '发明专利', utility: '实用新型', design: '外观设计' };
const TENDER_ROLE: Readonly<Record<string, string>> = { winner: '中标', bidder: '投标', buyer: '招标' };

type Patent = NonNullable<CompanyDocument['patents']>[number];
type Trademark = NonNullable<CompanyDocument['trademarks']>[number];
type Software = NonNullable<CompanyDocument['softwareCopyrights']>[number];

function intellectualPropertyBlocks(ctx: BuildContext): Block[] {
  const { doc, cap } = ctx;
  const patents = doc.patents ?? [];
  const marks = doc.trademarks ?? [];
  const software = doc.softwareCopyrights ?? [];
  if (doc.patents === undefined && doc.trademarks === undefined && doc.softwareCopyrights === undefined) return [{ kind: 'empty', text: NOT_SUPPLIED_TEXT }];
  if (patents.length + marks.length + software.length === 0 && doc.patents && doc.trademarks && doc.softwareCopyrights) return [{ kind: 'empty', text: EMPTY_TEXT }];
  const blocks: Block[] = [{
    kind: 'keyValue', columns: 2, items: [
      { label: '专利', value: countText(doc.patents, '项') },
      { label: '商标', value: countText(doc.trademarks, '项') },
      { label: '软件著作权', value: countText(doc.softwareCopyrights, '项') },
    ],
  }];
  if (patents.length > 0) {
    blocks.push(buildTable<Patent>(patents, [
      { title: '申请日期', width: 1.3, cell: (p) => formatDateText(p.date) },
      { title: '专利号', width: 2, cell: (p) => text(p.number) },
      { title: '名称', width: 3.5, cell: (p) => text(p.title) },
      { title: '类型', width: 1.2, cell: (p) => (p.kind ? PATENT_KIND[p.kind] ?? DASH : DASH) },
      { title: '法律状态', width: 1.2, cell: (p) => text(p.status) },
    ], { cap, dateOf: (p) => p.date, title: '专利' }));
  }
  if (marks.length > 0) {
    blocks.push(buildTable<Trademark>(marks, [
      { title: '申请日期', width: 1.3, cell: (t) => formatDateText(t.date) },
      { title: '注册号', width: 1.6, cell: (t) => text(t.number) },
      { title: '商标名称', width: 3, cell: (t) => text(t.name) },
      { title: '类别', width: 0.8, align: 'right', cell: (t) => (t.class === undefined ? DASH : `第 ${t.class} 类`) },
      { title: '状态', width: 1.4, cell: (t) => text(t.status) },
    ], { cap, dateOf: (t) => t.date, title: '商标' }));
  }
  if (software.length > 0) {
    blocks.push(buildTable<Software>(software, [
      { title: '登记日期', width: 1.3, cell: (s) => formatDateText(s.date) },
      { title: '登记号', width: 2, cell: (s) => text(s.number) },
      { title: '软件名称', width: 4, cell: (s) => text(s.name) },
    ], { cap, dateOf: (s) => s.date, title: '软件著作权' }));
  }
  return blocks;
}

export function operationsSections(ctx: BuildContext): Section[] {
  const { doc, cap, dataDate } = ctx;
  const latestTax = [...(doc.taxCredit ?? [])].sort((a, b) => b.year - a.year)[0];
  const ipSupplied = doc.patents !== undefined || doc.trademarks !== undefined || doc.softwareCopyrights !== undefined;
  const overview: KeyValueItem[] = [
    { label: '最新纳税信用等级', value: doc.taxCredit === undefined ? NOT_SUPPLIED_TEXT : latestTax ? `${latestTax.year} 年度 ${latestTax.grade} 级` : '暂无评价' },
    { label: '资质证书', value: countText(doc.certificates, '项') },
    { label: '知识产权', value: ipSupplied ? `${(doc.patents?.length ?? 0) + (doc.trademarks?.length ?? 0) + (doc.softwareCopyrights?.length ?? 0)} 项` : NOT_SUPPLIED_TEXT },
    { label: '招投标', value: countText(doc.tenders) },
    { label: '行政许可', value: countText(doc.licences, '项') },
    { label: '抽查检查', value: countText(doc.spotChecks) },
  ];
  return [
    { id: 'operations', title: '经营与资质', level: 1, blocks: [{ kind: 'keyValue', items: overview, columns: 2 }] },
    {
      id: 'operations.tax-credit', title: '纳税信用', level: 2,
      blocks: tableOrEmpty(doc.taxCredit, [
        { title: '评价年度', width: 1, cell: (t) => String(t.year) },
        { title: '纳税信用等级', width: 1.2, align: 'center', cell: (t) => t.grade },
        { title: '评价单位', width: 3, cell: (t) => text(t.authority) },
      ], { cap, dateOf: (t) => String(t.year).padStart(4, '0') }),
    },
    {
      id: 'operations.certificates', title: '资质证书', level: 2,
      blocks: tableOrEmpty(doc.certificates, [
        { title: '证书类型', width: 2.4, cell: (c) => text(c.type) },
        { title: '证书编号', width: 2, cell: (c) => text(c.number) },
        { title: '发证机关', width: 2, cell: (c) => text(c.issuer) },
        { title: '发证日期', width: 1.3, cell: (c) => formatDateText(c.issuedOn) },
        { title: '有效期至', width: 1.3, cell: (c) => formatDateText(c.expiresOn) },
        { title: '状态', width: 1, cell: (c) => (c.expiresOn && c.expiresOn.slice(0, 10) < dataDate ? '已过期' : '有效') },
      ], { cap, dateOf: (c) => c.issuedOn }),
    },
    {
      id: 'operations.licences', title: '行政许可', level: 2,
      blocks: tableOrEmpty(doc.licences, [
        { title: '许可文件编号', width: 2, cell: (l) => text(l.number) },
        { title: '许可文件名称', width: 2, cell: (l) => text(l.name) },
        { title: '许可内容', width: 2.6, cell: (l) => text(l.content) },
        { title: '许可机关', width: 2, cell: (l) => text(l.authority) },
        { title: '有效期', width: 2, cell: (l) => (l.validFrom || l.validTo ? `${formatDateText(l.validFrom)} 至 ${formatDateText(l.validTo)}` : DASH) },
        { title: '状态', width: 0.9, cell: (l) => (l.validTo && l.validTo.slice(0, 10) < dataDate ? '已过期' : '有效') },
      ], { cap, dateOf: (l) => l.decidedOn ?? l.validFrom }),
    },
    { id: 'operations.ip', title: '知识产权', level: 2, blocks: intellectualPropertyBlocks(ctx) },
    {
      id: 'operations.spot-checks', title: '抽查检查', level: 2,
      blocks: tableOrEmpty(doc.spotChecks, [
        { title: '日期', width: 1.2, cell: (c) => formatDateText(c.date) },
        { title: '类型', width: 0.9, cell: (c) => text(c.kind) },
        { title: '检查实施机关', width: 2.6, cell: (c) => text(c.authority) },
        { title: '结果', width: 3, cell: (c) => text(c.result) },
      ], { cap, dateOf: (c) => c.date }),
    },
    {
      id: 'operations.tenders', title: '招投标', level: 2,
      blocks: tableOrEmpty(doc.tenders, [
        { title: '日期', width: 1.3, cell: (t) => formatDateText(t.date) },
        { title: '项目名称', width: 3.6, cell: (t) => text(t.title) },
        { title: '角色', width: 0.9, cell: (t) => (t.role ? TENDER_ROLE[t.role] ?? DASH : DASH) },
        { title: '金额', width: 1.5, align: 'right', cell: (t) => formatMoney(t.amount) },
        { title: '相对方', width: 2.2, cell: (t) => text(t.counterparty) },
      ], { cap, dateOf: (t) => t.date }),
    },
  ];
}
