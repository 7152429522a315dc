/**
 * Golden tests of issue 11's report substance on hand-built companies (test/support/sample-companies.ts),
 * on the text both renderers print: PDF text as pdftotext extracts it, docx text from its XML.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import type { ReportModel, TableBlock } from '../src/reports/model/types.js';
import { renderDocx } from '../src/reports/render/docx/render-docx.js';
import { renderPdf } from '../src/reports/render/pdf/render-pdf.js';
import { docxParts, modelOf, pdfPages, squash, wordText } from './render-support.js';
import {
  branchSample, cancelledSample, everyCategorySample, heavyLitigationSample, partnershipSample, registrationOnlySample, soleTraderSample, standardSample, usdSample,
} from './support/sample-companies.js';

interface Rendered {
  model: ReportModel;
  /** Text of every PDF page, whitespace squashed. */
  pdfPages: string[];
  pdf: string;
  docx: string;
}

async function render(doc: CompanyDocument): Promise<Rendered> {
  const model = modelOf(doc);
  const [pdf, docx] = await Promise.all([renderPdf(model), renderDocx(model)]);
  const pages = pdfPages(pdf).map(squash);
  return { model, pdfPages: pages, pdf: pages.join(''), docx: squash(wordText(docxParts(docx)['word/document.xml']!)) };
}

/** Asserts the needle (whitespace ignored) is in both renderings. */
function inBoth(r: Rendered, needle: string, why = needle): void {
  assert.ok(r.pdf.includes(squash(needle)), `PDF lacks ${why}`);
  assert.ok(r.docx.includes(squash(needle)), `docx lacks ${why}`);
}

function sectionText(r: Rendered, format: 'pdf' | 'docx', from: string, to: string): string {
  const all = format === 'pdf' ? r.pdf : r.docx;
  // The last occurrence of the heading: the table of contents names it first.
  const start = all.lastIndexOf(from);
  const end = all.indexOf(to, start + from.length);
  assert.ok(start >= 0 && end > start, `${format}: ${from} … ${to}`);
  return all.slice(start, end);
}

describe('report truth: unknown is never "none"', () => {
  let r: Rendered;
  before(async () => { r = await render(registrationOnlySample()); });

  it('prints 数据不足，不予评级 where the grade would be, in both formats', () => {
    assert.equal(r.model.summary.grade, '数据不足，不予评级');
    assert.equal(r.model.summary.score, null);
    inBoth(r, '信用等级数据不足，不予评级');
  });

  it('unsupplied sections, tables and counts read 数据源未提供, never 暂无记录 or 0 条', () => {
    for (const format of ['pdf', 'docx'] as const) {
      const text = format === 'pdf' ? r.pdf : r.docx;
      assert.ok(!text.includes('暂无记录'), `${format} says 暂无记录 for unknown data`);
      assert.ok(!/(?<![\d,.])0条/.test(text), `${format} says 0 条 for unknown data`);
      const judicial = sectionText(r, format, '司法风险裁判文书', '经营风险');
      assert.ok(judicial.includes('裁判文书数据源未提供被执行人数据源未提供'), `${format}: the judicial overview counts read 数据源未提供`);
    }
  });

  it('the summary shows the coverage and names the missing categories', () => {
    assert.match(r.model.summary.coverageText, /^1\/44/);
    inBoth(r, `数据覆盖度${r.model.summary.coverageText}`);
    inBoth(r, '数据源未提供以下 43 类数据');
    for (const name of ['裁判文书', '被执行人', '失信被执行人', '限制高消费', '股权冻结']) assert.ok(r.model.summary.missingCategories.includes(name), name);
  });

  it('unsupplied categories earn no points: every 未提供 factor is 0, and the table says so', () => {
    const unsupplied = r.model.sections.find((s) => s.id === 'score')!.blocks.find((b): b is TableBlock => b.kind === 'table')!
      .rows.filter((row) => row[2] === '未提供');
    assert.ok(unsupplied.length >= 15, `${unsupplied.length} unsupplied factors`);
    for (const row of unsupplied) assert.equal(row[3], '0', `${row[0]} earns ${row[3]}`);
    inBoth(r, '近3年裁判文书（被告）数据源未提供未提供0');
  });
});

