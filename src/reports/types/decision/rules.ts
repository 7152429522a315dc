/**
 * The rules a policy can name (hard rejections, review triggers), each read from the scorecard's
 * factors (so the decision and the printed score never disagree about a record) or the relation
 * graph. A rule whose data the source did not supply is `unknown`: it is printed as such and never
 * reads as a pass; the policy's requiredData decides what missing data does.
 */
import { INSUFFICIENT_DATA, NOT_APPLICABLE_BIN, UNSUPPLIED_BIN, type FactorResult, type ScoreResult } from '../../score/types.js';
import { STATUS_LABELS, type StatusNorm } from '../../score/status.js';
import type { RelationFacts, RelatedCompany } from '../../../companies/relations/facts.js';
import type { CompanyDocument } from '../../../companies/document.js';
import type { RuleId } from './policy.js';

/** What a rule found: `hit` (its condition holds), `clear` (it does not), `unknown` (no data). */
export interface RuleFinding {
  readonly state: 'hit' | 'clear' | 'unknown' | 'not-applicable';
  /** Display text of what was observed, e.g. `当前 2 条`, `数据源未提供`. */
  readonly observed: string;
  /** The records behind a hit (case numbers with dates…), at most 10. */
  readonly records: readonly string[];
}

export interface RuleDefinition {
  readonly id: RuleId;
  /** What the rule says, e.g. `当前失信被执行人`. */
  readonly title: string;
  /** The condition as printed in the 阈值 column, e.g. `当前列入 ≥ 1 条`. */
  readonly threshold: string;
  evaluate(facts: RuleFacts): RuleFinding;
}

export interface RuleFacts {
  readonly doc: CompanyDocument;
  readonly score: ScoreResult;
  readonly relations?: RelationFacts;
}

const RECORDS_LIMIT = 10;

function factorRule(id: RuleId, factorId: string, title: string, threshold: string, holds: (f: FactorResult) => boolean): RuleDefinition {
  return {
    id,
    title,
    threshold,
    evaluate({ score }) {
      const f = score.factors.find((x) => x.id === factorId);
      if (!f || f.bin === UNSUPPLIED_BIN) return { state: 'unknown', observed: '数据源未提供', records: [] };
      if (f.bin === NOT_APPLICABLE_BIN) return { state: 'not-applicable', observed: f.observed, records: [] };
      if (!holds(f)) return { state: 'clear', observed: f.observed, records: [] };
      const more = f.evidenceTotal > f.evidence.length ? [`……共 ${f.evidenceTotal} 条`] : [];
      return { state: 'hit', observed: f.observed, records: [...f.evidence, ...more] };
    },
  };
}

const current = (f: FactorResult) => f.observed.startsWith('当前');
const costsPoints = (f: FactorResult) => f.points < 0;

const INACTIVE: readonly StatusNorm[] = ['REVOKED', 'CANCELLED', 'ANNULLED', 'ORDERED_CLOSED'];
const PAUSED: readonly StatusNorm[] = ['LIQUIDATING', 'SUSPENDED'];

function statusRule(id: RuleId, title: string, statuses: readonly StatusNorm[]): RuleDefinition {
  return {
    id,
    title,
    threshold: `登记状态为${statuses.map((s) => STATUS_LABELS[s]).join('/')}`,
    evaluate({ doc, score }) {
      const status = score.status as StatusNorm;
      const observed = `${doc.status || '—'}${STATUS_LABELS[status] ? `（${STATUS_LABELS[status]}）` : ''}`;
      if (!statuses.includes(status)) return { state: 'clear', observed, records: [] };
      return { state: 'hit', observed, records: doc.statusDate ? [`${doc.statusDate.slice(0, 10)} ${doc.status}`] : [] };
    },
  };
}

