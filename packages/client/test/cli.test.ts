// The `zhengxin-client` command: in-process for the many cases, as a real process (the bin, and
// `npx` from the repository root) for the launcher and exit codes.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';
import { FAILING_KEY_NO, FaultServer } from './support/fault-server.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const repositoryRoot = path.resolve(packageDir, '../..');

function buffer(): { stream: Writable; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('zhengxin-client CLI', () => {
  let server: FaultServer;
  let home: string;
  let env: Record<string, string>;
  before(async () => {
    server = await FaultServer.start({ pendingPolls: 1 });
    home = await mkdtemp(path.join(tmpdir(), 'zhengxin-cli-'));
    env = { ZHENGXIN_KEY: server.key, ZHENGXIN_SECRET_KEY: server.secretKey, ZHENGXIN_BASE_URL: server.url };
  });
  after(async () => {
    await server.close();
    await rm(home, { recursive: true, force: true });
  });

  async function cli(args: string[], environment: Record<string, string> = env) {
    const stdout = buffer();
    const stderr = buffer();
    const code = await runCli(args, { env: environment, stdout: stdout.stream, stderr: stderr.stream, homeDir: home });
    return { code, stdout: stdout.text(), stderr: stderr.text(), stdoutBytes: stdout.bytes() };
  }

  it('report --no-wait prints the order number and nothing else', async () => {
    const { code, stdout } = await cli(['report', '测试有限公司', '--no-wait']);
    assert.equal(code, 0);
    assert.match(stdout, /^[0-9a-f]{32}\n$/);
  });

  it('report waits with a progress line on stderr, downloads and prints the path', async () => {
    const out = path.join(home, 'r.docx');
    const { code, stdout, stderr } = await cli(['report', '测试有限公司', '--format', 'word', '--out', out]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `${out}\n`);
    assert.match(stderr, /report [0-9a-f]{32}: pending, \d+ s elapsed, next check in \d+ s/);
    assert.deepEqual(await readFile(out), server.reportBytes);
    assert.equal(server.requestsTo('CreateReport').at(-1)!.params.reportFormat, '2');
  });

  it('status and download --out - (stdout) work on an existing order', async () => {
    const notReady = await cli(['download', server.addOrder(), '--out', '-']);
    assert.equal(notReady.code, 5);
    assert.match(notReady.stderr, /not ready yet/);
    const orderNo = server.addOrder();
    assert.deepEqual(await cli(['status', orderNo]).then((r) => [r.code, r.stdout]), [0, 'P\n']);
    const ready = await cli(['status', orderNo]);
    assert.equal(ready.stdout, `S ${server.retrieveUrlOf(orderNo)}\n`);
    const { code, stdoutBytes } = await cli(['download', orderNo, '--out', '-', '--quiet']);
    assert.equal(code, 0);
    assert.deepEqual(stdoutBytes, server.reportBytes);
  });

  it('download without --out writes ORDERNO.pdf in the working directory, as the README says', async () => {
    const orderNo = server.addOrder();
    await cli(['status', orderNo]);
    const cwd = await mkdtemp(path.join(home, 'cwd-'));
    const stdout = buffer();
    const stderr = buffer();
    const code = await runCli(['download', orderNo, '--quiet'], { env, stdout: stdout.stream, stderr: stderr.stream, homeDir: home, cwd });
    assert.equal(code, 0, stderr.text());
    const expected = path.join(cwd, `${orderNo}.pdf`);
    assert.equal(stdout.text(), `${expected}\n`);
    assert.deepEqual(await readFile(expected), server.reportBytes);
    assert.deepEqual(await readdir(cwd), [`${orderNo}.pdf`], 'nothing else left behind');
  });

  it('an unknown command says "unknown command" and lists the commands, before asking for credentials', async () => {
    for (const environment of [env, {}]) {
      const { code, stderr } = await cli(['donwload', 'x'], environment);
      assert.equal(code, 2);
      assert.match(stderr, /^zhengxin-client: unknown command "donwload" \(commands: report, status, download, search, details, check, relation, monitor, batch, batch-info\)\nusage:/);
    }
  });

  it('exits 4 when the report fails, 3 on an API error (with the server message and request id)', async () => {
    const failed = await cli(['report', FAILING_KEY_NO, '--out', path.join(home, 'f.pdf')]);
    assert.equal(failed.code, 4);
    assert.match(failed.stderr, /failed/);

    const wrongSecret = await cli(['status', server.addOrder()], { ...env, ZHENGXIN_SECRET_KEY: 'x'.repeat(32) });
    assert.equal(wrongSecret.code, 3);
    assert.match(wrongSecret.stderr, /【无效请求】被禁止的IP或者签名错误 \(Status 107, signature_mismatch, request id req-\d+\)/);
  });

  it('exits 5 when the wait times out, naming the order so it can be picked up later', async () => {
    const slow = await FaultServer.start({ pendingPolls: Number.MAX_SAFE_INTEGER });
    try {
      const { code, stderr } = await cli(['report', '测试有限公司', '--timeout', '0.2', '--quiet'], { ...env, ZHENGXIN_KEY: slow.key, ZHENGXIN_SECRET_KEY: slow.secretKey, ZHENGXIN_BASE_URL: slow.url });
      assert.equal(code, 5);
      assert.match(stderr, /still pending.*zhengxin-client status [0-9a-f]{32}/);
    } finally {
      await slow.close();
    }
  });

  it('exits 6 when the server cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, stderr } = await cli(['status', server.addOrder(), '--retries', '0'], { ...env, ZHENGXIN_BASE_URL: `http://127.0.0.1:${port}` });
    assert.equal(code, 6);
    assert.match(stderr, /ECONNREFUSED/);
  });

  it('exits 7 when the file cannot be written, and names the order', async () => {
    const orderNo = server.addOrder();
    await cli(['status', orderNo]);
    const { code, stderr } = await cli(['download', orderNo, '--out', path.join(home, 'no-such-dir', 'r.pdf')]);
    assert.equal(code, 7);
    assert.match(stderr, /cannot write .*no-such-dir.*ENOENT/);
  });

  it('exits 2 on usage and configuration errors, naming what is missing', async () => {
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['report'])).code, 2);
    assert.equal((await cli(['report', 'x', '--format', 'html'])).code, 2);
    assert.equal((await cli(['report', 'x', '--bogus'])).code, 2);
    assert.equal((await cli(['download'])).code, 2);
    assert.equal((await cli(['status', 'x', '--retries', 'many'])).code, 2);
    assert.equal((await cli(['frobnicate', 'x'])).code, 2);
    const missing = await cli(['status', 'x'], { ZHENGXIN_BASE_URL: server.url });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing key \(ZHENGXIN_KEY\), secret key \(ZHENGXIN_SECRET_KEY\)/);
    assert.equal((await cli(['status', 'x', '--config', path.join(home, 'absent.json')])).code, 2);
    assert.equal((await cli(['--help'])).code, 0);
  });

  it('reads credentials from a config file, the environment taking precedence, and warns about a readable file', async () => {
    const file = path.join(home, 'client.json');
    await writeFile(file, JSON.stringify({ key: server.key, secretKey: server.secretKey, baseUrl: 'http://127.0.0.1:9' }));
    await chmod(file, 0o644);
    const { code, stdout, stderr } = await cli(['status', server.addOrder(), '--config', file], { ZHENGXIN_BASE_URL: server.url });
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'P\n');
    assert.match(stderr, /readable by other users; chmod 600/);

    // The default location, under XDG_CONFIG_HOME.
    const xdg = path.join(home, 'xdg');
    await rm(xdg, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(xdg, 'zhengxin'), { recursive: true }));
    await writeFile(path.join(xdg, 'zhengxin', 'client.json'), JSON.stringify({ key: server.key, secretKey: server.secretKey, baseUrl: server.url, pathStyle: 'open' }), { mode: 0o600 });
    const viaDefault = await cli(['status', server.addOrder()], { XDG_CONFIG_HOME: xdg });
    assert.equal(viaDefault.code, 0, viaDefault.stderr);
    assert.equal(viaDefault.stderr, '');
    assert.equal(server.requests.at(-1)!.path, '/Report/GetReportInfo');
  });

  it('runs as a process through its bin, with the documented exit codes', async () => {
    const bin = path.join(packageDir, 'bin', 'zhengxin-client.js');
    const ok = await runProcess(process.execPath, [bin, 'report', '测试有限公司', '--no-wait'], { cwd: home, env: { PATH: process.env.PATH, HOME: home, ...env } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^[0-9a-f]{32}\n$/);
    const usage = await runProcess(process.execPath, [bin, 'report'], { cwd: home, env: { PATH: process.env.PATH, HOME: home } });
    assert.equal(usage.code, 2);
  });

  it('stops on Ctrl-C with exit 130, naming the order that exists', async () => {
    const slow = await FaultServer.start({ pendingPolls: Number.MAX_SAFE_INTEGER });
    try {
      const bin = path.join(packageDir, 'bin', 'zhengxin-client.js');
      const child = spawn(process.execPath, [bin, 'report', '测试有限公司'], {
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, ZHENGXIN_KEY: slow.key, ZHENGXIN_SECRET_KEY: slow.secretKey, ZHENGXIN_BASE_URL: slow.url },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      // Interrupt once the order exists and the CLI is waiting.
      let interrupted = false;
      child.stderr.on('data', (text: string) => {
        stderr += text;
        // Once only: a second Ctrl-C kills the process at once, by design.
        if (!interrupted && stderr.includes('waiting for the report')) interrupted = child.kill('SIGINT');
      });
      const [code] = (await once(child, 'close')) as [number];
      assert.equal(code, 130);
      const orderNo = slow.requestsTo('GetReportInfo')[0]?.params.orderNo ?? '(none)';
      assert.match(stderr, new RegExp(`interrupted; order ${orderNo} exists`));
    } finally {
      await slow.close();
    }
  });

  it('is linked as `npx zhengxin-client` at the repository root (npm workspaces)', async () => {
    const linked = path.join(repositoryRoot, 'node_modules', '.bin', 'zhengxin-client');
    const { code, stdout, stderr } = await runProcess(linked, ['--version'], { cwd: repositoryRoot, env: { PATH: process.env.PATH, HOME: home } });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
