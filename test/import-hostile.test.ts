/**
 * Lines that used to import but could never be served (issue 15 items 1-4): a byte-order mark,
 * nesting 100,000 deep, numbers JSON.parse cannot keep, another company's keyNo. Through the real
 * CLI on both backends, and a BOM line ordered and rendered on the real server.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCompanies } from '../src/companies/import.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { startTestApi, waitForOrder, type TestApi } from './support/server.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');
interface Run { code: number | null; stdout: string; stderr: string }

function zhengxin(t: TestDatabase, args: string[], stdin: string | Buffer = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: t.dataDir };
    if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const BOM = '\ufeff';
const company = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `宁波加固测试${'甲乙丙丁戊己庚辛'[n]}有限公司`,
  uscc: completeUscc(`91330200HD00000${n}`),
  companyType: '有限责任公司',
  status: '存续',
  establishedOn: '2016-05-04',
  registeredCapital: { amount: 5_000_000, currency: 'CNY' },
  ...extra,
});
const line = (v: unknown) => `${JSON.stringify(v)}\n`;
type Summary = { imported: number; updated: number; unchanged: number; rejected: number; bomStripped?: number; errors: Array<{ line: number; reason: string }> };

for (const backend of BACKENDS) {
  describe(`hostile import lines on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('strips a leading byte-order mark, counts it, and stores a document that parses back', async () => {
      // Two lines with a BOM (the file's and a second file's, concatenated), one without.
      const input = BOM + line(company(0)) + BOM + line(company(1)) + line(company(2));
      const run = await zhengxin(t, ['data', 'import', '-'], input);
      assert.equal(run.code, 0, run.stderr);
      const summary = JSON.parse(run.stdout) as Summary;
      assert.deepEqual({ ...summary, errors: summary.errors.length }, { imported: 3, updated: 0, unchanged: 0, rejected: 0, bomStripped: 2, errors: 0 });
      const shown = await zhengxin(t, ['company', 'show', company(0).uscc, '--json']);
      assert.equal(shown.code, 0, shown.stderr);
      assert.equal(JSON.parse(shown.stdout).name, company(0).name);
      const again = await zhengxin(t, ['data', 'import', '-'], BOM + line(company(0)));
      assert.equal(JSON.parse(again.stdout).unchanged, 1, again.stdout);
    });

    it('refuses deep nesting, non-finite numbers and integers beyond 2^53 per line, naming the field', async () => {
      const deep = `{"name":"宁波加固深层有限公司","companyType":"有限责任公司","status":"存续","establishedOn":"2016-05-04","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`;
      const infinite = line(company(3)).replace('5000000', '1e400');
      const huge = line(company(4)).replace('5000000', '9223372036854775808');
      const hugeInsured = line(company(5, { insuredCount: 2 ** 53 + 2 }));
      const fine = line(company(6));
      const run = await zhengxin(t, ['data', 'import', '-'], deep + infinite + huge + hugeInsured + fine);
      assert.equal(run.code, 0, run.stderr);
      const summary = JSON.parse(run.stdout) as Summary;
      assert.equal(summary.imported, 1);
      assert.equal(summary.rejected, 4);
      const reasons = Object.fromEntries(summary.errors.map((e) => [e.line, e.reason]));
      assert.match(reasons[1]!, /^\/extra(\/0){31} nests deeper than 32 levels$/);
      assert.match(reasons[2]!, /^\/registeredCapital\/amount is a number out of range \(Infinity/);
      assert.match(reasons[3]!, /^\/registeredCapital\/amount is a whole number beyond ±2\^53/);
      assert.match(reasons[4]!, /^\/insuredCount is a whole number beyond ±2\^53/);
      for (const n of [3, 4, 5]) {
        const shown = await zhengxin(t, ['company', 'show', company(n).uscc]);
        assert.equal(shown.code, 1, `company ${n} must not be stored`);
      }
    });

    it("refuses a line carrying another company's keyNo unless --replace is given", async () => {
      const first = await zhengxin(t, ['data', 'import', '-'], line(company(7)));
      assert.equal(JSON.parse(first.stdout).imported, 1, first.stdout);
      const stored = JSON.parse((await zhengxin(t, ['company', 'show', company(7).uscc, '--json'])).stdout) as { keyNo: string };
      // Company 0's document, carrying company 7's KeyNo.
      const impostor = line({ ...company(0), name: '宁波冒名顶替有限公司', uscc: completeUscc('91330200HD000099'), keyNo: stored.keyNo });
      const refused = JSON.parse((await zhengxin(t, ['data', 'import', '-'], impostor)).stdout) as Summary;
      assert.equal(refused.rejected, 1);
      assert.match(refused.errors[0]!.reason, new RegExp(`^keyNo ${stored.keyNo} belongs to the stored company with uscc ${company(7).uscc}, and this line has uscc .*--replace`));
      const still = await zhengxin(t, ['company', 'show', company(7).uscc, '--json']);
      assert.equal(JSON.parse(still.stdout).name, company(7).name);
      // The same company under its own KeyNo, with new data, is an ordinary update.
      const update = JSON.parse((await zhengxin(t, ['data', 'import', '-'], line({ ...company(7), keyNo: stored.keyNo, legalRep: '李四' }))).stdout) as Summary;
      assert.equal(update.updated, 1, JSON.stringify(update));
      const replaced = JSON.parse((await zhengxin(t, ['data', 'import', '-', '--replace'], impostor)).stdout) as Summary;
      assert.equal(replaced.updated, 1, JSON.stringify(replaced));
      const now = await zhengxin(t, ['company', 'show', stored.keyNo, '--json']);
      assert.equal(JSON.parse(now.stdout).name, '宁波冒名顶替有限公司');
    });
  });

  describe(`a line with a byte-order mark is served on the real server (${backend.name})`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    it('imports, orders and renders to S', async () => {
      const summary = await importCompanies(api.db.db, [Buffer.from(BOM + line(company(0)))], { workers: 1 });
      assert.equal(summary.imported, 1, JSON.stringify(summary));
      assert.equal(summary.bomStripped, 1);
      const creds = await api.account();
      api.clock.set(Date.now());
      const body = (await api.call('CreateReport', { ...creds, params: { keyNo: company(0).uscc } })).json() as { Status: string; Result: { OrderNo: string } };
      assert.equal(body.Status, '200', JSON.stringify(body));
      const result = await waitForOrder(api, creds, body.Result.OrderNo);
      assert.equal(result.ReportStatus, 'S', JSON.stringify(result));
    });
  });
}
