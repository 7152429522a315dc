#!/usr/bin/env node
// Refreshes the decision report previews in docs/ (after `npm run build`): the documented example
// company (上海测试科技有限公司) as a 企业信用决策报告 under the shipped default policy, with a
// relation-graph fixture naming one related company that is 失信 and 吊销 (so every part of the
// decision pages has something to show), PDF pages turned into PNGs by poppler's pdftoppm (60 dpi).
// Then the 关联风险 table as the relation graph derives it on a fresh demo store (the whole demo
// dataset imported into a temporary SQLite store): 苏州示范控股集团有限公司, the documented group
// whose investees are under enforcement, 经营异常, 吊销 and 失信 (src/companies/demo-companies.ts).
//
//   node scripts/render-decision-previews.js
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageOfHeading, writePagePreview } from './pdf-page-preview.js';
import { documentedExampleCompany, documentedGroupCompanies } from '../dist/src/companies/demo-companies.js';
import { ensureDemoData } from '../dist/src/companies/demo-data.js';
import { deriveKeyNo } from '../dist/src/companies/key-no.js';
import { relationFactsOf } from '../dist/src/companies/relations/relation-facts.js';
import { findCompanyByKeyNo } from '../dist/src/companies/store.js';
import { openDatabase } from '../dist/src/db/database.js';
import { renderPdf } from '../dist/src/reports/render/pdf/render-pdf.js';
import { takeSnapshot } from '../dist/src/reports/snapshot.js';
import { decisionReportType } from '../dist/src/reports/types/decision/index.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';
const doc = documentedExampleCompany();
const company = { id: 'k_example', type: 'company', name: doc.name, keyNo: 'k_example' };
const person = { id: 'p_zhangsan', type: 'person', name: '张三' };
const relations = {
  keyNo: 'k_example',
  controller: { status: 'found', controller: person, chain: [{ holder: person, held: company, ratio: 0.7 }], cumulativeRatio: 0.7, basis: 'declared', reason: '张三持股 70%' },
  beneficialOwners: [{ person, cumulativeRatio: 0.7, paths: [[{ holder: person, held: company, ratio: 0.7 }]] }],
  beneficialOwnerThreshold: 0.25,
  penetration: { party: company, ratio: null, children: [{ party: person, ratio: 0.7, children: [] }] },
  cycles: [],
  related: [{ keyNo: 'k_related', name: '杭州某某贸易有限公司', status: '吊销，未注销', relation: 'legal-rep-other', via: '张三', flags: { dishonest: 1, enforcements: 2, abnormalOperations: null, revoked: true } }],
};
const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
const { model } = decisionReportType.build({ snapshot, relations, order: { orderNo: 'PREVIEW-0002', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-previews-'));
const docs = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../docs');

try {
  const pdf = path.join(dir, 'decision.pdf');
  fs.writeFileSync(pdf, await renderPdf(model));
  for (const [name, heading] of [['preview-decision', '决策建议'], ['preview-decision-dimensions', '维度评分']]) {
    writePagePreview(pdf, pageOfHeading(pdf, heading), name, dir, docs);
  }

  const database = await openDatabase({ dataDir: path.join(dir, 'demo-store') });
  let group;
  try {
    await ensureDemoData(database.db);
    const keyNo = deriveKeyNo(documentedGroupCompanies()[0]);
    const stored = await findCompanyByKeyNo(database.db, keyNo);
    const facts = await relationFactsOf(database.db, keyNo);
    if (!stored || !facts) throw new Error(`the demo store has no ${keyNo} (or no relation facts for it)`);
    const flagged = facts.related.filter((r) => r.flags.revoked || r.flags.dishonest || r.flags.enforcements || r.flags.abnormalOperations);
    console.log(`${stored.name}: ${facts.related.length} related companies, ${flagged.length} with flags`);
    const groupSnapshot = takeSnapshot({ doc: stored.doc, dataAsOf: stored.dataAsOf, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
    group = decisionReportType.build({ snapshot: groupSnapshot, relations: facts, order: { orderNo: 'PREVIEW-0005', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT } });
  } finally {
    await database.close();
  }
  const groupPdf = path.join(dir, 'related-risk.pdf');
  fs.writeFileSync(groupPdf, await renderPdf(group.model));
  // The dimension page names 关联风险 too: the section is the page with the table's header.
  writePagePreview(groupPdf, pageOfHeading(groupPdf, '关联风险', '关联关系'), 'preview-related-risk', dir, docs);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
