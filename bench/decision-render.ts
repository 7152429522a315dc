/**
 * `npm run bench:decision`: the 企业信用决策报告 against the 企业信用报告 for the same company (the
 * standard synthetic company the render bench uses, with a relation-graph fixture so 关联风险 is
 * scored), model build + render in process after warm-up, PDF and docx. The two are measured
 * alternately, one of each per round, so a noisy neighbour slows both alike; prints the medians and
 * the ratio decision / credit (issue 13's bar: ≤ 1.5×). Asserts nothing: the machine is shared.
 *
 *   npm run bench:decision [-- --runs 30 --warmup 5]
 */
import { standardCompany } from '../src/companies/synthetic/index.js';
import type { RelationFacts } from '../src/companies/relations/facts.js';
import { buildReportModel } from '../src/reports/model/build.js';
import { renderReport, type ReportFormat } from '../src/reports/render/render-report.js';
import { takeSnapshot } from '../src/reports/snapshot.js';
import { decisionReportType } from '../src/reports/types/decision/index.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const doc = standardCompany();
const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
const company = { id: 'k', type: 'company' as const, name: doc.name, keyNo: 'k' };
const person = { id: 'p', type: 'person' as const, name: doc.legalRep ?? '法定代表人' };
const relations: RelationFacts = {
  keyNo: 'k',
  controller: { status: 'found', controller: person, reason: '' },
  beneficialOwners: [],
  beneficialOwnerThreshold: 0.25,
  penetration: { party: company, ratio: null, children: [] },
  cycles: [],
  related: Array.from({ length: 12 }, (_, i) => ({
    keyNo: `r${i}`, name: `关联企业${i}有限公司`, status: '存续', relation: 'legal-rep-other' as const, via: person.name,
    flags: { dishonest: i % 5 === 0 ? 1 : 0, enforcements: i % 3, abnormalOperations: null, revoked: i === 7 },
  })),
};
const order = { orderNo: 'BENCH-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT, relations };

const credit = () => buildReportModel(snapshot, order);
const decision = () => decisionReportType.build({ snapshot, order, relations }).model;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const runs = option('runs', 30);
const warmup = option('warmup', 5);
console.log(`decision vs credit report: ${doc.name}, ${runs} rounds after ${warmup} warm-up (model build + render, in process; machine shared)`);
for (const format of ['pdf', 'docx'] as ReportFormat[]) {
  for (let i = 0; i < warmup; i++) {
    await renderReport(credit(), format);
    await renderReport(decision(), format);
  }
  const a: number[] = [];
  const b: number[] = [];
  let pagesNote = '';
  for (let i = 0; i < runs; i++) {
    a.push(await timed(() => renderReport(credit(), format)));
    b.push(await timed(() => renderReport(decision(), format)));
  }
  const [ca, cb] = [median(a), median(b)];
  if (format === 'pdf') {
    const [x, y] = [await renderReport(credit(), 'pdf'), await renderReport(decision(), 'pdf')];
    pagesNote = `  (${(x.length / 1024).toFixed(0)} KB vs ${(y.length / 1024).toFixed(0)} KB)`;
  }
  console.log(`${format.padEnd(4)}  credit ${ca.toFixed(1)} ms  decision ${cb.toFixed(1)} ms  ratio ${(cb / ca).toFixed(2)}×${pagesNote}`);
}
const m: number[] = [];
const n: number[] = [];
for (let i = 0; i < runs * 4; i++) {
  m.push(await timed(async () => credit()));
  n.push(await timed(async () => decision()));
}
console.log(`model only  credit ${median(m).toFixed(2)} ms  decision ${median(n).toFixed(2)} ms  ratio ${(median(n) / median(m)).toFixed(2)}×`);
