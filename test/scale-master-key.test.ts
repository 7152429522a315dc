import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../src/accounts/accounts.js';
import { parseMasterKey, secretBox } from '../src/accounts/secrets.js';
import { BACKENDS, tempDir, type TestDatabase } from './support/databases.js';
import { freePort } from './support/redis.js';
import { newMasterKeyHex } from './support/scale-cluster.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');
const postgres = BACKENDS.find((b) => b.name === 'postgres');
/** A start that refuses does so after migrations: bounded generously for a busy machine. */
const EXIT_BOUND_MS = 90_000;

interface Run { code: number | null; stdout: string; stderr: string; readyz: number[] }

/**
 * Runs `zhengxin …` as an operator would, with only the given environment; for `serve`, polls
 * /readyz meanwhile (a refusing server must never answer it) and stops the process once it answered.
 */
async function zhengxin(args: string[], env: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyz: number[] = [];
  const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_BOUND_MS);
  if (args[0] === 'serve') {
    let done = false;
    void exited.then(() => { done = true; });
    while (!done) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5_000) });
        readyz.push(res.status);
        child.kill('SIGTERM');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  const code = await exited;
  clearTimeout(killer);
  return { code, stdout, stderr, readyz };
}

describe('the master key in scale-out mode (a shared PostgreSQL database)', { skip: postgres ? false : 'needs PostgreSQL (ZHENGXIN_TEST_POSTGRES_URL)' }, () => {
  let t: TestDatabase;
  const masterKey = newMasterKeyHex();
  let dataDir: string;
  before(async () => {
    t = await postgres!.open();
    dataDir = tempDir('zhengxin-key-');
    await createAccount(t.db, secretBox(parseMasterKey(masterKey)), { name: '密钥测试银行' }, Date.now());
  });
  after(async () => {
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start an API process without ZHENGXIN_MASTER_KEY: clear message, non-zero exit, no generated key, never ready', async () => {
    const run = await zhengxin(['serve', '--role', 'api'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /ZHENGXIN_MASTER_KEY is not set\. With DATABASE_URL/);
    assert.deepEqual(run.readyz, [], 'the refusing process answered /readyz');
    assert.equal(fs.existsSync(path.join(dataDir, 'master.key')), false, 'a key file was generated');
  });

  it('refuses a worker process with a key that does not open the stored SecretKeys, naming the account', async () => {
    const run = await zhengxin(['serve', '--role', 'worker'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: newMasterKeyHex() });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /ZHENGXIN_MASTER_KEY does not open the stored SecretKey of account [0-9a-f]{32}/);
    assert.deepEqual(run.readyz, []);
  });

  it('starts with the right key and reports it in /readyz', async () => {
    const run = await zhengxin(['serve', '--role', 'api'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey });
    assert.deepEqual(run.readyz, [200], run.stderr);
    assert.equal(run.code, 0, run.stderr);
  });

  it('refuses `accounts create` without the key, or with a wrong one, and creates nothing', async () => {
    const before = await t.db.selectFrom('accounts').select('key').execute();
    const missing = await zhengxin(['accounts', 'create', '--name', '无密钥银行'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ZHENGXIN_MASTER_KEY is not set/);
    const wrong = await zhengxin(['accounts', 'create', '--name', '错密钥银行'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: newMasterKeyHex() });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /does not open the stored SecretKey/);
    assert.equal((await t.db.selectFrom('accounts').select('key').execute()).length, before.length);
    assert.equal(fs.existsSync(path.join(dataDir, 'master.key')), false);
    const right = await zhengxin(['accounts', 'create', '--name', '有密钥银行', '--json'], { DATABASE_URL: t.databaseUrl!, ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey });
    assert.equal(right.code, 0, right.stderr);
    const created = JSON.parse(right.stdout) as { key: string; secretKey: string };
    const row = await t.db.selectFrom('accounts').select('secret_enc').where('key', '=', created.key).executeTakeFirstOrThrow();
    assert.equal(secretBox(parseMasterKey(masterKey)).open(created.key, row.secret_enc), created.secretKey);
  });
});

describe('the master key in embedded mode (SQLite) is unchanged', () => {
  it('`accounts create` without ZHENGXIN_MASTER_KEY generates <data dir>/master.key and seals with it', async () => {
    const dir = tempDir('zhengxin-embedded-key-');
    try {
      const run = await zhengxin(['accounts', 'create', '--name', '嵌入式银行', '--json'], { ZHENGXIN_DATA_DIR: dir });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /generated a master key for SecretKeys/);
      assert.ok(fs.existsSync(path.join(dir, 'master.key')));
      const again = await zhengxin(['accounts', 'list', '--json'], { ZHENGXIN_DATA_DIR: dir });
      assert.equal(again.code, 0, again.stderr);
      assert.equal((JSON.parse(again.stdout) as unknown[]).length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
