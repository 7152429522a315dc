import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentedExampleCompany, documentedRiskCompany } from '../../../companies/demo-companies.js';
import type { CompanyDocument } from '../../../companies/document.js';
import type { RelationFacts } from '../../../companies/relations/facts.js';
import { ConfigError, loadConfig } from '../../../config.js';
import type { ChartBlock, RadarChart, TableBlock } from '../../model/types.js';
import { takeSnapshot } from '../../snapshot.js';
import { buildDecisionReport, decisionReportType } from './index.js';
import { loadDecisionPolicy } from './policy-file.js';
import { DEFAULT_DECISION_POLICY, type DecisionPolicy } from './policy.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** The graph's findings for a company with a controller and no related companies at all. */
function cleanRelations(keyNo = 'k1'): RelationFacts {
  const company = { id: keyNo, type: 'company' as const, name: '上海测试科技有限公司', keyNo };
  const person = { id: 'p_zhangsan', type: 'person' as const, name: '张三' };
  return {
    keyNo,
    controller: { status: 'found', controller: person, chain: [{ holder: person, held: company, ratio: 0.7 }], cumulativeRatio: 0.7, basis: 'declared', reason: '张三持股 70%' },
    beneficialOwners: [{ person, cumulativeRatio: 0.7, paths: [[{ holder: person, held: company, ratio: 0.7 }]] }],
    beneficialOwnerThreshold: 0.25,
    penetration: { party: company, ratio: null, children: [] },
    cycles: [],
    related: [],
  };
}

