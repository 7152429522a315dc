import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { buildReportModel, reportNumber } from '../src/reports/model/build.js';
import type { Block, ReportModel, Section, TableBlock } from '../src/reports/model/types.js';
import { beijingDateOf, takeSnapshot } from '../src/reports/snapshot.js';

const ORDER = { orderNo: 'ORD-20261130-0001', customerName: '某某银行股份有限公司', generatedAt: '2026-11-30T02:15:02.000Z' };

/** Every section title of issue 3 item 3, in order (报告摘要 opens the sections; the cover is apart). */
const TITLES: Array<[string, 1 | 2]> = [
  ['报告摘要', 1], ['基本信息', 1], ['股东信息', 1], ['股权穿透', 1], ['实际控制人与受益所有人', 1], ['主要人员', 1], ['对外投资', 1], ['分支机构', 1], ['关联风险', 1],
  ['变更记录', 1], ['年报摘要', 1],
  ['司法风险', 1], ['裁判文书', 2], ['被执行人', 2], ['失信被执行人', 2], ['限制高消费', 2], ['限制出境', 2], ['股权冻结', 2], ['破产重整', 2], ['司法拍卖', 2],
  ['终本案件', 2], ['开庭公告', 2], ['立案信息', 2], ['法院公告', 2], ['送达公告', 2], ['公示催告', 2],
  ['经营风险', 1], ['经营异常', 2], ['严重违法', 2], ['行政处罚', 2], ['股权出质', 2], ['动产抵押', 2], ['土地抵押', 2], ['对外担保', 2], ['知识产权出质', 2],
  ['欠税公告', 2], ['税收违法', 2], ['简易注销', 2], ['注销备案', 2], ['清算信息', 2],
  ['经营与资质', 1], ['纳税信用', 2], ['资质证书', 2], ['行政许可', 2], ['知识产权', 2], ['抽查检查', 2], ['招投标', 2],
  ['评分说明', 1], ['数据来源与声明', 1],
];

function company(extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return {
    name: '上海测试科技有限公司',
    uscc: '91310115MA1H7J3K7G',
    companyType: '有限责任公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    establishedOn: '2012-05-20',
    registeredCapital: { amount: 10_000_000 },
    paidInCapital: { amount: 6_000_000 },
    legalRep: '张三',
    divisionCode: '310115',
    industry: { code: 'I6513' },
    dataAsOf: '2026-11-01T08:00:00+08:00',
    shareholders: [
      { name: '张三', kind: 'person', ratio: 0.6, subscribed: { amount: 6_000_000 } },
      { name: '李四', kind: 'person', ratio: 0.4, subscribed: { amount: 4_000_000 } },
    ],
    annualReports: [
      { year: 2023, revenue: { amount: 12_345_678.9 }, netProfit: { amount: 1_000_000 } },
      { year: 2024, revenue: { amount: 15_000_000 }, netProfit: { amount: -200_000 } },
    ],
    ...extra,
  };
}

/** Sections that are one empty block when their list is empty (supplied) or absent (unsupplied). */
const EMPTY_TITLES = ['股东信息', '主要人员', '对外投资', '分支机构', '变更记录', '年报摘要', '裁判文书', '被执行人', '失信被执行人', '限制高消费',
  '限制出境', '股权冻结', '破产重整', '司法拍卖', '终本案件', '开庭公告', '立案信息', '法院公告', '送达公告', '公示催告',
  '经营异常', '严重违法', '行政处罚', '股权出质', '动产抵押', '土地抵押', '对外担保', '知识产权出质', '欠税公告', '税收违法', '简易注销', '注销备案', '清算信息',
  '纳税信用', '资质证书', '行政许可', '知识产权', '抽查检查', '招投标'];