function relatedRule(id: RuleId, title: string, threshold: string, flagged: (r: RelatedCompany) => boolean | null, describe: (r: RelatedCompany) => string): RuleDefinition {
  return {
    id,
    title,
    threshold,
    evaluate({ relations }) {
      if (!relations) return { state: 'unknown', observed: '未能分析（关系图谱未提供）', records: [] };
      const hits = relations.related.filter((r) => flagged(r) === true);
      const unknown = relations.related.filter((r) => flagged(r) === null).length;
      const unknownText = unknown > 0 ? `；另有 ${unknown} 家数据源未提供` : '';
      if (hits.length === 0) {
        if (unknown > 0 && unknown === relations.related.length) return { state: 'unknown', observed: `关联企业 ${unknown} 家，数据源均未提供`, records: [] };
        return { state: 'clear', observed: `关联企业 ${relations.related.length} 家，无${unknownText}`, records: [] };
      }
      const records = hits.slice(0, RECORDS_LIMIT).map(describe);
      if (hits.length > RECORDS_LIMIT) records.push(`……共 ${hits.length} 家`);
      return { state: 'hit', observed: `${hits.length} 家${unknownText}`, records };
    },
  };
}

const RELATION_TEXT: Record<RelatedCompany['relation'], string> = {
  'legal-rep-other': '法定代表人的其他企业',
  'controller-other': '实际控制人的其他企业',
  investee: '对外投资企业',
};

export const RULES: Readonly<Record<RuleId, RuleDefinition>> = {
  'dishonest-current': factorRule('dishonest-current', 'dishonest', '失信被执行人（当前）', '当前列入 ≥ 1 条', current),
  'status-inactive': statusRule('status-inactive', '登记状态：吊销/注销/撤销/责令关闭', INACTIVE),
  'insufficient-data': {
    id: 'insufficient-data',
    title: '数据不足，不予评级',
    threshold: '缺少登记信息或核心司法数据',
    evaluate({ score }) {
      if (score.grade === INSUFFICIENT_DATA) return { state: 'hit', observed: score.withheld ?? INSUFFICIENT_DATA, records: [] };
      return { state: 'clear', observed: '核心数据齐备', records: [] };
    },
  },
  'serious-violation-current': factorRule('serious-violation-current', 'serious-violation', '严重违法失信（当前）', '当前列入 ≥ 1 条', current),
  'bankruptcy-pending': factorRule('bankruptcy-pending', 'bankruptcy', '破产案件审理中', '审理中 ≥ 1 件', (f) => f.bin === '审理中'),
  'liquidating-or-suspended': statusRule('liquidating-or-suspended', '登记状态：清算/停业', PAUSED),
  'consumption-restriction-current': factorRule('consumption-restriction-current', 'consumption-restriction', '限制高消费（当前）', '当前 ≥ 1 条', current),
  'abnormal-operations-current': factorRule('abnormal-operations-current', 'abnormal-operations', '经营异常（当前）', '当前列入 ≥ 1 条', current),
  'open-enforcement': factorRule('open-enforcement', 'open-enforcement', '未结被执行案件', '未结 ≥ 1 条', costsPoints),
  'terminated-unpaid': factorRule('terminated-unpaid', 'terminated-unpaid', '近 5 年终本未履行', '≥ 1 件', costsPoints),
  'tax-arrears-current': factorRule('tax-arrears-current', 'tax-arrears', '欠税公告（当前）', '≥ 1 条', costsPoints),
  'tax-violation-recent': factorRule('tax-violation-recent', 'tax-violation', '近 3 年税收违法', '≥ 1 条', costsPoints),
  'equity-freeze-current': factorRule('equity-freeze-current', 'equity-freeze', '股权冻结（当前）', '≥ 1 条', costsPoints),
  'exit-restriction-current': factorRule('exit-restriction-current', 'exit-restriction', '限制出境（当前）', '≥ 1 条', costsPoints),
  'related-dishonest': relatedRule('related-dishonest', '关联企业失信', '关联企业当前失信 ≥ 1 家',
    (r) => (r.flags.dishonest === null ? null : r.flags.dishonest > 0),
    (r) => `${r.name}（${RELATION_TEXT[r.relation]}，经 ${r.via}）失信 ${r.flags.dishonest ?? 0} 条`),
  'related-revoked': relatedRule('related-revoked', '关联企业吊销', '关联企业吊销 ≥ 1 家',
    (r) => r.flags.revoked,
    (r) => `${r.name}（${RELATION_TEXT[r.relation]}，经 ${r.via}）${r.status}`),
};
