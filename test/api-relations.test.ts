import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { updateAccount } from '../src/accounts/accounts.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { ensureRelationGraph, markRelationGraphIncomplete } from '../src/companies/relations/rebuild.js';
import { findCompanyByUscc, upsertCompanies } from '../src/companies/store.js';
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
/** A 张三 at a company sharing nobody and no edge with 甲 or 乙: another person of the same name. */
const DING = company(4, '广州丁同名无关有限公司', { legalRep: '张三', personnel: [{ name: '张三', positions: ['经理'] }, { name: '孙七', positions: ['监事'] }], shareholders: [{ name: '孙七', kind: 'person', ratio: 1 }] });
/** The chain: 周八 70 % → 控股 80 % → 实业 60 % → 目标, the rest held by others. */
const HOLD = company(5, '上海链条控股有限公司', { legalRep: '周八', shareholders: [{ name: '周八', kind: 'person', ratio: 0.7 }, { name: '吴九', kind: 'person', ratio: 0.3 }] });
const SUB = company(6, '上海链条实业有限公司', { legalRep: '周八', shareholders: [{ name: HOLD.name, kind: 'company', uscc: HOLD.uscc!, ratio: 0.8, subscribed: { amount: 8_000_000 } }, { name: '郑十', kind: 'person', ratio: 0.2 }] });
const TARGET = company(7, '上海链条目标有限公司', { legalRep: '冯一', shareholders: [{ name: SUB.name, kind: 'company', uscc: SUB.uscc!, ratio: 0.6 }, { name: '冯一', kind: 'person', ratio: 0.4 }] });

