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

const GROUP_HEAD = { name: '苏州示范控股集团有限公司', uscc: '91320505MA1XHF0107' };
const GROUP_LOGISTICS = { name: '苏州示范物流有限公司', uscc: '91320505MA1XHF0294' };
const GROUP_TRADING = { name: '苏州示范建材贸易有限公司', uscc: '91320505MA1XHF037Y' };
const GROUP_CATERING = { name: '苏州示范餐饮管理有限公司', uscc: '91320505MA1XHF045R' };

/** The fields every company of the 苏州示范 group shares (all in 苏州高新区). */
function groupCompany(id: { name: string; uscc: string }, establishedOn: string, capital: number): CompanyDocument {
  return {
    schemaVersion: 1,
    ...NO_RECORDS,
    name: id.name,
    uscc: id.uscc,
    companyType: '有限责任公司（自然人投资或控股）',
    status: '存续（在营、开业、在册）',
    legalRep: '孙海峰',
    registeredCapital: { amount: capital, currency: 'CNY' },
    paidInCapital: { amount: capital, currency: 'CNY' },
    establishedOn,
    termFrom: establishedOn,
    termTo: null,
    approvedOn: establishedOn,
    authority: '苏州市虎丘区市场监督管理局',
    divisionCode: '320505',
    investments: [],
    branches: [],
    changes: [],
    annualReports: [],
    dataAsOf: DATA_AS_OF,
    source: 'synthetic',
  } as CompanyDocument;
}

/**
 * 苏州示范控股集团有限公司 (USCC 91320505MA1XHF0107) and its group, for the 关联风险 table
 * (docs/relations.md, the preview docs/preview-related-risk.png): the head is sound, but its
 * investee 苏州示范物流 is under enforcement and listed 经营异常, its investee 苏州示范建材贸易 is
 * 吊销 and 失信, its legal representative 孙海峰 also heads 苏州示范餐饮管理 (one person with the
 * head's: 周晓梅 is 监事 at both), and one investee (南通示范置业) is not in the store.
 */
