/** Sections from the register and the annual reports: 基本信息 through 年报摘要. */
import type { CompanyDocument } from '../../../companies/document.js';
import { findDivision } from '../../../companies/divisions.js';
import { findIndustry } from '../../../companies/industry.js';
import { financialTrendChart, shareholdingChart } from '../charts.js';
import { DASH, formatDateText, formatMoney, formatPercent, text } from '../format.js';
import { REPRESENTATIVE_LABEL } from '../../score/entity.js';
import { tableOrEmpty } from '../tables.js';
import { NOT_APPLICABLE_TEXT, NOT_SUPPLIED_TEXT, type Block, type KeyValueItem, type Section } from '../types.js';
import { statusWithDate, type BuildContext } from './context.js';

const NOT_APPLICABLE: Block[] = [{ kind: 'empty', text: NOT_APPLICABLE_TEXT }];

function regionText(code: string | undefined): string {
  if (!code) return DASH;
  const d = findDivision(code);
  if (!d) return code;
  // Municipalities repeat their name as province and city (北京市 北京市 东城区): say it once.
  const parts = [d.province, d.city, d.name].filter((p, i, all) => p !== '' && all.indexOf(p) === i);
  return parts.join('');
}

function industryText(industry: CompanyDocument['industry']): string {
  if (!industry) return DASH;
  if (industry.name) return `${industry.name}（${industry.code}）`;
  for (let len = industry.code.length; len >= 1; len -= 1) {
    const found = findIndustry(industry.code.slice(0, len));
    if (found) return `${found.name}（${industry.code}）`;
  }
  return industry.code;
}

function termText(doc: CompanyDocument): string {
  if (!doc.termFrom && doc.termTo === undefined) return DASH;
  const to = doc.termTo === null ? '无固定期限' : formatDateText(doc.termTo);
  return `${formatDateText(doc.termFrom)} 至 ${to}`;
}

/** A money fact: 不适用 where it cannot exist for the kind, 数据源未提供 when absent. */
function moneyFact(applies: boolean, money: CompanyDocument['registeredCapital']): string {
  if (!applies) return NOT_APPLICABLE_TEXT;
  return money === undefined ? NOT_SUPPLIED_TEXT : formatMoney(money);
}

export function basicInfoSection(ctx: BuildContext): Section {
  const { doc, kind } = ctx;
  const branch = kind === 'branch';
  const items: KeyValueItem[] = [
    { label: '企业名称', value: text(doc.name) },
    { label: '统一社会信用代码', value: text(doc.uscc) },
    { label: '注册号', value: text(doc.regNo) },
    { label: '组织机构代码', value: text(doc.orgCode) },
    { label: REPRESENTATIVE_LABEL[kind], value: text(doc.legalRep) },
    { label: '企业类型', value: text(doc.companyType) },
    { label: '登记状态', value: statusWithDate(doc.status, doc.statusDate) },
    { label: '成立日期', value: formatDateText(doc.establishedOn) },
    { label: kind === 'individual' ? '资金数额' : kind === 'partnership' ? '认缴出资额' : '注册资本', value: moneyFact(!branch, doc.registeredCapital) },
    { label: kind === 'partnership' ? '实缴出资额' : '实缴资本', value: moneyFact(!branch && kind !== 'individual', doc.paidInCapital) },
    { label: '营业期限', value: termText(doc) },
    { label: '核准日期', value: formatDateText(doc.approvedOn) },
    { label: '登记机关', value: text(doc.authority) },
    { label: '所属地区', value: regionText(doc.divisionCode) },
    { label: '所属行业', value: industryText(doc.industry) },
    { label: '纳税人资质', value: text(doc.taxpayerType) },
    { label: '参保人数', value: branch ? NOT_APPLICABLE_TEXT : doc.insuredCount === undefined ? NOT_SUPPLIED_TEXT : `${doc.insuredCount} 人` },
    { label: '曾用名', value: doc.formerNames && doc.formerNames.length > 0 ? doc.formerNames.join('；') : DASH },
  ];
  if (doc.englishName) items.push({ label: '英文名称', value: doc.englishName });
  if (doc.parent && (doc.parent.name || doc.parent.uscc) && !branch) {
    items.push({ label: '隶属企业', value: [doc.parent.name, doc.parent.uscc].filter(Boolean).join(' ') });
  }
  if (doc.listing && (doc.listing.exchange || doc.listing.stockCode)) {
    items.push({ label: '上市信息', value: [doc.listing.exchange, doc.listing.stockCode].filter(Boolean).join(' ') });
  }
  if (doc.contact?.phone) items.push({ label: '联系电话', value: doc.contact.phone });
  if (doc.contact?.email) items.push({ label: '电子邮箱', value: doc.contact.email });
  if (doc.contact?.website) items.push({ label: '网址', value: doc.contact.website });
  const blocks: Block[] = [
    { kind: 'keyValue', items, columns: 2 },
    { kind: 'keyValue', items: [{ label: kind === 'individual' ? '经营场所' : branch ? '营业场所' : '注册地址', value: text(doc.address) }, { label: '经营范围', value: text(doc.scope) }], columns: 1 },
  ];
  if (branch) blocks.push(...headOfficeBlocks(ctx));
  return { id: 'basic', title: '基本信息', level: 1, blocks };
}

