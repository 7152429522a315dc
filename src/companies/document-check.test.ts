import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { checkCompanyDocument } from './document-check.js';
import { completeRegNo } from './reg-no.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const valid = { name: '上海甲乙科技有限公司', companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02', uscc: '91310115MA1H7J3K7G' };

describe('checkCompanyDocument', () => {
  it('accepts a valid document', () => {
    const r = checkCompanyDocument(valid);
    assert.equal(r.ok, true);
    assert.deepEqual(r.ok && r.warnings, []);
  });

  it('names the missing field, the wrong type and the bad format', () => {
    const { name: _omit, ...noName } = valid;
    assert.match(reason(noName), /missing required property "name"/);
    assert.match(reason({ ...valid, registeredCapital: { amount: '100' } }), /\/registeredCapital\/amount must be number/);
    assert.match(reason({ ...valid, establishedOn: '2015/03/02' }), /\/establishedOn must match pattern/);
    assert.match(reason({ ...valid, dataAsOf: 'yesterday' }), /\/dataAsOf must match format "date-time"/);
    assert.match(reason({ ...valid, keyNo: 'ABC' }), /\/keyNo must match pattern/);
    assert.match(reason([valid]), /expected a JSON object, got an array/);
    assert.match(reason('x'), /expected a JSON object, got string/);
  });

  it('checks USCC check characters strictly unless lenient', () => {
    assert.match(reason({ ...valid, uscc: '91310115MA1H7J3K7H' }), /invalid uscc .*position 18.*expected G/);
    const lenient = checkCompanyDocument({ ...valid, uscc: '91310115MA1H7J3K7H' }, { lenientUscc: true });
    assert.equal(lenient.ok, true);
    assert.match(lenient.ok ? lenient.warnings[0]! : '', /position 18/);
    assert.match(reason({ ...valid, uscc: '91310115MA1H7J3' }, true), /must be 18 characters/);
  });

  it('checks the registration number', () => {
    const regNo = completeRegNo('31011500012345');
    assert.equal(checkCompanyDocument({ ...valid, regNo }).ok, true);
    const wrong = regNo.slice(0, 14) + String((Number(regNo[14]) + 1) % 10);
    assert.match(reason({ ...valid, regNo: wrong }), /invalid regNo .*check digit/);
    assert.match(reason({ ...valid, regNo: '12345' }), /15 digits/);
  });

  it('refuses a name that is only blanks', () => {
    assert.match(reason({ ...valid, name: ' \u3000 ' }), /name is shorter than 2/);
  });

  it('checks the version-2 records beyond the schema, naming the field', () => {
    assert.match(reason({ ...valid, exitRestrictions: [{ person: '张三', filedOn: '2024-05-01', removedOn: '2024-01-02' }] }), /\/exitRestrictions\/0\/removedOn 2024-01-02 is before filedOn 2024-05-01/);
    assert.match(reason({ ...valid, equityFreezes: [{ executedParty: '张三', state: 'frozen', publishedOn: '2024-01-01', frozenFrom: '2024-03-01', frozenTo: '2023-03-01' }] }), /\/equityFreezes\/0\/frozenTo 2023-03-01 is before frozenFrom 2024-03-01/);
    assert.match(reason({ ...valid, landMortgages: [{ registeredOn: '2023-02-30' }] }), /\/landMortgages\/0\/registeredOn 2023-02-30 is not a date of the calendar/);
    assert.match(reason({ ...valid, guarantees: [{ year: 2023, amount: { amount: -5 } }] }), /\/guarantees\/0\/amount\/amount must be >= 0/);
    assert.match(reason({ ...valid, judicialAuctions: [{ title: '房产', publishedOn: '2024-01-01', startingPrice: { amount: Infinity } }] }), /\/judicialAuctions\/0\/startingPrice\/amount is a number out of range/);
    assert.match(reason({ ...valid, equityFreezes: [{ executedParty: '张三', publishedOn: '2024-01-01' }] }), /\/equityFreezes\/0 is missing required property "state"/);
    assert.match(reason({ ...valid, spotChecks: [{ date: '2024-01-01', result: '未发现问题', kind: '巡查' }] }), /\/spotChecks\/0\/kind must be equal to one of the allowed values/);
    assert.match(reason({ ...valid, chattelMortgages: [{ registeredOn: '2022-01-01', debtFrom: '2022-06-01', debtTo: '2022-01-01' }] }), /\/chattelMortgages\/0\/debtTo 2022-01-01 is before debtFrom 2022-06-01/);
    assert.match(reason({ ...valid, schemaVersion: 3 }), /\/schemaVersion must be equal to one of the allowed values/);
  });

  it('accepts a version-2 document with every new category, and [] for "supplied, none"', () => {
    const r = checkCompanyDocument({ ...valid, schemaVersion: 2, ...everyV2Category(), bankruptcies: [] });
    assert.equal(r.ok, true, r.ok ? '' : r.reason);
  });
});

