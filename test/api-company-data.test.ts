import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { updateAccount } from '../src/accounts/accounts.js';
import { CATEGORIES } from '../src/companies/categories.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { computeToken } from '../src/protocol/token.js';
import { ReportApiError, ReportClient } from '@zhengxin/client';
import { BACKENDS } from './support/databases.js';
import { startTestApi, type TestApi } from './support/server.js';

/** Field lists of ../shared/OPENAPI-SHAPES.md (sections named), in its order. */
const FUZZY_FIELDS = ['KeyNo', 'Name', 'CreditCode', 'StartDate', 'OperName', 'Status', 'No', 'Address']; // §5.1
const ECI_SEARCH_FIELDS = ['KeyNo', 'Name', 'OperName', 'StartDate', 'Status', 'No', 'CreditCode', 'Dimension']; // §5.2
const BASIC_FIELDS = [ // §6.1
  'KeyNo', 'Name', 'No', 'BelongOrg', 'OperId', 'OperName', 'StartDate', 'EndDate', 'Status', 'Province', 'UpdatedDate', 'CreditCode',
  'RegistCapi', 'EconKind', 'Address', 'Scope', 'TermStart', 'TeamEnd', 'TermEnd', 'CheckDate', 'OrgNo', 'IsOnStock', 'StockNumber',
  'StockType', 'OriginalName', 'ImageUrl', 'EntType', 'RecCap', 'RevokeInfo', 'Area', 'AreaCode', 'RegisteredCapital',
  'RegisteredCapitalUnit', 'RegisteredCapitalCCY', 'PaidUpCapital', 'PaidUpCapitalUnit', 'PaidUpCapitalCCY',
];
const DETAIL_BLOCKS = ['Partners', 'Employees', 'Branches', 'ChangeRecords', 'ContactInfo', 'Industry', 'EmergingIndustyList', 'InsuredCount', 'EnglishName', 'PersonScope', 'IXCode', 'TagList', 'ARContactList', 'EconKindCodeList']; // §6.2
const PARTNER_FIELDS = ['KeyNo', 'StockName', 'StockType', 'StockPercent', 'ShouldCapi', 'ShoudDate', 'StakeDate', 'CreditCode', 'Area']; // §6.3
const SHIXIN_FIELDS = ['Id', 'Liandate', 'Anno', 'Executegov', 'Executestatus', 'Publicdate', 'Executeno', 'ActionRemark', 'Amount']; // §7.1
const TAX_FIELDS = ['Id', 'PublishDate', 'CaseNature', 'TaxGov', 'IllegalContent', 'PunishContent']; // §7.3
const EXCEPTION_FIELDS = ['AddReason', 'AddDate', 'RomoveReason', 'RemoveDate', 'DecisionOffice', 'RemoveDecisionOffice']; // §7.5
const ENVELOPE_PAGED = ['Status', 'Message', 'OrderNumber', 'Paging', 'Result'];
const ENVELOPE_SINGLE = ['Status', 'Message', 'OrderNumber', 'Result'];

type Body = { Status: string; Message: string; OrderNumber: string; Paging?: { PageSize: number; PageIndex: number; TotalRecords: number } | null; Result: unknown };

const base = { companyType: '有限责任公司(自然人投资或控股)', status: '存续', establishedOn: '2012-07-10', registeredCapital: { amount: 10_000_000 }, dataAsOf: '2026-06-30' };
function company(n: number, name: string, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { ...base, name, uscc: completeUscc(`91110105MA${String(n).padStart(6, '0')}`), ...extra } as CompanyDocument;
}

