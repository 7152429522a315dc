// Issue 15 item 16: the integration examples of docs/integration.md and /docs are complete
// programs, kept as files under docs/examples/, and each one orders, waits for and downloads a
// report from the real server. The shell one stops at a failed CreateReport.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoBanner } from '../src/cli/serve-command.js';
import { docsPage } from '../src/ops/docs-page.js';
import { BACKENDS, tempDir } from './support/databases.js';
import { findToolchain, run, SCALE_OUT_PASS, skipUnless, startRealServer, type RealServer, type ToolName } from './support/external-clients.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examplesDir = path.join(root, 'docs/examples');

interface Example {
  readonly file: string;
  readonly fence: string;
  readonly tool: ToolName;
  /** The command line after the toolchain's own arguments. */
  readonly argv: (company: string, out: string) => string[];
}

const EXAMPLES: readonly Example[] = [
  { file: 'report.sh', fence: 'sh', tool: 'bash', argv: (c, o) => [path.join(examplesDir, 'report.sh'), c, o] },
  { file: 'ReportExample.java', fence: 'java', tool: 'java', argv: (c, o) => [path.join(examplesDir, 'ReportExample.java'), c, o] },
  { file: 'report_example.py', fence: 'python', tool: 'python', argv: (c, o) => [path.join(examplesDir, 'report_example.py'), c, o] },
];

const read = (file: string) => fs.readFileSync(file, 'utf8');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the documented examples are the files that run', () => {
  for (const example of EXAMPLES) {
    it(`docs/integration.md and /docs show docs/examples/${example.file} verbatim`, () => {
      const source = read(path.join(examplesDir, example.file));
      assert.ok(read(path.join(root, 'docs/integration.md')).includes('```' + example.fence + '\n' + source + '```\n'), `docs/integration.md includes ${example.file} in a ${example.fence} block`);
      assert.ok(docsPage().includes(escapeHtml(source)), `/docs includes ${example.file}`);
    });
  }
});

// The HTTP layer is the subject here; the database underneath is SQLite's (the API suites cover
// both). The scale-out pass of .ci/run changes only the PostgreSQL engines, so it has nothing to add.
const backend = BACKENDS[0]!;
describe(`the documented examples against the real server (${backend.name})`, { skip: SCALE_OUT_PASS }, () => {
  let server: RealServer;
  let dir: string;
  before(async () => {
    server = await startRealServer(backend);
    dir = tempDir('zhengxin-examples-');
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("npm start's banner has a paste-ready command that orders, polls and downloads", { skip: skipUnless('bash') }, async () => {
    const banner = demoBanner(server.baseUrl, { key: server.key, secretKey: server.secretKey, companies: ['上海测试科技有限公司'], createdAccount: true }, dir);
    // What a reader pastes: from the line that sets the credentials to the heredoc's end.
    const pasted = /^ZHENGXIN_KEY=[\s\S]*^ZHENGXIN_SCRIPT$/m.exec(banner)?.[0];
    assert.ok(pasted, banner);
    assert.doesNotMatch(pasted, /!/, 'an interactive shell would expand `!` from its history');
    const cwd = fs.mkdtempSync(path.join(dir, 'banner-'));
    const clean = { ZHENGXIN_KEY: '', ZHENGXIN_SECRET_KEY: '', ZHENGXIN_BASE_URL: '' };
    const result = await run('bash', ['-c', pasted], { env: clean, cwd });
    assert.equal(result.code, 0, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.equal(result.stdout.trim(), 'report.pdf');
    assert.equal(fs.readFileSync(path.join(cwd, 'report.pdf')).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  for (const example of EXAMPLES) {
    it(`${example.file} orders a report by name, waits for it and downloads the PDF`, { skip: skipUnless(example.tool) }, async () => {
      const tool = findToolchain(example.tool)!;
      const out = path.join(dir, `${example.file}.pdf`);
      const result = await run(tool.command, [...tool.args, ...example.argv('上海测试科技有限公司', out)], { env: server.env, cwd: dir });
      assert.equal(result.code, 0, `${example.file} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
      assert.equal(result.stdout.trim(), out);
      assert.match(result.stderr, /ordered [0-9a-f]{32}/);
      assert.equal(fs.readFileSync(out).subarray(0, 5).toString('latin1'), '%PDF-');
    });

    it(`${example.file} stops with the server's answer when CreateReport fails`, { skip: skipUnless(example.tool) }, async () => {
      const tool = findToolchain(example.tool)!;
      const out = path.join(dir, `${example.file}-missing.pdf`);
      const result = await run(tool.command, [...tool.args, ...example.argv('不存在的公司有限公司', out)], { env: server.env, cwd: dir });
      assert.notEqual(result.code, 0, `${example.file} must fail\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
      assert.match(result.stderr, /CreateReport failed: .*201/);
      assert.doesNotMatch(result.stderr, /ordered|GetReportInfo/);
      assert.equal(fs.existsSync(out), false);
    });
  }
});
