import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { completeUscc } from '../src/companies/uscc.js';
import { readFeed } from '../src/realtime/feed.js';
import { reportGrader } from '../src/realtime/feed-grader.js';
import { BACKENDS } from './support/databases.js';

/**
 * `data import` records the same change-feed events as a push (issue 18): a company changed only
 * by an import must not look unchanged to a watcher.
 */
const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02', dataAsOf: '2026-06-30T00:00:00+08:00' };
const first = { ...base, name: '杭州导入事件测试有限公司', uscc: completeUscc('91330100CL000011') };
const second = { ...base, name: '杭州导入事件第二有限公司', uscc: completeUscc('91330100CL000012') };
const lines = (...docs: object[]): string[] => docs.map((d) => `${JSON.stringify(d)}\n`);

for (const backend of BACKENDS) {
  describe(`data import and the change feed on ${backend.name}`, () => {
    it('the first load records company.created per company; a later import records what changed, and nothing for unchanged lines', async () => {
      const t = await backend.open();
      try {
        const feed = { grader: reportGrader(new Date().toISOString()) };
        // Into an empty SQLite store this is the bulk load; on PostgreSQL the batch path.
        const loaded = await importCompanies(t.db, lines(first, second), { feed });
        assert.equal(loaded.imported, 2);
        const created = (await readFeed(t.db, 0, 100)).events;
        assert.deepEqual(created.map((e) => [e.keyNo, e.type, e.data.name, e.data.uscc]).sort(), [
          [deriveKeyNo(first), 'company.created', first.name, first.uscc],
          [deriveKeyNo(second), 'company.created', second.name, second.uscc],
        ].sort());

        const head = created[created.length - 1]!.id;
        const record = { caseNo: '(2026)浙0106执1234号', court: '杭州市西湖区人民法院', filedOn: '2026-05-01', obligation: '支付货款' };
        const again = await importCompanies(t.db, lines({ ...first, dishonest: [record] }, second), { feed });
        assert.deepEqual([again.updated, again.unchanged], [1, 1]);
        const changed = (await readFeed(t.db, head, 100)).events;
        assert.ok(changed.every((e) => e.keyNo === deriveKeyNo(first)), 'the unchanged line recorded nothing');
        assert.deepEqual(changed.map((e) => e.type).filter((type) => type !== 'grade.changed'), ['company.updated', 'record.added']);
        assert.deepEqual(changed[0]!.data, { categories: ['dishonest'], fields: [] });
        assert.deepEqual(changed[1]!.data.record, record);
        const version = await t.db.selectFrom('companies').select(['key_no', 'version']).orderBy('key_no').execute();
        assert.deepEqual(Object.fromEntries(version.map((r) => [r.key_no, Number(r.version)])), { [deriveKeyNo(first)]: 2, [deriveKeyNo(second)]: 1 });
      } finally {
        await t.cleanup();
      }
    });
  });
}
