/**
 * The companies the documentation names (README, docs/integration.md, packages/client/README.md,
 * the examples under docs/examples/): written by hand and imported with every demo dataset, so a
 * newcomer who pastes a documented command into a fresh `npm start` gets a report instead of 201.
 * They do not depend on the synthetic generator, which may change what it invents; a test keeps
 * every company the docs name resolvable on a fresh demo store (test/demo-documented-companies).
 *
 * They are invented like the rest of the demo data and say so (`source: 'synthetic'`). Every
 * category of version 1 is present (an empty list where there is nothing), so a report on them
 * never has to say "not supplied".
 */
import type { CompanyDocument } from './document.js';

/** The reference date of the demo data (the generator's default): the documents' data date. */
const DATA_AS_OF = '2026-06-30T00:00:00+08:00';

const NO_RECORDS = {
  judgments: [], enforcements: [], dishonest: [], consumptionRestrictions: [], terminatedCases: [], hearings: [], caseFilings: [],
  abnormalOperations: [], seriousViolations: [], penalties: [], equityPledges: [], chattelMortgages: [], taxArrears: [], taxViolations: [],
  taxCredit: [], certificates: [], patents: [], trademarks: [], softwareCopyrights: [], tenders: [],
} satisfies Partial<CompanyDocument>;

/**
 * 上海测试科技有限公司, the docs' running example (by name, by USCC 91310115MA1H7J3K7G and by its
 * former name): a sound company with a few ordinary records.
 */
export function documentedExampleCompany(): CompanyDocument {
  return {
    schemaVersion: 1,
    ...NO_RECORDS,
    name: '上海测试科技有限公司',
    formerNames: ['上海旧名称贸易有限公司'],
    uscc: '91310115MA1H7J3K7G',
    regNo: '310115003152471',
    orgCode: 'MA1H7J3K-7',
    companyType: '有限责任公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    legalRep: '张三',
    registeredCapital: { amount: 10_000_000, currency: 'CNY' },
    paidInCapital: { amount: 6_000_000, currency: 'CNY' },
    establishedOn: '2015-03-18',
    termFrom: '2015-03-18',
    termTo: null,
    approvedOn: '2023-09-12',
    authority: '上海市浦东新区市场监督管理局',
    divisionCode: '310115',
    address: '上海市浦东新区测试路1号',
    industry: { code: 'I6513', name: '应用软件开发' },
    scope: '软件开发；信息技术咨询服务；计算机系统服务；数据处理服务。',
    taxpayerType: '一般纳税人',
    insuredCount: 48,
    shareholders: [
      { name: '张三', kind: 'person', subscribed: { amount: 7_000_000 }, subscribedOn: '2035-03-17', paid: { amount: 4_000_000 }, paidOn: '2016-05-10', ratio: 0.7, isController: true, isBeneficialOwner: true },
      { name: '李四', kind: 'person', subscribed: { amount: 3_000_000 }, subscribedOn: '2035-03-17', paid: { amount: 2_000_000 }, paidOn: '2016-05-10', ratio: 0.3 },
    ],
    personnel: [
      { name: '张三', positions: ['执行董事', '总经理'] },
      { name: '李四', positions: ['监事'] },
      { name: '王五', positions: ['财务负责人'] },
    ],
    investments: [],
    branches: [],
    changes: [
      { date: '2023-09-12', item: '名称变更', before: '上海旧名称贸易有限公司', after: '上海测试科技有限公司' },
      { date: '2023-09-12', item: '经营范围变更', before: '日用百货、五金交电的销售。', after: '软件开发；信息技术咨询服务；计算机系统服务；数据处理服务。' },
    ],
    annualReports: [
      { year: 2025, publishedOn: '2026-04-18', insuredCount: 48, totalAssets: { amount: 26_400_000 }, totalLiabilities: { amount: 9_800_000 }, revenue: { amount: 31_500_000 }, netProfit: { amount: 2_260_000 }, taxPaid: { amount: 1_120_000 } },
      { year: 2024, publishedOn: '2025-05-06', insuredCount: 41, totalAssets: { amount: 22_100_000 }, totalLiabilities: { amount: 8_300_000 }, revenue: { amount: 27_900_000 }, netProfit: { amount: 1_870_000 }, taxPaid: { amount: 980_000 } },
    ],
    judgments: [
      {
        caseNo: '（2024）沪0115民初20517号',
        title: '上海测试科技有限公司与上海某信息服务有限公司技术服务合同纠纷一审民事判决书',
        cause: '技术服务合同纠纷',
        court: '上海市浦东新区人民法院',
        docType: '判决书',
        date: '2024-11-06',
        role: 'plaintiff',
        amount: { amount: 386_000 },
        result: '被告于判决生效之日起十日内支付原告服务费 386,000 元。',
      },
    ],
    chattelMortgages: [{ regNo: '310115202500087', authority: '上海市浦东新区市场监督管理局', amount: { amount: 2_000_000 }, registeredOn: '2025-03-20', status: '有效' }],
    taxCredit: [{ year: 2025, grade: 'A', authority: '国家税务总局上海市浦东新区税务局' }, { year: 2024, grade: 'B', authority: '国家税务总局上海市浦东新区税务局' }],
    certificates: [{ type: '高新技术企业', number: 'GR202531004417', issuer: '上海市科学技术委员会', issuedOn: '2025-12-02', expiresOn: '2028-12-01' }],
    softwareCopyrights: [],
    trademarks: [{ number: '58316021', name: '测试云', class: 42, status: '注册', date: '2022-02-14' }],
    dataAsOf: DATA_AS_OF,
    source: 'synthetic',
  } as CompanyDocument;
}

