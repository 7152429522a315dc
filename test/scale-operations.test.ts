import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { createAccount } from '../src/accounts/accounts.js';
import { resealSecretKeys } from '../src/accounts/master-key-rotation.js';
import { secretBox } from '../src/accounts/secrets.js';
import type { Command } from '../src/cli/command.js';
import { accountsReencryptCommand, jobsRequeueCommand } from '../src/cli/scale-commands.js';
import { loadConfig } from '../src/config.js';
import { DEFAULT_QUEUE_NAME } from '../src/queue/bullmq-queue.js';
import { countOutbox } from '../src/queue/job-outbox.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { REDIS_UNAVAILABLE, startRedis, type TestRedis } from './support/redis.js';

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
    it(`queues every P order again, and only P orders (${backend.name})`, async () => {
      const t = await backend.open();
      const queue = new Queue(DEFAULT_QUEUE_NAME, { connection: { url: redis.url } });
      try {
        const { account } = await createAccount(t.db, secretBox(crypto.randomBytes(32)), { name: '丁银行' }, Date.now());
        const order = (orderNo: string, state: string) => ({
          order_no: orderNo, account_key: account.key, key_no: 'k', company_name: '某公司', credit_code: null, report_format: 'pdf',
          state, price: 1, created_at: new Date().toISOString(), finished_at: null, expires_at: null, retrieve_code: null,
          blob_key: null, file_size: null, fail_reason: null,
        });
        const suffix = crypto.randomBytes(4).toString('hex');
        const pending = [`requeue-p1-${suffix}`, `requeue-p2-${suffix}`];
        await t.db.insertInto('orders').values([order(pending[0]!, 'P'), order(pending[1]!, 'P'), order(`requeue-s-${suffix}`, 'S')]).execute();
        const result = await run(jobsRequeueCommand, t, { REDIS_URL: redis.url });
        assert.equal(result.code, 0);
        assert.match(result.out, /queued 2 pending orders again; relayed 2 outbox rows/);
        assert.equal(await countOutbox(t.db), 0);
        for (const orderNo of pending) assert.equal((await queue.getJob(orderNo))?.data.orderNo, orderNo);
        assert.equal(await queue.getJob(`requeue-s-${suffix}`), undefined);
        for (const orderNo of pending) await queue.remove(orderNo);
      } finally {
        await queue.close();
        await t.cleanup();
      }
    });
  }
});