/**
 * A branch answers with its head office's assets: name, USCC, status, and when the store has the
 * head office, its grade and key risks (handed in by the producer; the report never reads the store).
 */
function headOfficeBlocks(ctx: BuildContext): Block[] {
  const { doc, headOffice } = ctx;
  const name = headOffice?.name ?? doc.parent?.name;
  const uscc = headOffice?.uscc ?? doc.parent?.uscc;
  const items: KeyValueItem[] = [
    { label: '总公司名称', value: name ? name : NOT_SUPPLIED_TEXT },
    { label: '总公司统一社会信用代码', value: uscc ? uscc : NOT_SUPPLIED_TEXT },
    { label: '总公司登记状态', value: headOffice ? text(headOffice.status) : '未收录' },
    { label: '总公司信用等级', value: headOffice?.grade ?? '未收录' },
  ];
  const blocks: Block[] = [
    { kind: 'paragraph', text: '总公司信息（分支机构不具有法人资格，其民事责任由总公司承担）', style: 'emphasis' },
    { kind: 'keyValue', columns: 2, items },
  ];
  if (headOffice?.keyRisks && headOffice.keyRisks.length > 0) {
    blocks.push({ kind: 'paragraph', text: '总公司主要风险', style: 'emphasis' }, { kind: 'list', ordered: false, items: headOffice.keyRisks });
  } else if (headOffice) {
    blocks.push({ kind: 'paragraph', text: '总公司未发现扣分风险信号。', style: 'muted' });
  } else {
    blocks.push({ kind: 'paragraph', text: '总公司未收录于本服务的企业库，未能给出其信用等级与风险。', style: 'muted' });
  }
  return blocks;
}

type Shareholder = NonNullable<CompanyDocument['shareholders']>[number];
const HOLDER_KIND: Readonly<Record<string, string>> = { person: '自然人', company: '企业法人', government: '政府机构', other: '其他' };

export function shareholdersSection(ctx: BuildContext): Section {
  const section: Section = { id: 'shareholders', title: ctx.kind === 'partnership' ? '合伙人信息' : '股东信息', level: 1, blocks: [] };
  if (ctx.individualBusiness || ctx.kind === 'branch') {
    section.blocks = NOT_APPLICABLE;
    return section;
  }
  const holders = ctx.doc.shareholders && [...ctx.doc.shareholders].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1));
  section.blocks = tableOrEmpty<Shareholder>(holders, [
    { title: '股东名称', width: 3, cell: (s) => text(s.name) },
    { title: '类型', width: 1.2, cell: (s) => (s.kind ? HOLDER_KIND[s.kind] ?? DASH : DASH) },
    { title: '持股比例', width: 1.2, align: 'right', cell: (s) => formatPercent(s.ratio) },
    { title: '认缴出资额', width: 1.6, align: 'right', cell: (s) => formatMoney(s.subscribed) },
    { title: '认缴出资日期', width: 1.4, cell: (s) => formatDateText(s.subscribedOn) },
    { title: '实缴出资额', width: 1.6, align: 'right', cell: (s) => formatMoney(s.paid) },
    { title: '备注', width: 1.2, cell: (s) => [s.isController ? '实际控制人' : '', s.isBeneficialOwner ? '受益所有人' : ''].filter(Boolean).join('、') || DASH },
  ], { cap: ctx.cap });
  const chart = shareholdingChart(ctx.doc);
  if (chart) {
    const alt = chart.labels.map((l, i) => `${l} ${chart.valueTexts[i]}`).join('；');
    section.blocks.push({ kind: 'chart', chart, caption: '股权结构', alt: `股权结构：${alt}` });
  }
  return section;
}

