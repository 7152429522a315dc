import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../companies/document.js';
import {
  adminPenaltyItem, basicDetails, capitalText, details, eciSearchItem, exceptionItem, fuzzySearchItem, partnerListItem, percentText,
  seriousIllegalItem, shixinItem, taxIllegalItem, zhixingItem, type CompanyFacts, type WireValue,
} from './company-shapes.js';

/**
 * Field lists copied from ../shared/OPENAPI-SHAPES.md, in its order (the section is named on each).
 * Every value is a string unless listed as nullable or as an object/array.
 */
const FUZZY_FIELDS = ['KeyNo', 'Name', 'CreditCode', 'StartDate', 'OperName', 'Status', 'No', 'Address']; // §5.1
const ECI_SEARCH_FIELDS = ['KeyNo', 'Name', 'OperName', 'StartDate', 'Status', 'No', 'CreditCode', 'Dimension']; // §5.2, §5.3
const BASIC_FIELDS = [ // §6.1
  'KeyNo', 'Name', 'No', 'BelongOrg', 'OperId', 'OperName', 'StartDate', 'EndDate', 'Status', 'Province', 'UpdatedDate', 'CreditCode',
  'RegistCapi', 'EconKind', 'Address', 'Scope', 'TermStart', 'TeamEnd', 'TermEnd', 'CheckDate', 'OrgNo', 'IsOnStock', 'StockNumber',
  'StockType', 'OriginalName', 'ImageUrl', 'EntType', 'RecCap', 'RevokeInfo', 'Area', 'AreaCode', 'RegisteredCapital',
  'RegisteredCapitalUnit', 'RegisteredCapitalCCY', 'PaidUpCapital', 'PaidUpCapitalUnit', 'PaidUpCapitalCCY',
];
const BASIC_NULLABLE = new Set(['OrgNo', 'StockNumber', 'StockType', 'RecCap', 'RevokeInfo']);
const DETAIL_BLOCKS = [ // §6.2
  'Partners', 'Employees', 'Branches', 'ChangeRecords', 'ContactInfo', 'Industry', 'EmergingIndustyList', 'InsuredCount', 'EnglishName',
  'PersonScope', 'IXCode', 'TagList', 'ARContactList', 'EconKindCodeList',
];
const PARTNER_BLOCK_FIELDS = ['KeyNo', 'StockName', 'StockType', 'StockPercent', 'ShouldCapi', 'ShoudDate', 'InvestType', 'InvestName', 'RealCapi', 'CapiDate', 'TagsList', 'FinalBenefitPercent', 'RelatedProduct', 'RelatedOrg', 'Area'];
const PARTNER_LIST_FIELDS = ['KeyNo', 'StockName', 'StockType', 'StockPercent', 'ShouldCapi', 'ShoudDate', 'StakeDate', 'CreditCode', 'Area']; // §6.3
const SHIXIN_FIELDS = ['Id', 'Liandate', 'Anno', 'Executegov', 'Executestatus', 'Publicdate', 'Executeno', 'ActionRemark', 'Amount']; // §7.1
const ZHIXING_FIELDS = ['Id', 'Liandate', 'Anno', 'ExecuteGov', 'Biaodi', 'SuspectedApplicant']; // §8.3 names 741; fields from S7 741.go
const PENALTY_FIELDS = ['Id', 'DocNo', 'PunishReason', 'PunishResult', 'PunishOffice', 'PunishDate', 'Source', 'SourceCode', 'PunishAmt']; // §7.2
const TAX_FIELDS = ['Id', 'PublishDate', 'CaseNature', 'TaxGov', 'IllegalContent', 'PunishContent']; // §7.3
const SERIOUS_FIELDS = ['Type', 'AddReason', 'AddDate', 'AddOffice', 'RemoveReason', 'RemoveDate', 'RemoveOffice']; // §7.4
const EXCEPTION_FIELDS = ['AddReason', 'AddDate', 'RomoveReason', 'RemoveDate', 'DecisionOffice', 'RemoveDecisionOffice']; // §7.5

