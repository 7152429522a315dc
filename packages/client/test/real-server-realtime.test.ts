// zhengxin-client's monitoring, batch and idempotency commands against the real zhengxin server
// (src/app.ts) on each database backend, the way real-server.test.ts loads it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../src/cli/main.js';
import { ReportApiError, ReportClient } from '../src/index.js';

interface TestApi {
  readonly app: { listen(options: { port: number; host: string }): Promise<string> };
  readonly clock: { set(ms: number): void; now(): number };
  readonly db: { db: unknown };
  account(input?: Record<string, unknown>): Promise<{ key: string; secretKey: string }>;
  close(): Promise<void>;
}
interface ServerSupport {
  startTestApi(backend: unknown, env?: Record<string, string>): Promise<TestApi>;
  TEST_COMPANIES: Record<'ordinary' | 'hostile' | 'uncovered', { name: string; uscc: string }>;
}

const repositoryRoot = new URL('../../../../', import.meta.url);
const { startTestApi, TEST_COMPANIES } = (await import(new URL('dist/test/support/server.js', repositoryRoot).href)) as ServerSupport;
const { updateAccount } = (await import(new URL('dist/src/accounts/accounts.js', repositoryRoot).href)) as {
  updateAccount(db: unknown, key: string, patch: Record<string, unknown>, now: number, registry: unknown): Promise<unknown>;
};
const { INTERFACE_REGISTRY } = (await import(new URL('dist/src/protocol/catalogue.js', repositoryRoot).href)) as { INTERFACE_REGISTRY: unknown };
const { BACKENDS } = (await import(new URL('dist/test/support/databases.js', repositoryRoot).href)) as { BACKENDS: ReadonlyArray<{ name: string }> };