function build(doc: CompanyDocument, extra: { relations?: RelationFacts; decisionPolicy?: DecisionPolicy } = {}) {
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  return buildDecisionReport({ snapshot, order: { orderNo: 'ORD-DEC-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT }, ...extra });
}

function withPolicy(change: (p: DecisionPolicy & Record<string, unknown>) => void): DecisionPolicy {
  const p = structuredClone(DEFAULT_DECISION_POLICY) as DecisionPolicy & Record<string, unknown>;
  change(p);
  return p;
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-policy-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('decision report: golden verdicts under the default policy', () => {
  it('a clean company with its graph → 建议准入 with a positive credit line, every step printed', () => {
    const { verdict, model } = build(documentedExampleCompany(), { relations: cleanRelations() });
    assert.equal(verdict.recommendation, 'approve');
    assert.equal(verdict.recommendationText, '建议准入');
    assert.ok(verdict.creditLine !== null && verdict.creditLine > 0, `credit line ${verdict.creditLine}`);
    // 315 + 224 + 96 + 120 = 755 万元 base; × 1.3 (AA) = 981.5; guarantees not supplied: × 0.8 = 785.2; down to 780 万元.
    assert.equal(verdict.creditLine, 7_800_000);
    assert.equal(verdict.creditLineText, '780 万元');
    assert.equal(verdict.term, '36 个月');
    assert.deepEqual(verdict.creditLineSteps.map((s) => s.step), ['营业收入依据', '纳税依据', '参保人数依据', '实缴资本依据', '基础额度', '等级系数', '未知数据折减', '取整']);
    assert.deepEqual(verdict.policy, { name: 'zhengxin-default', version: '2026.12' });
    assert.equal(verdict.dimensions.length, 5);
    assert.ok(verdict.dimensions.every((d) => d.score !== null));
    assert.ok(verdict.rules.some((r) => r.decisive && r.id === 'score'));
    assert.equal(model.meta.title, '企业信用决策报告');
    assert.equal(model.cover.title, '企业信用决策报告');
    assert.ok(model.cover.fields.some((f) => f.label === '授信策略' && f.value === 'zhengxin-default（版本 2026.12）'));
    assert.ok(model.sections[0]!.blocks.some((b) => b.kind === 'keyValue' && b.items.some((i) => i.label === '授信策略' && i.value === 'zhengxin-default（版本 2026.12）')));
  });

  it('a current 失信 → 不建议准入, decided by the hard rejection with the case behind it; no credit line', () => {
    const doc = documentedExampleCompany();
    doc.dishonest = [{ caseNo: '（2026）沪0115执1234号', filedOn: '2026-03-01', obligation: '支付货款' }];
    const { verdict } = build(doc, { relations: cleanRelations() });
    assert.equal(verdict.recommendation, 'decline');
    const rule = verdict.rules.find((r) => r.id === 'dishonest-current')!;
    assert.equal(rule.outcome, 'decline');
    assert.ok(rule.decisive);
    assert.equal(rule.observed, '当前 1 条');
    assert.match(rule.records[0]!, /（2026）沪0115执1234号/);
    assert.equal(verdict.creditLine, null);
    assert.equal(verdict.creditLineText, '不建议授信');
    assert.equal(verdict.creditLineReason, '决策建议为不建议准入');
  });

  it('a removed 失信 listing is not a hard rejection (current on the data date only)', () => {
    const doc = documentedExampleCompany();
    doc.dishonest = [{ caseNo: '（2020）沪0115执1号', filedOn: '2020-03-01', removedOn: '2021-01-01' }];
    const { verdict } = build(doc, { relations: cleanRelations() });
    assert.equal(verdict.rules.find((r) => r.id === 'dishonest-current')!.outcome, 'pass');
  });

  it('the documented risk company (current 经营异常, open enforcement) is not approved, and its risks are named', () => {
    const { verdict } = build(documentedRiskCompany(), { relations: cleanRelations() });
    assert.notEqual(verdict.recommendation, 'approve');
    assert.ok(verdict.keyRisks.some((k) => k.includes('经营异常')));
    assert.ok(verdict.monitoring.some((m) => m.item.includes('经营异常')));
  });
});

describe('decision report: unknown is never good', () => {
  it('without the relation graph, 关联风险 is 未能分析 (no score) and the verdict is at best 审慎准入', () => {
    const { verdict, model } = build(documentedExampleCompany());
    const related = verdict.dimensions.find((d) => d.id === 'related')!;
    assert.equal(related.score, null);
    assert.equal(related.scoreText, '未能分析');
    assert.equal(verdict.recommendation, 'review');
    assert.ok(verdict.rules.find((r) => r.id === 'unknown-dimension')!.decisive);
    const chart = model.sections.find((s) => s.id === 'decision.dimensions')!.blocks.find((b): b is ChartBlock => b.kind === 'chart')!.chart as RadarChart;
    assert.equal(chart.type, 'radar');
    assert.equal(chart.values[4], null);
    assert.equal(chart.valueTexts[4], '未能分析');
  });

  it('a required category the source did not supply is named and makes the verdict 审慎准入', () => {
    const doc = documentedExampleCompany();
    delete doc.abnormalOperations;
    const { verdict } = build(doc, { relations: cleanRelations() });
    assert.equal(verdict.recommendation, 'review');
    assert.deepEqual(verdict.missingData, ['经营异常']);
    const rule = verdict.rules.find((r) => r.id === 'abnormal-operations-current')!;
    assert.equal(rule.outcome, 'unknown');
    assert.equal(rule.observed, '数据源未提供');
  });

  it('no revenue, tax, staff or paid-in figure → 不建议授信 with the reason, never a guessed line', () => {
    const doc = documentedExampleCompany();
    delete doc.insuredCount;
    delete doc.paidInCapital;
    doc.annualReports = [];
    doc.shareholders = doc.shareholders!.map(({ paid: _paid, ...s }) => s);
    const { verdict } = build(doc, { relations: cleanRelations() });
    assert.equal(verdict.creditLine, null);
    assert.match(verdict.creditLineReason!, /均未提供/);
  });
});

describe('decision report: the policy is the operator\'s', () => {
  it('a policy file that raises the score threshold changes the verdict (YAML and JSON)', () => {
    const yaml = fs.readFileSync(path.join(repo, 'docs/decision-policy.default.yaml'), 'utf8')
      .replace('name: zhengxin-default', 'name: bank-strict')
      .replace('version: "2026.12"', 'version: "1"')
      .replace('approveMinScore: 700', 'approveMinScore: 800');
    const strict = loadDecisionPolicy(tempFile('strict.yaml', yaml));
    assert.equal(strict.thresholds.approveMinScore, 800);
    const { verdict, model } = build(documentedExampleCompany(), { relations: cleanRelations(), decisionPolicy: strict });
    assert.equal(verdict.recommendation, 'review', 'score 795 < 800');
    assert.ok(verdict.rules.find((r) => r.id === 'score')!.decisive);
    assert.deepEqual(verdict.policy, { name: 'bank-strict', version: '1' });
    assert.ok(model.cover.fields.some((f) => f.value === 'bank-strict（版本 1）'));
    const json = loadDecisionPolicy(tempFile('strict.json', JSON.stringify(strict)));
    assert.deepEqual(json, strict);
  });

  it('a review trigger made a hard rejection declines', () => {
    const p = withPolicy((x) => {
      (x as unknown as { hardRejections: string[] }).hardRejections = [...x.hardRejections, 'abnormal-operations-current'];
      (x as unknown as { reviewTriggers: string[] }).reviewTriggers = x.reviewTriggers.filter((r) => r !== 'abnormal-operations-current');
    });
    assert.equal(build(documentedRiskCompany(), { relations: cleanRelations(), decisionPolicy: p }).verdict.recommendation, 'decline');
  });

  it('the shipped YAML is the built-in default', () => {
    assert.deepEqual(loadDecisionPolicy(path.join(repo, 'docs/decision-policy.default.yaml')), DEFAULT_DECISION_POLICY);
    assert.equal(loadDecisionPolicy(), DEFAULT_DECISION_POLICY);
  });

  it('a bad policy file is refused at start, naming the field', () => {
    const bad = (text: string, name = 'p.yaml') => () => loadConfig({ ZHENGXIN_DECISION_POLICY: tempFile(name, text) });
    const yaml = fs.readFileSync(path.join(repo, 'docs/decision-policy.default.yaml'), 'utf8');
    assert.throws(bad(yaml.replace('approveMinScore: 700', 'approveMinScore: high')), (e: Error) => e instanceof ConfigError && /ZHENGXIN_DECISION_POLICY: .*thresholds\.approveMinScore must be integer/.test(e.message));
    assert.throws(bad(yaml.replace('reviewMinScore: 540', 'reviewMinScore: 800')), /thresholds\.reviewMinScore \(800\) must not exceed thresholds\.approveMinScore/);
    assert.throws(bad(yaml.replace('  - dishonest-current ', '  - dishonest-curent ')), /hardRejections\[0\] must be one of/);
    assert.throws(bad(yaml.replace('abnormal-operations, serious', 'abnormal-ops, serious')), /requiredData\.categories\[4\] "abnormal-ops" is not a data category/);
    assert.throws(bad(yaml.replace('  reviewMaxTermMonths: 12\n', '')), /creditLine\.reviewMaxTermMonths is missing/);
    assert.throws(bad(yaml.replace('  roundTo: 10 ', '  roundto: 10 ')), /creditLine\.roundto is not a policy field/);
    assert.throws(bad('name: [unclosed'), /is not valid YAML/);
    assert.throws(bad('{}', 'p.txt'), /must end in \.json, \.yaml or \.yml/);
    assert.throws(() => loadConfig({ ZHENGXIN_DECISION_POLICY: '/nonexistent/policy.yaml' }), /cannot be read: ENOENT/);
  });
});

describe('decision report: the plug-in and its model', () => {
  it('is report type 2 with the verdict under `decision`', () => {
    assert.equal(decisionReportType.code, 2);
    assert.equal(decisionReportType.slug, 'decision');
    assert.equal(decisionReportType.verdictKey, 'decision');
  });

  it('puts the decision pages first, then every section of the credit report', () => {
    const { model } = build(documentedExampleCompany(), { relations: cleanRelations() });
    const ids = model.sections.map((s) => s.id);
    assert.deepEqual(ids.slice(0, 5), ['decision', 'decision.credit-line', 'decision.dimensions', 'decision.risks', 'decision.monitoring']);
    assert.equal(model.sections[5]!.title, '报告摘要');
    const rules = model.sections[0]!.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.deepEqual(rules.columns.map((c) => c.title), ['规则', '阈值', '观察值', '结论', '依据记录']);
    const { verdict } = build(documentedExampleCompany(), { relations: cleanRelations() });
    const listed = verdict.rules.filter((r) => r.decisive || r.outcome !== 'pass');
    assert.equal(rules.rows.length, listed.length, 'decisive and unresolved rules in the table');
    assert.equal(rules.rows[0]![3], '通过 ★');
    const rest = model.sections[0]!.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('未触发的规则'));
    assert.ok(rest && rest.kind === 'paragraph' && rest.text.includes('失信被执行人（当前）（无）'));
    assert.equal(verdict.rules.length, DEFAULT_DECISION_POLICY.hardRejections.length + DEFAULT_DECISION_POLICY.reviewTriggers.length + 4);
  });

  it('the model is plain data (it crosses a worker thread)', () => {
    const built = build(documentedRiskCompany());
    assert.deepEqual(structuredClone(built), built);
  });
});