const KEY_NO = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const DOC: CompanyDocument = {
  name: '北京华信科技有限公司',
  formerNames: ['北京华信贸易有限公司'],
  uscc: '91110105MA01ABCD2X',
  regNo: '110105012345678',
  orgCode: 'MA01ABCD2',
  companyType: '有限责任公司(自然人投资或控股)',
  status: '存续（在营、开业、在册）',
  legalRep: '张伟',
  registeredCapital: { amount: 10_000_000 },
  paidInCapital: { amount: 4_919_000, currency: 'CNY' },
  establishedOn: '2012-07-10',
  termFrom: '2012-07-10',
  termTo: '2032-07-09',
  approvedOn: '2020-01-02',
  authority: '北京市朝阳区市场监督管理局',
  divisionCode: '110105',
  address: '北京市朝阳区建国路1号',
  industry: { code: 'I6510', name: '软件开发' },
  scope: '技术开发',
  englishName: 'Huaxin Tech',
  insuredCount: 20,
  contact: { phone: '010-12345678', email: 'a@b.cn', website: 'https://example.cn' },
  shareholders: [{ name: '张伟', kind: 'person', subscribed: { amount: 4_919_000 }, subscribedOn: '2032-07-01', ratio: 0.4919, paid: { amount: 1_000_000 }, paidOn: '2013-01-01' }],
  personnel: [{ name: '张伟', positions: ['经理', '执行董事'] }],
  branches: [{ name: '北京华信科技有限公司上海分公司' }],
  changes: [{ date: '2016-06-23', item: '名称变更', before: '北京华信贸易有限公司', after: '北京华信科技有限公司' }],
  dishonest: [{ caseNo: '(2021)京0105执34224号', court: '北京市朝阳区人民法院', filedOn: '2021-08-10', publishedOn: '2021-09-01', performance: '全部未履行', basisDocNo: '(2020)京0105民初1号', conduct: '有履行能力而拒不履行' }],
  enforcements: [{ caseNo: '(2021)京0105执1号', court: '北京市朝阳区人民法院', filedOn: '2021-03-01', amount: { amount: 1098000 } }],
  penalties: [{ decisionNo: '京朝市监罚〔2020〕1号', violation: '虚假宣传', content: '罚款', fine: { amount: 5000.5 }, decidedOn: '2020-05-06', authority: '北京市朝阳区市场监督管理局' }],
  taxViolations: [{ nature: '偷税', facts: '少缴税款', penalty: '罚款', publishedOn: '2019-01-01' }],
  seriousViolations: [{ listedOn: '2017-12-25', reason: '三年未年报', authority: '北京市市场监督管理局', removedOn: '2018-12-25', removalReason: '已补报' }],
  abnormalOperations: [{ listedOn: '2016-01-01', reason: '未按时年报', authority: '朝阳分局' }],
};
const FACTS: CompanyFacts = { keyNo: KEY_NO, doc: DOC, entityKind: 'ENTERPRISE', updatedAt: '2026-01-01T04:08:19.000Z' };