/**
 * 杭州示范精工机械有限公司 (USCC 91330106MA2B3C4D11): a company with open risk records (an unpaid
 * judgment under enforcement, an administrative penalty, an abnormal-operations listing), for a
 * report that has something to say.
 */
export function documentedRiskCompany(): CompanyDocument {
  return {
    schemaVersion: 1,
    ...NO_RECORDS,
    name: '杭州示范精工机械有限公司',
    uscc: '91330106MA2B3C4D11',
    regNo: '330106000426531',
    orgCode: 'MA2B3C4D-1',
    companyType: '有限责任公司（自然人独资）',
    status: '存续（在营、开业、在册）',
    legalRep: '赵六',
    registeredCapital: { amount: 5_000_000, currency: 'CNY' },
    paidInCapital: { amount: 500_000, currency: 'CNY' },
    establishedOn: '2018-06-26',
    termFrom: '2018-06-26',
    termTo: '2038-06-25',
    approvedOn: '2024-02-19',
    authority: '杭州市西湖区市场监督管理局',
    divisionCode: '330106',
    address: '浙江省杭州市西湖区示范路18号2幢',
    industry: { code: 'C3484', name: '机械零部件加工' },
    scope: '机械零部件加工；通用设备修理；五金产品批发。',
    taxpayerType: '小规模纳税人',
    insuredCount: 9,
    shareholders: [{ name: '赵六', kind: 'person', subscribed: { amount: 5_000_000 }, subscribedOn: '2038-06-25', paid: { amount: 500_000 }, paidOn: '2018-08-01', ratio: 1, isController: true, isBeneficialOwner: true }],
    personnel: [{ name: '赵六', positions: ['执行董事', '经理'] }, { name: '钱七', positions: ['监事'] }],
    investments: [],
    branches: [],
    changes: [{ date: '2024-02-19', item: '住所变更', before: '浙江省杭州市西湖区文一路 66 号', after: '浙江省杭州市西湖区示范路18号2幢' }],
    annualReports: [
      { year: 2024, publishedOn: '2025-06-27', insuredCount: 9, totalAssets: { amount: 3_900_000 }, totalLiabilities: { amount: 3_300_000 }, revenue: { amount: 4_600_000 } },
    ],
    judgments: [
      {
        caseNo: '（2025）浙0106民初3318号',
        title: '杭州某钢材贸易有限公司与杭州示范精工机械有限公司买卖合同纠纷一审民事判决书',
        cause: '买卖合同纠纷',
        court: '杭州市西湖区人民法院',
        docType: '判决书',
        date: '2025-07-21',
        role: 'defendant',
        amount: { amount: 612_000 },
        result: '被告于判决生效之日起十日内支付原告货款 612,000 元及逾期付款损失。',
      },
    ],
    enforcements: [{ caseNo: '（2025）浙0106执4127号', court: '杭州市西湖区人民法院', filedOn: '2025-10-09', amount: { amount: 634_500 } }],
    penalties: [{ decisionNo: '杭西市监处罚〔2025〕215号', violation: '未按规定公示年度报告以外的即时信息', content: '警告，罚款 10,000 元', fine: { amount: 10_000 }, decidedOn: '2025-09-03', authority: '杭州市西湖区市场监督管理局' }],
    abnormalOperations: [{ reason: '未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告', listedOn: '2025-07-15', authority: '杭州市西湖区市场监督管理局' }],
    taxCredit: [{ year: 2025, grade: 'M', authority: '国家税务总局杭州市西湖区税务局' }],
    dataAsOf: DATA_AS_OF,
    source: 'synthetic',
  } as CompanyDocument;
}

/** Every documented company, in the order the demo imports them (before the generated ones). */
export function documentedCompanies(): CompanyDocument[] {
  return [documentedExampleCompany(), documentedRiskCompany()];
}