describe('schema version 2 is a strict superset of the shared version 1', () => {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const v2 = readJson(path.join(repo, 'src/companies/company.schema.json'));
  // The shared contract as it was when v2 was drawn up; compared with ../shared when that is present.
  const v1 = readJson(path.join(repo, 'src/companies/company.schema.v1.json'));

  it('keeps the frozen copy equal to the shared contract when that checkout is present', () => {
    for (const shared of [path.resolve(repo, '../shared/contracts/company.schema.json'), path.resolve(repo, '../../shared/contracts/company.schema.json')]) {
      if (fs.existsSync(shared)) assert.deepEqual(v1, readJson(shared));
    }
  });

  it('keeps every version-1 property, its meaning and the required list', () => {
    assert.deepEqual(v2.required, v1.required);
    assert.equal(v2.additionalProperties, v1.additionalProperties);
    for (const [name, def] of Object.entries(v1.$defs)) assert.deepEqual(v2.$defs[name], def, `$defs/${name}`);
    for (const [name, def] of Object.entries(v1.properties)) {
      if (name === 'schemaVersion') continue;
      if (name === 'chattelMortgages') {
        // v2 adds optional fields to the item; every v1 item field and the item's required list stay.
        const [a, b] = [v1.properties[name].items, v2.properties[name].items];
        assert.deepEqual(b.required, a.required);
        for (const [f, fdef] of Object.entries(a.properties)) assert.deepEqual(b.properties[f], fdef, `chattelMortgages.${f}`);
        assert.deepEqual({ ...v2.properties[name], items: undefined }, { ...def as object, items: undefined });
        continue;
      }
      assert.deepEqual(v2.properties[name], def, name);
    }
    assert.deepEqual(v2.properties.schemaVersion.enum, [1, 2]);
  });

  it('imports version-1 documents unchanged (absent, 1 and 2 as schemaVersion)', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv, ['date-time']);
    const validateV1 = ajv.compile(v1);
    const docs = [valid, { ...valid, schemaVersion: 1 }, everyV1Property()];
    for (const doc of docs) {
      assert.equal(validateV1(doc), true, JSON.stringify(validateV1.errors));
      const r = checkCompanyDocument(doc);
      assert.equal(r.ok, true, r.ok ? '' : r.reason);
      assert.equal(r.ok && r.doc, doc, 'stored as given');
    }
    assert.equal(checkCompanyDocument({ ...everyV1Property(), schemaVersion: 2 }).ok, true);
  });

  it('every version-1 property is exercised by the v1 sample', () => {
    assert.deepEqual(Object.keys(everyV1Property()).sort(), Object.keys(v1.properties).sort());
  });
});

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A document using every property of the version-1 schema. */
function everyV1Property(): Record<string, unknown> {
  const m = { amount: 1000000 };
  return {
    schemaVersion: 1, keyNo: '0123456789abcdef0123456789abcdef', name: '上海甲乙科技有限公司', formerNames: ['上海甲乙信息有限公司'], englishName: 'Jiayi',
    uscc: '91310115MA1H7J3K7G', regNo: completeRegNo('31011500012345'), orgCode: 'MA1H7J3K7', companyType: '有限责任公司（自然人投资或控股）', status: '存续（在营、开业、在册）',
    statusDate: '2015-03-02', legalRep: '张三', registeredCapital: m, paidInCapital: { amount: 500000, currency: 'CNY' }, establishedOn: '2015-03-02',
    termFrom: '2015-03-02', termTo: null, approvedOn: '2020-01-01', authority: '上海市浦东新区市场监督管理局', divisionCode: '310115', address: '上海市浦东新区XX路1号',
    industry: { code: 'I6513', name: '应用软件开发' }, scope: '软件开发', taxpayerType: '一般纳税人', insuredCount: 12, parent: { name: '甲公司' }, listing: { exchange: 'SSE', stockCode: '600000' },
    contact: { phone: '021-1234567' },
    shareholders: [{ name: '张三', kind: 'person', subscribed: m, subscribedOn: '2035-01-01', paid: m, paidOn: '2016-01-01', ratio: 1, isController: true, isBeneficialOwner: true }],
    personnel: [{ name: '张三', positions: ['执行董事'] }], investments: [{ name: '乙公司', ratio: 0.5, subscribed: m, status: '存续', establishedOn: '2018-01-01' }],
    branches: [{ name: '上海甲乙科技有限公司北京分公司', principal: '李四', status: '存续', establishedOn: '2019-01-01' }],
    changes: [{ date: '2020-01-01', item: '法定代表人', before: '李四', after: '张三' }],
    annualReports: [{ year: 2024, publishedOn: '2025-05-01', insuredCount: 12, totalAssets: m, totalLiabilities: m, equity: m, revenue: m, netProfit: m, taxPaid: m }],
    judgments: [{ caseNo: '（2024）沪0115民初1号', title: 't', cause: '买卖合同纠纷', court: 'c', docType: '判决书', date: '2024-05-01', role: 'defendant', amount: m, result: '驳回' }],
    enforcements: [{ caseNo: '（2024）沪0115执1号', court: 'c', filedOn: '2024-06-01', amount: m, closedOn: '2024-09-01' }],
    dishonest: [{ caseNo: '（2024）沪0115执2号', court: 'c', province: '上海', basisDocNo: 'x', obligation: 'o', performance: '全部未履行', conduct: 'c', filedOn: '2024-06-01', publishedOn: '2024-07-01', removedOn: '2024-09-01' }],
    consumptionRestrictions: [{ caseNo: '（2024）沪0115执3号', person: '张三', applicant: '乙公司', court: 'c', filedOn: '2024-06-01', publishedOn: '2024-06-02', removedOn: '2024-09-01' }],
    terminatedCases: [{ caseNo: '（2024）沪0115执4号', court: 'c', filedOn: '2024-01-01', terminatedOn: '2024-06-01', amount: m, unpaid: m }],
    hearings: [{ caseNo: '（2024）沪0115民初2号', cause: 'x', court: 'c', date: '2024-01-01', role: 'plaintiff', plaintiffs: ['甲'], defendants: ['乙'] }],
    caseFilings: [{ caseNo: '（2024）沪0115民初3号', cause: 'x', court: 'c', filedOn: '2024-01-01', role: 'plaintiff' }],
    abnormalOperations: [{ listedOn: '2021-01-01', reason: 'r', authority: 'a', removedOn: '2021-06-01', removalReason: 'rr' }], seriousViolations: [],
    penalties: [{ decisionNo: 'n', violation: 'v', content: 'c', fine: m, decidedOn: '2022-01-01', authority: 'a' }],
    equityPledges: [{ regNo: 'r', pledgor: '张三', pledgee: '乙银行', amount: m, registeredOn: '2022-01-01', status: '有效' }],
    chattelMortgages: [{ regNo: 'r', authority: 'a', amount: m, registeredOn: '2022-01-01', status: '有效' }],
    taxArrears: [{ taxType: '增值税', balance: m, publishedOn: '2022-01-01', authority: 'a', settledOn: '2022-06-01' }],
    taxViolations: [{ nature: 'n', facts: 'f', penalty: 'p', publishedOn: '2022-01-01' }], liquidation: { leader: '张三', members: ['李四'], date: '2022-01-01' },
    taxCredit: [{ year: 2023, grade: 'A', authority: 'a' }], certificates: [{ type: '高新技术企业', number: 'n', issuer: 'i', issuedOn: '2022-01-01', expiresOn: '2025-01-01' }],
    patents: [{ number: 'n', title: 't', kind: 'invention', status: '授权', date: '2022-01-01' }], trademarks: [{ number: 'n', name: 'x', class: 9, status: 's', date: '2022-01-01' }],
    softwareCopyrights: [{ number: 'n', name: 'x', date: '2022-01-01' }], tenders: [{ title: 't', role: 'winner', amount: m, date: '2022-01-01', counterparty: 'c' }],
    dataAsOf: '2025-06-30T00:00:00Z',
  };
}

