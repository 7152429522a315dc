/**
 * The 准入尽调 checklist (report type 3, docs/report-types.md "准入尽调报告"): each item 通过 / 关注 /
 * 不通过 with the evidence behind it, then one conclusion by a fixed rule. Pure: the document, the
 * data date and the relation graph's findings in, the verdict out.
 *
 * Truth before features: an item whose data the source did not supply is 关注 ("数据源未提供"), never
 * 通过; so is the controller item when the relation graph gave no findings ("未能识别").
 */
import type { CompanyDocument } from '../../../companies/document.js';
import type { RelationFacts } from '../../../companies/relations/facts.js';
import { checkUscc } from '../../../companies/uscc.js';
import { formatPercent } from '../../model/format.js';
import { completedYears, parseDate } from '../../score/dates.js';
import { KIND_NAME, reportEntityKind } from '../../score/entity.js';
import { cnyFen } from '../../score/money.js';
import { coverageV2, missingForRating } from '../../score/scorecard-v2.js';
import { normaliseStatus, STATUS_LABELS } from '../../score/status.js';
import { currentListings, currentRecords, listText } from '../shared/evidence.js';

export type ItemResult = 'pass' | 'attention' | 'fail';
export type Conclusion = 'admit' | 'conditional' | 'reject';

export const RESULT_TEXT: Readonly<Record<ItemResult, string>> = { pass: '通过', attention: '关注', fail: '不通过' };
export const CONCLUSION_TEXT: Readonly<Record<Conclusion, string>> = { admit: '准入', conditional: '有条件准入', reject: '不准入' };

export interface ChecklistItem {
  /** Stable identifier, e.g. `dishonest`. */
  readonly id: string;
  readonly title: string;
  readonly result: ItemResult;
  /** `通过` / `关注` / `不通过`. */
  readonly resultText: string;
  /** What was observed, with the records behind it, in Chinese. */
  readonly evidence: string;
}

export interface DueDiligenceVerdict {
  readonly conclusion: Conclusion;
  /** `准入` / `有条件准入` / `不准入`. */
  readonly conclusionText: string;
  /** The rule that decided the conclusion, with the items that triggered it. */
  readonly rule: string;
  readonly items: readonly ChecklistItem[];
}

/** Younger companies are 关注: too little history to judge (docs/report-types.md). */
export const MIN_AGE_YEARS = 2;
/** Coverage (scorecard v2, applicable categories) below this share is 关注. */
export const MIN_COVERAGE_SHARE = 0.8;
const NOT_SUPPLIED = '数据源未提供';
/** 经营异常 reasons that say the company cannot be found at its registered address: 不通过, not 关注. */
const UNREACHABLE = /无法联系/u;

function item(id: string, title: string, result: ItemResult, evidence: string): ChecklistItem {
  return { id, title, result, resultText: RESULT_TEXT[result], evidence };
}

export function dueDiligenceChecklist(doc: CompanyDocument, dataDate: string, relations: RelationFacts | undefined): DueDiligenceVerdict {
  const items = [
    identityItem(doc),
    statusItem(doc, dataDate),
    ageItem(doc, dataDate),
    capitalItem(doc),
    dishonestItem(doc, dataDate),
    restrictionItem(doc, dataDate),
    seriousViolationItem(doc, dataDate),
    abnormalItem(doc, dataDate),
    controllerItem(relations),
    relatedItem(relations),
    coverageItem(doc),
  ];
  return { ...conclude(items), items };
}