function buffer(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk: Buffer, _encoding, callback) { chunks.push(Buffer.from(chunk)); callback(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

for (const backend of BACKENDS) {
  describe(`zhengxin-client monitor, batch and --idempotency-key against the real server (${backend.name})`, () => {
    let api: TestApi;
    let env: Record<string, string>;
    let dir: string;
    let sdk: ReportClient;

    before(async () => {
      api = await startTestApi(backend);
      const creds = await api.account({ balance: 20 });
      await updateAccount(api.db.db, creds.key, { interfaces: 'all' }, api.clock.now(), INTERFACE_REGISTRY);
      const baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
      env = { ZHENGXIN_KEY: creds.key, ZHENGXIN_SECRET_KEY: creds.secretKey, ZHENGXIN_BASE_URL: baseUrl };
      sdk = new ReportClient({ key: creds.key, secretKey: creds.secretKey, baseUrl });
      dir = await mkdtemp(path.join(tmpdir(), 'zhengxin-client-realtime-'));
    });
    after(async () => {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function cli(args: string[]) {
      api.clock.set(Date.now()); // the test server's clock is a manual one
      const stdout = buffer();
      const stderr = buffer();
      const code = await runCli([...args, '--quiet'], { env, stdout: stdout.stream, stderr: stderr.stream, homeDir: dir, cwd: dir });
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    }

    it('monitor add, add again, list, events, remove, remove again', async () => {
      assert.deepEqual(await cli(['monitor', 'add', TEST_COMPANIES.ordinary.uscc]), { code: 0, stdout: 'added\n', stderr: '' });
      assert.equal((await cli(['monitor', 'add', TEST_COMPANIES.ordinary.uscc])).stdout, 'already watched\n');
      const listed = await cli(['monitor', 'list']);
      assert.equal(listed.code, 0, listed.stderr);
      const lines = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { KeyNo: string });
      assert.equal(lines.length, 1);
      const events = await cli(['monitor', 'events']);
      assert.equal(events.code, 0, events.stderr);
      assert.match(events.stderr, /^next \S+\n$/);
      assert.deepEqual(await cli(['monitor', 'remove', TEST_COMPANIES.ordinary.uscc]), { code: 0, stdout: 'removed\n', stderr: '' });
      assert.equal((await cli(['monitor', 'remove', TEST_COMPANIES.ordinary.uscc])).stdout, 'not watched\n');
      assert.equal((await cli(['monitor', 'list'])).stdout, '');
      assert.equal((await cli(['monitor', 'frobnicate'])).code, 2);
    });

    it('SDK: monitorAdd, monitorList (paged), monitorRemove, and getBatchInfo of a createBatch', async () => {
      api.clock.set(Date.now());
      const companies = [TEST_COMPANIES.ordinary, TEST_COMPANIES.hostile];
      const keyNos: string[] = [];
      for (const c of companies) {
        const added = await sdk.monitorAdd(c.uscc);
        assert.equal(added.Added, true);
        keyNos.push(String(added.KeyNo));
      }
      assert.equal((await sdk.monitorAdd(companies[0]!.uscc)).Added, false, 'already watched');
      const first = await sdk.monitorList({ pageIndex: 1, pageSize: 1 });
      const second = await sdk.monitorList({ pageIndex: 2, pageSize: 1 });
      assert.deepEqual([first.total, first.pageIndex, first.pageSize, first.items.length, second.total, second.pageIndex, second.items.length], [2, 1, 1, 1, 2, 2, 1]);
      assert.deepEqual([...first.items, ...second.items].map((i) => i.KeyNo).sort(), [...keyNos].sort(), 'the two pages hold the two watched companies, once each');
      assert.equal(await sdk.monitorRemove(keyNos[0]!), true, 'removed by KeyNo');
      assert.equal(await sdk.monitorRemove(companies[0]!.uscc), false, 'not watched any more (201)');
      const left = await sdk.monitorList();
      assert.deepEqual(left.items.map((i) => i.KeyNo), [keyNos[1]]);
      assert.equal(await sdk.monitorRemove(companies[1]!.uscc), true);
      assert.deepEqual((await sdk.monitorList()).items, [], 'an empty list is an empty page');

      const batch = await sdk.createBatch([TEST_COMPANIES.ordinary.uscc, 'no such company at all 54321']);
      const info = await sdk.getBatchInfo(batch.BatchNo);
      assert.equal(info.BatchNo, batch.BatchNo);
      assert.deepEqual([info.Total, info.Pending, info.Succeeded, info.Failed], [2, 1, 0, 0], 'no worker runs here: the ordered item is P');
      const items = info.Items as Array<{ OrderNo: string | null; Status: string; ReportStatus: string | null }>;
      assert.deepEqual(items.map((i) => [i.Status, i.ReportStatus]), [['200', 'P'], ['201', null]]);
      assert.equal(items[0]!.OrderNo, batch.Items[0]!.OrderNo);
      await assert.rejects(sdk.getBatchInfo('f'.repeat(32)), (err: unknown) => err instanceof ReportApiError && err.status === '201', 'an unknown batch is an API error');
    });

    it('batch from arguments and from a file prints the BatchNo and each item (a refused one with its status)', async () => {
      const file = path.join(dir, 'companies.txt');
      await writeFile(file, `# companies\n${TEST_COMPANIES.ordinary.uscc}\n\nno such company at all 12345\n`);
      const answer = await cli(['batch', '--file', file]);
      assert.equal(answer.code, 0, answer.stderr);
      const [batchNo, ordered, refused, ...rest] = answer.stdout.trim().split('\n');
      assert.ok(batchNo && batchNo.trim() !== '' && !batchNo.includes(' '), answer.stdout);
      assert.match(ordered!, new RegExp(`^${TEST_COMPANIES.ordinary.uscc} \\S+$`));
      assert.match(refused!, /^no such company at all 12345 refused 201/);
      assert.deepEqual(rest, []);
      assert.match(answer.stderr, /1 of 2 ordered/);
      // batch-info (the SDK's getBatchInfo): each item with its order's state; no worker runs here, so P.
      const orderNo = ordered!.split(' ')[1]!;
      const info = await cli(['batch-info', batchNo]);
      assert.equal(info.code, 0, info.stderr);
      assert.deepEqual(info.stdout.trim().split('\n'), [`${TEST_COMPANIES.ordinary.uscc} ${orderNo} P`, 'no such company at all 12345 refused 201']);
      assert.equal(info.stderr, '2 items: 1 P, 0 S, 0 F\n');
      assert.equal((await cli(['batch-info', 'f'.repeat(32)])).code, 3, 'an unknown batch is an API error');
      assert.equal((await cli(['batch-info'])).code, 2);
      const fromArgs = await cli(['batch', TEST_COMPANIES.ordinary.name]);
      assert.equal(fromArgs.code, 0, fromArgs.stderr);
      assert.equal(fromArgs.stdout.trim().split('\n').length, 2);
      assert.equal((await cli(['batch'])).code, 2);
    });

    it('report --idempotency-key gives the same order on a repeat; a malformed key is refused before sending', async () => {
      const first = await cli(['report', TEST_COMPANIES.ordinary.uscc, '--no-wait', '--idempotency-key', 'order-42']);
      assert.equal(first.code, 0, first.stderr);
      const again = await cli(['report', TEST_COMPANIES.ordinary.uscc, '--no-wait', '--idempotency-key', 'order-42']);
      assert.equal(again.stdout, first.stdout);
      const other = await cli(['report', TEST_COMPANIES.ordinary.uscc, '--no-wait', '--idempotency-key', 'order-43']);
      assert.notEqual(other.stdout, first.stdout);
      const reused = await cli(['report', TEST_COMPANIES.ordinary.uscc, '--format', 'word', '--no-wait', '--idempotency-key', 'order-42']);
      assert.equal(reused.code, 3, reused.stderr);
      assert.equal((await cli(['report', TEST_COMPANIES.ordinary.uscc, '--no-wait', '--idempotency-key', 'bad key!'])).code, 2);
    });
  });
}