/** Supplies dishonest (1), enforcements (none), tax violations (3), serious violations (none), abnormal operations (1), shareholders (3); no penalties. */
const FULL = company(1, '北京华信科技有限公司', {
  legalRep: '王华信',
  termTo: '2032-07-09',
  divisionCode: '110105',
  shareholders: [{ name: '王华信', kind: 'person', ratio: 0.5 }, { name: '李娜', kind: 'person', ratio: 0.3 }, { name: '北京投资有限公司', kind: 'company', ratio: 0.2 }],
  dishonest: [{ caseNo: '(2021)京0105执34224号', court: '北京市朝阳区人民法院', filedOn: '2021-08-10', performance: '全部未履行' }],
  enforcements: [],
  taxViolations: [1, 2, 3].map((i) => ({ nature: '偷税', facts: `事实${i}`, publishedOn: `2019-01-0${i}` })),
  seriousViolations: [],
  abnormalOperations: [{ listedOn: '2016-01-01', reason: '未按时年报', authority: '朝阳分局' }],
});
/** Supplies nothing beyond registration. */
const BARE = company(2, '上海华信咨询有限公司', { legalRep: '赵敏' });
/** The fields each risk check reads (one category each); every other record category below is supplied, empty. */
const CHECKS: ReadonlyArray<[path: string, field: keyof CompanyDocument]> = [
  ['/ShixinCheck/GetList', 'dishonest'], ['/ZhixingCheck/GetList', 'enforcements'], ['/AdminPenaltyCheck/GetList', 'penalties'],
  ['/TaxIllegalCheck/GetList', 'taxViolations'], ['/SeriousIllegalCheck/GetList', 'seriousViolations'], ['/ExceptionCheck/GetList', 'abnormalOperations'],
];
/** Supplies every record category of schema v1 and v2 as "none" except the six the checks read. */
const OTHERS_SUPPLIED = company(3, '深圳其他数据有限公司', Object.fromEntries(
  CATEGORIES.filter((c) => c.shape === 'records' && !CHECKS.some(([, f]) => f === c.fields[0])).map((c) => [c.fields[0]!, []]),
) as Partial<CompanyDocument>);
const MANY = Array.from({ length: 23 }, (_, i) => company(100 + i, `华信测试${String(i).padStart(2, '0')}号贸易有限公司`));