/** Any 不通过 → 不准入; else any 关注 → 有条件准入; else 准入. */
export function conclude(items: readonly ChecklistItem[]): Pick<DueDiligenceVerdict, 'conclusion' | 'conclusionText' | 'rule'> {
  const failed = items.filter((i) => i.result === 'fail');
  const attention = items.filter((i) => i.result === 'attention');
  if (failed.length > 0) return { conclusion: 'reject', conclusionText: CONCLUSION_TEXT.reject, rule: `存在不通过项 → 不准入：${failed.map((i) => i.title).join('、')}` };
  if (attention.length > 0) {
    return { conclusion: 'conditional', conclusionText: CONCLUSION_TEXT.conditional, rule: `无不通过项，存在关注项 → 有条件准入（须核实后准入）：${attention.map((i) => i.title).join('、')}` };
  }
  return { conclusion: 'admit', conclusionText: CONCLUSION_TEXT.admit, rule: `全部 ${items.length} 项通过 → 准入` };
}

function identityItem(doc: CompanyDocument): ChecklistItem {
  const title = '主体身份核验';
  const name = doc.name.trim();
  const status = doc.status?.trim() || NOT_SUPPLIED;
  if (!doc.uscc) {
    const reg = doc.regNo ? `仅有注册号 ${doc.regNo}` : '无统一社会信用代码及注册号';
    return item('identity', title, 'attention', `${reg}，无法以校验位核验；企业名称：${name}；登记状态：${status}`);
  }
  const check = checkUscc(doc.uscc);
  if (!check.ok) return item('identity', title, 'fail', `统一社会信用代码 ${doc.uscc} 未通过 GB 32100-2015 校验（${check.message}）`);
  if (name === '') return item('identity', title, 'attention', `统一社会信用代码 ${check.code} 校验通过，但数据源未提供企业名称`);
  return item('identity', title, 'pass', `统一社会信用代码 ${check.code} 校验位正确；企业名称：${name}；登记状态：${status}`);
}

function statusItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '经营状态';
  const norm = normaliseStatus(doc.status ?? '');
  const registered = `登记状态：${doc.status?.trim() || NOT_SUPPLIED}（${STATUS_LABELS[norm]}）`;
  if (['CANCELLED', 'REVOKED', 'ANNULLED', 'ORDERED_CLOSED', 'LIQUIDATING'].includes(norm)) return item('status', title, 'fail', `${registered}，不再正常经营`);
  if (!['ACTIVE', 'MOVED_IN'].includes(norm)) return item('status', title, 'attention', `${registered}，非存续/在业状态，须核实`);
  const pendingCancellation = (doc.simpleCancellations ?? []).filter((c) => c.announcedFrom.slice(0, 10) <= dataDate && !c.result);
  if (pendingCancellation.length > 0) return item('status', title, 'attention', `${registered}；简易注销公告中（公告期自 ${pendingCancellation[0]!.announcedFrom}）`);
  return item('status', title, 'pass', `${registered}`);
}

function ageItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '成立年限';
  if (!parseDate(doc.establishedOn)) return item('age', title, 'attention', `成立日期：${NOT_SUPPLIED}`);
  const years = completedYears(doc.establishedOn, dataDate);
  const text = `成立于 ${doc.establishedOn}，至数据日 ${dataDate} 满 ${years} 年`;
  return years >= MIN_AGE_YEARS ? item('age', title, 'pass', text) : item('age', title, 'attention', `${text}（不足 ${MIN_AGE_YEARS} 年，经营历史较短）`);
}

function capitalItem(doc: CompanyDocument): ChecklistItem {
  const title = '注册资本实缴';
  const kind = reportEntityKind(doc);
  if (kind === 'branch' || kind === 'individual') return item('capital', title, 'pass', `不适用：${KIND_NAME[kind]}无认缴/实缴出资要求`);
  const registered = cnyFen(doc.registeredCapital);
  const paidDirect = cnyFen(doc.paidInCapital);
  const paidByHolders = (doc.shareholders ?? []).some((s) => s.paid !== undefined)
    ? (doc.shareholders ?? []).reduce((sum, s) => sum + (cnyFen(s.paid) ?? 0), 0)
    : undefined;
  const paid = paidDirect ?? paidByHolders;
  if (paid === undefined) return item('capital', title, 'attention', `实缴资本：${NOT_SUPPLIED}（按未知处理，不视为已实缴）`);
  const wan = (fen: number) => `${(fen / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} 万元`;
  if (paid <= 0) return item('capital', title, 'attention', `实缴资本 0 元${registered ? `（注册资本 ${wan(registered)}）` : ''}，出资尚未到位`);
  const ratio = registered ? paid / registered : undefined;
  return item('capital', title, 'pass', `实缴资本 ${wan(paid)}${registered ? `，注册资本 ${wan(registered)}，实缴比例 ${formatPercent(Math.min(1, ratio!))}` : ''}`);
}

function dishonestItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '失信被执行人';
  if (doc.dishonest === undefined) return item('dishonest', title, 'attention', `失信被执行人：${NOT_SUPPLIED}，无法确认无失信记录`);
  const current = currentRecords(doc.dishonest, (r) => r.filedOn, dataDate);
  const history = doc.dishonest.length - current.length;
  if (current.length > 0) return item('dishonest', title, 'fail', `当前失信 ${current.length} 条：${listText(current.map((r) => `${r.caseNo}（${r.court ?? '法院未提供'}，立案 ${r.filedOn}）`))}`);
  return item('dishonest', title, 'pass', history > 0 ? `无当前失信记录（历史 ${history} 条已移出）` : '无失信记录');
}

function restrictionItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '限制高消费';
  if (doc.consumptionRestrictions === undefined) return item('restriction', title, 'attention', `限制高消费：${NOT_SUPPLIED}，无法确认无限高记录`);
  const current = currentRecords(doc.consumptionRestrictions, (r) => r.filedOn, dataDate);
  const history = doc.consumptionRestrictions.length - current.length;
  if (current.length > 0) return item('restriction', title, 'fail', `当前限高 ${current.length} 条：${listText(current.map((r) => `${r.caseNo}（立案 ${r.filedOn}）`))}`);
  return item('restriction', title, 'pass', history > 0 ? `无当前限高记录（历史 ${history} 条已解除）` : '无限制高消费记录');
}

function seriousViolationItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '严重违法失信';
  if (doc.seriousViolations === undefined) return item('serious-violation', title, 'attention', `严重违法失信名单：${NOT_SUPPLIED}`);
  const current = currentListings(doc.seriousViolations, dataDate);
  if (current.length > 0) return item('serious-violation', title, 'fail', `当前列入 ${current.length} 条：${listText(current.map((l) => `${l.listedOn} ${l.reason ?? '原因未提供'}`))}`);
  return item('serious-violation', title, 'pass', doc.seriousViolations.length > 0 ? `无当前列入（历史 ${doc.seriousViolations.length} 条已移出）` : '未列入严重违法失信名单');
}

function abnormalItem(doc: CompanyDocument, dataDate: string): ChecklistItem {
  const title = '经营异常';
  if (doc.abnormalOperations === undefined) return item('abnormal', title, 'attention', `经营异常名录：${NOT_SUPPLIED}`);
  const current = currentListings(doc.abnormalOperations, dataDate);
  if (current.length === 0) return item('abnormal', title, 'pass', doc.abnormalOperations.length > 0 ? `无当前列入（历史 ${doc.abnormalOperations.length} 条已移出）` : '未列入经营异常名录');
  const listed = listText(current.map((l) => `${l.listedOn} ${l.reason ?? '原因未提供'}`));
  // Unreachable at the registered address is the one 经营异常 that says the counterparty may not exist as registered.
  if (current.some((l) => UNREACHABLE.test(l.reason ?? ''))) return item('abnormal', title, 'fail', `当前列入 ${current.length} 条，含「通过登记的住所或经营场所无法联系」：${listed}`);
  return item('abnormal', title, 'attention', `当前列入 ${current.length} 条：${listed}`);
}