/** Every version-2 category with every field filled. */
function everyV2Category(): Record<string, unknown> {
  const m = { amount: 1000000 };
  return {
    equityFreezes: [{ caseNo: '（2024）沪0115执5号', executedParty: '张三', target: '上海甲乙科技有限公司', equityAmount: m, court: 'c', noticeNo: 'n', state: 'frozen', frozenFrom: '2024-01-01', frozenTo: '2027-01-01', releasedOn: '2024-02-01', publishedOn: '2024-01-02' }],
    bankruptcies: [{ caseNo: '（2024）沪03破1号', kind: '破产重整', applicant: '乙公司', respondent: '上海甲乙科技有限公司', court: 'c', publishedOn: '2024-01-01', closedOn: '2024-12-01' }],
    judicialAuctions: [{ title: '房产一套', court: 'c', caseNo: 'x', publishedOn: '2024-01-01', auctionOn: '2024-02-01', startingPrice: m, appraisedPrice: m, status: '已成交' }],
    exitRestrictions: [{ caseNo: 'x', person: '张三', executedParty: '上海甲乙科技有限公司', court: 'c', amount: m, filedOn: '2024-01-01', removedOn: '2024-03-01' }],
    courtAnnouncements: [{ caseNo: 'x', type: '起诉状副本及开庭传票', court: 'c', parties: ['甲', '乙'], content: 'c', publishedOn: '2024-01-01' }],
    serviceAnnouncements: [{ caseNo: 'x', cause: '买卖合同纠纷', court: 'c', parties: ['甲'], content: 'c', publishedOn: '2024-01-01' }],
    landMortgages: [{ location: 'l', landUse: '工业用地', areaSqm: 1234.5, mortgagor: '甲', mortgagee: '乙银行', amount: m, appraisedValue: m, from: '2024-01-01', to: '2027-01-01', registeredOn: '2024-01-01' }],
    guarantees: [{ year: 2023, creditor: '乙银行', debtor: '丙公司', debtKind: '合同', amount: m, debtFrom: '2023-01-01', debtTo: '2024-01-01', guaranteePeriod: '期限', method: '连带保证', scope: '主债权' }],
    simpleCancellations: [{ announcedFrom: '2024-01-01', announcedTo: '2024-01-20', authority: 'a', result: '准予简易注销', objection: '' }],
    cancellationFilings: [{ filedOn: '2024-01-01', liquidationGroup: ['张三'], creditorNoticeFrom: '2024-01-02', creditorNoticeTo: '2024-02-16', authority: 'a' }],
    licences: [{ number: 'n', name: '食品经营许可证', content: 'c', authority: 'a', decidedOn: '2024-01-01', validFrom: '2024-01-01', validTo: '2029-01-01' }],
    spotChecks: [{ authority: 'a', kind: '抽查', date: '2024-01-01', result: '未发现问题' }],
    ipPledges: [{ regNo: 'r', kind: 'trademark', name: 'x', pledgor: '甲', pledgee: '乙银行', registeredOn: '2024-01-01', periodFrom: '2024-01-01', periodTo: '2025-01-01', status: '有效' }],
    publicSummons: [{ billNo: 'b', billType: '银行承兑汇票', amount: m, applicant: '甲', holder: '乙', court: 'c', publishedOn: '2024-01-01' }],
  };
}

function reason(value: unknown, lenientUscc = false): string {
  const r = checkCompanyDocument(value, { lenientUscc });
  assert.equal(r.ok, false, 'expected a rejection');
  return r.ok ? '' : r.reason;
}
