/**
 * Sections from the relation graph (issue 12 item 3): 股权穿透 (a tree chart), 实际控制人与受益所有人
 * and 关联风险. They read `RelationFacts` handed in by the producer; a report whose producer had
 * none (the graph not built, or not reachable) says the analysis is unavailable: never "no
 * controller" or "no related risk", which would be a claim the report cannot make.
 */
import type {
  BeneficialOwner, ControllerFinding, HoldingStep, Party, PenetrationNode, RelatedCompany, RelationFacts,
} from '../../../companies/relations/facts.js';
import { DASH, formatPercent, text } from '../format.js';
import { buildTable } from '../tables.js';
import {
  NOT_APPLICABLE_TEXT, NOT_SUPPLIED_TEXT, type Block, type EquityTreeChart, type EquityTreeRow, type KeyValueItem, type Section,
} from '../types.js';

/** Printed in each relation section when the producer had no RelationFacts. */
export const RELATIONS_UNAVAILABLE_TEXT =
  '关联关系分析暂不可用（本服务的企业关系图谱未提供该企业的分析结果）。本节空白不表示该企业无实际控制人、无受益所有人或无关联风险。';

/** Levels above the company the chart draws (the vendor's EquityThrough also stops at 4). */
export const PENETRATION_CHART_LEVELS = 4;
/** Rows the chart draws at most (about half a page); the caption says how many parties are left out. */
export const PENETRATION_CHART_MAX_ROWS = 28;

/** What the relation sections need of the report being built. */
export interface RelationsContext {
  readonly relations?: RelationFacts | undefined;
  /** 个体工商户 and branches have no equity to penetrate: those sections say 不适用. */
  readonly noEquity: boolean;
  readonly cap: number;
}

const unavailable = (): Block[] => [{ kind: 'notice', level: 'info', text: RELATIONS_UNAVAILABLE_TEXT }];

// ---------------------------------------------------------------------------------------------
// 股权穿透

export function penetrationSection(ctx: RelationsContext): Section {
  const section: Section = { id: 'equity-penetration', title: '股权穿透', level: 1, blocks: [] };
  if (ctx.noEquity) section.blocks = [{ kind: 'empty', text: NOT_APPLICABLE_TEXT }];
  else if (!ctx.relations) section.blocks = unavailable();
  else if (ctx.relations.penetration.children.length === 0) {
    const unknown = ctx.relations.controller.status === 'unknown';
    section.blocks = [{ kind: 'empty', text: unknown ? NOT_SUPPLIED_TEXT : '暂无股东记录' }];
  } else {
    const { chart, hidden, levels } = penetrationChart(ctx.relations.penetration);
    const caption = `股权穿透图（向上 ${levels} 层${hidden > 0 ? `，另有 ${hidden} 个股东未显示` : ''}）`;
    // Cross-holdings are marked in the tree; the controller section lists them.
    section.blocks = [{ kind: 'chart', chart, caption, alt: penetrationAlt(chart) }];
  }
  return section;
}

/** Largest holding first; unknown ratios last, then by name for a stable order. */
function byRatio(a: PenetrationNode, b: PenetrationNode): number {
  return (b.ratio ?? -1) - (a.ratio ?? -1) || a.party.name.localeCompare(b.party.name, 'zh');
}

/** The tree as chart rows, depth-first, at most PENETRATION_CHART_LEVELS levels and MAX_ROWS rows. */
export function penetrationChart(root: PenetrationNode): { chart: EquityTreeChart; hidden: number; levels: number } {
  const rows: EquityTreeRow[] = [];
  let hidden = 0;
  let levels = 0;
  const visit = (node: PenetrationNode, depth: number): void => {
    if (rows.length >= PENETRATION_CHART_MAX_ROWS) {
      hidden += 1;
      if (depth < PENETRATION_CHART_LEVELS) for (const child of node.children) visit(child, depth + 1);
      return;
    }
    levels = Math.max(levels, depth);
    const stopHere = depth === PENETRATION_CHART_LEVELS && node.children.length > 0;
    const note = node.cycle ? '循环持股，不再展开' : node.truncated || stopHere ? '未继续穿透' : '';
    rows.push({ depth, name: node.party.name, kind: node.party.type, ratioText: depth === 0 ? '' : formatPercent(node.ratio), note });
    if (stopHere) return;
    for (const child of [...node.children].sort(byRatio)) visit(child, depth + 1);
  };
  visit(root, 0);
  return { chart: { type: 'equityTree', rows }, hidden, levels };
}

