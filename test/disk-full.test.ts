/**
 * A full disk (issue 15 item 6), made for real: SQLite's max_page_count caps the database file at
 * its present size, so the next write that needs a page fails inside SQLite with SQLITE_FULL ("database
 * or disk is full") exactly as on a full filesystem. The API answers 203, logs the real cause (not
 * "cannot rollback - no transaction is active"), keeps the audit entries it could not write, and
 * recovers without a restart once there is room again.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sqliteHandleOf } from '../src/db/database.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

describe('a full disk under the API (SQLite)', () => {
  let api: TestApi;
  const logLines: string[] = [];
  before(async () => {
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
    api = await startTestApi(BACKENDS[0]!, {}, { level: 'error', stream });
  });
  after(async () => { await api.close(); });

  it('answers 203, logs SQLITE_FULL plainly, keeps the audit batch and recovers', async () => {
    const sqlite = sqliteHandleOf(api.db.db)!;
    const creds = await api.account({ balance: 1000 });
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    let full: { statusCode: number; headers: Record<string, unknown>; json(): unknown } | undefined;
    let accepted = 0;
    // Free space inside the existing pages takes a few orders first; then the file must grow.
    for (let i = 0; i < 2000 && !full; i++) {
      api.clock.set(Date.now());
      const res = await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } });
      const body = res.json() as { Status: string };
      if (body.Status === '200') accepted++;
      else full = res;
    }
    assert.ok(full, 'the database filled up');
    assert.equal(full.statusCode, 200);
    assert.deepEqual(full.json(), { Status: '203', Message: '【无效请求】系统查询有异常，请联系技术人员', Result: null });
    assert.equal(full.headers['x-error-reason'], 'backend_unavailable');
    const failures = logLines.map((l) => JSON.parse(l) as { msg: string; err?: { message: string; code?: string } }).filter((l) => l.msg === 'request failed');
    assert.ok(failures.length > 0);
    for (const f of failures) {
      assert.equal(f.err?.code, 'SQLITE_FULL', JSON.stringify(f));
      assert.match(f.err!.message, /database or disk is full/);
    }
    assert.ok(!logLines.some((l) => /cannot rollback/.test(l)), 'the real cause is not replaced by the rollback');

    // A read-only call (answered, and audited in the next batch, every 200 ms): wait, still full,
    // until that batch has met the full disk.
    const read = (await api.call('GetReportInfo', { ...creds, params: { orderNo: '0'.repeat(32) } })).json() as { Status: string };
    assert.equal(read.Status, '201', 'reads are still served on a full disk');
    const auditRefused = () => logLines.some((l) => /audit log write failed: entries kept for a retry/.test(l) && /SQLITE_FULL/.test(l));
    for (const deadline = Date.now() + 60_000; !auditRefused() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    assert.ok(auditRefused(), 'an audit batch met the full disk');

    // Room again (an operator freed space): the next order goes through without a restart, and the
    // audit entries the full database refused (kept in memory meanwhile) reach the table.
    sqlite.pragma('max_page_count = 1073741823');
    api.clock.set(Date.now());
    const after = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string };
    assert.equal(after.Status, '200');
    const audited = async () => Number((await api.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_key', '=', creds.key).where('interface', '=', 'CreateReport').where('status', '=', '200').executeTakeFirstOrThrow()).n);
    const deadline = Date.now() + 60_000;
    while ((await audited()) < accepted + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(await audited(), accepted + 1, 'every accepted order is in the audit log after recovery');
    // Every order accepted while filling up is there, charged once.
    const orders = await api.db.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('account_key', '=', creds.key).executeTakeFirstOrThrow();
    assert.equal(Number(orders.n), accepted + 1);
    const account = await api.db.db.selectFrom('accounts').select('balance').where('key', '=', creds.key).executeTakeFirstOrThrow();
    assert.equal(Number(account.balance), 1000 - (accepted + 1));
  });
});