/** The company with every list category supplied, empty: a source that covers everything and found nothing. */
function quiet(extra: Partial<CompanyDocument> = {}): CompanyDocument {
  const lists = ['personnel', 'investments', 'branches', 'changes', 'judgments', 'enforcements', 'dishonest', 'consumptionRestrictions', 'terminatedCases',
    'hearings', 'caseFilings', 'abnormalOperations', 'seriousViolations', 'penalties', 'equityPledges', 'chattelMortgages', 'taxArrears', 'taxViolations',
    'taxCredit', 'certificates', 'patents', 'trademarks', 'softwareCopyrights', 'tenders', 'equityFreezes', 'bankruptcies', 'judicialAuctions',
    'exitRestrictions', 'courtAnnouncements', 'serviceAnnouncements', 'landMortgages', 'guarantees', 'simpleCancellations', 'cancellationFilings',
    'licences', 'spotChecks', 'ipPledges', 'publicSummons'];
  return company({ ...Object.fromEntries(lists.map((l) => [l, []])), ...extra });
}

function model(doc: CompanyDocument, options?: { maxRowsPerTable?: number }): ReportModel {
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-11-20T00:00:00.000Z' }, () => new Date('2026-11-30T02:15:00.000Z'));
  return buildReportModel(snapshot, ORDER, options);
}

function section(m: ReportModel, title: string): Section {
  const s = m.sections.find((x) => x.title === title);
  assert.ok(s, `section ${title} missing`);
  return s;
}

function tables(blocks: Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.kind === 'table');
}