function assertStrings(obj: Record<string, WireValue>, fields: readonly string[], nullable: ReadonlySet<string> = new Set()): void {
  for (const f of fields) {
    const v = obj[f];
    if (nullable.has(f) && v === null) continue;
    assert.equal(typeof v, 'string', `${f} should be a string, is ${JSON.stringify(v)}`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('company shapes (OPENAPI-SHAPES.md)', () => {
  it('FuzzySearch item: §5.1 fields in order, strings, date only', () => {
    const item = fuzzySearchItem(FACTS);
    assert.deepEqual(Object.keys(item), FUZZY_FIELDS);
    assertStrings(item, FUZZY_FIELDS);
    assert.equal(item.StartDate, '2012-07-10');
    assert.equal(item.CreditCode, DOC.uscc);
    assert.equal(item.OperName, '张伟');
    assert.equal(item.No, DOC.regNo);
  });

  it('ECIV4/Search item: §5.2 fields in order, ECIV4 date-time', () => {
    const item = eciSearchItem(FACTS);
    assert.deepEqual(Object.keys(item), ECI_SEARCH_FIELDS);
    assertStrings(item, ECI_SEARCH_FIELDS);
    assert.match(item.StartDate as string, DATE_TIME);
    assert.equal(item.StartDate, '2012-07-10 00:00:00');
  });

  it('GetBasicDetailsByName: §6.1 fields in order, both TeamEnd and TermEnd, strings or the documented nulls', () => {
    const r = basicDetails(FACTS);
    assert.deepEqual(Object.keys(r), BASIC_FIELDS);
    assertStrings(r, BASIC_FIELDS.filter((f) => !['OriginalName', 'Area', 'RevokeInfo'].includes(f)), BASIC_NULLABLE);
    assert.equal(r.TeamEnd, '2032-07-09 00:00:00');
    assert.equal(r.TermEnd, r.TeamEnd);
    assert.equal(r.Province, 'BJ');
    assert.equal(r.AreaCode, '110105');
    assert.deepEqual(r.Area, { Province: '北京市', City: '北京市', County: '朝阳区' });
    assert.equal(r.RegistCapi, '1000万元人民币');
    assert.equal(r.RegisteredCapital, '1000');
    assert.equal(r.RegisteredCapitalUnit, '万');
    assert.equal(r.RegisteredCapitalCCY, 'CNY');
    assert.equal(r.RecCap, '491.9万元人民币');
    assert.equal(r.PaidUpCapital, '491.9');
    assert.equal(r.IsOnStock, '0');
    assert.equal(r.StockNumber, null);
    assert.equal(r.StockType, null);
    assert.equal(r.OrgNo, 'MA01ABCD2');
    assert.equal(r.EntType, '0');
    assert.equal(r.RevokeInfo, null);
    assert.equal(r.EndDate, '');
    assert.equal(r.UpdatedDate, '2026-01-01 12:08:19');
    assert.deepEqual(r.OriginalName, [{ Name: '北京华信贸易有限公司', ChangeDate: '2016-06-23' }]);
    for (const f of ['StartDate', 'TermStart', 'CheckDate', 'UpdatedDate']) assert.match(r[f] as string, DATE_TIME, f);
  });

  it('a cancelled company has RevokeInfo with date-only dates and an EndDate; no term end is "" in both keys', () => {
    const r = basicDetails({ ...FACTS, doc: { ...DOC, status: '注销', statusDate: '2020-07-05', termTo: null } });
    assert.deepEqual(r.RevokeInfo, { CancelDate: '2020-07-05', CancelReason: '', RevokeDate: '', RevokeReason: '' });
    assert.equal(r.EndDate, '2020-07-05 00:00:00');
    assert.equal(r.TeamEnd, '');
    assert.equal(r.TermEnd, '');
  });

  it('details: every §6.1 field, then the §6.2 blocks with their documented shapes', () => {
    const r = details(FACTS);
    assert.deepEqual(Object.keys(r), [...BASIC_FIELDS, ...DETAIL_BLOCKS]);
    const partners = r.Partners as Array<Record<string, WireValue>>;
    assert.deepEqual(Object.keys(partners[0]!), PARTNER_BLOCK_FIELDS);
    assert.equal(partners[0]!.StockType, '自然人股东');
    assert.equal(partners[0]!.StockPercent, '49.19%');
    assert.equal(partners[0]!.ShouldCapi, '491.9');
    assert.equal(partners[0]!.ShoudDate, '2032-07-01');
    assert.deepEqual(partners[0]!.TagsList, []);
    assert.deepEqual(r.Employees, [{ KeyNo: '', Name: '张伟', Job: '经理,执行董事' }]);
    assert.deepEqual(Object.keys((r.Branches as Array<Record<string, WireValue>>)[0]!), ['CompanyId', 'RegNo', 'Name', 'BelongOrg', 'CreditCode', 'OperName']);
    assert.deepEqual(r.ChangeRecords, [{ ProjectName: '名称变更', BeforeContent: '北京华信贸易有限公司', AfterContent: '北京华信科技有限公司', ChangeDate: '2016-06-23' }]);
    assert.deepEqual(r.ContactInfo, { WebSite: [{ Name: DOC.name, Url: 'https://example.cn' }], PhoneNumber: '010-12345678', Email: 'a@b.cn' });
    const industry = r.Industry as Record<string, WireValue>;
    assert.deepEqual(Object.keys(industry), ['IndustryCode', 'Industry', 'SubIndustryCode', 'SubIndustry', 'MiddleCategoryCode', 'MiddleCategory', 'SmallCategoryCode', 'SmallCategory']);
    assert.equal(industry.IndustryCode, 'I');
    assert.equal(industry.SubIndustryCode, '65');
    assert.equal(industry.MiddleCategoryCode, '651');
    assert.equal(industry.SmallCategoryCode, '6510');
    assert.equal(r.InsuredCount, '20');
    assert.equal(r.EmergingIndustyList, null);
    assert.deepEqual(r.TagList, [{ Type: '903', Name: DOC.status }]);
  });

  it('details: a list the source did not supply is null, one it supplied empty is []', () => {
    const { shareholders: _s, personnel: _p, ...rest } = DOC;
    const r = details({ ...FACTS, doc: { ...rest, branches: [], changes: [] } });
    assert.equal(r.Partners, null);
    assert.equal(r.Employees, null);
    assert.deepEqual(r.Branches, []);
    assert.deepEqual(r.ChangeRecords, []);
  });

  it('ECIPartner item: §6.3 fields in order, strings', () => {
    const item = partnerListItem(DOC.shareholders![0]!);
    assert.deepEqual(Object.keys(item), PARTNER_LIST_FIELDS);
    assertStrings(item, PARTNER_LIST_FIELDS, new Set(['Area']));
  });

  it('risk-check items: §7 fields in order (misspellings kept), strings, date only', () => {
    const cases: Array<[Record<string, WireValue>, string[]]> = [
      [shixinItem(KEY_NO, DOC.dishonest![0]!, 0), SHIXIN_FIELDS],
      [zhixingItem(KEY_NO, DOC.enforcements![0]!, 0), ZHIXING_FIELDS],
      [adminPenaltyItem(KEY_NO, DOC.penalties![0]!, 0), PENALTY_FIELDS],
      [taxIllegalItem(KEY_NO, DOC.taxViolations![0]!, 0), TAX_FIELDS],
      [seriousIllegalItem(DOC.seriousViolations![0]!), SERIOUS_FIELDS],
      [exceptionItem(DOC.abnormalOperations![0]!), EXCEPTION_FIELDS],
    ];
    for (const [item, fields] of cases) {
      assert.deepEqual(Object.keys(item), fields);
      assertStrings(item, fields);
      for (const f of fields.filter((x) => /Date|date$/.test(x))) assert.ok(item[f] === '' || DATE.test(item[f] as string), `${f}: ${String(item[f])}`);
    }
    const shixin = cases[0]![0];
    assert.equal(shixin.Anno, '(2021)京0105执34224号');
    assert.equal(shixin.Executestatus, '全部未履行');
    assert.match(shixin.Id as string, /^[0-9a-f]{32}$/);
    assert.equal(shixin.Id, shixinItem(KEY_NO, DOC.dishonest![0]!, 0).Id, 'record ids are stable');
    assert.equal(cases[1]![0].Biaodi, '1098000');
    assert.equal(cases[2]![0].PunishAmt, '5000.5');
    assert.equal(cases[5]![0].RomoveReason, '');
  });

  it('formats numbers as the vendor writes them', () => {
    assert.equal(capitalText({ amount: 1_850_000_000 }), '185000万元人民币');
    assert.equal(capitalText({ amount: 500_000, currency: 'USD' }), '50万美元');
    assert.equal(percentText(1), '100%');
    assert.equal(percentText(0.563), '56.3%');
    assert.equal(percentText(undefined), '');
  });
});
