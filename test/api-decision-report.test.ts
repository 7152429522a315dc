import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reportRenderCommand } from '../src/cli/report-commands.js';
import { documentedExampleCompany } from '../src/companies/demo-companies.js';
import { upsertCompanies } from '../src/companies/store.js';
import { loadConfig } from '../src/config.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';
import { pdfPages, squash } from './render-support.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Body = { Status: string; Result: Record<string, string | null> | null };
type Verdict = { recommendation: string; recommendationText: string; creditLine: number | null; creditLineText: string; term: string; policy: { name: string; version: string }; rules: Array<{ id: string; outcome: string; decisive: boolean }> };

/** The shipped default with a new name and version, and `insufficient-data` no longer a hard rejection. */
function lenientPolicyFile(dir: string): string {
  const text = fs.readFileSync(path.join(repo, 'docs/decision-policy.default.yaml'), 'utf8')
    .replace('name: zhengxin-default', 'name: bank-lenient')
    .replace('version: "2026.12"', 'version: "7"')
    .replace('  - insufficient-data           # 数据不足，不予评级 (scorecard v2 coverage rule)\n', '');
  const file = path.join(dir, 'lenient.yaml');
  fs.writeFileSync(file, text);
  return file;
}

async function decisionOf(api: TestApi, format: '1' | '3'): Promise<{ verdict?: Verdict; pdfText?: string }> {
  const creds = await api.account({ reportTypes: [1, 2], balance: 10 });
  api.clock.set(Date.now());
  const body = (await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.name, reportType: '2', reportFormat: format } })).json() as Body;
  assert.equal(body.Status, '200', JSON.stringify(body));
  const info = await waitForOrder(api, creds, body.Result!.OrderNo!);
  assert.equal(info.ReportStatus, 'S', JSON.stringify(info));
  const file = await api.app.inject({ method: 'GET', url: info.ReportUrl as string });
  if (format === '3') return { verdict: (JSON.parse(file.rawPayload.toString('utf8')) as { decision: Verdict }).decision };
  return { pdfText: squash(pdfPages(new Uint8Array(file.rawPayload)).join('\n')) };
}

for (const backend of BACKENDS) {
  describe(`decision report end to end on ${backend.name}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-decision-e2e-'));
    let shipped: TestApi;
    let lenient: TestApi;
    before(async () => {
      shipped = await startTestApi(backend);
      await shipped.startWorkers();
      lenient = await startTestApi(backend, { ZHENGXIN_DECISION_POLICY: lenientPolicyFile(dir) });
      await lenient.startWorkers();
    });
    after(async () => {
      await shipped.close();
      await lenient.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('the operator\'s policy decides: 数据不足 declines under the default, and is 审慎准入 once the bank drops that hard rejection', async () => {
      const { verdict: strict } = await decisionOf(shipped, '3');
      assert.equal(strict!.recommendation, 'decline');
      assert.deepEqual(strict!.policy, { name: 'zhengxin-default', version: '2026.12' });
      assert.ok(strict!.rules.some((r) => r.id === 'insufficient-data' && r.outcome === 'decline' && r.decisive));
      assert.equal(strict!.creditLine, null);

      const { verdict: relaxed } = await decisionOf(lenient, '3');
      assert.deepEqual(relaxed!.policy, { name: 'bank-lenient', version: '7' });
      assert.equal(relaxed!.rules.some((r) => r.id === 'insufficient-data'), false);
      assert.equal(relaxed!.recommendation, 'review', 'not rated: never 建议准入');
    });

    it('the PDF prints what the JSON says: the recommendation, the credit line, the policy\'s name and version', async () => {
      const { verdict } = await decisionOf(lenient, '3');
      const { pdfText } = await decisionOf(lenient, '1');
      for (const text of ['企业信用决策报告', `决策建议：${verdict!.recommendationText}`, verdict!.creditLineText, 'bank-lenient（版本7）']) {
        assert.ok(pdfText!.includes(squash(text)), `PDF has ${text}`);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`zhengxin report render --type decision on ${backend.name}`, () => {
    it('uses the operator\'s policy from ZHENGXIN_DECISION_POLICY, as the service does', async () => {
      const t = await backend.open();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-decision-cli-'));
      try {
        const doc = documentedExampleCompany();
        await upsertCompanies(t.db, [doc], { now: '2026-06-30T00:00:00.000Z' });
        const env = { ZHENGXIN_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '', ZHENGXIN_DECISION_POLICY: lenientPolicyFile(dir) };
        const out = path.join(dir, 'decision.json');
        const stderr = new PassThrough();
        const code = await reportRenderCommand.run({ config: loadConfig(env), argv: ['--company', doc.uscc!, '--type', 'decision', '--format', 'json', '--out', out], env, stdout: new PassThrough(), stderr, stdin: new PassThrough() });
        assert.equal(code, 0, String(stderr.read() ?? ''));
        const data = JSON.parse(fs.readFileSync(out, 'utf8')) as { decision: Verdict };
        assert.deepEqual(data.decision.policy, { name: 'bank-lenient', version: '7' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await t.cleanup();
      }
    });
  });
}