describe('report model', () => {
  it('has every section of the issue, in order, with its level', () => {
    const m = model(company());
    assert.deepEqual(m.sections.map((s) => [s.title, s.level]), TITLES);
    assert.equal(new Set(m.sections.map((s) => s.id)).size, m.sections.length, 'section ids are unique');
  });

  it('fills the cover and meta from the snapshot and the order', () => {
    const m = model(company());
    assert.equal(m.meta.title, '企业信用报告');
    assert.equal(m.meta.companyName, '上海测试科技有限公司');
    assert.equal(m.meta.uscc, '91310115MA1H7J3K7G');
    assert.equal(m.meta.dataDate, '2026-11-01');
    assert.equal(m.meta.reportNo, reportNumber(ORDER.orderNo, ORDER.generatedAt));
    assert.equal(m.meta.generatedAtText, '2026-11-30 10:15:02（北京时间）');
    assert.equal(m.meta.synthetic, false);
    assert.equal(m.cover.notice, undefined);
    assert.deepEqual(m.cover.fields.map((f) => f.label), ['统一社会信用代码', '登记状态', '报告编号', '订单编号', '委托客户', '生成时间', '数据截至']);
    assert.equal(m.cover.fields.find((f) => f.label === '数据截至')!.value, '2026-11-01（距报告生成 29 天）');
    assert.equal(m.cover.fields.find((f) => f.label === '委托客户')!.value, '某某银行股份有限公司');
  });

  it('puts the score, grade and gauge in the summary, matching the 评分说明 factor table', () => {
    const m = model(quiet());
    assert.equal(typeof m.summary.score, 'number');
    assert.equal(m.summary.scoreText, String(m.summary.score));
    assert.equal(m.summary.gauge.type, 'gauge');
    assert.equal(m.summary.gauge.score, m.summary.score);
    assert.equal(m.summary.gauge.bands[0]!.from, 0);
    assert.equal(m.summary.gauge.bands.at(-1)!.to, 1000);
    const factorTable = tables(section(m, '评分说明').blocks)[0]!;
    assert.equal(factorTable.rows.length, 28);
    assert.deepEqual(factorTable.columns.map((c) => c.title), ['评分因子', '观测值', '分档', '分值', '依据']);
    const summaryKv = section(m, '报告摘要').blocks.find((b) => b.kind === 'keyValue');
    assert.ok(summaryKv && summaryKv.kind === 'keyValue');
    assert.equal(summaryKv.items.find((i) => i.label === '信用等级')!.value, m.summary.grade);
  });

  it('formats money, percentages and dates as final display text', () => {
    const m = model(company());
    const basic = section(m, '基本信息').blocks[0]!;
    assert.equal(basic.kind, 'keyValue');
    if (basic.kind !== 'keyValue') return;
    const value = (label: string) => basic.items.find((i) => i.label === label)!.value;
    assert.equal(value('注册资本'), '1,000.00 万元');
    assert.equal(value('成立日期'), '2012-05-20');
    assert.equal(value('所属地区'), '上海市浦东新区');
    const holders = tables(section(m, '股东信息').blocks)[0]!;
    assert.deepEqual(holders.rows[0]!.slice(0, 4), ['张三', '自然人', '60.00%', '600.00 万元']);
    const pie = section(m, '股东信息').blocks.find((b) => b.kind === 'chart');
    assert.ok(pie && pie.kind === 'chart' && pie.chart.type === 'pie');
    assert.deepEqual(pie.chart.valueTexts, ['60.00%', '40.00%']);
  });

  it('adds the financial trend chart only when the annual reports have figures', () => {
    const trend = section(model(company()), '年报摘要').blocks.find((b) => b.kind === 'chart');
    assert.ok(trend && trend.kind === 'chart' && trend.chart.type === 'trend');
    assert.deepEqual(trend.chart.years, ['2023', '2024']);
    assert.deepEqual(trend.chart.series[0], { name: '营业收入', values: [1234.57, 1500], color: '#2e75b6' });
    const none = section(model(company({ annualReports: [{ year: 2024 }] })), '年报摘要').blocks;
    assert.equal(none.some((b) => b.kind === 'chart'), false);
  });

  it('caps a company with 500 judgments at 20 rows, newest first, saying 共 500 条，显示最近 20 条', () => {
    const judgments = Array.from({ length: 500 }, (_, i) => ({
      caseNo: `(2025)沪0115民初${i}号`,
      date: `20${String(10 + (i % 16)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      role: 'defendant' as const,
    }));
    const m = model(company({ judgments }));
    const table = tables(section(m, '裁判文书').blocks).at(-1)!;
    assert.equal(table.total, 500);
    assert.equal(table.shown, 20);
    assert.equal(table.rows.length, 20);
    assert.equal(table.note, '共 500 条，显示最近 20 条，另有 480 条未显示');
    const dates = table.rows.map((r) => r[0]!);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    const newest = judgments.map((j) => j.date).sort().at(-1);
    assert.equal(dates[0], newest);
    // The overview counts every record, not the shown ones.
    const overview = section(m, '司法风险').blocks[0]!;
    assert.ok(overview.kind === 'keyValue');
    assert.equal(overview.items.find((i) => i.label === '裁判文书')!.value, '500 条');
  });

  it('honours maxRowsPerTable and leaves short tables without a note', () => {
    const changes = Array.from({ length: 7 }, (_, i) => ({ date: `2025-0${i + 1}-01`, item: '经营范围变更' }));
    const capped = tables(section(model(company({ changes }), { maxRowsPerTable: 5 }), '变更记录').blocks)[0]!;
    assert.equal(capped.note, '共 7 条，显示最近 5 条，另有 2 条未显示');
    const full = tables(section(model(company({ changes })), '变更记录').blocks)[0]!;
    assert.equal(full.note, undefined);
    assert.equal(full.shown, 7);
    assert.throws(() => model(company(), { maxRowsPerTable: 0 }), /maxRowsPerTable/);
  });

  it('says 暂无记录 for every supplied empty section, 数据源未提供 for every unsupplied one', () => {
    const m = model(quiet({ shareholders: [], annualReports: [], liquidation: {} }));
    for (const title of EMPTY_TITLES) assert.deepEqual(section(m, title).blocks, [{ kind: 'empty', text: '暂无记录' }], title);
    const unknown = model(company({ shareholders: undefined, annualReports: undefined }));
    for (const title of EMPTY_TITLES) assert.deepEqual(section(unknown, title).blocks, [{ kind: 'empty', text: '数据源未提供' }], title);
  });

  it('says 不适用 for shareholders, investments and branches of a 个体工商户', () => {
    const m = model(company({ uscc: '92310115MA1H7J3K7G', companyType: '个体工商户', shareholders: [{ name: '王五', ratio: 1 }] }));
    for (const title of ['股东信息', '对外投资', '分支机构']) assert.deepEqual(section(m, title).blocks, [{ kind: 'empty', text: '不适用' }], title);
    assert.deepEqual(section(m, '主要人员').blocks, [{ kind: 'empty', text: '数据源未提供' }]);
  });

  it('passes hostile strings through unchanged (escaping is the renderers\' job)', () => {
    const hostile = 'A&B <script>"引号" \'单\' 😀 𠀀 ]]></w:t>';
    const m = model(company({ name: hostile, legalRep: hostile, judgments: [{ caseNo: hostile, date: '2025-01-01', cause: hostile }] }));
    assert.equal(m.meta.companyName, hostile);
    assert.equal(m.cover.companyName, hostile);
    assert.ok(m.meta.subject.startsWith(hostile));
    assert.deepEqual(tables(section(m, '裁判文书').blocks)[0]!.rows[0]!.slice(1, 3), [hostile, hostile]);
    const basic = section(m, '基本信息').blocks[0]!;
    assert.ok(basic.kind === 'keyValue' && basic.items.some((i) => i.value === hostile));
  });

  it('marks synthetic data visibly: meta flag, cover notice, summary and sources notices', () => {
    const m = model(company({ source: 'synthetic' }));
    assert.equal(m.meta.synthetic, true);
    assert.match(m.meta.syntheticNotice, /合成数据/);
    assert.equal(m.cover.notice, m.meta.syntheticNotice);
    assert.deepEqual(section(m, '报告摘要').blocks[0], { kind: 'notice', level: 'warning', text: m.meta.syntheticNotice });
    assert.ok(section(m, '数据来源与声明').blocks.some((b) => b.kind === 'notice'));
  });

  it('keeps every table rectangular and every block of a known kind', () => {
    const m = model(company({ judgments: [{ caseNo: 'x', date: '2025-01-01' }], patents: [{ title: '一种装置' }], liquidation: { leader: '赵六' } }));
    const kinds = new Set(['paragraph', 'list', 'keyValue', 'table', 'empty', 'chart', 'notice', 'flags']);
    for (const s of m.sections) {
      assert.ok(s.blocks.length > 0, `${s.title} has blocks`);
      for (const b of s.blocks) {
        assert.ok(kinds.has(b.kind), b.kind);
        if (b.kind === 'table') for (const row of b.rows) assert.equal(row.length, b.columns.length, `${s.title} row width`);
      }
    }
  });

  it('is plain data: survives a JSON round trip and a structured clone unchanged', () => {
    const m = model(company());
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
    assert.deepEqual(structuredClone(m), m);
  });

  it('does not change the snapshot it was built from', () => {
    const doc = company({ changes: [{ date: '2020-01-01', item: 'a' }, { date: '2025-01-01', item: 'b' }] });
    const snapshot = takeSnapshot({ doc, updatedAt: '2026-11-20T00:00:00.000Z' }, () => new Date('2026-11-30T00:00:00Z'));
    const before = structuredClone(snapshot);
    buildReportModel(snapshot, ORDER);
    assert.deepEqual(snapshot, before);
  });

  it('lists risk flags most severe first', () => {
    const m = model(quiet({ status: '迁出', insuredCount: 0, dishonest: [{ caseNo: '(2025)沪01执1号', filedOn: '2025-01-01' }], chattelMortgages: [{ registeredOn: '2025-01-01' }] }));
    // dishonest −200 high; no annual report −40 and no insured staff −30 medium; then the status flag before the other lows.
    assert.deepEqual(m.summary.flags.map((f) => [f.id, f.severity]), [
      ['dishonest', 'high'], ['annual-report', 'medium'], ['insured', 'medium'], ['status', 'low'], ['chattel-mortgage', 'low'],
    ]);
    const flagsBlock = section(m, '报告摘要').blocks.find((b) => b.kind === 'flags');
    assert.ok(flagsBlock && flagsBlock.kind === 'flags');
    assert.deepEqual(flagsBlock.flags, m.summary.flags);
  });

  it('shows an override and a not-rated company plainly', () => {
    const revoked = model(quiet({ status: '吊销，未注销' }));
    assert.equal(revoked.summary.grade, 'C');
    assert.equal(revoked.summary.overrides.length, 1);
    assert.equal(revoked.summary.flags[0]!.id, 'status');
    const cancelled = model(company({ status: '注销' }));
    assert.equal(cancelled.summary.score, null);
    assert.equal(cancelled.summary.grade, '未评级');
    assert.equal(cancelled.summary.scoreText, '—', 'said once, by the grade');
    assert.equal(cancelled.summary.gauge.score, null);
  });
});

describe('report number', () => {
  it('reads ZX + Beijing date + 8 hex digits of the order number, deterministically', () => {
    const n = reportNumber('ORD-1', '2026-11-30T17:00:00Z');
    assert.match(n, /^ZX20261201-[0-9A-F]{8}$/); // 17:00 UTC is 01:00 the next day in Beijing
    assert.equal(reportNumber('ORD-1', '2026-11-30T17:00:00Z'), n);
    assert.notEqual(reportNumber('ORD-2', '2026-11-30T17:00:00Z'), n);
  });
});

describe('snapshot', () => {
  const doc = company();
  it('takes the data date from the document\'s dataAsOf, else the store\'s, else updatedAt', () => {
    assert.equal(takeSnapshot({ doc, updatedAt: '2026-11-20T10:00:00Z' }).dataDate, '2026-11-01');
    const noDate = { ...doc };
    delete noDate.dataAsOf;
    assert.equal(takeSnapshot({ doc: noDate, dataAsOf: '2026-10-05', updatedAt: '2026-11-20T10:00:00Z' }).dataDate, '2026-10-05');
    assert.equal(takeSnapshot({ doc: noDate, updatedAt: '2026-11-20T10:00:00Z' }).dataDate, '2026-11-20');
  });

  it('dates instants with a zone in Beijing time, plain dates as written', () => {
    assert.equal(beijingDateOf('2026-06-29T16:00:00Z'), '2026-06-30');
    assert.equal(beijingDateOf('2026-06-29T15:59:59.999Z'), '2026-06-29');
    assert.equal(beijingDateOf('2026-06-30T00:00:00+08:00'), '2026-06-30');
    assert.equal(beijingDateOf('2026-06-30'), '2026-06-30');
    assert.equal(beijingDateOf('2026-06-30T23:00:00'), '2026-06-30');
    assert.equal(beijingDateOf('garbage'), undefined);
    const noDate = { ...doc };
    delete noDate.dataAsOf;
    assert.throws(() => takeSnapshot({ doc: noDate, updatedAt: 'yesterday' }), /no usable data date/);
  });

  it('copies the document and records when it was taken', () => {
    const snap = takeSnapshot({ doc, updatedAt: '2026-11-20T10:00:00Z', synthetic: true }, () => new Date('2026-11-30T01:02:03.000Z'));
    assert.equal(snap.takenAt, '2026-11-30T01:02:03.000Z');
    assert.equal(snap.synthetic, true);
    assert.notEqual(snap.doc, doc);
    snap.doc.shareholders!.push({ name: '后来者' });
    assert.equal(doc.shareholders!.length, 2);
  });
});