function penetrationAlt(chart: EquityTreeChart): string {
  return `股权穿透：${chart.rows.map((r) => `${'　'.repeat(r.depth)}${r.name}${r.ratioText ? ` ${r.ratioText}` : ''}${r.note ? `（${r.note}）` : ''}`).join('；')}`;
}

function cyclesBlock(cycles: RelationFacts['cycles']): Block {
  return {
    kind: 'list',
    ordered: false,
    items: cycles.map((c) => `循环持股：${[...c.map((p) => p.name), c[0]?.name ?? ''].join(' → ')}`),
  };
}

// ---------------------------------------------------------------------------------------------
// 实际控制人与受益所有人

const BASIS_TEXT: Readonly<Record<NonNullable<ControllerFinding['basis']>, string>> = {
  declared: '数据源标注的实际控制人',
  majority: '逐层持股均超过 50%（绝对控股）',
  largest: '无股东持股过半时，取逐层第一大股东（相对控股）',
};

/** `张三 —70.00%→ 甲控股有限公司 —80.00%→ 乙有限公司`: the holder first, each step's ratio on its arrow. */
export function chainText(chain: readonly HoldingStep[]): string {
  if (chain.length === 0) return DASH;
  const parts = [chain[0]!.holder.name];
  for (const step of chain) parts.push(`—${formatPercent(step.ratio)}→ ${step.held.name}`);
  return parts.join(' ');
}

function partyKindText(p: Party): string {
  return p.type === 'person' ? '自然人' : p.type === 'company' ? '企业' : '其他';
}

export function controllerSection(ctx: RelationsContext): Section {
  const section: Section = { id: 'controller', title: '实际控制人与受益所有人', level: 1, blocks: [] };
  if (ctx.noEquity) {
    section.blocks = [{ kind: 'empty', text: NOT_APPLICABLE_TEXT }];
    return section;
  }
  const facts = ctx.relations;
  if (!facts) {
    section.blocks = unavailable();
    return section;
  }
  const c = facts.controller;
  const items: KeyValueItem[] = [];
  if (c.status === 'found' && c.controller) {
    items.push(
      { label: '实际控制人', value: `${c.controller.name}（${partyKindText(c.controller)}）` },
      { label: '控制链', value: c.chain ? chainText(c.chain) : DASH },
      { label: '累计持股比例', value: c.cumulativeRatio === null || c.cumulativeRatio === undefined ? '无法计算（链上部分持股比例数据源未提供）' : formatPercent(c.cumulativeRatio) },
      { label: '认定依据', value: c.basis ? BASIS_TEXT[c.basis] : DASH },
    );
  } else if (c.status === 'none') {
    items.push({ label: '实际控制人', value: '无单一实际控制人' });
  } else {
    items.push({ label: '实际控制人', value: `无法判定（${NOT_SUPPLIED_TEXT}股东信息）` });
  }
  items.push({ label: '说明', value: text(c.reason) });
  section.blocks.push({ kind: 'keyValue', columns: 1, items });

  const threshold = formatPercent(facts.beneficialOwnerThreshold);
  section.blocks.push({ kind: 'paragraph', text: `受益所有人：直接或间接累计持股达到 ${threshold} 及以上的自然人（累计比例为每条持股路径上各层比例之积，多条路径相加）。`, style: 'emphasis' });
  if (facts.beneficialOwners.length > 0) {
    const owners = [...facts.beneficialOwners].sort((a, b) => b.cumulativeRatio - a.cumulativeRatio);
    section.blocks.push(buildTable<BeneficialOwner>(owners, [
      { title: '受益所有人', width: 1.6, cell: (o) => text(o.person.name) },
      { title: '累计持股比例', width: 1.2, align: 'right', cell: (o) => formatPercent(o.cumulativeRatio) },
      { title: '持股路径', width: 5, cell: (o) => o.paths.map(chainText).join('；') || DASH },
    ], { cap: ctx.cap }));
  } else if (c.status === 'unknown') {
    section.blocks.push({ kind: 'empty', text: NOT_SUPPLIED_TEXT });
  } else {
    section.blocks.push({ kind: 'paragraph', text: `按已知股权数据，未发现累计持股达到 ${threshold} 的自然人。` });
  }
  if (facts.cycles.length > 0) {
    section.blocks.push({ kind: 'paragraph', text: '股权结构中存在循环持股（交叉持股），计算在循环处终止：', style: 'emphasis' }, cyclesBlock(facts.cycles));
  }
  return section;
}