function controllerItem(relations: RelationFacts | undefined): ChecklistItem {
  const title = '实际控制人与受益所有人';
  if (!relations) return item('controller', title, 'attention', '未能识别：关系图谱分析不可用，实际控制人与受益所有人须另行核实');
  const c = relations.controller;
  const owners = relations.beneficialOwners.map((o) => `${o.person.name}（${formatPercent(o.cumulativeRatio)}）`);
  const ownersText = owners.length > 0 ? `受益所有人：${owners.join('、')}` : `无累计持股 ≥ ${formatPercent(relations.beneficialOwnerThreshold)} 的自然人，受益所有人须按高级管理人员认定并核实`;
  if (c.status === 'unknown') return item('controller', title, 'attention', `未能识别：${c.reason}`);
  if (c.status === 'none') return item('controller', title, 'attention', `无单一实际控制人：${c.reason}；${ownersText}`);
  const ratio = c.cumulativeRatio === null || c.cumulativeRatio === undefined ? '' : `，累计 ${formatPercent(c.cumulativeRatio)}`;
  const controller = `实际控制人：${c.controller?.name ?? '—'}${ratio}（${c.reason}）`;
  return owners.length > 0 ? item('controller', title, 'pass', `${controller}；${ownersText}`) : item('controller', title, 'attention', `${controller}；${ownersText}`);
}

function relatedItem(relations: RelationFacts | undefined): ChecklistItem {
  const title = '关联方风险';
  if (!relations) return item('related', title, 'attention', '未能识别：关系图谱分析不可用，关联企业风险须另行核实');
  const flagged = relations.related.filter((r) => (r.flags.dishonest ?? 0) > 0 || r.flags.revoked === true || (r.flags.enforcements ?? 0) > 0 || (r.flags.abnormalOperations ?? 0) > 0);
  const unknown = relations.related.filter((r) => r.flags.dishonest === null || r.flags.enforcements === null);
  if (flagged.length > 0) {
    const describe = (r: (typeof flagged)[number]) => {
      const f: string[] = [];
      if ((r.flags.dishonest ?? 0) > 0) f.push(`失信 ${r.flags.dishonest}`);
      if ((r.flags.enforcements ?? 0) > 0) f.push(`被执行 ${r.flags.enforcements}`);
      if ((r.flags.abnormalOperations ?? 0) > 0) f.push(`经营异常 ${r.flags.abnormalOperations}`);
      if (r.flags.revoked === true) f.push('吊销');
      return `${r.name}（经 ${r.via}：${f.join('、')}）`;
    };
    return item('related', title, 'attention', `${relations.related.length} 家关联企业中 ${flagged.length} 家有风险标记：${listText(flagged.map(describe))}`);
  }
  if (unknown.length > 0) return item('related', title, 'attention', `${relations.related.length} 家关联企业无风险标记，但其中 ${unknown.length} 家的失信/被执行数据源未提供`);
  return item('related', title, 'pass', relations.related.length > 0 ? `${relations.related.length} 家关联企业均无失信、被执行、经营异常或吊销标记` : '未发现关联企业（法定代表人、实际控制人的其他企业及对外投资）');
}

function coverageItem(doc: CompanyDocument): ChecklistItem {
  const title = '数据覆盖';
  const missingCore = missingForRating(doc);
  if (missingCore.length > 0) return item('coverage', title, 'fail', `缺少准入必需的数据：${missingCore.join('、')}`);
  const coverage = coverageV2(doc);
  const missing = coverage.categories.filter((c) => !c.present).map((c) => c.name);
  const share = `${coverage.present}/${coverage.total}（${formatPercent(coverage.share)}）`;
  if (coverage.share < MIN_COVERAGE_SHARE) return item('coverage', title, 'attention', `数据覆盖 ${share}，低于 ${formatPercent(MIN_COVERAGE_SHARE)}；未提供：${listText(missing, 8)}`);
  return item('coverage', title, 'pass', missing.length > 0 ? `数据覆盖 ${share}；未提供：${listText(missing, 8)}` : `数据覆盖 ${share}，全部类别均已提供`);
}
