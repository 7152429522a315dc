/**
 * How long the pure core of a report takes: scoring, and building the whole report model, for the
 * standard synthetic company (about ten pages) and the 500-judgment one. In process, after warm-up.
 * The render budget is 60 ms per report; the model should take well under 1 ms of it.
 * Run: `npm run bench:model`. Figures are noisy on a shared machine: read the median.
 */
import { heavyLitigationCompany, standardCompany } from '../src/companies/synthetic/generate.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { buildReportModel } from '../src/reports/model/build.js';
import { scoreCompany } from '../src/reports/score/scorecard.js';
import { takeSnapshot } from '../src/reports/snapshot.js';

const WARMUP_RUNS = 2000;
const MEASURED_RUNS = 5000;
const ORDER = { orderNo: 'ORD-BENCH-1', customerName: '基准测试银行', generatedAt: '2026-07-01T01:00:00Z' };

function measure(fn: () => unknown): { medianUs: number; p95Us: number; meanUs: number } {
  for (let i = 0; i < WARMUP_RUNS; i++) fn();
  const samples = new Float64Array(MEASURED_RUNS);
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { medianUs: samples[Math.floor(samples.length / 2)]!, p95Us: samples[Math.floor(samples.length * 0.95)]!, meanUs: mean };
}

function report(label: string, doc: CompanyDocument): void {
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00Z' }, () => new Date('2026-07-01T01:00:00Z'));
  const model = buildReportModel(snapshot, ORDER);
  const score = measure(() => scoreCompany(snapshot.doc, snapshot.dataDate));
  const build = measure(() => buildReportModel(snapshot, ORDER));
  const snap = measure(() => takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00Z' }));
  const f = (n: number) => `${n.toFixed(1)} µs`;
  console.log(`${label}: score ${model.summary.scoreText} ${model.summary.grade}, ${model.sections.length} sections, model JSON ${JSON.stringify(model).length} bytes`);
  console.log(`  scoreCompany      median ${f(score.medianUs)}  p95 ${f(score.p95Us)}  mean ${f(score.meanUs)}`);
  console.log(`  buildReportModel  median ${f(build.medianUs)}  p95 ${f(build.p95Us)}  mean ${f(build.meanUs)}`);
  console.log(`  takeSnapshot      median ${f(snap.medianUs)}  p95 ${f(snap.p95Us)}  mean ${f(snap.meanUs)}`);
}

report('standard company', standardCompany());
report('500 judgments', heavyLitigationCompany(500));
