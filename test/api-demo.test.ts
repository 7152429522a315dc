import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { secretBox } from '../src/accounts/secrets.js';
import { DEMO_ACCOUNT_FILE_NAME, demoBanner, ensureDemoAccount } from '../src/cli/serve-command.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

for (const backend of BACKENDS) {
  describe(`npm start's demo account on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('creates the demo account once, keeps its SecretKey in a 0600 file and reuses it', async () => {
      const box = secretBox(crypto.randomBytes(32));
      const first = await ensureDemoAccount(t.db, box, t.dataDir);
      assert.equal(first.created, true);
      const file = path.join(t.dataDir, DEMO_ACCOUNT_FILE_NAME);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const again = await ensureDemoAccount(t.db, box, t.dataDir);
      assert.deepEqual(again, { key: first.key, secretKey: first.secretKey, created: false });
      // The database lost the account (a reset store): a new one replaces the file.
      await t.db.deleteFrom('account_ledger').execute();
      await t.db.deleteFrom('accounts').execute();
      const fresh = await ensureDemoAccount(t.db, box, t.dataDir);
      assert.equal(fresh.created, true);
      assert.notEqual(fresh.key, first.key);
    });

    it('prints the base URL, credentials, companies and a script that signs, orders, polls and downloads', () => {
      const text = demoBanner('http://127.0.0.1:8080', { key: 'k'.repeat(32), secretKey: 'S'.repeat(32), companies: ['甲有限公司', '乙有限公司', '丙有限公司'], createdAccount: true }, '/data');
      // test/examples.test.ts runs the script against the real server.
      for (const part of ['http://127.0.0.1:8080', 'k'.repeat(32), 'S'.repeat(32), '甲有限公司', '乙有限公司', '丙有限公司', 'md5sum', 'tr a-f A-F', 'Token: $token', 'Timespan: $ts', 'CreateReport', 'GetReportInfo', 'ReportUrl', 'mode 0600']) {
        assert.ok(text.includes(part), `banner mentions ${part}`);
      }
    });
  });
}
