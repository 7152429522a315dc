import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { documentedCompanies } from '../src/companies/demo-companies.js';
import { ensureDemoData, pickDemoCompany } from '../src/companies/demo-data.js';
import { countCompanies } from '../src/companies/store.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

for (const backend of BACKENDS) {
  describe(`demo data on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('imports the synthetic dataset once, reuses it on the next run, and picks an active enterprise', async () => {
      const first = await ensureDemoData(t.db, { count: 40, seed: 'demo-test' });
      assert.equal(first.created, true);
      assert.equal(first.import?.rejected, 0);
      assert.equal(first.companies, 40 + documentedCompanies().length);
      const second = await ensureDemoData(t.db, { count: 40, seed: 'demo-test' });
      assert.deepEqual(second, { created: false, companies: 40 + documentedCompanies().length });
      assert.equal(await countCompanies(t.db), 40 + documentedCompanies().length);
      const shown = await pickDemoCompany(t.db);
      assert.ok(shown);
      assert.equal(shown.statusNorm, 'ACTIVE');
      assert.equal(shown.entityKind, 'ENTERPRISE');
      assert.equal(shown.synthetic, true);
    });
  });
}