describe('report truth: open records are never hidden', () => {
  let r: Rendered;
  let doc: CompanyDocument;
  before(async () => {
    doc = heavyLitigationSample();
    r = await render(doc);
  });

  it('lists every open enforcement (12, five of them older than the 20 newest), first, in both formats', () => {
    const open = doc.enforcements!.filter((e) => !e.closedOn);
    assert.equal(open.length, 12);
    const table = r.model.sections.find((s) => s.id === 'judicial.enforcements')!.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.equal(table.openRows, 12);
    assert.deepEqual(table.rows.slice(0, 12).map((row) => row[4]), Array(12).fill('未结'));
    assert.equal(table.note, '共 25 条：未结 12 条全部列出；已结 13 条显示最近 8 条，另有 5 条未显示');
    const sections = { pdf: sectionText(r, 'pdf', '被执行人立案日期案号执行标的', '失信被执行人立案日期'), docx: sectionText(r, 'docx', '被执行人立案日期案号执行标的', '失信被执行人立案日期') };
    for (const [format, text] of Object.entries(sections)) {
      for (const e of open) assert.ok(text.includes(squash(e.caseNo)), `${format} hides open enforcement ${e.caseNo}`);
      assert.ok(text.includes('1,241.00万元'), `${format}: the oldest open case of 1,241 万元`);
    }
    inBoth(r, table.note!);
    // The overview counts agree with the table.
    inBoth(r, '被执行人25条（未结12条）');
  });

  it('lists every current 限高 and prints the statistics of 600 judgments with a chart', () => {
    const current = doc.consumptionRestrictions!.filter((c) => !c.removedOn);
    const text = sectionText(r, 'pdf', '限制高消费立案日期', '限制出境立案日期');
    for (const c of current) assert.ok(text.includes(squash(c.caseNo)), `PDF hides current 限高 ${c.caseNo}`);
    inBoth(r, '案件统计（全部 600 件裁判文书）');
    inBoth(r, '作为被告');
    const judgments = r.model.sections.find((s) => s.id === 'judicial.judgments')!.blocks;
    assert.ok(judgments.some((b) => b.kind === 'chart' && b.chart.type === 'bar'), 'a bar chart of cases per year');
    // The judgment result and the 失信 obligation and performance are printed.
    inBoth(r, '判决结果');
    inBoth(r, '支付工程款 3,500,000 元及利息');
    inBoth(r, '全部未履行');
  });

  it('grades the saturating company CCC or worse and warns about five-month-old data on cover and summary', () => {
    assert.ok(['CCC', 'CC', 'C'].includes(r.model.summary.grade), r.model.summary.grade);
    assert.ok(r.pdfPages[0]!.includes(squash('数据截至 2026-06-30（距报告生成 153 天）')), 'cover shows the data age');
    assert.ok(r.pdfPages[0]!.includes('数据时效提示'), 'cover warns');
    inBoth(r, '数据截至 2026-06-30，距报告生成已 153 天（超过 30 天）');
  });
});

describe('report truth: entity kinds, dates and currency', () => {
  it('a branch has a 负责人 and its head office; capital and insured staff are 不适用', async () => {
    const r = await render(branchSample());
    inBoth(r, '负责人吴启明');
    assert.ok(!r.pdf.includes('法定代表人吴启明') && !r.docx.includes('法定代表人吴启明'));
    inBoth(r, '注册资本不适用');
    inBoth(r, '参保人数不适用');
    inBoth(r, '总公司名称上海澄衡精密机械有限公司');
  });

  it('a sole trader has a 经营者, a partnership an 执行事务合伙人', async () => {
    const sole = await render(soleTraderSample());
    inBoth(sole, '经营者李秀英');
    inBoth(sole, '实缴资本不适用');
    const partnership = await render(partnershipSample());
    inBoth(partnership, '执行事务合伙人上海澄衡投资管理有限公司');
  });

  it('a cancelled company prints its status date in 基本信息 and on the cover, once each, and owes no annual report', async () => {
    const r = await render(cancelledSample());
    assert.ok(r.pdfPages[0]!.includes(squash('登记状态 注销（注销日期 2026-07-15）')), 'cover');
    inBoth(r, '登记状态注销（注销日期2026-07-15）成立日期');
    assert.ok(!r.pdf.includes('（注销）（注销') && !r.pdf.includes('「注销」（注销）'), 'nothing printed twice');
    assert.ok(!r.pdf.includes('未评级未评级') && !r.docx.includes('未评级未评级'), '未评级 once');
    const annual = r.model.sections.find((s) => s.id === 'score')!.blocks.find((b): b is TableBlock => b.kind === 'table')!.rows.find((row) => row[0] === '最近年报报送')!;
    assert.deepEqual(annual.slice(2, 4), ['不适用', '0']);
  });

  it('a USD company: amounts in 万美元 in sections and factor explanations, capital never "unknown"', async () => {
    const r = await render(usdSample());
    inBoth(r, '注册资本1,250.00万美元');
    const factors = r.model.sections.find((s) => s.id === 'score')!.blocks.find((b): b is TableBlock => b.kind === 'table')!.rows;
    const pledge = factors.find((row) => row[0] === '股权出质占注册资本')!;
    assert.match(pledge.join(' '), /500\.00 万美元/);
    const enforcement = factors.find((row) => row[0] === '未结被执行标的/注册资本')!;
    assert.match(enforcement.join(' '), /30\.00 万美元.*2\.40%/);
    inBoth(r, '500.00 万美元');
    for (const text of [r.pdf, r.docx]) {
      assert.ok(!text.includes('注册资本未知'));
      assert.ok(!text.includes('1,250.00万元'), 'the USD capital is never printed as 万元');
    }
  });

  it('the standard company is rated with every category supplied', async () => {
    const m = modelOf(standardSample());
    assert.equal(typeof m.summary.score, 'number');
    assert.equal(m.summary.missingCategories.length, 1, m.summary.missingCategories.join());
  });
});

describe('report truth: the new categories', () => {
  it('every new category has its section, with exactly its title, in both formats', async () => {
    const r = await render(everyCategorySample());
    for (const title of ['股权冻结', '破产重整', '司法拍卖', '限制出境', '土地抵押', '对外担保', '行政许可', '抽查检查', '知识产权出质', '法院公告', '送达公告', '简易注销', '注销备案', '公示催告']) {
      assert.ok(r.model.sections.some((s) => s.title === title && s.level === 2), `model lacks ${title}`);
      inBoth(r, title);
    }
    // Their records are printed: a frozen stake, a pending bankruptcy, the mortgagee and collateral of a chattel mortgage.
    inBoth(r, '（2026）沪0115执801号');
    inBoth(r, '（2026）沪03破申12号');
    inBoth(r, '五轴数控加工中心 6 台');
    inBoth(r, '上海农村商业银行股份有限公司张江科技支行');
    inBoth(r, '中国工商银行股份有限公司上海市张江支行');
    assert.equal(r.model.summary.grade, 'CC', 'the pending bankruptcy caps the grade at CC');
  });
});
