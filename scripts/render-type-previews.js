#!/usr/bin/env node
// Refreshes the previews of report types 3 and 4 in docs/ (after `npm run build`): the test suite's
// clean standard sample as a 准入尽调报告 (relation graph: one declared controller, nothing risky
// related), and its shell-like sample as a 空壳扫描报告 with the store-wide counts the shell test
// measures in a store of its neighbours (12 companies share its address, e-mail and legal
// representative; its phone unknown). The first page of each verdict chapter becomes a PNG through
// poppler's pdftoppm (60 dpi), like scripts/render-decision-previews.js.
//
//   node scripts/render-type-previews.js
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageOfHeading, writePagePreview } from './pdf-page-preview.js';
import { deriveKeyNo } from '../dist/src/companies/key-no.js';
import { renderPdf } from '../dist/src/reports/render/pdf/render-pdf.js';
import { takeSnapshot } from '../dist/src/reports/snapshot.js';
import { dueDiligenceReportType } from '../dist/src/reports/types/due-diligence/index.js';
import { shellScanReportType } from '../dist/src/reports/types/shell-scan/index.js';
import { shellLikeSample, standardSample } from '../dist/test/support/sample-companies.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';
const order = { orderNo: 'PREVIEW-0003', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT };
const snapshotOf = (doc) => takeSnapshot({ doc, updatedAt: '2026-11-25T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));

const clean = standardSample();
const company = { id: deriveKeyNo(clean), type: 'company', name: clean.name, keyNo: deriveKeyNo(clean) };
const person = { id: 'p_zhoulh', type: 'person', name: '周立衡' };
const step = { holder: person, held: company, ratio: 0.6 };
const relations = {
  keyNo: company.id,
  controller: { status: 'found', controller: person, chain: [step], cumulativeRatio: 0.6, basis: 'declared', reason: '登记数据标明的实际控制人' },
  beneficialOwners: [{ person, cumulativeRatio: 0.6, paths: [[step]] }],
  beneficialOwnerThreshold: 0.25,
  penetration: { party: company, ratio: null, children: [{ party: person, ratio: 0.6, children: [] }] },
  cycles: [],
  related: [],
};
const diligence = dueDiligenceReportType.build({ snapshot: snapshotOf(clean), order, relations });
const shell = shellScanReportType.build({
  snapshot: snapshotOf(shellLikeSample()),
  order: { ...order, orderNo: 'PREVIEW-0004' },
  sharedCounts: { sameAddress: 12, samePhone: null, sameEmail: 12, legalRepCompanies: 12, legalRepNamesakes: 12 },
});
console.log(`准入尽调: ${diligence.verdict.conclusionText}; 空壳扫描: 指数 ${shell.verdict.index}, 等级 ${shell.verdict.level}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-type-previews-'));
const docs = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../docs');
try {
  for (const [name, model, heading] of [['preview-due-diligence', diligence.model, '准入结论'], ['preview-shell-scan', shell.model, '空壳扫描结论']]) {
    const pdf = path.join(dir, `${name}.pdf`);
    fs.writeFileSync(pdf, await renderPdf(model));
    writePagePreview(pdf, pageOfHeading(pdf, heading), name, dir, docs);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
