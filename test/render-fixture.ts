import type { Block, ReportModel, Section, TableBlock, TableColumn } from '../src/reports/model/types.js';

/**
 * A hand-built report model with typical record counts (about ten pages), for the renderer tests
 * and the benchmark. Deterministic: the same options give the same model.
 */
export interface FixtureOptions {
  companyName?: string;
  customerName?: string;
  /** Number of 裁判文书 records in the data; the table shows at most 20 (capped like the builder). */
  judgments?: number;
  synthetic?: boolean;
}

const CAP = 20;

function col(title: string, width: number, align: TableColumn['align'] = 'left'): TableColumn {
  return { title, width, align };
}

function table(columns: TableColumn[], total: number, row: (i: number) => string[], title?: string): Block {
  if (total === 0) return { kind: 'empty', text: '暂无记录' };
  const shown = Math.min(total, CAP);
  const rows = Array.from({ length: shown }, (_, i) => row(i));
  const block: TableBlock = { kind: 'table', columns, rows, total, shown };
  if (title) block.title = title;
  if (shown < total) block.note = `共 ${total} 条，显示最近 ${shown} 条`;
  return block;
}

function date(i: number): string {
  const d = new Date(Date.UTC(2026, 10, 1) - i * 17 * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function sampleReportModel(options: FixtureOptions = {}): ReportModel {
  const name = options.companyName ?? '上海澄明智能科技有限公司';
  const customer = options.customerName ?? '华东商业银行股份有限公司';
  const synthetic = options.synthetic ?? true;
  const judgments = options.judgments ?? 14;
  const uscc = '91310115MA1H7J3K7G';
  const reportNo = 'ZX20261130-96A22909';
  const notice = synthetic ? '本报告数据为合成测试数据，不代表任何真实企业' : '';
  const gauge = {
    type: 'gauge' as const,
    score: 712,
    scoreText: '712',
    grade: 'AA',
    min: 0,
    max: 1000,
    bands: [
      { from: 0, to: 450, label: 'C', color: '#c62828' },
      { from: 450, to: 550, label: 'B', color: '#ef6c00' },
      { from: 550, to: 650, label: 'A', color: '#f9a825' },
      { from: 650, to: 750, label: 'AA', color: '#7cb342' },
      { from: 750, to: 1000, label: 'AAA', color: '#2e7d32' },
    ],
  };
  const flags = [
    { id: 'enforcement-open', label: '被执行人', severity: 'high' as const, detail: '当前有 2 条被执行记录，执行标的合计 356.20 万元' },
    { id: 'judgments-defendant', label: '涉诉', severity: 'medium' as const, detail: `近三年作为被告的裁判文书 ${Math.min(judgments, 9)} 件` },
    { id: 'abnormal', label: '经营异常', severity: 'low' as const, detail: '曾被列入经营异常名录，已移出' },
  ];
  const topReasons = ['被执行金额占注册资本 10%–50%：−60 分', '近三年作为被告的裁判文书 3–9 件：−20 分', '近 24 个月关键变更 2–3 次：0 分'];
  const summaryBlocks: Block[] = [
    { kind: 'chart', chart: gauge, caption: '信用评分', alt: '信用评分 712 分，等级 AA' },
    { kind: 'keyValue', columns: 2, items: [
      { label: '信用评分', value: '712' }, { label: '信用等级', value: 'AA' },
      { label: '等级说明', value: '信用良好' }, { label: '评分卡版本', value: 'v1' },
      { label: '数据覆盖', value: '18 / 19 项' }, { label: '数据截至', value: '2026-11-29' },
    ] },
    { kind: 'flags', flags },
    { kind: 'list', ordered: true, items: topReasons },
  ];
  const people = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇'];
  const courts = ['上海市浦东新区人民法院', '上海市第一中级人民法院', '北京市朝阳区人民法院', '杭州市西湖区人民法院'];
  const sections: Section[] = [
    { id: 'summary', title: '报告摘要', level: 1, blocks: summaryBlocks },
    { id: 'basic', title: '基本信息', level: 1, blocks: [
      { kind: 'keyValue', columns: 2, items: [
        { label: '企业名称', value: name }, { label: '统一社会信用代码', value: uscc },
        { label: '法定代表人', value: '张伟' }, { label: '登记状态', value: '存续' },
        { label: '成立日期', value: '2016-04-12' }, { label: '注册资本', value: '5,000.00 万元' },
        { label: '实缴资本', value: '3,200.00 万元' }, { label: '企业类型', value: '有限责任公司（自然人投资或控股）' },
        { label: '所属行业', value: '软件和信息技术服务业' }, { label: '登记机关', value: '上海市浦东新区市场监督管理局' },
        { label: '参保人数', value: '86' }, { label: '营业期限', value: '2016-04-12 至 2046-04-11' },
      ] },
      { kind: 'keyValue', columns: 1, items: [
        { label: '注册地址', value: '中国（上海）自由贸易试验区张江路 1234 号 5 幢 601 室' },
        { label: '经营范围', value: '从事智能科技、计算机科技领域内的技术开发、技术咨询、技术服务、技术转让；软件开发；信息系统集成服务；数据处理服务；计算机软硬件及辅助设备的销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）' },
      ] },
    ] },
    { id: 'shareholders', title: '股东信息', level: 1, blocks: [
      { kind: 'chart', caption: '股权结构', alt: '股东持股比例', chart: { type: 'pie', labels: ['张伟', '上海澄源投资管理合伙企业（有限合伙）', '王芳', '其他'], values: [45, 30, 15, 10], valueTexts: ['45.00%', '30.00%', '15.00%', '10.00%'], colors: ['#4f81bd', '#c0504d', '#9bbb59', '#8064a2'] } },
      table([col('股东名称', 4), col('类型', 2), col('认缴出资', 2, 'right'), col('持股比例', 1.5, 'right'), col('认缴日期', 2)], 4,
        (i) => [['张伟', '上海澄源投资管理合伙企业（有限合伙）', '王芳', '李娜'][i]!, i === 1 ? '企业法人' : '自然人', `${[2250, 1500, 750, 500][i]}.00 万元`, `${[45, 30, 15, 10][i]}.00%`, date(i * 40)]),
    ] },
    { id: 'personnel', title: '主要人员', level: 1, blocks: [
      table([col('姓名', 2), col('职务', 3)], 6, (i) => [people[i]!, ['执行董事', '总经理', '监事', '财务负责人', '董事', '董事'][i]!]),
    ] },
    { id: 'investments', title: '对外投资', level: 1, blocks: [
      table([col('被投资企业', 5), col('持股比例', 1.5, 'right'), col('认缴出资', 2, 'right'), col('状态', 1.2)], 5,
        (i) => [`澄明${['数据', '云计算', '物联网', '信息', '软件'][i]}（深圳）有限公司`, `${100 - i * 10}.00%`, `${(i + 1) * 100}.00 万元`, '存续']),
    ] },
    { id: 'branches', title: '分支机构', level: 1, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'changes', title: '变更记录', level: 1, blocks: [
      table([col('变更日期', 1.6), col('变更事项', 2), col('变更前', 3), col('变更后', 3)], 12,
        (i) => [date(i * 30), ['法定代表人变更', '住所变更', '注册资本变更', '经营范围变更'][i % 4]!, `变更前内容第 ${i + 1} 项：${people[i % 8]}，原登记信息`, `变更后内容第 ${i + 1} 项：${people[(i + 3) % 8]}，新登记信息`]),
    ] },
    { id: 'annual', title: '年报摘要', level: 1, blocks: [
      { kind: 'chart', caption: '财务趋势', alt: '2021–2025 年营业收入与利润总额', chart: { type: 'trend', years: ['2021', '2022', '2023', '2024', '2025'], unit: '万元', series: [
        { name: '营业总收入', values: [3200, 4100, 3900, null, 5600], color: '#4f81bd' },
        { name: '利润总额', values: [210, 380, -120, null, 460], color: '#c0504d' },
      ] } },
      table([col('年度', 1), col('营业总收入', 2, 'right'), col('利润总额', 2, 'right'), col('纳税总额', 2, 'right'), col('参保人数', 1.2, 'right')], 5,
        (i) => [String(2025 - i), `${[5600, '—', 3900, 4100, 3200][i]}`, `${[460, '—', -120, 380, 210][i]}`, `${[310, '—', 220, 240, 180][i]}`, `${[86, '—', 70, 64, 51][i]}`]),
    ] },
    { id: 'judicial', title: '司法风险', level: 1, blocks: [{ kind: 'paragraph', text: '以下为企业作为当事人的司法信息，按时间倒序排列。', style: 'muted' }] },
    { id: 'judicial.judgments', title: '裁判文书', level: 2, blocks: [
      table([col('裁判日期', 1.5), col('案号', 2.6), col('案由', 2), col('身份', 1), col('法院', 2.6)], judgments,
        (i) => [date(i), `（2025）沪0115民初${10000 + i}号`, ['买卖合同纠纷', '借款合同纠纷', '劳动争议', '服务合同纠纷'][i % 4]!, i % 3 ? '被告' : '原告', courts[i % 4]!]),
    ] },
    { id: 'judicial.enforcement', title: '被执行人', level: 2, blocks: [
      table([col('立案日期', 1.5), col('案号', 2.6), col('执行标的', 1.6, 'right'), col('执行法院', 2.6)], 2,
        (i) => [date(i * 50), `（2025）沪0115执${3000 + i}号`, ['256.20 万元', '100.00 万元'][i]!, courts[i]!]),
    ] },
    { id: 'judicial.dishonest', title: '失信被执行人', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'judicial.restriction', title: '限制高消费', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'judicial.terminated', title: '终本案件', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'judicial.hearings', title: '开庭公告', level: 2, blocks: [
      table([col('开庭日期', 1.5), col('案号', 2.6), col('案由', 2), col('当事人', 3)], 6,
        (i) => [date(i * 9), `（2026）沪0115民初${2000 + i}号`, '买卖合同纠纷', `原告：${people[i]!}；被告：${name}`]),
    ] },
    { id: 'judicial.filings', title: '立案信息', level: 2, blocks: [
      table([col('立案日期', 1.5), col('案号', 2.6), col('案由', 2), col('法院', 2.6)], 3,
        (i) => [date(i * 11), `（2026）沪0115民初${2100 + i}号`, '借款合同纠纷', courts[i]!]),
    ] },
    { id: 'operating', title: '经营风险', level: 1, blocks: [] },
    { id: 'operating.abnormal', title: '经营异常', level: 2, blocks: [
      table([col('列入日期', 1.5), col('列入原因', 3.5), col('移出日期', 1.5), col('作出决定机关', 2.5)], 1,
        () => ['2021-06-30', '未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告', '2021-10-12', '上海市浦东新区市场监督管理局']),
    ] },
    { id: 'operating.serious', title: '严重违法', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'operating.penalties', title: '行政处罚', level: 2, blocks: [
      table([col('决定日期', 1.5), col('决定书文号', 2.6), col('违法行为类型', 2.5), col('处罚内容', 2.5)], 2,
        (i) => [date(i * 120), `沪市监浦处〔2024〕${150 + i}号`, '虚假宣传', '罚款 2.00 万元']),
    ] },
    { id: 'operating.pledges', title: '股权出质', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'operating.mortgages', title: '动产抵押', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'operating.taxArrears', title: '欠税公告', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'operating.taxViolations', title: '税收违法', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'operating.liquidation', title: '清算信息', level: 2, blocks: [{ kind: 'empty', text: '暂无记录' }] },
    { id: 'business', title: '经营与资质', level: 1, blocks: [] },
    { id: 'business.taxCredit', title: '纳税信用', level: 2, blocks: [
      table([col('评价年度', 1), col('纳税信用等级', 1.5), col('评价单位', 3)], 3, (i) => [String(2025 - i), ['A', 'B', 'A'][i]!, '国家税务总局上海市税务局']),
    ] },
    { id: 'business.certificates', title: '资质证书', level: 2, blocks: [
      table([col('证书名称', 3), col('证书编号', 2.5), col('发证日期', 1.5), col('有效期至', 1.5)], 4,
        (i) => [['高新技术企业证书', 'ISO 9001 质量管理体系认证', '软件企业证书', 'ISO 27001 信息安全管理体系认证'][i]!, `GR2023310${i}4567`, date(i * 200), '2028-12-31']),
    ] },
    { id: 'business.ip', title: '知识产权', level: 2, blocks: [
      table([col('类型', 1.2), col('名称', 4), col('登记号', 2.2), col('日期', 1.5)], 18,
        (i) => [i % 3 ? '软件著作权' : '商标', `澄明智能${['数据分析平台', '风控引擎', '客服机器人', '知识图谱系统'][i % 4]} V${1 + (i % 5)}.0`, `2024SR${100000 + i * 37}`, date(i * 23)]),
    ] },
    { id: 'business.bids', title: '招投标', level: 2, blocks: [
      table([col('发布日期', 1.5), col('项目名称', 5), col('角色', 1), col('金额', 1.6, 'right')], 8,
        (i) => [date(i * 19), `某市大数据中心${['数据治理', '平台运维', '安全评估', '系统集成'][i % 4]}服务采购项目（第 ${i + 1} 包）`, '中标', `${(i + 2) * 37}.50 万元`]),
    ] },
    { id: 'scoring', title: '评分说明', level: 1, blocks: [
      { kind: 'paragraph', text: '评分卡版本 v1：基础分 600，累加各因子得分后限定在 0–1000 之间，再应用强制规则。' },
      table([col('因子', 3), col('观测值', 2.2), col('分箱', 1.8), col('得分', 1, 'right'), col('依据记录', 3)], 12,
        (i) => [['成立年限', '登记状态', '实缴比例', '注册资本', '参保人数', '年报报送', '关键变更', '失信被执行', '被执行金额', '限制高消费', '终本案件', '被告裁判文书'][i]!, ['10.6 年', '存续', '64.00%', '5,000.00 万元', '86', '已报送', '2 次', '无', '7.12%', '无', '无', '3 件'][i]!, ['≥10', 'ACTIVE', '50–100%', '10M–100M', '50–299', '是', '2–3', '无', '<10%', '无', '无', '3–9'][i]!, ['+50', '0', '+15', '+15', '+35', '+10', '0', '0', '−20', '0', '0', '−20'][i]!, i === 8 ? '（2025）沪0115执3000号；（2025）沪0115执3001号' : '—']),
    ] },
    { id: 'sources', title: '数据来源与声明', level: 1, blocks: [
      { kind: 'keyValue', columns: 1, items: [{ label: '数据来源', value: '国家企业信用信息公示系统、中国裁判文书网、中国执行信息公开网、信用中国等公开渠道' }, { label: '数据截至', value: '2026-11-29' }] },
      { kind: 'paragraph', style: 'muted', text: '本报告依据报告生成时已采集的公开信息编制，仅供委托客户内部参考，不构成任何投资、授信或担保建议。报告内容可能因数据来源更新而变化，请以权威机关公示信息为准。未经许可，不得向第三方提供本报告的全部或部分内容。' },
      ...(synthetic ? [{ kind: 'notice' as const, level: 'warning' as const, text: notice }] : []),
    ] },
  ];
  return {
    meta: {
      title: '企业信用报告', subject: `${name} 企业信用报告`, author: 'zhengxin', companyName: name, uscc, reportNo, orderNo: 'ORD20261130000123',
      customerName: customer, generatedAt: '2026-11-30T10:15:02.000Z', generatedAtText: '2026-11-30 10:15:02 (UTC)', dataDate: '2026-11-29',
      synthetic, syntheticNotice: notice, scorecardVersion: 'v1', headerText: `企业信用报告 · 报告编号 ${reportNo}`,
    },
    cover: {
      title: '企业信用报告', companyName: name, ...(synthetic ? { notice } : {}),
      fields: [
        { label: '统一社会信用代码', value: uscc }, { label: '报告编号', value: reportNo }, { label: '订单编号', value: 'ORD20261130000123' },
        { label: '委托客户', value: customer }, { label: '生成时间', value: '2026-11-30 10:15:02 (UTC)' }, { label: '数据截至', value: '2026-11-29' },
      ],
    },
    summary: { score: 712, scoreText: '712', grade: 'AA', gradeDescription: '信用良好', gauge, flags, topReasons, overrides: [] },
    sections,
  };
}
