import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { updateAccount } from '../src/accounts/accounts.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { INTERFACE_REGISTRY } from '../src/protocol/catalogue.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, type TestApi } from './support/server.js';

type Body = { Status: string; Message: string; OrderNumber: string; Result: unknown };

const base = { companyType: '有限责任公司(自然人投资或控股)', status: '存续', establishedOn: '2012-07-10', registeredCapital: { amount: 10_000_000 }, dataAsOf: '2026-06-30' };
function company(n: number, name: string, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  return { ...base, name, uscc: completeUscc(`91310105MA${String(n).padStart(6, '0')}`), ...extra } as CompanyDocument;
}

/** Two companies run by the same two people: 张三 represents 甲 and holds 60 % of 乙, 李四 sits in both. */
const JIA = company(1, '上海甲关系科技有限公司', { legalRep: '张三', personnel: [{ name: '张三', positions: ['执行董事'] }, { name: '李四', positions: ['监事'] }], shareholders: [{ name: '王五', kind: 'person', ratio: 1 }] });
const YI = company(2, '上海乙关系贸易有限公司', { legalRep: '李四', personnel: [{ name: '李四', positions: ['执行董事'] }], shareholders: [{ name: '张三', kind: 'person', ratio: 0.6 }, { name: '李四', kind: 'person', ratio: 0.4 }] });
/** No shareholder list supplied: unknown holders. */
const BARE = company(3, '上海丙无股东数据有限公司', { legalRep: '赵六' });

for (const backend of BACKENDS) {
  describe(`findRelation and EquityThrough over HTTP on ${backend.name}`, () => {
    let api: TestApi;
    let creds: { key: string; secretKey: string };
    before(async () => {
      api = await startTestApi(backend);
      await upsertCompanies(api.db.db, [JIA, YI, BARE], { now: '2026-07-01T00:00:00.000Z' });
      creds = await api.account({ balance: 1000 });
      await updateAccount(api.db.db, creds.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
    });
    after(async () => { await api.close(); });

    const call = (path: string, params: Record<string, string>, who = creds): Promise<LightMyRequestResponse> => {
      const timespan = String(Math.floor(api.clock.now() / 1000));
      const headers = { Token: computeToken(who.key, timespan, who.secretKey), Timespan: timespan };
      return api.app.inject({ method: 'GET', url: `${path}?${new URLSearchParams({ key: who.key, ...params }).toString()}`, headers });
    };
    const answer = (res: LightMyRequestResponse, status: string, reason?: string): Body => {
      assert.equal(res.statusCode, 200);
      const body = res.json() as Body;
      assert.equal(body.Status, status, `${body.Status} ${String(res.headers['x-error-reason'])}`);
      if (reason !== undefined) assert.equal(res.headers['x-error-reason'], reason);
      return body;
    };
    const balance = async () => Number((await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow()).balance);

    it('214 for an account that has not bought the interface; both are in `all`', async () => {
      const other = await api.account({ balance: 10 });
      await updateAccount(api.db.db, other.key, { interfaces: ['CreateReport'] }, api.clock.now(), INTERFACE_REGISTRY);
      answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name }, other), '214');
      answer(await call('/EquityThrough/GetEquityThrough', { keyWord: YI.name }, other), '214');
      assert.ok(INTERFACE_REGISTRY.names.includes('company/findRelation'));
      assert.ok(INTERFACE_REGISTRY.names.includes('EquityThrough/GetEquityThrough'));
    });

    it('findRelation: 202 naming a bad maxDepth, 201 naming the unknown company, none charged', async () => {
      const before = await balance();
      for (const maxDepth of ['0', '7', 'x', '4.5', '-1']) {
        answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name, maxDepth }), '202', 'max_depth_invalid');
      }
      answer(await call('/company/findRelation', { targetKeyNo: YI.name }), '202', 'key_no_missing');
      answer(await call('/api/yj/company/findRelation', { keyNo: '不存在的公司名称', targetKeyNo: YI.name }), '201', 'company_unknown');
      answer(await call('/api/company/findRelation', { keyNo: JIA.uscc!, targetKeyNo: completeUscc('91110000MA000099') }), '201', 'target_company_unknown');
      answer(await call('/api/company/findRelation', { keyNo: JIA.uscc!, targetKeyNo: '华' }), '213', 'target_too_short');
      assert.equal(await balance(), before);
    });

    it('EquityThrough: 202 naming a bad level, 201 for an unknown company, 203 when the source gave no shareholder list; none charged', async () => {
      const before = await balance();
      for (const level of ['0', '5', 'a']) answer(await call('/EquityThrough/GetEquityThrough', { keyWord: YI.name, level }), '202', 'level_invalid');
      answer(await call('/api/yj/EquityThrough/GetEquityThrough', { keyWord: '不存在的公司名称' }), '201', 'company_unknown');
      answer(await call('/EquityThrough/GetEquityThrough', { keyword: BARE.name }), '203', 'category_not_supplied');
      assert.equal(await balance(), before);
    });
  });
}
