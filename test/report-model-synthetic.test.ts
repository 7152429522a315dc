import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCompanies, heavyLitigationCompany, standardCompany } from '../src/companies/synthetic/generate.js';
import { normaliseStatus } from '../src/companies/normalise.js';
import { buildReportModel } from '../src/reports/model/build.js';
import type { ReportModel, TableBlock } from '../src/reports/model/types.js';
import { gradeOf } from '../src/reports/score/grades.js';
import { takeSnapshot } from '../src/reports/snapshot.js';

const ORDER = { orderNo: 'ORD-SYN-1', customerName: '测试银行', generatedAt: '2026-07-01T01:00:00Z' };
const clock = () => new Date('2026-07-01T01:00:00Z');

function build(doc: Parameters<typeof takeSnapshot>[0]['doc']): ReportModel {
  return buildReportModel(takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00Z' }, clock), ORDER);
}

/** Structural promises every model keeps, whatever the company. */
function assertWellFormed(m: ReportModel, label: string): void {
  assert.equal(m.sections.length, 49, label);
  for (const s of m.sections) {
    assert.ok(s.blocks.length > 0, `${label}: ${s.title} is empty`);
    for (const b of s.blocks) {
      if (b.kind !== 'table') continue;
      assert.equal(b.shown, b.rows.length, `${label}: ${s.title} shown`);
      assert.ok(b.shown <= b.total, `${label}: ${s.title} total`);
      for (const row of b.rows) assert.equal(row.length, b.columns.length, `${label}: ${s.title} row width`);
      if (b.shown < b.total) assert.match(b.note ?? '', new RegExp(`^共 ${b.total} 条[，：].*另有 ${b.total - b.shown} 条未显示$`), `${label}: ${s.title} note`);
      else assert.equal(b.note, undefined, `${label}: ${s.title} note`);
    }
  }
  const { score, grade } = m.summary;
  if (score === null) assert.ok(grade === '未评级' || grade === '数据不足，不予评级', label);
  else {
    assert.ok(Number.isInteger(score) && score >= 0 && score <= 1000, `${label}: score ${score}`);
    assert.equal(grade, gradeOf(score), `${label}: grade agrees with the printed score`);
  }
}

describe('report model on synthetic companies', () => {
  it('the standard company yields every section, a score and the synthetic notice', () => {
    const m = build(standardCompany());
    assertWellFormed(m, 'standard');
    assert.equal(m.meta.synthetic, true);
    assert.equal(m.meta.dataDate, '2026-06-30');
    // Rated when the generator supplies the core judicial lists (as [] when empty); otherwise v2 withholds the grade.
    const core = ['judgments', 'enforcements', 'dishonest', 'consumptionRestrictions'] as const;
    const doc = standardCompany();
    if (core.every((c) => doc[c] !== undefined)) assert.equal(typeof m.summary.score, 'number');
    else assert.equal(m.summary.grade, '数据不足，不予评级');
  });

  it('the heavy-litigation company caps its judgments after statistics: 共 500 条，显示最近 20 条', () => {
    const m = build(heavyLitigationCompany(500));
    assertWellFormed(m, 'heavy');
    const table = m.sections.find((s) => s.title === '裁判文书')!.blocks.filter((b): b is TableBlock => b.kind === 'table').at(-1)!;
    assert.equal(table.total, 500);
    assert.equal(table.note, '共 500 条，显示最近 20 条，另有 480 条未显示');
  });

  it('300 generated companies all build well-formed models, with overrides matching their status', () => {
    let notRated = 0;
    let forcedC = 0;
    for (const doc of generateCompanies({ count: 300, seed: 'report-model' })) {
      const m = build(doc);
      assertWellFormed(m, doc.name);
      const status = normaliseStatus(doc.status);
      if (status === 'CANCELLED' || status === 'ANNULLED') {
        notRated += 1;
        assert.equal(m.summary.score, null, doc.name);
      }
      if (status === 'REVOKED' || status === 'ORDERED_CLOSED') {
        forcedC += 1;
        assert.equal(m.summary.grade, 'C', doc.name);
      }
    }
    // The generator draws some inactive companies; if it stops, this test no longer covers overrides.
    assert.ok(notRated + forcedC > 0, 'some generated companies are cancelled or revoked');
  });
});
