import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { createAccount } from '../src/accounts/accounts.js';
import { resealSecretKeys } from '../src/accounts/master-key-rotation.js';
import { secretBox } from '../src/accounts/secrets.js';
import type { Command } from '../src/cli/command.js';
import { accountsReencryptCommand, jobsRequeueCommand } from '../src/cli/scale-commands.js';
import { loadConfig } from '../src/config.js';
import { countOutbox } from '../src/queue/job-outbox.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { REDIS_UNAVAILABLE, startRedis, uniqueQueueName, type TestRedis } from './support/redis.js';

async function run(command: Command, t: TestDatabase, env: Record<string, string>): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const fullEnv = { ZHENGXIN_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '', ...env };
  const code = await command.run({ config: loadConfig(fullEnv), argv: [], env: fullEnv, stdout, stderr: new PassThrough(), stdin: new PassThrough() });
  return { code, out };
}

for (const backend of BACKENDS) {
  describe(`master-key rotation on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('re-seals every SecretKey under the new key, which opens them to the same values', async () => {
      const oldKey = crypto.randomBytes(32);
      const newKey = crypto.randomBytes(32);
      const made = [
        await createAccount(t.db, secretBox(oldKey), { name: '甲银行' }, Date.now()),
        await createAccount(t.db, secretBox(oldKey), { name: '乙银行' }, Date.now()),
      ];
      const result = await run(accountsReencryptCommand, t, { ZHENGXIN_OLD_MASTER_KEY: oldKey.toString('hex'), ZHENGXIN_MASTER_KEY: newKey.toString('base64') });
      assert.equal(result.code, 0);
      assert.match(result.out, /re-sealed the SecretKeys of 2 accounts/);
      for (const { account, secretKey } of made) {
        const row = await t.db.selectFrom('accounts').select('secret_enc').where('key', '=', account.key).executeTakeFirstOrThrow();
        assert.equal(secretBox(newKey).open(account.key, row.secret_enc), secretKey);
        assert.throws(() => secretBox(oldKey).open(account.key, row.secret_enc));
      }
      await t.db.deleteFrom('account_ledger').execute();
      await t.db.deleteFrom('accounts').execute();
    });

    it('changes nothing and names the account when the old key is wrong', async () => {
      const realKey = crypto.randomBytes(32);
      const { account } = await createAccount(t.db, secretBox(realKey), { name: '丙银行' }, Date.now());
      const before = await t.db.selectFrom('accounts').select('secret_enc').where('key', '=', account.key).executeTakeFirstOrThrow();
      await assert.rejects(
        resealSecretKeys(t.db, secretBox(crypto.randomBytes(32)), secretBox(crypto.randomBytes(32)), new Date().toISOString()),
        new RegExp(`account ${account.key} does not open with the old master key`),
      );
      const afterwards = await t.db.selectFrom('accounts').select('secret_enc').where('key', '=', account.key).executeTakeFirstOrThrow();
      assert.equal(afterwards.secret_enc, before.secret_enc);
      await t.db.deleteFrom('account_ledger').execute();
      await t.db.deleteFrom('accounts').execute();
    });
  });
}

describe('jobs requeue after a lost Redis', { skip: REDIS_UNAVAILABLE }, () => {
  let redis: TestRedis;
  before(async () => { redis = await startRedis(); });
  after(async () => { await redis?.close(); });

  for (const backend of BACKENDS) {
    it(`queues every P order without a live job, revives one from the failed set, and says so (${backend.name})`, async () => {
      const t = await backend.open();
      const queueName = uniqueQueueName('zx-requeue');
      const queue = new Queue(queueName, { connection: { url: redis.url } });
      try {
        const { account } = await createAccount(t.db, secretBox(crypto.randomBytes(32)), { name: '丁银行' }, Date.now());
        const order = (orderNo: string, state: string) => ({
          order_no: orderNo, account_key: account.key, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf',
          state, price: 1, created_at: new Date().toISOString(), finished_at: null, expires_at: null, retrieve_code: null,
          blob_key: null, file_size: null, fail_reason: null,
        });
        const suffix = crypto.randomBytes(4).toString('hex');
        const lost = [`requeue-p1-${suffix}`, `requeue-p2-${suffix}`];
        const failed = `requeue-failed-${suffix}`;
        const waiting = `requeue-waiting-${suffix}`;
        await t.db.insertInto('orders').values([order(lost[0]!, 'P'), order(lost[1]!, 'P'), order(failed, 'P'), order(waiting, 'P'), order(`requeue-s-${suffix}`, 'S')]).execute();
        // One job in BullMQ's failed set (all attempts spent), then one waiting (live).
        await queue.add('report', { orderNo: failed }, { jobId: failed, attempts: 1 });
        const failer = new Worker(queueName, async () => { throw new Error('attempt failed'); }, { connection: { url: redis.url }, autorun: false });
        const failedNow = new Promise((resolve) => failer.on('failed', resolve));
        void failer.run();
        await failedNow;
        await failer.close();
        assert.equal(await queue.getJobState(failed), 'failed');
        await queue.add('report', { orderNo: waiting }, { jobId: waiting });

        const result = await run(jobsRequeueCommand, t, { REDIS_URL: redis.url, ZHENGXIN_QUEUE_NAME: queueName });
        assert.equal(result.code, 0, result.out);
        assert.match(result.out, /4 P orders checked .*: 1 have a live job; queued again 2 that had no job in Redis; revived 1 from BullMQ's failed set/);
        assert.equal(await countOutbox(t.db), 0);
        for (const orderNo of [...lost, failed]) assert.equal(await queue.getJobState(orderNo), 'waiting', orderNo);
        assert.equal(await queue.getJob(`requeue-s-${suffix}`), undefined);
        const revivals = await t.db.selectFrom('job_revivals').select('revivals').where('order_no', '=', failed).executeTakeFirstOrThrow();
        assert.equal(Number(revivals.revivals), 1);
      } finally {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
        await t.cleanup();
      }
    });
  }
});