export function personnelSection(ctx: BuildContext): Section {
  return {
    id: 'personnel', title: '主要人员', level: 1,
    blocks: tableOrEmpty(ctx.doc.personnel, [
      { title: '姓名', width: 2, cell: (p) => text(p.name) },
      { title: '职务', width: 4, cell: (p) => (p.positions.length > 0 ? p.positions.join('、') : DASH) },
    ], { cap: ctx.cap }),
  };
}

export function investmentsSection(ctx: BuildContext): Section {
  if (ctx.individualBusiness || ctx.kind === 'branch') return { id: 'investments', title: '对外投资', level: 1, blocks: NOT_APPLICABLE };
  return {
    id: 'investments', title: '对外投资', level: 1,
    blocks: tableOrEmpty(ctx.doc.investments, [
      { title: '被投资企业', width: 3, cell: (i) => text(i.name) },
      { title: '统一社会信用代码', width: 2.2, cell: (i) => text(i.uscc) },
      { title: '持股比例', width: 1.2, align: 'right', cell: (i) => formatPercent(i.ratio) },
      { title: '认缴出资额', width: 1.6, align: 'right', cell: (i) => formatMoney(i.subscribed) },
      { title: '状态', width: 1.2, cell: (i) => text(i.status) },
      { title: '成立日期', width: 1.4, cell: (i) => formatDateText(i.establishedOn) },
    ], { cap: ctx.cap, dateOf: (i) => i.establishedOn }),
  };
}

export function branchesSection(ctx: BuildContext): Section {
  if (ctx.individualBusiness || ctx.kind === 'branch') return { id: 'branches', title: '分支机构', level: 1, blocks: NOT_APPLICABLE };
  return {
    id: 'branches', title: '分支机构', level: 1,
    blocks: tableOrEmpty(ctx.doc.branches, [
      { title: '名称', width: 3, cell: (b) => text(b.name) },
      { title: '统一社会信用代码', width: 2.2, cell: (b) => text(b.uscc) },
      { title: '负责人', width: 1.2, cell: (b) => text(b.principal) },
      { title: '状态', width: 1.2, cell: (b) => text(b.status) },
      { title: '成立日期', width: 1.4, cell: (b) => formatDateText(b.establishedOn) },
    ], { cap: ctx.cap, dateOf: (b) => b.establishedOn }),
  };
}

export function changesSection(ctx: BuildContext): Section {
  return {
    id: 'changes', title: '变更记录', level: 1,
    blocks: tableOrEmpty(ctx.doc.changes, [
      { title: '变更日期', width: 1.3, cell: (c) => formatDateText(c.date) },
      { title: '变更事项', width: 1.7, cell: (c) => text(c.item) },
      { title: '变更前', width: 3, cell: (c) => text(c.before) },
      { title: '变更后', width: 3, cell: (c) => text(c.after) },
    ], { cap: ctx.cap, dateOf: (c) => c.date }),
  };
}

type AnnualReport = NonNullable<CompanyDocument['annualReports']>[number];

export function annualReportsSection(ctx: BuildContext): Section {
  const reports = ctx.doc.annualReports;
  const blocks = tableOrEmpty<AnnualReport>(reports, [
    { title: '年度', width: 0.8, cell: (r) => String(r.year) },
    { title: '公示日期', width: 1.3, cell: (r) => formatDateText(r.publishedOn) },
    { title: '参保人数', width: 1, align: 'right', cell: (r) => (r.insuredCount === undefined ? DASH : String(r.insuredCount)) },
    { title: '资产总额', width: 1.5, align: 'right', cell: (r) => formatMoney(r.totalAssets) },
    { title: '负债总额', width: 1.5, align: 'right', cell: (r) => formatMoney(r.totalLiabilities) },
    { title: '所有者权益', width: 1.5, align: 'right', cell: (r) => formatMoney(r.equity) },
    { title: '营业收入', width: 1.5, align: 'right', cell: (r) => formatMoney(r.revenue) },
    { title: '净利润', width: 1.5, align: 'right', cell: (r) => formatMoney(r.netProfit) },
    { title: '纳税总额', width: 1.5, align: 'right', cell: (r) => formatMoney(r.taxPaid) },
  ], { cap: ctx.cap, dateOf: (r) => String(r.year).padStart(4, '0') });
  const chart = financialTrendChart(ctx.doc);
  if (chart) {
    const alt = chart.series.map((s) => `${s.name}：${chart.years.map((y, i) => `${y} 年 ${s.values[i] ?? '—'}`).join('，')}`).join('；');
    blocks.push({ kind: 'chart', chart, caption: '主要财务指标趋势（万元）', alt });
  }
  return { id: 'annual-reports', title: '年报摘要', level: 1, blocks };
}
