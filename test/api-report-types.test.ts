import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getAccount, updateAccount } from '../src/accounts/accounts.js';
import { runCli as cli } from './support/cli.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { REPORT_TYPE_CODES, REPORT_TYPES, reportTypePlugin } from '../src/reports/types/index.js';
import { BACKENDS } from './support/databases.js';
import { reportSchemaErrors, REPORT_SCHEMA_TEXT } from './support/report-schema.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';

type Body = { Status: string; Result: Record<string, string | null> | null };

/** Every wire format with what retrieve must answer for it. */
const FORMATS = [
  { reportFormat: '1', name: 'pdf', contentType: 'application/pdf', ext: 'pdf', magic: '%PDF-' },
  { reportFormat: '2', name: 'word', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', magic: 'PK' },
  { reportFormat: '3', name: 'json', contentType: 'application/json', ext: 'json', magic: '{' },
] as const;

const ALL_TYPES = REPORT_TYPE_CODES.map(Number);

/** The register and the four core judicial lists supplied (empty: none on record), so every type can be made. */
const covered = (name: string, first16: string, over: Partial<CompanyDocument> = {}): CompanyDocument => ({
  ...TEST_COMPANIES.ordinary,
  name,
  uscc: completeUscc(first16),
  formerNames: [],
  judgments: [],
  enforcements: [],
  dishonest: [],
  consumptionRestrictions: [],
  ...over,
}) as CompanyDocument;

const COMPANIES = {
  covered: covered('上海类型覆盖科技有限公司', '91310115MA1H7T1K'),
  individual: covered('上海类型测试小吃店', '92310115MA1H7T2K', { companyType: '个体工商户' }),
  branch: covered('上海类型覆盖科技有限公司北京分公司', '91310115MA1H7T3K', { companyType: '有限责任公司分公司(自然人投资或控股)' }),
  cancelled: covered('上海类型已注销科技有限公司', '91310115MA1H7T4K', { status: '注销' }),
  revoked: covered('上海类型已吊销科技有限公司', '91310115MA1H7T5K', { status: '吊销，未注销' }),
};

/** Who each type with an ordering rule refuses (218/219), and one it accepts. */
const REFUSED: Partial<Record<number, { status: string; refused: Array<keyof typeof COMPANIES | 'uncovered'>; accepted: keyof typeof COMPANIES }>> = {
  3: { status: '219', refused: ['cancelled', 'revoked', 'uncovered'], accepted: 'covered' },
  4: { status: '218', refused: ['individual', 'branch', 'cancelled', 'revoked'], accepted: 'covered' },
};

for (const backend of BACKENDS) {
  describe(`report types over HTTP on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await upsertCompanies(api.db.db, Object.values(COMPANIES), { now: new Date().toISOString() });
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    const create = async (creds: { key: string; secretKey: string }, params: Record<string, string>) => {
      api.clock.set(Date.now());
      return (await api.call('CreateReport', { ...creds, params: { keyNo: COMPANIES.covered.name, ...params } })).json() as Body;
    };
    const refusal = (body: Body) => `${body.Status}`;

    // Data-driven over the registry: a type registered later is ordered, rendered and retrieved here too.
    for (const type of REPORT_TYPES) {
      for (const format of FORMATS) {
        it(`type ${type.code} (${type.slug}) in ${format.name}: orders, reaches S, retrieves with its type in ext=1`, async () => {
          const creds = await api.account({ reportTypes: ALL_TYPES, balance: 10 });
          const body = await create(creds, { reportType: String(type.code), reportFormat: format.reportFormat, ext: '1' });
          assert.equal(body.Status, '200', JSON.stringify(body));
          assert.equal(body.Result!.ReportType, String(type.code));
          const orderNo = body.Result!.OrderNo!;
          const info = await waitForOrder(api, creds, orderNo);
          assert.equal(info.ReportStatus, 'S', JSON.stringify(info));
          assert.equal(info.ReportType, String(type.code));
          assert.equal(info.ReportFormat, format.name);

          const file = await api.app.inject({ method: 'GET', url: info.ReportUrl as string });
          assert.equal(file.statusCode, 200);
          assert.equal(file.headers['content-type'], format.contentType);
          assert.equal(file.rawPayload.subarray(0, format.magic.length).toString(), format.magic);
          const disposition = decodeURIComponent(String(file.headers['content-disposition']).split("UTF-8''")[1]!);
          assert.ok(disposition.startsWith(`${COMPANIES.covered.name}_${type.title}_`), disposition);
          assert.ok(disposition.endsWith(`.${format.ext}`), disposition);
          const etag = String(file.headers.etag);
          assert.equal((await api.app.inject({ method: 'GET', url: info.ReportUrl as string, headers: { 'if-none-match': etag } })).statusCode, 304);
          const part = await api.app.inject({ method: 'GET', url: info.ReportUrl as string, headers: { range: 'bytes=0-0' } });
          assert.equal(part.statusCode, 206);
          assert.deepEqual(part.rawPayload, file.rawPayload.subarray(0, 1));

          if (format.name === 'json') {
            const doc = JSON.parse(file.rawPayload.toString('utf8')) as Record<string, unknown>;
            assert.deepEqual(reportSchemaErrors(doc), []);
            assert.equal(doc.reportType, type.code);
            assert.equal(doc.orderNo, orderNo);
            assert.deepEqual(doc.company, { name: COMPANIES.covered.name, uscc: COMPANIES.covered.uscc, keyNo: info.KeyNo });
            assert.equal(doc.dataAsOf, '2026-06-30');
            if (type.verdictKey) assert.ok(Object.hasOwn(doc, type.verdictKey), `the verdict under ${type.verdictKey}`);
          }
        });
      }
    }

    for (const type of REPORT_TYPES.filter((t) => t.refuse)) {
      it(`type ${type.code} (${type.slug}) refuses at ordering time with its status, uncharged, and accepts an eligible company`, async () => {
        const rule = REFUSED[type.code];
        assert.ok(rule, `type ${type.code} has an ordering rule: list whom it refuses in REFUSED`);
        const creds = await api.account({ reportTypes: ALL_TYPES, balance: 10 });
        for (const who of rule.refused) {
          const keyNo = who === 'uncovered' ? TEST_COMPANIES.ordinary.name : COMPANIES[who].name;
          const body = await create(creds, { reportType: String(type.code), keyNo });
          assert.deepEqual([body.Status, body.Result], [rule.status, null], `${who}: ${JSON.stringify(body)}`);
        }
        assert.equal((await getAccount(api.db.db, creds.key)).balance, 10);
        assert.equal((await create(creds, { reportType: String(type.code), keyNo: COMPANIES[rule.accepted].name })).Status, '200');
        // The credit report is made for all of them.
        for (const who of rule.refused) {
          const keyNo = who === 'uncovered' ? TEST_COMPANIES.ordinary.name : COMPANIES[who].name;
          assert.equal((await create(creds, { keyNo })).Status, '200', who);
        }
      });
    }

    it('202 report_type_invalid for anything but 1–4; reportType is read case-insensitively from query, form and JSON', async () => {
      const creds = await api.account({ reportTypes: ALL_TYPES });
      for (const reportType of ['0', '5', '12', 'credit', '1.0', '-1', '２']) {
        const body = await create(creds, { reportType });
        assert.deepEqual([body.Status, body.Result], ['202', null], `reportType=${reportType}`);
        await updateAccount(api.db.db, creds.key, { clearLockouts: true }, api.clock.now());
      }
      for (const via of ['query', 'form', 'json'] as const) {
        api.clock.set(Date.now());
        const res = await api.call('CreateReport', { ...creds, via, method: via === 'query' ? 'GET' : 'POST', params: { keyNo: TEST_COMPANIES.ordinary.name, REPORTTYPE: '9' } });
        assert.equal((res.json() as Body).Status, '202', via);
        await updateAccount(api.db.db, creds.key, { clearLockouts: true }, api.clock.now());
      }
      // Absent or blank: type 1.
      const blank = await create(creds, { reportType: ' ', ext: '1' });
      assert.equal(blank.Result?.ReportType, '1');
    });

    it('a type the account never bought answers 214, bought but switched off 111; older accounts keep type 1', async () => {
      const onlyCredit = await api.account();
      assert.equal((await create(onlyCredit, {})).Status, '200');
      assert.equal((await create(onlyCredit, { reportType: '1' })).Status, '200');
      for (const code of [2, 3, 4]) assert.equal(refusal(await create(onlyCredit, { reportType: String(code) })), '214', `type ${code}`);

      const noCredit = await api.account({ reportTypes: [2] });
      assert.equal(refusal(await create(noCredit, {})), '214');

      const switchedOff = await api.account({ reportTypes: ALL_TYPES });
      await updateAccount(api.db.db, switchedOff.key, { interfaces: Object.fromEntries(ALL_TYPES.map((c) => [`ReportType/${c}`, { enabled: false }])) }, api.clock.now());
      for (const code of ALL_TYPES) assert.equal(refusal(await create(switchedOff, { reportType: String(code) })), '111', `type ${code}`);
      // A list of interfaces leaves the report types as they are.
      await updateAccount(api.db.db, switchedOff.key, { interfaces: ['CreateReport', 'GetReportInfo'], reportTypes: [1] }, api.clock.now());
      assert.equal((await create(switchedOff, {})).Status, '200');
      await updateAccount(api.db.db, switchedOff.key, { interfaces: ['CreateReport', 'GetReportInfo'] }, api.clock.now());
      assert.equal((await create(switchedOff, {})).Status, '200');
    });

    it('a type announced but not built into this service answers 202 report_type_unavailable when bought', async (t) => {
      const missing = ALL_TYPES.filter((c) => !reportTypePlugin(c));
      if (missing.length === 0) return t.skip('every type is registered');
      const creds = await api.account({ reportTypes: ALL_TYPES });
      for (const code of missing) assert.equal(refusal(await create(creds, { reportType: String(code) })), '202', `type ${code}`);
    });

    it('bills per type and format: the type\'s own price, else the account\'s report price in that format; nothing for a refusal', async () => {
      const creds = await api.account({ reportTypes: ALL_TYPES, balance: 100, prices: { 'ReportType/1:json': 4, 'CreateReport:word': 2 } });
      const priced = [...REPORT_TYPES.filter((t) => t.code !== 1).map((t) => ({ code: t.code, price: 3 + t.code }))];
      await updateAccount(api.db.db, creds.key, { prices: Object.fromEntries(priced.map((p) => [`ReportType/${p.code}:pdf`, p.price])) }, api.clock.now());
      const cases: Array<[type: number, reportFormat: string, price: number]> = [[1, '3', 4], [1, '2', 2], [1, '1', 1], ...priced.map((p): [number, string, number] => [p.code, '1', p.price])];
      let balance = 100;
      for (const [code, reportFormat, price] of cases) {
        const body = await create(creds, { reportType: String(code), reportFormat });
        assert.equal(body.Status, '200', JSON.stringify(body));
        balance -= price;
        assert.equal((await getAccount(api.db.db, creds.key)).balance, balance, `type ${code} format ${reportFormat}`);
        const charge = await api.db.db.selectFrom('orders').select('price').where('order_no', '=', body.Result!.OrderNo!).executeTakeFirstOrThrow();
        assert.equal(Number(charge.price), price);
      }
      await create(creds, { reportType: '7' });
      assert.equal((await getAccount(api.db.db, creds.key)).balance, balance);
    });

    it('operators buy, switch off and price report types with the CLI and /admin (--report-types, --price TYPE:FORMAT=UNITS)', async () => {
      const env = { ZHENGXIN_DATA_DIR: api.db.dataDir, DATABASE_URL: api.db.databaseUrl ?? '', ZHENGXIN_MASTER_KEY: api.masterKeyHex };
      type Shown = { interfaces: Record<string, { bought: boolean; enabled: boolean }>; prices: Record<string, number> };
      const created = JSON.parse(await cli(env, ['accounts', 'create', '--name', '类型银行', '--report-types', '1,2', '--price', '2:pdf=3', '--price', '1:json=2', '--json'])) as { key: string };
      const shown = JSON.parse(await cli(env, ['accounts', 'show', created.key, '--json'])) as Shown;
      assert.deepEqual([1, 2, 3, 4].map((c) => shown.interfaces[`ReportType/${c}`]?.bought ?? false), [true, true, false, false]);
      assert.deepEqual(shown.prices, { 'ReportType/2:pdf': 3, 'ReportType/1:json': 2 });
      const text = await cli(env, ['accounts', 'show', created.key]);
      assert.match(text, /report types 1 企业信用报告, 2 企业信用决策报告\n/);
      assert.match(text, /ReportType\/2:pdf 3, ReportType\/2:word 1/);

      await cli(env, ['accounts', 'update', created.key, '--report-types', '3,4', '--interfaces', 'CreateReport,GetReportInfo']);
      await cli(env, ['accounts', 'update', created.key, '--disable', 'ReportType/4']);
      const updated = JSON.parse(await cli(env, ['accounts', 'show', created.key, '--json'])) as Shown;
      assert.deepEqual([1, 2, 3, 4].map((c) => updated.interfaces[`ReportType/${c}`]), [
        { bought: false, enabled: false }, { bought: false, enabled: false }, { bought: true, enabled: true }, { bought: true, enabled: false },
      ]);
      for (const bad of [['--report-types', '5'], ['--report-types', 'decision'], ['--price', '9:pdf=1'], ['--price', '2:xml=1']]) {
        await assert.rejects(cli(env, ['accounts', 'update', created.key, ...bad]), Error, bad.join(' '));
      }

      const AUTH = { authorization: 'Bearer test-admin-token' };
      const posted = await api.app.inject({ method: 'POST', url: '/admin/accounts', headers: AUTH, payload: { name: '管理银行', reportTypes: [1, 4], prices: { '4:json': 2 } } });
      assert.equal(posted.statusCode, 201, posted.body);
      const account = (posted.json() as { account: Shown }).account;
      assert.equal(account.interfaces['ReportType/4']?.bought, true);
      assert.equal(account.interfaces['ReportType/2']?.bought ?? false, false);
      assert.deepEqual(account.prices, { 'ReportType/4:json': 2 });
      const plain = (await api.app.inject({ method: 'POST', url: '/admin/accounts', headers: AUTH, payload: { name: '默认银行' } })).json() as { account: Shown };
      assert.deepEqual(plain.account.interfaces['ReportType/1'], { bought: true, enabled: true });
      const bad = await api.app.inject({ method: 'PATCH', url: `/admin/accounts/${created.key}`, headers: AUTH, payload: { reportTypes: [0] } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /reportTypes/);
    });

    it('serves the JSON Schema at /schemas/report.json, the same as docs/report.schema.json', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/schemas/report.json' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/schema\+json/);
      assert.equal(res.payload, REPORT_SCHEMA_TEXT);
    });
  });
}