// ---------------------------------------------------------------------------------------------
// 关联风险

const RELATION_TEXT: Readonly<Record<RelatedCompany['relation'], (via: string) => string>> = {
  'legal-rep-other': (via) => `法定代表人 ${via} 的其他企业`,
  'controller-other': (via) => `实际控制人 ${via} 的其他企业`,
  investee: () => '对外投资企业',
};

/** A count of records: `N 条`, or 数据源未提供 when the category was not supplied (never 0 or 无). */
function flagCount(n: number | null): string {
  return n === null ? NOT_SUPPLIED_TEXT : `${n} 条`;
}

function risky(r: RelatedCompany): boolean {
  const f = r.flags;
  return f.revoked === true || (f.dishonest ?? 0) > 0 || (f.enforcements ?? 0) > 0 || (f.abnormalOperations ?? 0) > 0;
}

/** Marks a company only named by a document (an investee outside the store): its records are unknown here. */
export const NOT_IN_STORE_TEXT = '（本库未收录，风险数据源未提供）';

function relatedName(r: RelatedCompany): string {
  return r.keyNo === undefined ? `${text(r.name)}${NOT_IN_STORE_TEXT}` : text(r.name);
}

function revokedText(r: RelatedCompany): string {
  return r.flags.revoked === null ? NOT_SUPPLIED_TEXT : r.flags.revoked ? '是' : '否';
}

const RELATION_ORDER: readonly RelatedCompany['relation'][] = ['legal-rep-other', 'controller-other', 'investee'];

export function relatedRiskSection(ctx: RelationsContext): Section {
  const section: Section = { id: 'related-risk', title: '关联风险', level: 1, blocks: [] };
  const facts = ctx.relations;
  if (!facts) {
    section.blocks = unavailable();
    return section;
  }
  if (facts.related.length === 0) {
    section.blocks = [{ kind: 'paragraph', text: '本服务企业库中未发现法定代表人、实际控制人的其他企业或对外投资企业。' }];
    return section;
  }
  // Companies with a risk flag first, then by relation, then by name: the table is capped.
  const rows = [...facts.related].sort((a, b) =>
    Number(risky(b)) - Number(risky(a)) || RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.name.localeCompare(b.name, 'zh'));
  const flagged = rows.filter(risky).length;
  const outside = rows.filter((r) => r.keyNo === undefined).length;
  const outsideText = outside > 0 ? `另有 ${outside} 家仅见于文书、本库未收录，其风险记录未知。` : '';
  section.blocks.push({
    kind: 'paragraph',
    text: `关联企业 ${rows.length} 家，其中 ${flagged} 家存在失信、被执行、经营异常或吊销记录。${outsideText}“${NOT_SUPPLIED_TEXT}”表示数据源未提供该类别，不代表无记录。`,
  });
  section.blocks.push(buildTable<RelatedCompany>(rows, [
    { title: '关联企业', width: 2.6, cell: relatedName },
    { title: '关联关系', width: 2, cell: (r) => RELATION_TEXT[r.relation](r.via) },
    { title: '持股比例', width: 1, align: 'right', cell: (r) => (r.ratio === undefined ? DASH : r.ratio === null ? NOT_SUPPLIED_TEXT : formatPercent(r.ratio)) },
    { title: '登记状态', width: 1.4, cell: (r) => (r.status.trim() === '' ? NOT_SUPPLIED_TEXT : text(r.status)) },
    { title: '失信', width: 1, align: 'right', cell: (r) => flagCount(r.flags.dishonest) },
    { title: '被执行', width: 1, align: 'right', cell: (r) => flagCount(r.flags.enforcements) },
    { title: '经营异常', width: 1, align: 'right', cell: (r) => flagCount(r.flags.abnormalOperations) },
    { title: '吊销', width: 0.7, align: 'center', cell: revokedText },
  ], { cap: ctx.cap }));
  return section;
}

/** The three relation sections, in the order every report type prints them. */
export function relationSections(ctx: RelationsContext): Section[] {
  return [penetrationSection(ctx), controllerSection(ctx), relatedRiskSection(ctx)];
}
