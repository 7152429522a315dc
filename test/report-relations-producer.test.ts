import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { ensureRelationGraph, markRelationGraphIncomplete } from '../src/companies/relations/rebuild.js';
import { findCompanyByUscc, upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import type { Order } from '../src/orders/orders.js';
import { relationFactsSource } from '../src/orders/relation-facts-source.js';
import { reportProducer } from '../src/orders/report-production.js';
import { createInlineRenderer } from '../src/reports/render-service.js';
import { pdfPages, squash } from './render-support.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const GENERATED_AT_MS = Date.parse('2026-11-30T02:15:02.000Z');
const base = { companyType: '有限责任公司(自然人投资或控股)', status: '存续', establishedOn: '2012-07-10', registeredCapital: { amount: 10_000_000 }, dataAsOf: '2026-06-30' };
const company = (n: number, name: string, extra: Partial<CompanyDocument>): CompanyDocument =>
  ({ ...base, name, uscc: completeUscc(`91310106MA${String(n).padStart(6, '0')}`), ...extra }) as CompanyDocument;

/** The chain (周八 70 % → 控股 80 % → 实业 60 % → 目标) and the legal representative's other company, revoked with a dishonest record. */
const HOLD = company(1, '上海报告链条控股有限公司', { legalRep: '周八', shareholders: [{ name: '周八', kind: 'person', ratio: 0.7 }, { name: '吴九', kind: 'person', ratio: 0.3 }] });
const SUB = company(2, '上海报告链条实业有限公司', { legalRep: '周八', shareholders: [{ name: HOLD.name, kind: 'company', uscc: HOLD.uscc!, ratio: 0.8 }, { name: '郑十', kind: 'person', ratio: 0.2 }] });
const TARGET = company(3, '上海报告链条目标有限公司', {
  legalRep: '冯一',
  personnel: [{ name: '冯一', positions: ['执行董事'] }, { name: '郑十', positions: ['监事'] }],
  shareholders: [{ name: SUB.name, kind: 'company', uscc: SUB.uscc!, ratio: 0.6 }, { name: '冯一', kind: 'person', ratio: 0.4 }],
});
/** 冯一 represents this one too, and 郑十 sits in both: the same 冯一. */
const OTHER = company(4, '上海报告冯一另一家有限公司', {
  legalRep: '冯一', status: '吊销', personnel: [{ name: '冯一', positions: ['经理'] }, { name: '郑十', positions: ['监事'] }],
  dishonest: [{ caseNo: '(2025)沪0106执1号', court: '上海市静安区人民法院', filedOn: '2025-03-01', performance: '全部未履行' }],
});

for (const backend of BACKENDS) {
  describe(`the credit report prints the graph's controller, chain and related risks (${backend.name})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await backend.open();
      await upsertCompanies(t.db, [HOLD, SUB, TARGET, OTHER], { now: '2026-11-25T00:00:00.000Z' });
    });
    after(async () => { await t.cleanup(); });

    async function reportText(): Promise<string> {
      const target = await findCompanyByUscc(t.db, TARGET.uscc!);
      assert.ok(target);
      const order = { orderNo: 'e'.repeat(32), keyNo: target.keyNo, accountKey: 'no-such-account', format: 'pdf', reportType: 1 } as unknown as Order;
      const producer = reportProducer({ db: t.db, renderer: createInlineRenderer(), relations: relationFactsSource(t.db) });
      return squash(pdfPages(await producer.produce(order, GENERATED_AT_MS)).join('\n'));
    }

    it('the graph not built: the relation sections say unavailable, never "no controller"', async () => {
      await markRelationGraphIncomplete(t.db);
      const text = await reportText();
      assert.ok(text.includes(squash('关联关系分析暂不可用')));
      assert.ok(!text.includes('无单一实际控制人'));
    });

    it('built: 实际控制人 周八 with the chain and 33.60 %, and 关联风险 rows with status and flags', async () => {
      await ensureRelationGraph(t.db);
      const text = await reportText();
      assert.ok(text.includes(squash('实际控制人 周八（自然人）')), 'controller');
      assert.ok(text.includes(squash(`周八 —70.00%→ ${HOLD.name} —80.00%→ ${SUB.name} —60.00%→ ${TARGET.name}`)), 'chain');
      assert.ok(text.includes(squash('累计持股比例 33.60%')), 'cumulative');
      assert.ok(text.includes(squash('股权穿透图')), 'chart');
      assert.match(text, new RegExp(`${OTHER.name}法定代表人冯一的其他企业—吊销1条`), 'related company with status and its dishonest record');
    });
  });
}
