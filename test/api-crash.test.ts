import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { upsertCompanies } from '../src/companies/store.js';
import { computeToken } from '../src/protocol/token.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { TEST_COMPANIES } from './support/server.js';

const BIN = path.resolve('bin/zhengxin.js');

/** The real server as a child process; resolves with its base URL once it listens. */
function spawnServer(t: TestDatabase, masterKey: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      ZHENGXIN_DATA_DIR: t.dataDir,
      DATABASE_URL: t.databaseUrl ?? '',
      ZHENGXIN_MASTER_KEY: masterKey,
      ZHENGXIN_JOB_LEASE_MS: '1500',
      ZHENGXIN_JOB_POLL_MS: '20',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${err}`)); }, 90_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1]! }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${err}`)); });
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

for (const backend of BACKENDS) {
  describe(`crash safety on ${backend.name}`, () => {
    const children: ChildProcess[] = [];
    let t: TestDatabase | undefined;
    after(async () => {
      for (const c of children) await killHard(c);
      await t?.cleanup();
    });

    it('kill -9 while rendering: after a restart the order completes exactly once and is charged exactly once', async () => {
      t = await backend.open();
      const masterKey = crypto.randomBytes(32).toString('hex');
      await upsertCompanies(t.db, [TEST_COMPANIES.ordinary], { now: new Date().toISOString() });
      const { account, secretKey } = await createAccount(t.db, secretBox(Buffer.from(masterKey, 'hex')), { name: 'crash test', balance: 5 }, Date.now());

      const first = await spawnServer(t, masterKey);
      children.push(first.child);
      const placeOrder = async (): Promise<string> => {
        const ts = String(Math.floor(Date.now() / 1000));
        const res = await fetch(`${first.url}/api/yj/Report/CreateReport`, {
          method: 'POST',
          headers: { Token: computeToken(account.key, ts, secretKey), Timespan: ts, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ key: account.key, keyNo: TEST_COMPANIES.ordinary.name }),
        });
        const body = (await res.json()) as { Status: string; Result: { OrderNo: string } };
        assert.equal(body.Status, '200');
        return body.Result.OrderNo;
      };

      // Order, wait until a worker has claimed the job (it is rendering), then kill the process
      // without warning. Should a render win the race against our polling, order again (at most 3).
      const placed: string[] = [];
      let orderNo: string | undefined;
      for (let i = 0; i < 3 && !orderNo; i++) {
        const candidate = await placeOrder();
        placed.push(candidate);
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          const job = await t.db.selectFrom('report_jobs').select(['lease_owner']).where('order_no', '=', candidate).executeTakeFirst();
          const order = await t.db.selectFrom('orders').select('state').where('order_no', '=', candidate).executeTakeFirstOrThrow();
          if (order.state !== 'P') break;
          if (job?.lease_owner) { orderNo = candidate; break; }
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      assert.ok(orderNo, 'no job was caught while rendering');
      await killHard(first.child);
      assert.equal((await t.db.selectFrom('orders').select('state').where('order_no', '=', orderNo).executeTakeFirstOrThrow()).state, 'P');

      const second = await spawnServer(t, masterKey);
      children.push(second.child);
      let state = 'P';
      const until = Date.now() + 90_000;
      while (state === 'P' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await t.db.selectFrom('orders').select('state').where('order_no', '=', orderNo).executeTakeFirstOrThrow()).state;
      }
      assert.equal(state, 'S');

      const ledger = await t.db.selectFrom('account_ledger').select(['kind', 'amount', 'order_no']).where('account_key', '=', account.key).execute();
      assert.deepEqual(ledger.filter((l) => l.order_no === orderNo).map((l) => [l.kind, Number(l.amount)]), [['charge', -1]]);
      assert.equal(ledger.filter((l) => l.kind === 'charge').length, placed.length);
      assert.equal(ledger.filter((l) => l.kind === 'refund').length, 0);
      const balance = await t.db.selectFrom('accounts').select('balance').where('key', '=', account.key).executeTakeFirstOrThrow();
      assert.equal(Number(balance.balance), 5 - placed.length);
      const orders = await t.db.selectFrom('orders').select(['order_no', 'state']).where('account_key', '=', account.key).execute();
      assert.deepEqual(orders.map((o) => o.state), placed.map(() => 'S'));
      // The worker marks the order S, then deletes its job row in a second statement (the job
      // handler knows nothing of the queue): wait for that delete rather than race it.
      const drainedBy = Date.now() + 30_000;
      let jobsLeft = (await t.db.selectFrom('report_jobs').selectAll().execute()).length;
      while (jobsLeft > 0 && Date.now() < drainedBy) {
        await new Promise((r) => setTimeout(r, 20));
        jobsLeft = (await t.db.selectFrom('report_jobs').selectAll().execute()).length;
      }
      assert.equal(jobsLeft, 0);

      const ts2 = String(Math.floor(Date.now() / 1000));
      const info = (await (await fetch(`${second.url}/Report/GetReportInfo?key=${account.key}&orderNo=${orderNo}`, {
        headers: { Token: computeToken(account.key, ts2, secretKey), Timespan: ts2 },
      })).json()) as { Result: { ReportStatus: string; ReportUrl: string } };
      assert.equal(info.Result.ReportStatus, 'S');
      const file = await fetch(second.url + info.Result.ReportUrl);
      assert.equal(file.status, 200);
      assert.equal(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      const files = fs.readdirSync(path.join(t.dataDir, 'reports'), { recursive: true }).map(String).filter((f) => f.includes(orderNo));
      assert.deepEqual(files.filter((f) => !f.endsWith('.meta.json')).length, 1, `one file for the order: ${files.join(', ')}`);

      // A graceful stop (SIGTERM) exits cleanly.
      const exited = new Promise<number | null>((resolve) => second.child.once('exit', (code) => resolve(code)));
      second.child.kill('SIGTERM');
      assert.equal(await exited, 0);
    });
  });
}
