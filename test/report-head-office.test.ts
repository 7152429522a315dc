import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertCompanies, findCompanyByUscc } from '../src/companies/store.js';
import { companyDirectory } from '../src/orders/company-directory.js';
import type { Order } from '../src/orders/orders.js';
import { reportProducer } from '../src/orders/report-production.js';
import { createInlineRenderer } from '../src/reports/render-service.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { pdfPages, squash } from './render-support.js';
import { branchSample, headOfficeSample } from './support/sample-companies.js';

const GENERATED_AT_MS = Date.parse('2026-11-30T02:15:02.000Z');

for (const backend of BACKENDS) {
  describe(`a branch's report names its head office, found by the producer (${backend.name})`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    async function branchReportText(): Promise<string> {
      const branch = await findCompanyByUscc(t.db, branchSample().uscc!);
      assert.ok(branch);
      const order = { orderNo: 'c'.repeat(32), keyNo: branch.keyNo, accountKey: 'no-such-account', format: 'pdf', reportType: 1 } as unknown as Order;
      const producer = reportProducer({ db: t.db, renderer: createInlineRenderer(), directory: companyDirectory(t.db) });
      return squash(pdfPages(await producer.produce(order, GENERATED_AT_MS)).join('\n'));
    }

    it('without the head office in the store: its name and USCC from the branch, 未收录 for the rest', async () => {
      await upsertCompanies(t.db, [branchSample()], { now: '2026-11-25T00:00:00.000Z' });
      const text = await branchReportText();
      assert.ok(text.includes(squash(`总公司名称 ${headOfficeSample().name}`)));
      assert.ok(text.includes(squash(`总公司统一社会信用代码 ${headOfficeSample().uscc!}`)));
      assert.ok(text.includes('总公司信用等级未收录'));
    });

    it('with the head office in the store: its status, grade and a statement of its risks', async () => {
      await upsertCompanies(t.db, [headOfficeSample()], { now: '2026-11-25T00:00:00.000Z' });
      const text = await branchReportText();
      assert.ok(text.includes(squash('总公司登记状态 存续（在营、开业、在册）')), 'status');
      assert.match(text, /总公司信用等级AA（825分，数据截至2026-11-25）/);
      assert.ok(text.includes('总公司未发现扣分风险信号'));
    });
  });
}
