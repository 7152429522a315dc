import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies, type ImportProgress } from '../src/companies/import.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const doc = (n: number): CompanyDocument => ({
  name: `苏州统计${n}号科技有限公司`, companyType: '有限责任公司', status: '存续', establishedOn: '2016-05-04',
  uscc: completeUscc(`91320500${String(n).padStart(8, '0')}`),
});
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => Buffer.from(`${JSON.stringify(doc(from + i))}\n`));

for (const backend of BACKENDS) {
  describe(`planner statistics after an import on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it(backend.name === 'postgres' ? 'a large import ends with ANALYZE of the tables it filled; a small one into a larger store leaves it to autovacuum' : 'nothing to do on SQLite', async () => {
      const events: ImportProgress[] = [];
      const first = await importCompanies(t.db, lines(0, 300), { onProgress: (e) => events.push(e) });
      assert.equal(first.imported, 300);
      const statistics = events.filter((e) => e.kind === 'statistics');
      if (backend.name !== 'postgres') {
        assert.deepEqual(statistics, []);
        return;
      }
      assert.equal(statistics.length, 1);
      // ANALYZE writes the row estimates the planner reads (-1 in pg_class means never analysed).
      const { rows } = await sql<{ relname: string; reltuples: number }>`
        SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname IN ('companies', 'company_names', 'company_search')`.execute(t.db);
      const estimate = Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]));
      assert.equal(estimate.companies, 300);
      assert.ok(estimate.company_search! > 300, `company_search estimated at ${estimate.company_search}`);
      assert.ok(estimate.company_names! >= 300);

      const small: ImportProgress[] = [];
      const second = await importCompanies(t.db, lines(300, 310), { onProgress: (e) => small.push(e) });
      assert.equal(second.imported, 10);
      assert.deepEqual(small.filter((e) => e.kind === 'statistics'), []);
    });
  });
}