for (const backend of BACKENDS) {
  describe(`findRelation and EquityThrough over HTTP on ${backend.name}`, () => {
    let api: TestApi;
    let creds: { key: string; secretKey: string };
    before(async () => {
      api = await startTestApi(backend);
      await upsertCompanies(api.db.db, [JIA, YI, BARE, DING, HOLD, SUB, TARGET], { now: '2026-07-01T00:00:00.000Z' });
      await ensureRelationGraph(api.db.db);
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

    type Paths = { Paths: Array<{ Length: number; Nodes: Array<{ Id: string; Type: string; Name: string; KeyNo: string | null }>; Edges: Array<{ From: string; To: string; Type: string; Label: string; Ratio: string | null }> }> };

    it('findRelation finds the path through a shared person, shortest first, charged once, under /api/ and /api/yj/', async () => {
      const before = await balance();
      const body = answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.uscc! }), '200');
      assert.deepEqual(Object.keys(body), ['Status', 'Message', 'OrderNumber', 'Result']);
      assert.match(body.OrderNumber, /^COMPANY\d{22}$/);
      const { Paths } = body.Result as Paths;
      assert.ok(Paths.length >= 1 && Paths.length <= 10);
      const lengths = Paths.map((p) => p.Length);
      assert.deepEqual(lengths, [...lengths].sort((a, b) => a - b), 'shortest first');
      const viaZhang = Paths.find((p) => p.Length === 2 && p.Nodes[1]!.Name === '张三');
      assert.ok(viaZhang, JSON.stringify(Paths));
      assert.deepEqual(viaZhang.Nodes.map((n) => [n.Type, n.Name]), [['company', JIA.name], ['person', '张三'], ['company', YI.name]]);
      assert.equal(viaZhang.Nodes[1]!.KeyNo, null);
      assert.match(viaZhang.Nodes[1]!.Id, /^p_/);
      const holding = viaZhang.Edges.find((e) => e.Type === 'shareholder');
      assert.deepEqual(holding && [holding.From, holding.To, holding.Ratio], [viaZhang.Nodes[1]!.Id, viaZhang.Nodes[2]!.Id, '60%']);
      assert.equal(await balance(), before - 1);
      const yj = answer(await call('/api/yj/company/findRelation', { keyNo: JIA.uscc!, targetKeyNo: YI.name, maxDepth: '2' }), '200');
      assert.ok((yj.Result as Paths).Paths.every((p) => p.Length <= 2));
    });

    it('findRelation honours maxDepth: 201 no_path within 1 (uncharged); same-name persons of unrelated companies stay two people', async () => {
      const before = await balance();
      answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name, maxDepth: '1' }), '201', 'no_path');
      answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: DING.name, maxDepth: '6' }), '201', 'no_path');
      assert.equal(await balance(), before);
    });

    it('findRelation in XML: the same envelope, paths as items', async () => {
      const res = await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name, dtype: 'xml' });
      assert.match(String(res.headers['content-type']), /xml/);
      assert.match(res.body, /<Status>200<\/Status>/);
      assert.match(res.body, /<Paths>\s*<Path>\s*<Length>2<\/Length>/);
      assert.match(res.body, /<Name>张三<\/Name>/);
    });

    it('EquityThrough: the §8.1 tree of the three-level chain with effective holdings, level honoured', async () => {
      const body = answer(await call('/EquityThrough/GetEquityThrough', { keyWord: TARGET.name }), '200');
      assert.match(body.OrderNumber, /^EQUITYTHROUGH\d{22}$/);
      const target = await findCompanyByUscc(api.db.db, TARGET.uscc!);
      const result = body.Result as { KeyNo: string; Name: string; Count: string; Children: Array<Record<string, any>> };
      assert.deepEqual([result.KeyNo, result.Name, result.Count], [target!.keyNo, TARGET.name, '2']);
      const sub = result.Children.find((c) => c.Name === SUB.name)!;
      assert.deepEqual(Object.keys(sub), ['KeyNo', 'Name', 'Category', 'FundedRatio', 'InParentActualRadio', 'Count', 'Grade', 'ShouldCapi', 'StockRightNum', 'ShortStatus', 'Children']);
      assert.deepEqual([sub.Category, sub.FundedRatio, sub.InParentActualRadio, sub.Grade, sub.ShortStatus], ['0', '60%', '60%', '1', '存续']);
      const hold = sub.Children.find((c: Record<string, any>) => c.Name === HOLD.name);
      assert.deepEqual([hold.FundedRatio, hold.InParentActualRadio, hold.Grade], ['80%', '48%', '2']);
      const person = hold.Children.find((c: Record<string, any>) => c.Name === '周八');
      assert.deepEqual([person.Category, person.FundedRatio, person.InParentActualRadio, person.Grade, person.Children], ['2', '70%', '33.6%', '3', null]);
      const one = answer(await call('/api/yj/EquityThrough/GetEquityThrough', { keyWord: TARGET.uscc!, level: '1' }), '200').Result as typeof result;
      assert.ok(one.Children.every((c) => c.Children === null && c.Grade === '1'));
    });

    it('before the graph is built both answer 203 relation_graph_unavailable, uncharged: never "no path"', async () => {
      const before = await balance();
      await markRelationGraphIncomplete(api.db.db);
      try {
        answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name }), '203', 'relation_graph_unavailable');
        answer(await call('/EquityThrough/GetEquityThrough', { keyWord: TARGET.name }), '203', 'relation_graph_unavailable');
      } finally {
        await ensureRelationGraph(api.db.db);
      }
      assert.equal(await balance(), before);
      answer(await call('/api/company/findRelation', { keyNo: JIA.name, targetKeyNo: YI.name }), '200');
    });

    it('/openapi.json lists findRelation under /api/, /api/yj/ and /, and EquityThrough, with their parameters and result schemas', async () => {
      const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> };
      for (const path of ['/api/company/findRelation', '/api/yj/company/findRelation', '/company/findRelation', '/EquityThrough/GetEquityThrough', '/api/yj/EquityThrough/GetEquityThrough']) assert.ok(doc.paths[path]?.get, path);
      assert.deepEqual(doc.paths['/api/company/findRelation']!.get!.parameters!.map((p) => p.name).filter((n) => n !== 'dtype' && n !== 'key').sort(), ['keyNo', 'maxDepth', 'targetKeyNo']);
      assert.match(JSON.stringify(doc.paths['/EquityThrough/GetEquityThrough']), /InParentActualRadio/);
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