for (const backend of BACKENDS) {
  describe(`company-data interfaces over HTTP on ${backend.name}`, () => {
    let api: TestApi;
    let creds: { key: string; secretKey: string };
    before(async () => {
      api = await startTestApi(backend);
      await upsertCompanies(api.db.db, [FULL, BARE, OTHERS_SUPPLIED, ...MANY], { now: '2026-07-01T00:00:00.000Z' });
      creds = await api.account({ balance: 1000 });
      await updateAccount(api.db.db, creds.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
    });
    after(async () => { await api.close(); });

    const call = (path: string, params: Record<string, string>, opts: { method?: 'GET' | 'POST'; who?: { key: string; secretKey: string } } = {}): Promise<LightMyRequestResponse> => {
      const who = opts.who ?? creds;
      const timespan = String(Math.floor(api.clock.now() / 1000));
      const headers = { Token: computeToken(who.key, timespan, who.secretKey), Timespan: timespan };
      const all = { key: who.key, ...params };
      if (opts.method === 'POST') {
        return api.app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(all).toString() });
      }
      return api.app.inject({ method: 'GET', url: `${path}?${new URLSearchParams(all).toString()}`, headers });
    };
    const balance = async (key = creds.key) => Number((await api.db.db.selectFrom('accounts').select('balance').where('key', '=', key).executeTakeFirstOrThrow()).balance);
    const json = (res: LightMyRequestResponse): Body => {
      assert.equal(res.statusCode, 200);
      return res.json() as Body;
    };
    const strings = (obj: Record<string, unknown>, fields: readonly string[]) => {
      for (const f of fields) assert.equal(typeof obj[f], 'string', `${f}: ${JSON.stringify(obj[f])}`);
    };

    it('FuzzySearch/GetList: the 2022+ envelope, a ranked page of §5.1 items, Paging integers, GET and POST alike', async () => {
      const before = await balance();
      const res = await call('/FuzzySearch/GetList', { searchKey: '华信', pageIndex: '1', pageSize: '5' });
      const body = json(res);
      assert.deepEqual(Object.keys(body), ENVELOPE_PAGED);
      assert.equal(body.Status, '200');
      assert.equal(body.Message, '【有效请求】查询成功');
      assert.match(body.OrderNumber, /^FUZZYSEARCH\d{14}\d{8}$/);
      assert.deepEqual(body.Paging, { PageSize: 5, PageIndex: 1, TotalRecords: 25 });
      const items = body.Result as Array<Record<string, unknown>>;
      assert.equal(items.length, 5);
      for (const item of items) {
        assert.deepEqual(Object.keys(item), FUZZY_FIELDS);
        strings(item, FUZZY_FIELDS);
      }
      // Prefix matches (华信…) rank before fragments (…华信…).
      assert.ok(items.every((i) => String(i.Name).startsWith('华信')));
      assert.equal(await balance(), before - 1, 'one call, one unit');

      const last = json(await call('/api/yj/FuzzySearch/GetList', { searchKey: '华信', pageIndex: '5', pageSize: '5' }, { method: 'POST' }));
      assert.deepEqual(last.Paging, { PageSize: 5, PageIndex: 5, TotalRecords: 25 });
      // The last prefix matches, then the fragments in term order: FULL by its legal representative
      // 王华信 (term 华信), then BARE by 华信咨询….
      assert.deepEqual((last.Result as Array<Record<string, unknown>>).map((i) => i.Name), [...MANY.slice(20).map((d) => d.name), FULL.name, BARE.name]);
    });

    it('search: 201 for no match (not charged), 213 and 215 for keywords, pageSize capped at 20, 202 for a bad page', async () => {
      const before = await balance();
      const none = json(await call('/FuzzySearch/GetList', { searchKey: '不存在的名字' }));
      // OPENAPI-SHAPES.md §2: 201 without a Paging key; other errors of a paged interface have Paging null.
      assert.deepEqual(Object.keys(none), ENVELOPE_SINGLE);
      assert.equal(none.Status, '201');
      assert.equal(none.Result, null);
      assert.equal(json(await call('/FuzzySearch/GetList', { searchKey: '华' })).Status, '213');
      assert.equal(json(await call('/FuzzySearch/GetList', { searchKey: '——' })).Status, '215');
      // Only a legal-form ending: the index leaves those suffixes out, so it is refused, never under-counted.
      for (const legalForm of ['有限公司', '公司', '股份有限']) {
        const res = await call('/FuzzySearch/GetList', { searchKey: legalForm });
        assert.equal(json(res).Status, '215', legalForm);
        assert.equal(res.headers['x-error-reason'], 'keyword_legal_form');
      }
      const badPage = json(await call('/FuzzySearch/GetList', { searchKey: '华信', pageIndex: '0' }));
      assert.equal(badPage.Status, '202');
      assert.deepEqual(Object.keys(badPage), ENVELOPE_PAGED);
      assert.equal(badPage.Paging, null);
      assert.equal(await balance(), before, 'no answer without data is charged');
      // …while a fragment that merely starts like one is searched: 北京华信科技有限公司 by 科技有限公司.
      assert.equal(json(await call('/FuzzySearch/GetList', { searchKey: '科技有限公司' })).Status, '200');
      const big = json(await call('/FuzzySearch/GetList', { searchKey: '华信', pageSize: '50' }));
      assert.equal(big.Paging!.PageSize, 20);
      assert.equal((big.Result as unknown[]).length, 20);
    });

    it('ECIV4/Search and SearchWide: keyword (any case), type name/opername, §5.2 items with ECIV4 date-times, ECI order numbers', async () => {
      const body = json(await call('/ECIV4/Search', { keyWord: '王华信', type: 'opername' }));
      assert.match(body.OrderNumber, /^ECI\d{22}$/);
      const [item] = body.Result as Array<Record<string, unknown>>;
      assert.deepEqual(Object.keys(item!), ECI_SEARCH_FIELDS);
      strings(item!, ECI_SEARCH_FIELDS);
      assert.equal(item!.Name, FULL.name);
      assert.equal(item!.StartDate, '2012-07-10 00:00:00');
      assert.equal(json(await call('/ECIV4/Search', { keyword: '王华信', type: 'name' })).Status, '201');
      assert.equal(json(await call('/ECIV4/Search', { keyword: '华信', type: 'scope' })).Status, '202');
      const wide = json(await call('/eciv4/searchwide/', { keyword: FULL.uscc! }));
      assert.deepEqual((wide.Result as Array<Record<string, unknown>>).map((i) => i.Name), [FULL.name]);
    });

    it('GetBasicDetailsByName, GetDetailsByName, ECIInfoVerify: §6.1/§6.2 objects, both TeamEnd and TermEnd; 201 for an unknown company', async () => {
      const basic = json(await call('/ECIV4/GetBasicDetailsByName', { keyword: FULL.name }));
      assert.deepEqual(Object.keys(basic), ENVELOPE_SINGLE);
      const r = basic.Result as Record<string, unknown>;
      assert.deepEqual(Object.keys(r), BASIC_FIELDS);
      assert.equal(r.TeamEnd, '2032-07-09 00:00:00');
      assert.equal(r.TermEnd, r.TeamEnd);
      assert.equal(r.Province, 'BJ');
      assert.equal(r.RegistCapi, '1000万元人民币');
      for (const [path, param] of [['/ECIV4/GetDetailsByName', 'keyword'], ['/ECIInfoVerify/GetInfo', 'searchKey']] as const) {
        const d = json(await call(path, { [param]: FULL.uscc! }));
        assert.deepEqual(Object.keys(d.Result as object), [...BASIC_FIELDS, ...DETAIL_BLOCKS], path);
        assert.equal((d.Result as Record<string, unknown[]>).Partners!.length, 3);
        // Lists the source never supplied are null, not [] (an unknown never reads as "none").
        assert.equal((d.Result as Record<string, unknown>).Employees, null);
      }
      assert.match(json(await call('/ECIInfoVerify/GetInfo', { searchKey: FULL.name })).OrderNumber, /^ECIINFOVERIFY\d{22}$/);
      const missing = json(await call('/ECIV4/GetBasicDetailsByName', { keyword: '约客咖啡有限公司' }));
      assert.equal(missing.Status, '201');
      assert.equal(missing.Result, null);
    });

    it('dtype=xml: the same content in the XML envelope', async () => {
      const res = await call('/FuzzySearch/GetList', { searchKey: FULL.name, dtype: 'xml' });
      assert.match(String(res.headers['content-type']), /application\/xml/);
      const xml = res.body;
      assert.match(xml, /<Status>200<\/Status>\n<Message>【有效请求】查询成功<\/Message>\n<OrderNumber>FUZZYSEARCH\d{22}<\/OrderNumber>\n<Paging>\n<PageSize>10<\/PageSize>\n<PageIndex>1<\/PageIndex>\n<TotalRecords>1<\/TotalRecords>\n<\/Paging>\n<Result>/);
      assert.ok(xml.includes(`<Name>${FULL.name}</Name>`));
      assert.ok(xml.includes(`<CreditCode>${FULL.uscc}</CreditCode>`));
      // Items are named, not generic: search results, nested lists by their singular, string lists <string>.
      assert.match(xml, /<Result>\n<Company>\n<KeyNo>/);
      assert.ok(!xml.includes('<Item>'));
      const details = (await call('/ECIV4/GetDetailsByName', { keyword: FULL.name, dtype: 'xml' })).body;
      assert.match(details, /<Partners>\n<Partner>\n<KeyNo><\/KeyNo>\n<StockName>王华信<\/StockName>/);
      assert.match(details, /<TagList>\n<Tag>\n<Type>903<\/Type>/);
      const check = (await call('/ShixinCheck/GetList', { searchKey: FULL.name, dtype: 'xml' })).body;
      assert.match(check, /<Data>\n<Record>\n<Id>[0-9a-f]{32}<\/Id>/);
    });

    it('ECIPartner/GetList: paged §6.3 items; 203 category_not_supplied (not charged) when no shareholder list was supplied', async () => {
      const body = json(await call('/ECIPartner/GetList', { searchKey: FULL.name, pageSize: '2', pageIndex: '2' }));
      assert.deepEqual(body.Paging, { PageSize: 2, PageIndex: 2, TotalRecords: 3 });
      const items = body.Result as Array<Record<string, unknown>>;
      assert.deepEqual(items.map((i) => i.StockName), ['北京投资有限公司']);
      assert.deepEqual(Object.keys(items[0]!), PARTNER_FIELDS);
      assert.equal(items[0]!.StockPercent, '20%');
      const before = await balance();
      const unknown = await call('/ECIPartner/GetList', { searchKey: BARE.name });
      assert.equal(json(unknown).Status, '203');
      assert.equal(unknown.headers['x-error-reason'], 'category_not_supplied');
      assert.equal(await balance(), before);
    });

    it('risk checks: VerifyResult 1 with Data; 0 with Data null only for a supplied, empty category; 203 (not charged) for an unsupplied one', async () => {
      const shixin = json(await call('/ShixinCheck/GetList', { searchKey: FULL.uscc! }));
      assert.deepEqual(Object.keys(shixin), ENVELOPE_PAGED);
      assert.match(shixin.OrderNumber, /^SHIXINCHECK\d{22}$/);
      const r = shixin.Result as { VerifyResult: number; Data: Array<Record<string, unknown>> };
      assert.equal(r.VerifyResult, 1);
      assert.deepEqual(Object.keys(r.Data[0]!), SHIXIN_FIELDS);
      assert.equal(r.Data[0]!.Anno, '(2021)京0105执34224号');
      assert.deepEqual(shixin.Paging, { PageSize: 10, PageIndex: 1, TotalRecords: 1 });

      const before = await balance();
      const zhixing = json(await call('/ZhixingCheck/GetList', { searchKey: FULL.name }));
      assert.equal(zhixing.Status, '200');
      assert.deepEqual(zhixing.Result, { VerifyResult: 0, Data: null });
      assert.equal(zhixing.Paging, null);
      const serious = json(await call('/SeriousIllegalCheck/GetList', { searchKey: FULL.name }));
      assert.deepEqual(serious.Result, { VerifyResult: 0, Data: null });
      assert.equal(await balance(), before - 2, 'a supplied, empty category is an answer, and charged');

      const tax = json(await call('/TaxIllegalCheck/GetList', { searchKey: FULL.name, pageSize: '2', pageIndex: '2' }));
      assert.deepEqual(tax.Paging, { PageSize: 2, PageIndex: 2, TotalRecords: 3 });
      const taxData = (tax.Result as { Data: Array<Record<string, unknown>> }).Data;
      assert.deepEqual(Object.keys(taxData[0]!), TAX_FIELDS);
      assert.equal(taxData[0]!.IllegalContent, '事实3');
      const exception = json(await call('/ExceptionCheck/GetList', { searchKey: FULL.name }));
      assert.deepEqual(Object.keys((exception.Result as { Data: Array<Record<string, unknown>> }).Data[0]!), EXCEPTION_FIELDS);

      const afterAnswers = await balance();
      for (const [path, who] of [['/AdminPenaltyCheck/GetList', FULL], ['/ShixinCheck/GetList', BARE], ['/ExceptionCheck/GetList', BARE], ['/ZhixingCheck/GetList', BARE]] as const) {
        const res = await call(path, { searchKey: who.name });
        const body = json(res);
        assert.equal(body.Status, '203', `${path} ${who.name}`);
        assert.equal(body.Message, '【无效请求】系统查询有异常，请联系技术人员');
        assert.equal(res.headers['x-error-reason'], 'category_not_supplied');
        assert.equal(body.Result, null);
      }
      assert.equal(await balance(), afterAnswers, 'an unknown is never charged');
    });

    it('risk checks read only their own category: every other category of schema v1 and v2 supplied (empty) still answers 203', async () => {
      assert.ok(CATEGORIES.some((c) => c.since === 2 && Array.isArray(OTHERS_SUPPLIED[c.fields[0]!])), 'schema v2 categories are among the supplied ones');
      const before = await balance();
      for (const [path] of CHECKS) {
        const res = await call(path, { searchKey: OTHERS_SUPPLIED.uscc! });
        assert.equal(json(res).Status, '203', path);
        assert.equal(res.headers['x-error-reason'], 'category_not_supplied', path);
      }
      assert.equal(await balance(), before);
    });

    it('risk checks about a company the store does not hold: 203 company_not_in_store, never 201 (read as "no record"), not charged', async () => {
      const before = await balance();
      for (const [path] of CHECKS) {
        for (const searchKey of ['不存在科技有限公司', completeUscc('91440300MA999999')]) {
          for (const dtype of ['json', 'xml']) {
            const res = await call(path, { searchKey, dtype });
            assert.equal(res.headers['x-error-reason'], 'company_not_in_store', `${path} ${searchKey}`);
            if (dtype === 'json') {
              const body = json(res);
              assert.equal(body.Status, '203', `${path} ${searchKey}`);
              assert.equal(body.Result, null);
            } else {
              assert.match(res.body, /<Status>203<\/Status>/);
            }
          }
        }
      }
      assert.equal(await balance(), before, 'not charged');
      // Search and details keep the vendor's 201: there it means "no such company", which no client reads as clean.
      assert.equal(json(await call('/ECIV4/GetBasicDetailsByName', { keyword: '不存在科技有限公司' })).Status, '201');
    });

    it('the SDK: typed methods over the same interfaces; an unsupplied category throws, never reads as none', async () => {
      // fetch routed into the app (same HTTP handling, no socket).
      const fetchIntoApp = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const url = new URL(String(input));
        const res = await api.app.inject({ method: (init?.method ?? 'GET') as 'POST', url: url.pathname + url.search, headers: init?.headers as Record<string, string>, payload: init?.body as string });
        return new Response(res.body, { status: res.statusCode, headers: res.headers as Record<string, string> });
      };
      const client = new ReportClient({ key: creds.key, secretKey: creds.secretKey, baseUrl: 'http://zhengxin.test/', fetch: fetchIntoApp as typeof fetch, retries: 0 });
      const page = await client.fuzzySearch('华信', { pageSize: 3 });
      assert.equal(page.total, 25);
      assert.equal(page.items.length, 3);
      assert.match(page.orderNumber, /^FUZZYSEARCH/);
      assert.deepEqual(await client.fuzzySearch('不存在的名字'), { orderNumber: '', items: [], total: 0, pageIndex: 1, pageSize: 10 });
      assert.equal((await client.search('王华信', { type: 'opername' })).items[0]!.Name, FULL.name);
      assert.equal((await client.basicDetails(FULL.uscc!))!.TermEnd, '2032-07-09 00:00:00');
      assert.equal(await client.basicDetails('约客咖啡有限公司'), null);
      assert.equal((await client.partners(FULL.name)).total, 3);
      const shixin = await client.shixinCheck(FULL.name);
      assert.equal(shixin.verifyResult, 1);
      assert.equal(shixin.data![0]!.Anno, '(2021)京0105执34224号');
      assert.deepEqual((await client.zhixingCheck(FULL.name)).verifyResult, 0);
      await assert.rejects(client.adminPenaltyCheck(FULL.name), (err: unknown) => err instanceof ReportApiError && err.status === '203' && err.reason === 'category_not_supplied');
    });

    it('per-interface daily quota: 116 interface_daily_quota past it, only that interface, only charged calls count, a new China day resets; /admin sets it', async () => {
      const quota = await api.account({ balance: 100 });
      await updateAccount(api.db.db, quota.key, { interfaces: 'all', interfaceQuotas: { 'ShixinCheck/GetList': 2 } }, api.clock.now(), INTERFACE_REGISTRY);
      const shixin = () => call('/ShixinCheck/GetList', { searchKey: FULL.name }, { who: quota });
      // Refusals are not charged and so not counted: an unsupplied category (203) twice.
      for (let i = 0; i < 2; i++) assert.equal(json(await call('/ShixinCheck/GetList', { searchKey: BARE.name }, { who: quota })).Status, '203');
      assert.equal(json(await shixin()).Status, '200');
      assert.equal(json(await shixin()).Status, '200');
      const over = await shixin();
      const body = json(over);
      assert.equal(body.Status, '116');
      assert.equal(body.Message, '【无效请求】请求超过每日调用总量限制');
      assert.equal(over.headers['x-error-reason'], 'interface_daily_quota');
      assert.match(body.OrderNumber, /^SHIXINCHECK\d{22}$/);
      assert.equal(await balance(quota.key), 98, 'the refused call is not charged');
      // Another interface of the same key is not limited by it.
      assert.equal(json(await call('/ZhixingCheck/GetList', { searchKey: FULL.name }, { who: quota })).Status, '200');
      // Set through /admin: raised to 3, one more call passes.
      const admin = await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${quota.key}`, headers: { authorization: 'Bearer test-admin-token' }, payload: { interfaceQuotas: { 'ShixinCheck/GetList': 3 } } });
      assert.equal(admin.statusCode, 200, admin.body);
      assert.equal(json(await shixin()).Status, '200');
      assert.equal(json(await shixin()).Status, '116');
      const bad = await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${quota.key}`, headers: { authorization: 'Bearer test-admin-token' }, payload: { interfaceQuotas: { 'ShixinCheck/GetList': 1.5 } } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /interfaceQuotas\.ShixinCheck\/GetList/);
      // The next China Standard Time day starts a new count.
      api.clock.advance(24 * 3600_000);
      assert.equal(json(await shixin()).Status, '200');
      api.clock.advance(-24 * 3600_000);
    });

    it('quotas are atomic: N simultaneous calls with quota K pass exactly K (per interface, key-wide across interfaces, CreateReport\'s own)', async () => {
      const ledgerCharges = async (key: string, interfaceName?: string) => {
        let q = api.db.db.selectFrom('account_ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('account_key', '=', key).where('kind', '=', 'charge');
        if (interfaceName) q = q.where('interface', '=', interfaceName);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      const answers = (responses: LightMyRequestResponse[]) => responses.map((r) => `${json(r).Status}${r.headers['x-error-reason'] ? `/${String(r.headers['x-error-reason'])}` : ''}`);
      const count = (list: string[], answer: string) => list.filter((a) => a === answer).length;

      // The interface's own quota: 12 at once, 3 pass.
      const perInterface = await api.account({ balance: 100 });
      await updateAccount(api.db.db, perInterface.key, { interfaces: 'all', interfaceQuotas: { 'ShixinCheck/GetList': 3 } }, api.clock.now(), INTERFACE_REGISTRY);
      const shixin = answers(await Promise.all(Array.from({ length: 12 }, () => call('/ShixinCheck/GetList', { searchKey: FULL.name }, { who: perInterface }))));
      assert.equal(count(shixin, '200'), 3, shixin.join(' '));
      assert.equal(count(shixin, '116/interface_daily_quota'), 9, shixin.join(' '));
      assert.equal(await ledgerCharges(perInterface.key), 3);
      assert.equal(await balance(perInterface.key), 97, 'refused calls are not charged');

      // The key's quota over several interfaces at once: 12 calls of three interfaces, 4 pass.
      const keyWide = await api.account({ balance: 100, dailyQuota: 4 });
      await updateAccount(api.db.db, keyWide.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
      const paths = ['/ShixinCheck/GetList', '/ZhixingCheck/GetList', '/ECIV4/GetBasicDetailsByName'];
      const mixed = answers(await Promise.all(Array.from({ length: 12 }, (_, i) => call(paths[i % 3]!, { searchKey: FULL.name, keyword: FULL.name }, { who: keyWide }))));
      assert.equal(count(mixed, '200'), 4, mixed.join(' '));
      assert.equal(count(mixed, '116/daily_quota'), 8, mixed.join(' '));
      assert.equal(await ledgerCharges(keyWide.key), 4);
      assert.equal(await balance(keyWide.key), 96);

      // CreateReport's own quota, checked in the order's transaction: 10 orders at once, 2 pass.
      const reports = await api.account({ balance: 100 });
      await updateAccount(api.db.db, reports.key, { interfaces: 'all', interfaceQuotas: { CreateReport: 2 } }, api.clock.now(), INTERFACE_REGISTRY);
      const orders = answers(await Promise.all(Array.from({ length: 10 }, () => call('/Report/CreateReport', { keyNo: FULL.name }, { who: reports }))));
      assert.equal(count(orders, '200'), 2, orders.join(' '));
      assert.equal(count(orders, '116/interface_daily_quota'), 8, orders.join(' '));
      assert.equal(await ledgerCharges(reports.key, 'CreateReport'), 2);
      const placed = await api.db.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('account_key', '=', reports.key).executeTakeFirstOrThrow();
      assert.equal(Number(placed.n), 2, 'refused orders leave no row');
    });

    it('each interface is its own product: not bought 214, not enabled 111, priced per interface', async () => {
      const other = await api.account({ balance: 10 });
      await updateAccount(api.db.db, other.key, { interfaces: ['ShixinCheck/GetList'], prices: { 'ShixinCheck/GetList': 3 } }, api.clock.now(), INTERFACE_REGISTRY);
      const fuzzy = await call('/FuzzySearch/GetList', { searchKey: '华信' }, { who: other });
      assert.equal(json(fuzzy).Status, '214');
      assert.equal(fuzzy.headers['x-error-reason'], 'interface_not_bought');
      assert.equal(json(await call('/ShixinCheck/GetList', { searchKey: FULL.name }, { who: other })).Status, '200');
      assert.equal(await balance(other.key), 7);
      await updateAccount(api.db.db, other.key, { interfaces: { 'ShixinCheck/GetList': { bought: true, enabled: false } } }, api.clock.now(), INTERFACE_REGISTRY);
      assert.equal(json(await call('/ShixinCheck/GetList', { searchKey: FULL.name }, { who: other })).Status, '111');
      const poor = await api.account({ balance: 0 });
      await updateAccount(api.db.db, poor.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
      assert.equal(json(await call('/ECIV4/GetBasicDetailsByName', { keyword: FULL.name }, { who: poor })).Status, '112');
    });
  });
}
