import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildReportModel } from '../src/reports/model/build.js';
import type { ReportModel } from '../src/reports/model/types.js';
import { renderDocx } from '../src/reports/render/docx/render-docx.js';
import { renderPdf } from '../src/reports/render/pdf/render-pdf.js';
import { takeSnapshot } from '../src/reports/snapshot.js';
import { GENERATED_AT, docxParts, pdfPages, squash, wordText } from './render-support.js';
import { chainFacts, deadlockFacts } from './support/relation-facts.js';
import { standardSample } from './support/sample-companies.js';

function modelWith(relations: ReturnType<typeof chainFacts> | undefined): ReportModel {
  const doc = standardSample();
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  return buildReportModel(snapshot, { orderNo: 'ORD-TEST-REL1', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT, ...(relations ? { relations } : {}) });
}

describe('the report prints the relation graph\'s findings (PDF and Word)', () => {
  let pdfText: string;
  let docText: string;
  let svg: string;

  before(async () => {
    const doc = standardSample();
    const model = modelWith(chainFacts('k_target', doc.name));
    const [pdf, docx] = await Promise.all([renderPdf(model), renderDocx(model)]);
    pdfText = squash(pdfPages(pdf).join('\n'));
    const parts = docxParts(docx);
    docText = squash(wordText(parts['word/document.xml']!));
    svg = Object.entries(parts).filter(([p]) => p.endsWith('.svg')).map(([, s]) => s).join('');
  });

  it('the controller, the chain as names and percentages, the cumulative ratio, in both formats', () => {
    for (const text of [pdfText, docText]) {
      assert.ok(text.includes(squash('实际控制人 张三（自然人）')), 'controller');
      assert.ok(text.includes(squash('张三 —70.00%→ 甲控股有限公司 —80.00%→ 乙实业有限公司 —60.00%→')), 'chain');
      assert.ok(text.includes(squash('累计持股比例 33.60%')), 'cumulative');
      assert.ok(text.includes(squash('循环持股：丁投资有限公司 → 丙贸易有限公司 → 丁投资有限公司')), 'cycle');
    }
  });

  it('关联风险 rows with their status and flags; an unsupplied flag reads 数据源未提供', () => {
    for (const text of [pdfText, docText]) {
      assert.ok(text.includes('关联风险'));
      assert.ok(text.includes(squash('戊科技有限公司 法定代表人 王五 的其他企业 — 吊销 2 条 数据源未提供 0 条 是')), 'flagged row');
      assert.ok(text.includes(squash('己商贸有限公司 实际控制人 张三 的其他企业 — 存续 数据源未提供 数据源未提供 数据源未提供 否')), 'unknown row');
      assert.ok(text.includes(squash('庚物流有限公司 对外投资企业 60.00% 在业 0 条 0 条 0 条 否')), 'stored investee with its share');
    }
  });

  it('an investee outside the store is listed with its share and every flag 数据源未提供 (PDF, Word, JSON)', () => {
    const row = squash('辛库外投资有限公司（本库未收录，风险数据源未提供） 对外投资企业 15.00% 数据源未提供 数据源未提供 数据源未提供 数据源未提供 数据源未提供');
    assert.ok(pdfText.includes(row), 'PDF row');
    assert.ok(docText.includes(row), 'Word row');
    for (const text of [pdfText, docText]) assert.ok(text.includes(squash('另有 1 家仅见于文书、本库未收录，其风险记录未知')), 'lead paragraph');
    // reportFormat=3 carries the same model: the row is data there too.
    const model = modelWith(chainFacts('k_target', standardSample().name));
    const section = model.sections.find((s) => s.id === 'related-risk')!;
    const table = JSON.parse(JSON.stringify(section.blocks)).find((b: { kind: string }) => b.kind === 'table') as { rows: string[][] };
    assert.deepEqual(table.rows.find((r) => r[0]!.startsWith('辛库外投资有限公司')), [
      '辛库外投资有限公司（本库未收录，风险数据源未提供）', '对外投资企业', '15.00%', '数据源未提供', '数据源未提供', '数据源未提供', '数据源未提供', '数据源未提供',
    ]);
  });

  it('the penetration chart is drawn in both formats (PDF text, Word SVG)', () => {
    assert.ok(pdfText.includes(squash('股权穿透图（向上 3 层）')));
    assert.ok(pdfText.includes(squash('持股 70.00%')), 'the chart\'s ratio labels are text in the PDF');
    assert.ok(docText.includes(squash('股权穿透图（向上 3 层）')));
    assert.ok(svg.includes('<path'), 'chart SVG in the docx');
  });

  it('a 50/50 company: no single controller, with the reason', async () => {
    const pdf = await renderPdf(modelWith(deadlockFacts('k_target', standardSample().name)));
    const text = squash(pdfPages(pdf).join('\n'));
    assert.ok(text.includes(squash('实际控制人 无单一实际控制人')));
    assert.ok(text.includes(squash('两名股东各持股 50%，无单一控制人')));
  });

  it('without RelationFacts the report says the analysis is unavailable, never "no controller"', async () => {
    const pdf = await renderPdf(modelWith(undefined));
    const text = squash(pdfPages(pdf).join('\n'));
    assert.ok(text.includes(squash('关联关系分析暂不可用')));
    assert.ok(!text.includes('无单一实际控制人'));
  });
});