export function documentedGroupCompanies(): CompanyDocument[] {
  const head = groupCompany(GROUP_HEAD, '2016-04-12', 50_000_000);
  Object.assign(head, {
    address: '江苏省苏州市虎丘区示范大道88号',
    industry: { code: 'L7212', name: '投资与资产管理' },
    scope: '以自有资金从事投资活动；企业管理咨询。',
    taxpayerType: '一般纳税人',
    insuredCount: 36,
    shareholders: [
      { name: '孙海峰', kind: 'person', subscribed: { amount: 40_000_000 }, ratio: 0.8, isController: true, isBeneficialOwner: true },
      { name: '周晓梅', kind: 'person', subscribed: { amount: 10_000_000 }, ratio: 0.2 },
    ],
    personnel: [{ name: '孙海峰', positions: ['董事长'] }, { name: '吴建国', positions: ['董事', '总经理'] }, { name: '周晓梅', positions: ['监事'] }],
    investments: [
      { name: GROUP_LOGISTICS.name, uscc: GROUP_LOGISTICS.uscc, ratio: 0.7, subscribed: { amount: 7_000_000 }, status: '存续', establishedOn: '2018-09-03' },
      { name: GROUP_TRADING.name, uscc: GROUP_TRADING.uscc, ratio: 0.55, subscribed: { amount: 2_750_000 }, status: '吊销，未注销', establishedOn: '2017-05-22' },
      { name: '南通示范置业有限公司', ratio: 0.2, subscribed: { amount: 6_000_000 }, status: '存续', establishedOn: '2020-11-16' },
    ],
    annualReports: [{ year: 2025, publishedOn: '2026-04-20', insuredCount: 36, totalAssets: { amount: 182_000_000 }, totalLiabilities: { amount: 61_000_000 }, revenue: { amount: 24_600_000 } }],
    taxCredit: [{ year: 2025, grade: 'A', authority: '国家税务总局苏州市虎丘区税务局' }],
  });
  const logistics = groupCompany(GROUP_LOGISTICS, '2018-09-03', 10_000_000);
  Object.assign(logistics, {
    legalRep: '吴建国',
    address: '江苏省苏州市虎丘区示范大道90号',
    industry: { code: 'G5810', name: '多式联运' },
    scope: '道路货物运输；仓储服务（不含危险化学品）。',
    shareholders: [
      { name: GROUP_HEAD.name, kind: 'company', uscc: GROUP_HEAD.uscc, subscribed: { amount: 7_000_000 }, ratio: 0.7, isController: true },
      { name: '吴建国', kind: 'person', subscribed: { amount: 3_000_000 }, ratio: 0.3, isBeneficialOwner: true },
    ],
    personnel: [{ name: '吴建国', positions: ['执行董事', '总经理'] }, { name: '周晓梅', positions: ['监事'] }],
    enforcements: [
      { caseNo: '（2025）苏0505执1862号', court: '苏州市虎丘区人民法院', filedOn: '2025-08-14', amount: { amount: 1_284_000 } },
      { caseNo: '（2026）苏0505执207号', court: '苏州市虎丘区人民法院', filedOn: '2026-02-03', amount: { amount: 356_000 } },
    ],
    abnormalOperations: [{ reason: '通过登记的住所或者经营场所无法联系', listedOn: '2026-03-11', authority: '苏州市虎丘区市场监督管理局' }],
  });
  const trading = groupCompany(GROUP_TRADING, '2017-05-22', 5_000_000);
  Object.assign(trading, {
    status: '吊销，未注销',
    statusDate: '2025-12-09',
    legalRep: '郑立群',
    address: '江苏省苏州市虎丘区金山路12号',
    industry: { code: 'F5165', name: '建材批发' },
    scope: '建筑材料、五金产品的销售。',
    shareholders: [
      { name: GROUP_HEAD.name, kind: 'company', uscc: GROUP_HEAD.uscc, subscribed: { amount: 2_750_000 }, ratio: 0.55, isController: true },
      { name: '郑立群', kind: 'person', subscribed: { amount: 2_250_000 }, ratio: 0.45, isBeneficialOwner: true },
    ],
    personnel: [{ name: '郑立群', positions: ['执行董事', '经理'] }, { name: '吴建国', positions: ['监事'] }],
    dishonest: [{
      caseNo: '（2025）苏0505执942号', court: '苏州市虎丘区人民法院', province: '江苏', basisDocNo: '（2024）苏0505民初5518号',
      obligation: '支付货款 418,000 元及利息', performance: '全部未履行', conduct: '有履行能力而拒不履行生效法律文书确定义务',
      filedOn: '2025-04-28', publishedOn: '2025-06-10',
    }],
    enforcements: [{ caseNo: '（2025）苏0505执942号', court: '苏州市虎丘区人民法院', filedOn: '2025-04-28', amount: { amount: 418_000 } }],
  });
  const catering = groupCompany(GROUP_CATERING, '2019-07-30', 2_000_000);
  Object.assign(catering, {
    address: '江苏省苏州市虎丘区狮山路35号',
    industry: { code: 'H6210', name: '正餐服务' },
    scope: '餐饮服务；餐饮管理。',
    shareholders: [{ name: '孙海峰', kind: 'person', subscribed: { amount: 2_000_000 }, ratio: 1, isController: true, isBeneficialOwner: true }],
    companyType: '有限责任公司（自然人独资）',
    personnel: [{ name: '孙海峰', positions: ['执行董事', '总经理'] }, { name: '周晓梅', positions: ['监事'] }],
  });
  return [head, logistics, trading, catering];
}

/** Every documented company, in the order the demo imports them (before the generated ones). */
export function documentedCompanies(): CompanyDocument[] {
  return [documentedExampleCompany(), documentedRiskCompany(), ...documentedGroupCompanies()];
}
